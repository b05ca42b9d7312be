from odoo import fields, models

from .gov_supervision_item import LIGHTS


class GovSupervisionPart(models.Model):
    """The part of one unit in an item: the lead unit (牵头) or a co-unit (协办), with its responsible
    person, its deadline and its light (R33.1)."""

    _name = "gov.supervision.part"
    _description = "Unit's Part of a Supervision Item"
    _order = "item_id, is_lead desc, id"

    item_id = fields.Many2one("gov.supervision.item", required=True, index=True, ondelete="cascade")
    department_id = fields.Many2one("hr.department", string="Unit", required=True, index=True)
    is_lead = fields.Boolean(string="Lead Unit", index=True)
    responsible_id = fields.Many2one("res.users", index=True)
    description = fields.Text(string="Its Part")
    deadline = fields.Date(index=True)
    state = fields.Selection([("open", "Open"), ("done", "Done")], default="open", required=True, index=True)
    light = fields.Selection(LIGHTS, default="green", required=True, index=True)
    contribution = fields.Html()
