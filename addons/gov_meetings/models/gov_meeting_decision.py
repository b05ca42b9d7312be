from odoo import api, fields, models
from odoo.exceptions import UserError

from .gov_meeting_minutes import EDITABLE_STATES

OUTCOMES = [
    ("adopted", "Adopted"),
    ("adopted_changed", "Adopted with Changes"),
    ("deferred", "Deferred"),
    ("not_adopted", "Not Adopted"),
]
# outcomes that something follows: a document to issue, a post-evaluation (R22.4, R11.3)
ADOPTED = ("adopted", "adopted_changed")
# the meetings whose unchanged decisions the executive deputy signs as documents (R29.2, R22.4)
PASSING_KINDS = ("plenary", "executive")


class GovMeetingDecision(models.Model):
    """What a meeting decided on one topic, as its minutes record it. It starts what follows with one
    click and keeps the link: the document to issue (R22.4), the post-evaluation (R11.3), the report
    to 区委 (R21.2, R8.1); gov_supervision adds supervision items."""

    _name = "gov.meeting.decision"
    _description = "Meeting Decision"
    _inherit = ["mail.thread"]
    _order = "minutes_id, sequence, id"

    minutes_id = fields.Many2one("gov.meeting.minutes", required=True, index=True, ondelete="cascade")
    minutes_state = fields.Selection(related="minutes_id.state", string="Minutes State", store=True, index=True)
    meeting_id = fields.Many2one(related="minutes_id.meeting_id", store=True, index=True)
    meeting_kind = fields.Selection(related="minutes_id.kind", store=True, index=True)
    decision_date = fields.Date(related="minutes_id.meeting_date", string="Decided on", store=True, index=True)
    topic_id = fields.Many2one("gov.meeting.topic", required=True, index=True, ondelete="restrict")
    name = fields.Char(related="topic_id.name", string="Topic Title")
    department_id = fields.Many2one(related="topic_id.department_id", string="Reporting Unit", store=True,
                                    index=True)
    report_to_party_committee = fields.Boolean(related="topic_id.report_to_party_committee")
    sequence = fields.Integer(default=10)
    outcome = fields.Selection(OUTCOMES, required=True, default="adopted", index=True, tracking=True)
    text = fields.Html(string="Decision")
    # what the decision started, with one click each (the links are the system's)
    document_id = fields.Many2one("gov.document", string="Document to Issue", readonly=True, copy=False,
                                  index="btree_not_null", ondelete="set null")
    document_state = fields.Selection(related="document_id.state", string="Document State")
    document_deadline = fields.Date(related="document_id.deadline", string="Issue By")
    followup_ids = fields.One2many("gov.meeting.followup", "decision_id", string="Follow-ups")
    followup_count = fields.Integer(compute="_compute_followups")
    evaluation_id = fields.Many2one("gov.meeting.followup", compute="_compute_followups", string="Post-evaluation")
    party_report_id = fields.Many2one("gov.meeting.followup", compute="_compute_followups",
                                      string="Report to 区委 Follow-up")
    # what the form offers the current user: the same checks as the actions themselves
    can_start_document = fields.Boolean(compute="_compute_can_start")
    can_start_evaluation = fields.Boolean(compute="_compute_can_start")
    can_start_party_report = fields.Boolean(compute="_compute_can_start")

    _minutes_topic_unique = models.Constraint("unique(minutes_id, topic_id)",
                                              "The minutes record one decision per topic.")

    @api.depends("topic_id.name", "outcome")
    def _compute_display_name(self):
        for decision in self:
            decision.display_name = decision.topic_id.name or ""

    @api.depends("followup_ids.kind")
    def _compute_followups(self):
        for decision in self:
            decision.followup_count = len(decision.followup_ids)
            decision.evaluation_id = decision.followup_ids.filtered(lambda f: f.kind == "post_evaluation")[:1]
            decision.party_report_id = decision.followup_ids.filtered(lambda f: f.kind == "party_report")[:1]

    @api.depends_context("uid")
    @api.depends("minutes_state", "outcome", "document_id", "followup_ids.kind")
    def _compute_can_start(self):
        may = self._gov_may_start_followups()
        for decision in self:
            started = decision in may
            decision.can_start_document = started and decision.outcome in ADOPTED and not decision.document_id
            decision.can_start_evaluation = started and decision.outcome in ADOPTED and not decision.evaluation_id
            decision.can_start_party_report = started and decision._gov_needs_party_report() \
                and not decision.party_report_id

    # ------------------------------------------------------------------
    # Changes follow the minutes: the office, while they are drafted or returned
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        decisions = super().create(vals_list)
        if not self.env.su:
            decisions._check_may_edit()
        return decisions

    def write(self, vals):
        if not self.env.su:
            self._check_may_edit()
        return super().write(vals)

    def unlink(self):
        if not self.env.su:
            self._check_may_edit()
        return super().unlink()

    def _check_may_edit(self):
        if not self.env.user.has_group("gov_rules.group_gov_office"):
            raise UserError(self.env._("Only the office records the decisions of a meeting."))
        locked = self.filtered(lambda decision: decision.minutes_id.state not in EDITABLE_STATES)
        if locked:
            raise UserError(self.env._("The minutes of “%s” are under signature or signed: the decision cannot be "
                                       "changed.", locked[:1].topic_id.name))

    # ------------------------------------------------------------------
    # Follow-ups: one click each, the link kept
    # ------------------------------------------------------------------
    def _gov_may_start_followups(self):
        """The decisions on which the current user may start what follows: the office, once the minutes are
        signed (gov_supervision's supervision items use the same check)."""
        if not self.env.user.has_group("gov_rules.group_gov_office"):
            return self.browse()
        return self.filtered(lambda decision: decision.minutes_state == "signed")

    def _gov_check_may_start(self):
        if not self.env.user.has_group("gov_rules.group_gov_office"):
            raise UserError(self.env._("Only the office starts what a meeting decision calls for."))
        unsigned = self.filtered(lambda decision: decision.minutes_state != "signed")
        if unsigned:
            raise UserError(self.env._("The minutes of “%s” are not signed yet: nothing can follow the decision "
                                       "before.", unsigned[0].topic_id.name))

    def _gov_needs_party_report(self):
        """The written report to 区委: on the Party group's decisions (R21.2) and on topics flagged to be
        reported (R8.1); a deferred topic is reported when it is decided."""
        self.ensure_one()
        return self.outcome != "deferred" and (self.meeting_kind == "party_group" or self.report_to_party_committee)

    def _gov_followup_base_values(self):
        """What every follow-up of the decision starts from (the supervision items too): its title, its
        unit, its date."""
        self.ensure_one()
        return {"decision_id": self.id, "department_id": self.department_id.id, "deadline_start": self.decision_date}

    def action_start_document(self):
        """R22.4: the document the meeting decided, drafted for the reporting unit, to issue within the rule
        set's limit after the meeting (7 working days), reminded and escalated by its ladder. Passed
        unchanged by a plenary or executive meeting, the executive deputy signs it (R29.2)."""
        self.ensure_one()
        self._gov_check_may_start()
        if self.outcome not in ADOPTED:
            raise UserError(self.env._("Only an adopted decision is issued as a document."))
        if self.document_id:
            raise UserError(self.env._("The document of “%s” was already started.", self.topic_id.name))
        document_type = self.env.ref("gov_rules.document_type_notice", raise_if_not_found=False) \
            or self.env["gov.document.type"].search([], limit=1)
        authority = self.env.ref("gov_rules.authority_government", raise_if_not_found=False) \
            or self.env["gov.issuing.authority"].search([("kind", "=", "government")], limit=1)
        if not (document_type and authority and self.department_id):
            raise UserError(self.env._("A document needs a type, the government's issuing authority and the "
                                       "reporting unit of the topic: an administrator sets them up."))
        document = self.env["gov.document"].create({
            "name": self.topic_id.name, "type_id": document_type.id, "authority_id": authority.id,
            "department_id": self.department_id.id, "area_id": self.topic_id.area_id.id,
            "body": self.text,
            "passed_by_meeting_unchanged": self.meeting_kind in PASSING_KINDS and self.outcome == "adopted",
        })
        # the deadline is the workflow's: counted from the meeting, whatever the document's urgency (R22.4)
        policy = document.rule_set_id._policy("issue_after_meeting")
        document._gov_signoff_write({"meeting_decision_id": self.id, "deadline_policy_id": policy.id,
                                     "deadline_start": self.decision_date,
                                     "deadline_open": True, "escalation_offset_done": -1000})
        # sudo: the link is the system's, on signed minutes
        self.sudo().document_id = document
        # the chatter is read by everyone: in the district's language, whoever started it
        district = self.with_context(lang=self.env["gov.rule.set"]._district_lang()).env
        self.sudo().message_post(body=district._("Document to issue started: %s", document.display_name),
                                 subtype_xmlid="mail.mt_note")
        return {"type": "ir.actions.act_window", "res_model": "gov.document", "res_id": document.id,
                "view_mode": "form", "views": [(False, "form")]}

    def action_start_evaluation(self):
        """R11.3: the post-evaluation of the decision, a dated task of the reporting unit."""
        self.ensure_one()
        self._gov_check_may_start()
        if self.outcome not in ADOPTED:
            raise UserError(self.env._("Only an adopted decision is evaluated afterwards."))
        if self.evaluation_id:
            raise UserError(self.env._("The post-evaluation of “%s” was already started.", self.topic_id.name))
        return self._gov_start_followup("post_evaluation")

    def action_start_party_report(self):
        """R21.2, R8.1: the written report to 区委 of how the decision is carried out, tracked until recorded."""
        self.ensure_one()
        self._gov_check_may_start()
        if not self._gov_needs_party_report():
            raise UserError(self.env._("Only the Party group's decisions and topics flagged “Report to 区委” are "
                                       "reported to 区委."))
        if self.party_report_id:
            raise UserError(self.env._("The report to 区委 on “%s” was already started.", self.topic_id.name))
        return self._gov_start_followup("party_report")

    def action_open_followups(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "gov.meeting.followup",
                "name": self.env._("Follow-ups"), "view_mode": "list,form",
                "domain": [("decision_id", "=", self.id)], "context": {"create": False}}

    def _gov_start_followup(self, kind):
        followup = self.env["gov.meeting.followup"].create({**self._gov_followup_base_values(), "kind": kind})
        return {"type": "ir.actions.act_window", "res_model": followup._name, "res_id": followup.id,
                "view_mode": "form", "views": [(False, "form")]}
