from odoo import api, fields, models
from odoo.exceptions import ValidationError

MEETING_KINDS = [
    ("plenary", "Plenary meeting (全体会议)"),
    ("party_group", "Party group meeting (党组会议)"),
    ("executive", "Executive meeting (常务会议)"),
    ("special", "Special-topic meeting (专题会议)"),
]
# who chairs, fixes topics or convenes: a position role, or any leader (special-topic meetings, R23.1)
LEADER_CHOICES = [
    ("head", "District head"),
    ("executive_deputy", "Executive deputy head"),
    ("party_secretary", "Party group secretary"),
    ("any_leader", "Any leader"),
]


class GovMeetingType(models.Model):
    """A kind of meeting and its rules (R19.1–R23.1): members, who chairs and fixes its topics,
    how often it meets, who attends ex officio. The four Dongchang types ship as data; an
    administrator changes them or adds others in the web client.

    Members, ex officio attendees and proposers are lines (gov.meeting.type.role): a position role
    (whoever holds it: the head, every deputy, every unit principal …), a named position or a named
    user, so that the types do not depend on who holds which position today."""

    _name = "gov.meeting.type"
    _description = "Meeting Type"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, index=True, help="How the rules and the matrix rows refer to it.")
    kind = fields.Selection(MEETING_KINDS, required=True, default="special", index=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    rule_ref = fields.Char(string="Rule")
    note = fields.Html()
    # members, ex officio attendees, proposers (R20.1, R21.1, R22.1, R22.2): by role, position or user
    participant_ids = fields.One2many("gov.meeting.type.role", "type_id", string="Participants", copy=True)
    member_line_ids = fields.One2many("gov.meeting.type.role", "type_id", string="Members",
                                      domain=[("function", "=", "member")])
    attendee_line_ids = fields.One2many("gov.meeting.type.role", "type_id", string="Attend Ex Officio",
                                        domain=[("function", "=", "ex_officio")])
    proposer_line_ids = fields.One2many("gov.meeting.type.role", "type_id", string="Propose Topics",
                                        domain=[("function", "=", "proposer")])
    chair_role = fields.Selection(LEADER_CHOICES, string="Chaired by", required=True, default="head", tracking=True)
    delegate_chair_role = fields.Selection(LEADER_CHOICES, string="Or by Delegation",
                                           help="Who may convene and chair it when the chair delegates (R20.1).")
    fixer_role = fields.Selection([("head", "District head"), ("party_secretary", "Party group secretary"),
                                   ("area_leader", "Leader in charge")],
                                  string="Topics Fixed by", required=True, default="head", tracking=True)
    # units propose through their leader in charge, who reviews the topic (R22.2)
    units_may_propose = fields.Boolean(string="Units Propose Through Their Leader", default=True, tracking=True)
    # a topic on which the units concerned disagree goes first to a special-topic meeting (R24.2)
    needs_agreed_opinion = fields.Boolean(string="Topics Need an Agreed Opinion", default=True)
    # cadence (R20.1): at least ``cadence_min`` meetings every ``cadence_months`` months, at most ``cadence_max``
    cadence_months = fields.Integer(string="Every (Months)", default=0, help="0: no cadence.")
    cadence_min = fields.Integer(string="At Least", default=1)
    cadence_max = fields.Integer(string="At Most", default=0, help="0: no upper limit.")
    topic_count = fields.Integer(string="Topics in the Pool", compute="_compute_topic_count")

    _code_unique = models.Constraint("unique(code)", "Another meeting type has this code.")

    @api.constrains("cadence_months", "cadence_min", "cadence_max")
    def _check_cadence(self):
        for meeting_type in self:
            if min(meeting_type.cadence_months, meeting_type.cadence_min, meeting_type.cadence_max) < 0:
                raise ValidationError(self.env._("The cadence of “%s” cannot be negative.", meeting_type.name))
            if meeting_type.cadence_max and meeting_type.cadence_max < meeting_type.cadence_min:
                raise ValidationError(self.env._(
                    "“%(type)s” meets at most %(max)s times but at least %(min)s times: the upper limit is too low.",
                    type=meeting_type.name, max=meeting_type.cadence_max, min=meeting_type.cadence_min))

    def _compute_topic_count(self):
        counts = dict(self.env["gov.meeting.topic"]._read_group(
            [("meeting_type_id", "in", self.ids), ("state", "=", "pool")], ["meeting_type_id"], ["__count"]))
        for meeting_type in self:
            meeting_type.topic_count = counts.get(meeting_type, 0)

    # ------------------------------------------------------------------
    # Who takes part (called by the meetings: attendees of each meeting of the type)
    # ------------------------------------------------------------------
    def _member_users(self):
        """The members of the type today (R20.1, R21.1, R22.1): holders of its roles and positions, its users."""
        return self.participant_ids.filtered(lambda line: line.function == "member")._users()

    def _ex_officio_users(self):
        """Who attends every meeting of the type ex officio (R22.1), members excepted."""
        return self.participant_ids.filtered(lambda line: line.function == "ex_officio")._users() \
            - self._member_users()

    def _proposer_users(self):
        """Who proposes topics of the type in his own name (R21.1, R22.2)."""
        return self.participant_ids.filtered(lambda line: line.function == "proposer")._users()

    def action_topic_pool(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_meetings.action_gov_meeting_topic_pool")
        action["domain"] = [("meeting_type_id", "=", self.id), ("state", "=", "pool")]
        action["context"] = {"default_meeting_type_id": self.id}
        return action
