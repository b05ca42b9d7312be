from odoo import api, fields, models
from odoo.addons.gov_rules.lib.checks import check_not_blank
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html2plaintext

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
# the proposing unit changes its topic in these states only (the record rules say so too)
EDITABLE_STATES = ("draft", "returned")
# what the rule of a checklist line says when it records the hearing or argument meeting (R11.2)
HEARING_RULE = "R11.2"


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
    _gov_return_reason_field = "return_reason_id"
    _gov_consult_field = "consult_department_ids"
    _gov_protected_fields = ("meeting_id", "units_disagree", "agreed_decision_id", "return_reason_id")
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
    # R24.2: a unit concerned objected; the topic waits for a special-topic meeting's agreed opinion
    units_disagree = fields.Boolean(readonly=True, copy=False, index=True, tracking=True,
                                    help="A unit concerned objected (R24.2): the topic goes to a plenary, Party "
                                         "group or executive meeting only once a special-topic meeting recorded "
                                         "an agreed opinion.")
    agreed_decision_id = fields.Many2one("gov.meeting.decision", string="Agreed Opinion", readonly=True,
                                         copy=False, index="btree_not_null", tracking=True, ondelete="restrict",
                                         help="The special-topic meeting's decision that coordinated the units "
                                              "(R24.2).")
    needs_coordination = fields.Boolean(compute="_compute_needs_coordination",
                                        search="_search_needs_coordination",
                                        help="The units disagree and no agreed opinion is on record yet (R24.2).")
    # R24.1: why the office returned it (the last reason), for the form and the reports
    return_reason_id = fields.Many2one("gov.return.reason", string="Returned Because", readonly=True, copy=False,
                                       index="btree_not_null")
    return_guidance = fields.Text(related="return_reason_id.guidance", string="What to Do")
    can_submit = fields.Boolean(compute="_compute_can_submit")
    in_my_unit = fields.Boolean(string="My Unit's", compute="_compute_in_my_unit", search="_search_in_my_unit")

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------
    @api.depends("units_disagree", "agreed_decision_id")
    def _compute_needs_coordination(self):
        for topic in self:
            topic.needs_coordination = topic.units_disagree and not topic.agreed_decision_id

    def _search_needs_coordination(self, operator, value):
        if operator != "in":
            return NotImplemented
        domain = [("units_disagree", "=", True), ("agreed_decision_id", "=", False)]
        return domain if True in value else ["!", *domain]

    @api.depends_context("uid")
    @api.depends("state", "author_id", "department_id")
    def _compute_can_submit(self):
        for topic in self:
            topic.can_submit = bool(topic.id) and topic.state in EDITABLE_STATES and topic._may_edit()

    @api.depends_context("uid")
    @api.depends("department_id")
    def _compute_in_my_unit(self):
        # sudo: a user's own units, whatever his HR access rights
        units = self.env.user.sudo().employee_ids.department_id
        for topic in self:
            topic.in_my_unit = topic.department_id in units

    def _search_in_my_unit(self, operator, value):
        if operator != "in":
            return NotImplemented
        # sudo: a user's own units, whatever his HR access rights
        domain = [("department_id", "in", self.env.user.sudo().employee_ids.department_id.ids)]
        return domain if True in value else ["!", *domain]

    def _gov_meeting_type(self):
        """The meeting type whose rules apply (role meeting_fixer)."""
        return self.meeting_type_id

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.constrains("name")
    def _check_name(self):
        check_not_blank(self, "name")

    @api.constrains("department_id", "consult_department_ids")
    def _check_consulted_units(self):
        for topic in self:
            if topic.department_id and topic.department_id in topic.consult_department_ids:
                raise ValidationError(self.env._(
                    "%s proposes this topic; it cannot be one of the units concerned (its own unit).",
                    topic.department_id.name))

    @api.model
    def _check_department_choice(self, department_id):
        """A clerk proposes for his own unit; the office and the leaders for any."""
        if not department_id or self.env.su or self.env.user.has_group("gov_rules.group_gov_office") \
                or self.env.user.has_group("gov_rules.group_gov_leader"):
            return
        # sudo: a user's own units, whatever his HR access rights (a clerk may not read employees)
        units = self.env.user.sudo().employee_ids.department_id
        if department_id not in units.ids:
            raise ValidationError(self.env._("You propose topics for your own unit, not for %s.",
                                             self.env["hr.department"].sudo().browse(department_id).name))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_department_choice(vals.get("department_id"))
        topics = super().create(vals_list)
        self.env["ir.attachment"]._gov_link_uploads(topics)
        return topics

    def write(self, vals):
        self._check_department_choice(vals.get("department_id"))
        result = super().write(vals)
        if "attachment_ids" in vals:
            self.env["ir.attachment"]._gov_link_uploads(self)
        return result

    def _may_edit(self):
        """The author, a member of the proposing unit, or the office."""
        self.ensure_one()
        user = self.env.user
        # sudo: a user's own units, whatever his HR access rights
        return user == self.author_id or user.has_group("gov_rules.group_gov_office") \
            or self.department_id in user.sudo().employee_ids.department_id

    def _may_propose(self):
        """R21.1, R22.2: who proposes a topic of the type: the type's proposers (the head, the Party group's
        secretary …) in their own name; a unit through its leader in charge, who reviews it, where the
        type lets units propose; the office enters topics for them."""
        self.ensure_one()
        user = self.env.user
        meeting_type = self.meeting_type_id.sudo()
        if user in meeting_type._proposer_users() or user.has_group("gov_rules.group_gov_office"):
            return True
        return meeting_type.units_may_propose and bool(self.department_id) \
            and self.department_id in user.sudo().employee_ids.department_id

    def _gov_signoff_check_submit(self):
        if self.state not in EDITABLE_STATES:
            raise UserError(self.env._("%s cannot be submitted now.", self.display_name))
        if not self._may_edit():
            raise UserError(self.env._("Only the proposing unit or the office can submit %s.", self.display_name))
        if not self._may_propose():
            raise UserError(self.env._(
                "You may not propose topics for the %(type)s: only %(who)s do (R21.1, R22.2).",
                type=self.meeting_type_id.name,
                who=", ".join(self.meeting_type_id.sudo()._proposer_users().mapped("name"))
                or self.env._("the persons its configuration names")))
        if not self.department_id:
            raise UserError(self.env._("Name the proposing unit of %s.", self.display_name))
        if not html2plaintext(self.proposal or "").strip():
            raise UserError(self.env._("State the proposal (明确意见) of %s: the meeting decides on it (R24.1).",
                                       self.display_name))
        result = super()._gov_signoff_check_submit()
        self._check_hearing()
        return result

    def _check_hearing(self):
        """R11.2: a topic that affects the public has a hearing or an argument meeting on record: its
        checklist line of rule R11.2 is done, with evidence."""
        self.ensure_one()
        if not self.affects_public:
            return
        # sudo: whoever submits reads the topic and so its lines
        hearing = self.sudo().checklist_ids.filtered(lambda line: HEARING_RULE in (line.rule_ref or ""))
        if not hearing.filtered(lambda line: line.state == "done"):
            raise UserError(self.env._(
                "%s affects the public: record its hearing or argument meeting (听证会/论证会) on the checklist, "
                "with the minutes or a note, before submitting it (R11.2).", self.display_name))

    # ------------------------------------------------------------------
    # Sign-off hooks
    # ------------------------------------------------------------------
    def _gov_checklist_templates(self):
        return self.type_id.checklist_template_ids

    def action_consult_answer(self, agree=True, opinion=None):
        result = super().action_consult_answer(agree=agree, opinion=opinion)
        if not agree:
            # R24.2: the units disagree; the topic needs a special-topic meeting's agreed opinion
            self.filtered(lambda topic: not topic.units_disagree)._gov_signoff_write({"units_disagree": True})
        return result

    def action_signoff_submit(self):
        """R24.2 holds while an objection stands: a unit that objected to this very text is not asked again
        (the engine keeps its answer), one asked again about a changed text answers anew."""
        for topic in self:
            digest = topic._gov_consult_digest()
            # sudo: the system reads the answers given, whoever submits
            units = topic.sudo().consult_department_ids
            standing = topic.sudo().consult_task_ids.filtered(
                lambda task, digest=digest, units=units: task.state == "objected" and task.text_digest == digest
                and task.department_id in units)
            if topic.units_disagree != bool(standing):
                topic._gov_signoff_write({"units_disagree": bool(standing)})
        return super().action_signoff_submit()

    # ------------------------------------------------------------------
    # The meetings: may the topic go on this meeting's agenda?
    # ------------------------------------------------------------------
    def _check_agenda_ready(self, meeting):
        """Raise a translated UserError when a topic may not go on ``meeting``'s agenda: it is not in the
        pool of the meeting's type; it is on another meeting (one meeting at a time, R22.2); its units
        disagree and no special-topic meeting agreed an opinion (R24.2); it has no papers while the
        agenda is locked (R22.3). A disagreeing topic may go to a special-topic meeting to be
        coordinated, whatever its type."""
        meeting.ensure_one()
        for topic in self.sudo():
            if topic.meeting_id and topic.meeting_id != meeting:
                raise UserError(self.env._(
                    "“%(topic)s” is already on the agenda of %(meeting)s: a topic goes to one meeting at a time "
                    "(R22.2).", topic=topic.name, meeting=topic.meeting_id.display_name))
            coordination = meeting.kind == "special" and topic.needs_coordination
            if topic.state not in ("pool", "scheduled") or (
                    topic.meeting_type_id != meeting.type_id and not coordination):
                raise UserError(self.env._(
                    "“%(topic)s” is not in the topic pool of the %(type)s: only topics fixed for that type go on "
                    "its agenda.", topic=topic.name, type=meeting.type_id.name))
            # the topic's own flags first: the meeting type is read only for a topic the units disagree on
            if topic.needs_coordination and meeting.type_id.needs_agreed_opinion:
                raise UserError(self.env._(
                    "The units concerned disagree on “%s”: a special-topic meeting chaired by the leader in charge "
                    "first records an agreed opinion (R24.2).", topic.name))
            if meeting._gov_signoff_is_locked() and not topic.attachment_ids:
                raise UserError(self.env._(
                    "“%s” has no papers: a topic without papers cannot go on a locked agenda (R22.3).", topic.name))
        return True

    # ------------------------------------------------------------------
    # Demo data: topics taken through the engine as their users would
    # ------------------------------------------------------------------
    @api.model
    def _gov_demo_walk(self, topic_id, until, objecting_unit_id=False, reason_id=False):
        """Take the demo topic ``topic_id`` through its route as the people concerned would, until
        ``until``: "consulting", "review" (waits for the deputy), "office" (waits for the office),
        "returned" (the office returns it for ``reason_id``) or "pool". ``objecting_unit_id``: a unit
        concerned that objects (R24.2)."""
        topic = self.browse(topic_id)
        topic.with_user(topic.author_id).action_signoff_submit()
        for _round in range(10):
            if until == topic.state or topic.state not in ("consulting", "review"):
                return True
            pending = topic.sudo()._gov_signoff_round_steps().filtered(lambda step: step.state == "pending")
            consult = pending.filtered(lambda step: step.kind == "consult")
            if consult:
                if until == "consulting":
                    return True
                for step in consult:
                    agree = step.department_id.id != objecting_unit_id
                    topic.with_user(step.user_ids[:1]).action_consult_answer(
                        agree=agree, opinion=None if agree else "意见不一致，建议先行协调。")
                continue
            step = pending[:1]
            if until == "review" and step.sequence == 1 or until == "office" and step.role == "office_deputy":
                return True
            user = step.user_ids[:1]
            if until == "returned" and step.role == "office_deputy":
                topic.with_user(user).action_signoff_return_for(reason_id)
                return True
            topic.with_user(user).action_signoff_approve()
        return True
