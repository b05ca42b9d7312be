from odoo import api, fields, models
from odoo.addons.gov_rules.lib.district_time import district_today
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

FOLLOWUP_KINDS = [
    ("post_evaluation", "Post-evaluation (后评估)"),
    ("party_report", "Written report to 区委"),
]
# the deadline policy of each kind: a code of the rule set (data an administrator edits)
FOLLOWUP_POLICY = {"post_evaluation": "decision_post_evaluation", "party_report": "decision_party_report"}
FOLLOWUP_STATES = [("open", "Open"), ("done", "Done")]


class GovMeetingFollowup(models.Model):
    """What follows a meeting decision, dated from it: its post-evaluation (R11.3) or the written report
    to 区委 of how it is carried out (R21.2, R8.1). The responsible unit gets it as a to-do; its time limit
    is reminded and escalated by the ladder of its policy; it is tracked until recorded as done."""

    _name = "gov.meeting.followup"
    _description = "Meeting Decision Follow-up"
    _inherit = ["gov.deadline.mixin", "mail.thread", "mail.activity.mixin"]
    _order = "state, deadline, id desc"
    _mail_post_access = "read"

    name = fields.Char(compute="_compute_name", store=True, readonly=False, required=True, precompute=True)
    kind = fields.Selection(FOLLOWUP_KINDS, required=True, index=True, tracking=True)
    decision_id = fields.Many2one("gov.meeting.decision", required=True, index=True, ondelete="restrict",
                                  readonly=True)
    minutes_id = fields.Many2one(related="decision_id.minutes_id", store=True, index=True)
    meeting_id = fields.Many2one(related="decision_id.meeting_id", store=True, index=True)
    meeting_type_id = fields.Many2one(related="minutes_id.meeting_type_id", string="Meeting Type", store=True,
                                      index=True)
    topic_id = fields.Many2one(related="decision_id.topic_id", store=True, index=True)
    decision_text = fields.Html(related="decision_id.text", string="Decision Text")
    department_id = fields.Many2one("hr.department", string="Responsible Unit", required=True, index=True,
                                    tracking=True)
    user_id = fields.Many2one("res.users", string="Responsible", index=True, tracking=True,
                              compute="_compute_user_id", store=True, readonly=False, precompute=True,
                              help="By default the principal of the responsible unit.")
    state = fields.Selection(FOLLOWUP_STATES, default="open", required=True, index=True, tracking=True, copy=False)
    done_on = fields.Date(readonly=True, copy=False, tracking=True)
    note = fields.Html(help="The evaluation, or the report as sent to 区委.")
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    can_record = fields.Boolean(compute="_compute_can_record")

    @api.depends("kind", "decision_id.topic_id.name")
    def _compute_name(self):
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for followup in self:
            if followup.kind and followup.decision_id:
                followup.name = f"{labels[followup.kind]}: {followup.decision_id.topic_id.name}"
            elif not followup.name:
                followup.name = False

    @api.depends("department_id")
    def _compute_user_id(self):
        for followup in self:
            # sudo: the unit's principal is read whatever the reader's HR rights
            followup.user_id = followup.department_id.sudo().gov_principal_id.id or followup.user_id.id

    @api.depends_context("uid")
    @api.depends("state", "department_id", "user_id")
    def _compute_can_record(self):
        for followup in self:
            followup.can_record = followup.state == "open" and followup._gov_is_responsible()

    def _gov_is_responsible(self):
        self.ensure_one()
        user = self.env.user
        # sudo: a user's own units, whatever his HR access rights
        return user == self.user_id or user.has_group("gov_rules.group_gov_office") \
            or self.department_id in user.sudo().employee_ids.department_id

    # ------------------------------------------------------------------
    # Creation: dated from the decision, a to-do for the responsible
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group("gov_rules.group_gov_office"):
            raise UserError(self.env._("Only the office starts what a meeting decision calls for."))
        decisions = self.env["gov.meeting.decision"].browse([vals.get("decision_id") for vals in vals_list])
        for vals, decision in zip(vals_list, decisions, strict=False):
            if not decision.exists():
                raise UserError(self.env._("A follow-up belongs to a decision of signed minutes."))
            if decision.minutes_state != "signed":
                raise UserError(self.env._("The minutes of “%s” are not signed yet: nothing can follow the decision "
                                           "before.", decision.topic_id.name))
            # the time limit is the rules': the policy of the kind, in the minutes' rule set, from the decision
            policy = decision.minutes_id.rule_set_id._policy(FOLLOWUP_POLICY[vals.get("kind")]) \
                if vals.get("kind") in FOLLOWUP_POLICY else None
            if not policy:
                raise UserError(self.env._("Choose the kind of follow-up."))
            vals.update(deadline_policy_id=policy.id, deadline_open=True, escalation_offset_done=-1000,
                        deadline_start=vals.get("deadline_start") or decision.decision_date or district_today(self))
        followups = super().create(vals_list)
        followups._gov_notify_responsible()
        return followups

    def write(self, vals):
        if not self.env.su:
            protected = {"deadline_policy_id", "deadline_start", "deadline", "deadline_open", "state", "done_on",
                         "escalation_offset_done", "decision_id", "kind"} & set(vals)
            if protected:
                raise UserError(self.env._("The time limit and the state of a follow-up are the workflow's."))
            for followup in self:
                if followup.state != "open" or not followup._gov_is_responsible():
                    raise UserError(self.env._("Only the responsible unit or the office changes “%s”, while it is "
                                               "open.", followup.name))
            if {"department_id", "user_id"} & set(vals) and not self.env.user.has_group("gov_rules.group_gov_office"):
                raise UserError(self.env._("Only the office hands a follow-up to another unit."))
        result = super().write(vals)
        if "user_id" in vals or "department_id" in vals:
            self._gov_notify_responsible()
        return result

    def _gov_notify_responsible(self):
        """One to-do for the responsible person, in his language, due on the deadline."""
        todo = self.env.ref("mail.mail_activity_data_todo")
        for followup in self.filtered(lambda f: f.state == "open" and f.user_id):
            # the responsible's earlier to-do on this follow-up goes: one activity per person per thing to do
            # sudo: the system keeps the to-dos, whoever handed the follow-up over
            followup.sudo().activity_ids.filtered(lambda a: a.activity_type_id == todo).unlink()
            lang = followup.user_id.lang or self.env.lang
            label = dict(self.with_context(lang=lang)._fields["kind"]._description_selection(
                self.with_context(lang=lang).env))[followup.kind]
            followup.sudo().with_context(lang=lang, mail_activity_quick_update=True).activity_schedule(
                "mail.mail_activity_data_todo", date_deadline=followup.deadline or district_today(self),
                user_id=followup.user_id.id, summary=label)

    # ------------------------------------------------------------------
    # Recorded as done
    # ------------------------------------------------------------------
    def action_done(self):
        """The responsible unit records the evaluation or the report sent to 区委: a note or a file is needed."""
        for followup in self:
            if followup.state != "open":
                raise UserError(self.env._("“%s” is already done.", followup.name))
            if not followup._gov_is_responsible():
                raise UserError(self.env._("Only the responsible unit or the office records “%s”.", followup.name))
            if not html2plaintext(followup.note or "").strip() and not followup.attachment_ids:
                raise UserError(self.env._("Record the evaluation or the report (a note or a file) before closing "
                                           "“%s”.", followup.name))
            # the workflow's fields: the system records them for whoever may record the follow-up
            followup.sudo().write({"state": "done", "done_on": district_today(self), "deadline_open": False})
            # sudo: the to-dos and reminders of the follow-up were the system's
            district = self.with_context(lang=self.env["gov.rule.set"]._district_lang()).env
            followup.sudo().activity_ids.action_feedback(feedback=district._("Recorded as done."))
        return True

    # ------------------------------------------------------------------
    # Escalation ladder hooks (gov.deadline.mixin)
    # ------------------------------------------------------------------
    def _gov_escalation_owners(self):
        return {followup: followup.user_id for followup in self}

    def _gov_escalation_leaders(self):
        today = district_today(self)
        leaders = {}
        result = {}
        for followup in self:
            area = followup.department_id.sudo().gov_area_id
            if area not in leaders:
                leaders[area] = area._leader_user(today) if area else self.env["gov.position"]._holder("head")
            result[followup] = leaders[area]
        return result
