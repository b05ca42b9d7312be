from odoo import fields, models
from odoo.exceptions import UserError

TOPIC_STATES = [
    ("draft", "Draft"),
    ("consulting", "Consulting Units"),
    ("review", "Under Review"),
    ("returned", "Returned"),
    ("rejected", "Rejected"),
    ("pool", "In the Topic Pool"),
    ("scheduled", "On an Agenda"),
    ("decided", "Decided"),
    ("cancelled", "Withdrawn"),
]


class GovMeetingTopic(models.Model):
    """A topic (议题) a unit proposes for a meeting type. It goes through the engine: consultation of
    the units concerned (R27.5, R24.2), review by the deputy in charge (R22.2), the office's
    admissibility check (R24.1), fixed by the head or the Party group's secretary; then it waits
    in the type's topic pool (议题库) until a meeting takes it."""

    _name = "gov.meeting.topic"
    _description = "Agenda Topic"
    _inherit = ["gov.signoff.mixin", "gov.typed.form.mixin"]
    _order = "id desc"
    _gov_state_field = "state"
    _gov_state_to = {"consulting": "consulting", "pending": "review", "approved": "pool", "rejected": "rejected",
                     "returned": "returned", "draft": "draft", "lapsed": "cancelled"}
    _gov_locked_states = ("consulting", "review", "pool", "scheduled", "decided", "cancelled")
    _gov_area_field = "area_id"
    _gov_department_field = "department_id"
    _gov_author_fields = ("author_id",)
    _gov_consult_field = "consult_department_ids"
    _mail_post_access = "write"

    name = fields.Char(string="Title", required=True, tracking=True)
    meeting_type_id = fields.Many2one("gov.meeting.type", string="For Meeting Type", required=True, index=True,
                                      tracking=True, ondelete="restrict")
    meeting_kind = fields.Selection(related="meeting_type_id.kind", store=True, index=True)
    type_id = fields.Many2one("gov.meeting.topic.type", string="Topic Type", index=True, tracking=True,
                              ondelete="restrict")
    properties = fields.Properties(definition="type_id.properties_definition", copy=True)
    state = fields.Selection(TOPIC_STATES, default="draft", required=True, index=True, tracking=True, copy=False,
                             group_expand=True)
    department_id = fields.Many2one("hr.department", string="Proposing Unit", index=True, tracking=True,
                                    default=lambda self: self.env.user.employee_id.department_id)
    area_id = fields.Many2one("gov.area", string="Subject Area", index=True, tracking=True)
    author_id = fields.Many2one("res.users", string="Proposed by", required=True, index=True, readonly=True,
                                copy=False, default=lambda self: self.env.user)
    background = fields.Html()
    proposal = fields.Html(string="Proposal (明确意见)")
    consult_department_ids = fields.Many2many("hr.department", "gov_meeting_topic_consult_rel", "topic_id",
                                              "department_id", string="Units Concerned")
    attendee_department_ids = fields.Many2many("hr.department", "gov_meeting_topic_attendee_rel", "topic_id",
                                               "department_id", string="Units Attending (列席)")
    attachment_ids = fields.Many2many("ir.attachment", string="Papers")
    major_decision = fields.Boolean(related="type_id.major_decision", store=True)
    affects_public = fields.Boolean(string="Affects the Public", tracking=True,
                                    help="Needs a hearing or an argument meeting on record (R11.2).")
    report_to_party_committee = fields.Boolean(string="Report to 区委", tracking=True, help="R8.1")
    agenda_line_ids = fields.One2many("gov.meeting.agenda.line", "topic_id", string="Agenda Entries")
    meeting_id = fields.Many2one("gov.meeting", index=True, copy=False, readonly=True,
                                 help="The meeting whose agenda has the topic now.")

    # minimal until the topics part lands with the full check (R24.2 agreed opinion and the rest)
    def _check_agenda_ready(self, meeting):
        """Raise a UserError when this topic may not be on ``meeting``'s agenda: another type's topic, not in
        the pool, on another meeting (R22.2), or without papers on a locked agenda (R22.3)."""
        self.ensure_one()
        if self.meeting_type_id != meeting.type_id:
            raise UserError(self.env._("“%(topic)s” is a topic for %(type)s, not for “%(meeting)s”.",
                                       topic=self.name, type=self.meeting_type_id.name, meeting=meeting.name))
        if self.meeting_id and self.meeting_id != meeting:
            raise UserError(self.env._("“%(topic)s” is already on the agenda of “%(other)s”: a topic goes to one "
                                       "meeting at a time (R22.2).", topic=self.name, other=self.meeting_id.name))
        if not self.meeting_id and self.state != "pool":
            raise UserError(self.env._("“%s” is not in the topic pool: only a fixed topic goes on an agenda.",
                                       self.name))
        if meeting.state != "planned" and not self.attachment_ids:
            raise UserError(self.env._("“%s” has no papers: a topic without papers cannot be on a locked agenda "
                                       "(R22.3).", self.name))
