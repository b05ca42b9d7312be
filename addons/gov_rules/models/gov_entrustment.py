from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GovEntrustment(models.Model):
    """The head entrusts (委托) a deputy with an area or a special task (R5.2)."""

    _name = "gov.entrustment"
    _description = "Entrustment by the Head"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"

    name = fields.Char(string="Task", required=True)
    area_id = fields.Many2one("gov.area", string="Subject Area", index=True)
    position_id = fields.Many2one("gov.position", string="Entrusted Deputy", required=True,
                                  domain=[("role", "in", ("executive_deputy", "deputy"))])
    date_from = fields.Date(required=True, default=fields.Date.context_today)
    date_to = fields.Date(help="Leave empty for an open-ended entrustment.")
    note = fields.Text()

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for entrustment in self:
            if entrustment.date_to and entrustment.date_to < entrustment.date_from:
                raise ValidationError(self.env._("The entrustment ends before it starts."))

    def _covers(self, on_date):
        self.ensure_one()
        return self.date_from <= on_date and (not self.date_to or on_date <= self.date_to)
