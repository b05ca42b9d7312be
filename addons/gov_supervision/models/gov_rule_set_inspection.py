from odoo import fields, models


class GovRuleSet(models.Model):
    """What the rules say of an inspection that duplicates another one (R34.1)."""

    _inherit = "gov.rule.set"

    inspection_duplicates = fields.Selection(
        [("refuse", "Refused"), ("approve", "Needs approval")], string="Duplicate Inspections",
        default="refuse", required=True,
        help="An inspection of the same target unit and subject whose period overlaps one planned or held "
             "by any unit (R34.1): refused outright, or allowed only through the route for duplicates.")
