from odoo import fields, models


class GovDocument(models.Model):
    """A document a meeting decided to issue (R22.4): its time limit runs from the meeting until it is
    issued, through drafting, returns and signature, reminded and escalated by the limit's ladder."""

    _inherit = "gov.document"

    meeting_decision_id = fields.Many2one("gov.meeting.decision", readonly=True,
                                          copy=False, index="btree_not_null", ondelete="set null")

    def _gov_signoff_protected_fields(self):
        return super()._gov_signoff_protected_fields() | {"meeting_decision_id"}

    def _gov_signoff_on_state(self, state):
        result = super()._gov_signoff_on_state(state)
        # the issue limit is not the approval's: it runs on until the document is issued or cancelled
        if self.meeting_decision_id and self.deadline_policy_id and self.state not in ("issued", "cancelled") \
                and not self.deadline_open:
            self._gov_signoff_write({"deadline_open": True})
        return result

    def action_issue(self):
        result = super().action_issue()
        issued = self.filtered(lambda document: document.meeting_decision_id and document.deadline_open)
        if issued:
            issued._gov_signoff_write({"deadline_open": False})
            issued._gov_close_deadline_activities()
        return result
