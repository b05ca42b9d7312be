from odoo import fields, models

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
    administrator changes them or adds others in the web client."""

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
    # members (R20.1, R21.1, R22.1): positions (whoever holds them) and named users
    member_position_ids = fields.Many2many("gov.position", "gov_meeting_type_member_rel", "type_id", "position_id",
                                           string="Member Positions")
    member_user_ids = fields.Many2many("res.users", "gov_meeting_type_member_user_rel", "type_id", "user_id",
                                       string="Other Members")
    # attend the whole meeting ex officio, added to each meeting automatically (R22.1)
    attendee_position_ids = fields.Many2many("gov.position", "gov_meeting_type_attendee_rel", "type_id",
                                             "position_id", string="Attend Ex Officio")
    chair_role = fields.Selection(LEADER_CHOICES, string="Chaired by", required=True, default="head", tracking=True)
    delegate_chair_role = fields.Selection(LEADER_CHOICES, string="Or by Delegation",
                                           help="Who may convene and chair it when the chair delegates (R20.1).")
    fixer_role = fields.Selection([("head", "District head"), ("party_secretary", "Party group secretary")],
                                  string="Topics Fixed by", required=True, default="head", tracking=True)
    # who may propose a topic (R21.1, R22.2): these positions; and units through their leader in charge
    proposer_position_ids = fields.Many2many("gov.position", "gov_meeting_type_proposer_rel", "type_id",
                                             "position_id", string="Propose Topics")
    units_may_propose = fields.Boolean(string="Units Propose Through Their Leader", default=True)
    # a topic on which the units concerned disagree goes first to a special-topic meeting (R24.2)
    needs_agreed_opinion = fields.Boolean(string="Topics Need an Agreed Opinion", default=True)
    # cadence (R20.1): at least ``cadence_min`` meetings every ``cadence_months`` months, at most ``cadence_max``
    cadence_months = fields.Integer(string="Every (Months)", default=0, help="0: no cadence.")
    cadence_min = fields.Integer(string="At Least", default=1)
    cadence_max = fields.Integer(string="At Most", default=0, help="0: no upper limit.")

    _code_unique = models.Constraint("unique(code)", "Another meeting type has this code.")
