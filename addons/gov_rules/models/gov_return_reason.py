from odoo import api, fields, models

from ..lib.checks import check_not_blank


class GovReturnReason(models.Model):
    """A standard reason for returning a document to its drafter (R27.1): a matter within the unit's
    own powers, a submission to several bodies at once, a skipped level. The office chooses one when it
    returns a document; the drafter reads it and the guidance on the form and in the decision log."""

    _name = "gov.return.reason"
    _description = "Return Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    office_only = fields.Boolean(default=True,
                                 help="Only the office returns a document for this reason.")
    guidance = fields.Text(translate=True, help="What the drafter does now; shown on the returned document.")
    rule_ref = fields.Char(string="Rule")

    @api.constrains("name")
    def _check_name(self):
        check_not_blank(self, "name")
