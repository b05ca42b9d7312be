from odoo import fields, models
from odoo.addons.gov_rules.lib.district_time import district_today

from .gov_suggestion import SATISFACTION


class GovSuggestionReply(models.Model):
    """The reply of one round to a suggestion or proposal, as the route approved it, with the proposer's
    satisfaction; every round is kept (R14.1). A disclosed reply shows on the public page (主动公开)."""

    _name = "gov.suggestion.reply"
    _description = "Reply to a Suggestion or Proposal"
    _order = "date desc, id desc"

    suggestion_id = fields.Many2one("gov.suggestion", required=True, index=True, ondelete="cascade", readonly=True)
    name = fields.Char(related="suggestion_id.name", string="Subject")
    kind = fields.Selection(related="suggestion_id.kind", store=True, index=True)
    session = fields.Char(related="suggestion_id.session", store=True, index=True)
    number = fields.Char(related="suggestion_id.number")
    lead_department_id = fields.Many2one(related="suggestion_id.lead_department_id", string="Lead Unit")
    round = fields.Integer(required=True, readonly=True)
    text = fields.Html(string="Reply", readonly=True)
    date = fields.Date(required=True, index=True, readonly=True)
    attachment_ids = fields.Many2many("ir.attachment", "gov_suggestion_reply_ir_attachment_rel", "reply_id",
                                      "attachment_id", string="Attachments", readonly=True)
    satisfaction = fields.Selection(SATISFACTION, string="Proposer's Satisfaction", readonly=True, index=True)
    disclosed = fields.Boolean(string="Publicly Disclosed", readonly=True, index=True)
    disclosed_on = fields.Date(readonly=True)

    def _gov_disclose(self):
        """Publish these replies: the public page lists them and anyone may open their attachments."""
        # sudo: the system publishes what the office disclosed (the replies and their files are its record)
        self.sudo().write({"disclosed": True, "disclosed_on": district_today(self)})
        self.sudo().attachment_ids.write({"public": True})
