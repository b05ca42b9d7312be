from odoo import api, fields, models

from ..lib.district_time import district_today


class GovDocumentIssue(models.TransientModel):
    """The office confirms the issue of a signed document, seeing the number it will get."""

    _name = "gov.document.issue"
    _description = "Issue a Document"

    document_id = fields.Many2one("gov.document", required=True, readonly=True, ondelete="cascade")
    issue_date = fields.Date(compute="_compute_number")
    number = fields.Char(string="Number It Gets", compute="_compute_number",
                         help="The next free number of the authority's yearly sequence; it is taken only on issue.")

    @api.depends("document_id")
    def _compute_number(self):
        today = district_today(self)
        for wizard in self:
            wizard.issue_date = today
            wizard.number = wizard.document_id.authority_id._preview_number(today) if wizard.document_id else False

    def action_confirm(self):
        self.ensure_one()
        self.document_id.action_issue()
        return {"type": "ir.actions.act_window_close"}
