from odoo import api, fields, models
from odoo.exceptions import UserError

ATTENDANCE = [
    ("invited", "Invited"),
    ("present", "Present"),
    ("leave", "On Leave"),
    ("absent", "Absent"),
    ("substitute", "Substituted"),
]
# recorded by the office at the meeting (R25.1); "leave" and "substitute" follow a granted leave request
RECORDED_ATTENDANCE = ("present", "absent", "leave", "substitute")


class GovMeetingAttendee(models.Model):
    """A participant of a meeting: a member, the chair, someone ex officio or a unit attending a topic
    (列席); his attendance (R25.1) and when he read the papers (R22.3)."""

    _name = "gov.meeting.attendee"
    _description = "Meeting Participant"
    _order = "meeting_id, sequence, id"

    meeting_id = fields.Many2one("gov.meeting", required=True, index=True, ondelete="cascade")
    user_id = fields.Many2one("res.users", string="Participant", required=True, index=True)
    sequence = fields.Integer(default=10)
    role = fields.Selection([("chair", "Chair"), ("member", "Member"), ("ex_officio", "Ex Officio"),
                             ("attending", "Attending (列席)"), ("substitute", "Substitute (代会)")],
                            required=True, default="member")
    attendance = fields.Selection(ATTENDANCE, required=True, default="invited", index=True)
    substitute_id = fields.Many2one("res.users", string="Substitute (代会)")
    papers_read_on = fields.Datetime(string="Papers Read", readonly=True, index=True)
    # the participant a substitute stands in for (代会), set when his leave is granted
    substitute_for_id = fields.Many2one("gov.meeting.attendee", string="Stands in for", readonly=True,
                                        index="btree_not_null", ondelete="set null")
    meeting_start = fields.Datetime(related="meeting_id.start", store=True, index=True, string="Meeting Start")
    meeting_state = fields.Selection(related="meeting_id.state", string="Meeting Status")
    papers_delivered_on = fields.Datetime(string="Papers Delivered", readonly=True, index="btree_not_null")
    paper_read_ids = fields.One2many("gov.meeting.paper.read", "attendee_id", string="Papers")
    leave_ids = fields.One2many("gov.meeting.leave", "attendee_id", string="Leave Requests")
    paper_count = fields.Integer(string="Papers Delivered Count", compute="_compute_paper_counts")
    paper_unread_count = fields.Integer(string="Papers Not Read", compute="_compute_paper_counts")
    attendance_open = fields.Boolean(related="meeting_id.attendance_open")

    _meeting_user_unique = models.Constraint("unique(meeting_id, user_id)", "This person is already a participant.")

    def _compute_paper_counts(self):
        # one grouped query for the whole list, not one per participant
        Read = self.env["gov.meeting.paper.read"].sudo()  # sudo: counts only, for whoever sees the participants
        total = dict(Read._read_group([("attendee_id", "in", self.ids)], ["attendee_id"], ["__count"]))
        unread = dict(Read._read_group([("attendee_id", "in", self.ids), ("read_on", "=", False)], ["attendee_id"],
                                       ["__count"]))
        for attendee in self:
            attendee.paper_count = total.get(attendee, 0)
            attendee.paper_unread_count = unread.get(attendee, 0)

    def write(self, vals):
        if "attendance" in vals and not self.env.su:
            self._check_attendance_recordable(vals["attendance"])
        return super().write(vals)

    def _check_attendance_recordable(self, attendance):
        """The office records attendance at the meeting (R25.1): once it has started or is held."""
        if not self.env.user.has_group("gov_rules.group_gov_office"):
            raise UserError(self.env._("Only the office records who attended a meeting."))
        if attendance not in RECORDED_ATTENDANCE:
            raise UserError(self.env._("Attendance is recorded as present, on leave, absent or substituted."))
        waiting = self.meeting_id.filtered(lambda meeting: not meeting.attendance_open)
        if waiting:
            raise UserError(self.env._(
                "Attendance is recorded at the meeting: %(meeting)s has not started yet.",
                meeting=waiting[0].display_name))

    @api.model
    def _papers_to_read_domain(self):
        return [("user_id", "=", self.env.uid), ("papers_delivered_on", "!=", False), ("papers_read_on", "=", False)]
