from odoo import fields, models

CHECKLIST_KINDS = [
    ("attachment", "Required attachment"),
    ("procedure", "Procedure step"),
    ("confirmation", "Confirmed by the office"),
]


class GovChecklistTemplate(models.Model):
    """A line of a form's checklist, copied onto each item of that type."""

    _name = "gov.checklist.template"
    _description = "Checklist Line"
    _order = "sequence, id"

    type_id = fields.Many2one("gov.document.type", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(CHECKLIST_KINDS, required=True, default="procedure")
    required = fields.Boolean(default=True)
    reviewer_role = fields.Selection(
        [("legal_adviser", "The legal adviser")], string="Done By",
        help="Only the holder of this position may record the line as done (R11.4: legality reviews).")
    rule_ref = fields.Char(string="Rule")
    help_text = fields.Char(string="Hint", translate=True)
