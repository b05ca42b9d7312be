from odoo import fields, models
from odoo.exceptions import UserError

MEETING_STATES = [
    ("planned", "Planned"),
    ("agenda_review", "Agenda Under Approval"),
    ("agenda_approved", "Agenda Approved"),
    ("papers_sent", "Papers Sent"),
    ("held", "Held"),
    ("minutes", "Minutes"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]


class GovMeeting(models.Model):
    """A meeting the office plans from a type's topic pool: its time, room, chair and agenda. The head
    approves the agenda through the engine (R22.2); once approved it is locked. It is a calendar
    event in every participant's calendar."""

    _name = "gov.meeting"
    _description = "Meeting"
    _inherit = ["gov.signoff.mixin"]
    _order = "start desc, id desc"
    _gov_state_field = "state"
    _gov_state_to = {"consulting": "agenda_review", "pending": "agenda_review", "approved": "agenda_approved",
                     "rejected": "planned", "returned": "planned", "draft": "planned", "lapsed": "cancelled"}
    _gov_locked_states = ("agenda_review", "agenda_approved", "papers_sent", "held", "minutes", "closed",
                          "cancelled")
    _gov_department_field = "department_id"
    _gov_author_fields = ("organiser_id",)

    name = fields.Char(required=True, tracking=True)
    type_id = fields.Many2one("gov.meeting.type", string="Meeting Type", required=True, index=True, tracking=True,
                              ondelete="restrict")
    kind = fields.Selection(related="type_id.kind", store=True, index=True)
    state = fields.Selection(MEETING_STATES, default="planned", required=True, index=True, tracking=True,
                             copy=False, group_expand=True)
    start = fields.Datetime(required=True, index=True, tracking=True)
    stop = fields.Datetime(string="End", required=True, index=True, tracking=True)
    room_id = fields.Many2one("gov.meeting.room", index=True, tracking=True, ondelete="restrict")
    chair_id = fields.Many2one("res.users", index=True, tracking=True)
    # a special-topic meeting the head delegated to a deputy: its minutes are signed by him (R23.1)
    delegated_by_id = fields.Many2one("res.users", string="Delegated by", index=True, tracking=True)
    department_id = fields.Many2one("hr.department", string="Organising Unit", index=True,
                                    default=lambda self: self.env.user.employee_id.department_id)
    organiser_id = fields.Many2one("res.users", string="Organised by", required=True, index=True, readonly=True,
                                   copy=False, default=lambda self: self.env.user)
    agenda_line_ids = fields.One2many("gov.meeting.agenda.line", "meeting_id", string="Agenda", copy=False)
    attendee_ids = fields.One2many("gov.meeting.attendee", "meeting_id", string="Participants", copy=False)
    calendar_event_id = fields.Many2one("calendar.event", readonly=True, copy=False,
                                        ondelete="set null", index="btree_not_null")
    minutes_ids = fields.One2many("gov.meeting.minutes", "meeting_id")

    # ------------------------------------------------------------------
    # Papers (R22.3). Minimal until the meetings' own version lands: the office sends the papers of
    # an approved agenda; _deliver_papers is the hook the attendance part overrides.
    # ------------------------------------------------------------------
    def action_send_papers(self):
        if not self.env.user.has_group("gov_rules.group_gov_office"):
            raise UserError(self.env._("Only the office sends the papers of a meeting."))
        if self.filtered(lambda meeting: meeting.state != "agenda_approved"):
            raise UserError(self.env._("The papers are sent once the agenda is approved."))
        # sudo: the workflow moves the locked meeting on
        self.sudo().write({"state": "papers_sent"})
        self._deliver_papers()
        return True

    def _deliver_papers(self):
        """Deliver the agenda's papers to the participants (a hook: the attendance part does it)."""
