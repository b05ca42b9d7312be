from odoo import api, fields, models
from odoo.exceptions import ValidationError

CHECKLIST_KINDS = [
    ("attachment", "Required attachment"),
    ("procedure", "Procedure step"),
    ("confirmation", "Confirmed by the office"),
]


class GovChecklistTemplate(models.Model):
    """A line of a type's checklist, copied onto each item of that type (gov.checklist.mixin).

    Types are of several models (a document type, a request type …): a line names its type by the field
    of that type's model; each such model adds its own field and names it in ``_type_fields``.
    """

    _name = "gov.checklist.template"
    _description = "Checklist Line"
    _order = "sequence, id"

    type_id = fields.Many2one("gov.document.type", string="Document Type", ondelete="cascade", index=True)
    request_type_id = fields.Many2one("gov.request.type", ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    kind = fields.Selection(CHECKLIST_KINDS, required=True, default="procedure")
    required = fields.Boolean(default=True)
    reviewer_role = fields.Selection(
        [("legal_adviser", "The legal adviser")], string="Done By",
        help="Only the holder of this position may record the line as done (R11.4: legality reviews).")
    rule_ref = fields.Char(string="Rule")
    help_text = fields.Char(string="Hint", translate=True)

    @api.model
    def _type_fields(self):
        """The fields naming the type a line belongs to, one per model of types."""
        return ["type_id", "request_type_id"]

    @api.constrains(lambda self: self._type_fields())
    def _check_one_type(self):
        for template in self:
            if len([name for name in self._type_fields() if template[name]]) != 1:
                raise ValidationError(self.env._("A checklist line belongs to one type: choose it."))
