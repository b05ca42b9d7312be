from odoo import fields, models

ATTENDANCE = [
    ("invited", "Invited"),
    ("present", "Present"),
    ("leave", "On Leave"),
    ("absent", "Absent"),
    ("substitute", "Substituted"),
]


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
                             ("attending", "Attending (列席)")], required=True, default="member")
    attendance = fields.Selection(ATTENDANCE, required=True, default="invited", index=True)
    substitute_id = fields.Many2one("res.users", string="Substitute (代会)")
    papers_read_on = fields.Datetime(string="Papers Read", readonly=True, index=True)

    _meeting_user_unique = models.Constraint("unique(meeting_id, user_id)", "This person is already a participant.")
