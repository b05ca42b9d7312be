from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GovSupervisionCadence(models.Model):
    """How often an item's units report their progress (weekly, monthly …): data an administrator edits."""

    _name = "gov.supervision.cadence"
    _description = "Progress Report Cadence"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    interval = fields.Integer(required=True, default=1)
    unit = fields.Selection([("day", "Days"), ("week", "Weeks"), ("month", "Months")], required=True,
                            default="week")
    active = fields.Boolean(default=True)

    @api.constrains("interval")
    def _check_interval(self):
        for cadence in self:
            if cadence.interval < 1:
                raise ValidationError(self.env._("A report cadence repeats after at least one day, week or month."))

    def _next_date(self, base):
        self.ensure_one()
        return base + relativedelta(**{f"{self.unit}s": self.interval})
