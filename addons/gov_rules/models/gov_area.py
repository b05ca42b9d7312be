from odoo import fields, models


class GovArea(models.Model):
    """A subject area (分管领域): the deputy in charge and the office's deputy director for it (R5.1)."""

    _name = "gov.area"
    _description = "Subject Area"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(index=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    leader_position_id = fields.Many2one("gov.position", string="Deputy in Charge", tracking=True,
                                         domain=[("role", "in", ("head", "executive_deputy", "deputy"))])
    office_position_id = fields.Many2one("gov.position", string="Office Deputy Director in Charge", tracking=True,
                                         domain=[("role", "=", "office_deputy_director")])
    department_ids = fields.One2many("hr.department", "gov_area_id", string="Units")
    entrustment_ids = fields.One2many("gov.entrustment", "area_id", string="Entrustments")

    _code_uniq = models.Constraint("UNIQUE(code)", "The code of a subject area must be unique.")

    def _leader_position(self, on_date):
        """The position in charge of the area on ``on_date``: a deputy entrusted with the whole area
        first (R5.2); an entrustment naming items is a task for those items only."""
        self.ensure_one()
        entrusted = self.entrustment_ids.filtered(lambda e: not e.item_ids and e._covers(on_date))[:1]
        return entrusted.position_id or self.leader_position_id
