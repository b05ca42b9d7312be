from odoo import api, fields, models
from odoo.addons.gov_rules.lib.checks import check_not_blank


class GovInspectionSubject(models.Model):
    """What an inspection looks into (督查事项), from a list the supervision office keeps: two
    inspections are compared on it, never on free text (R34.1)."""

    _name = "gov.inspection.subject"
    _description = "Inspection Subject"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(index=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    note = fields.Text()

    _code_uniq = models.Constraint("UNIQUE(code)", "Another inspection subject has this code.")

    @api.constrains("name")
    def _check_name(self):
        check_not_blank(self, "name")
