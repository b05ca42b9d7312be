from odoo import fields, models

MINUTES_STATES = [
    ("draft", "Draft"),
    ("review", "Checking and Signing"),
    ("returned", "Returned"),
    ("signed", "Signed"),
]


class GovMeetingMinutes(models.Model):
    """The minutes (纪要) of a meeting: one decision per topic. They are checked and signed through the
    engine by the meeting type's rule (R21.2, R22.3, R23.1), then locked."""

    _name = "gov.meeting.minutes"
    _description = "Meeting Minutes"
    _inherit = ["gov.signoff.mixin"]
    _order = "id desc"
    _gov_state_field = "state"
    _gov_state_to = {"consulting": "review", "pending": "review", "approved": "signed", "rejected": "returned",
                     "returned": "returned", "draft": "draft", "lapsed": "draft"}
    _gov_locked_states = ("review", "signed")
    _gov_department_field = "department_id"
    _gov_author_fields = ("author_id",)

    name = fields.Char(required=True, tracking=True)
    meeting_id = fields.Many2one("gov.meeting", required=True, index=True, ondelete="restrict", tracking=True)
    meeting_type_id = fields.Many2one(related="meeting_id.type_id", store=True, index=True)
    kind = fields.Selection(related="meeting_id.kind", store=True, index=True)
    state = fields.Selection(MINUTES_STATES, default="draft", required=True, index=True, tracking=True, copy=False)
    department_id = fields.Many2one("hr.department", string="Drafting Unit", index=True,
                                    default=lambda self: self.env.user.employee_id.department_id)
    author_id = fields.Many2one("res.users", string="Drafted by", required=True, index=True, readonly=True,
                                copy=False, default=lambda self: self.env.user)
    body = fields.Html()
    decision_ids = fields.One2many("gov.meeting.decision", "minutes_id", string="Meeting Decisions")
