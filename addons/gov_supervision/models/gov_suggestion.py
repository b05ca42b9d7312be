from odoo import api, fields, models
from odoo.addons.gov_rules.lib.checks import check_not_blank
from odoo.addons.gov_rules.lib.district_time import district_today
from odoo.addons.gov_rules.models.gov_signoff_mixin import ALWAYS_WRITABLE
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date, is_html_empty

SUGGESTION_KINDS = [
    ("deputy", "Deputies' Suggestion (人大代表建议)"),
    ("cppcc", "CPPCC Proposal (政协委员提案)"),
]
SUGGESTION_STATES = [
    ("draft", "Registered"),
    ("handling", "Being Handled"),
    ("review", "Reply Under Review"),
    ("replied", "Replied"),
    ("done", "Done"),
]
SATISFACTION = [
    ("satisfied", "Satisfied (满意)"),
    ("basic", "Basically Satisfied (基本满意)"),
    ("unsatisfied", "Not Satisfied (不满意)"),
]
# the rule set's time limit for the reply, as the rules look it up (about three months, R14.1)
REPLY_POLICY_CODE = "suggestion_reply"
# what the lead unit writes: the reply of the current round
REPLY_FIELDS = {"reply", "reply_date", "reply_attachment_ids"}


class GovSuggestion(models.Model):
    """A deputies' suggestion (人大代表建议) or a CPPCC member's proposal (政协委员提案), R14.1: the office
    registers it and assigns a lead unit, co-units, a responsible person and a time limit; the lead unit
    writes the reply, which the leader in charge reviews through the sign-off route before it goes out; the
    proposer's satisfaction is recorded, a second round follows when he is not satisfied; replies can be
    marked for public disclosure (主动公开)."""

    _name = "gov.suggestion"
    _description = "Deputies' Suggestion or CPPCC Proposal"
    _inherit = ["gov.signoff.mixin", "gov.supervision.source.mixin"]
    _order = "session desc, number, id desc"
    _gov_item_source = "suggestion"
    _gov_item_link_field = "suggestion_id"
    _gov_state_field = "state"
    _gov_state_to = {"consulting": "review", "pending": "review", "approved": "replied", "rejected": "handling",
                     "returned": "handling", "draft": "handling", "lapsed": "handling"}
    _gov_locked_states = ("review", "replied", "done")
    _gov_department_field = "lead_department_id"
    _gov_owner_fields = ("responsible_id",)

    name = fields.Char(string="Subject", required=True, tracking=True)
    kind = fields.Selection(SUGGESTION_KINDS, required=True, default="deputy", index=True, tracking=True)
    session = fields.Char(required=True, index=True, tracking=True, help="e.g. 区十八届人大三次会议")
    number = fields.Char(required=True, index=True, tracking=True, help="The number the session gave it.")
    proposer = fields.Char(required=True, tracking=True, help="The deputy or member, or the first of them.")
    proposer_contact = fields.Char(string="Proposer's Contact")
    content = fields.Html(required=True)
    state = fields.Selection(SUGGESTION_STATES, default="draft", required=True, index=True, tracking=True,
                             copy=False, group_expand=True)
    # the assignment
    lead_department_id = fields.Many2one("hr.department", string="Lead Unit (牵头)", index=True, tracking=True)
    co_department_ids = fields.Many2many("hr.department", "gov_suggestion_co_department_rel", "suggestion_id",
                                         "department_id", string="Co-units (协办)")
    responsible_id = fields.Many2one("res.users", string="Responsible Person", index=True, tracking=True)
    time_limit_id = fields.Many2one(
        "gov.deadline.policy", string="Handling Time Limit", tracking=True,
        default=lambda self: self._default_time_limit(),
        help="In working days of the district's calendar (about three months for the reply).")
    assigned_on = fields.Date(string="Assigned on", tracking=True, default=lambda self: district_today(self))
    due_date = fields.Date(string="Reply Due by (set by hand)", tracking=True,
                           help="Leave empty to count the time limit from the day of assignment.")
    # the current round's reply
    round = fields.Integer(default=1, readonly=True, copy=False)
    reply = fields.Html(copy=False)
    reply_date = fields.Date(copy=False)
    reply_attachment_ids = fields.Many2many("ir.attachment", "gov_suggestion_reply_attachment_rel", "suggestion_id",
                                            "attachment_id", string="Reply's Attachments", copy=False)
    reply_ids = fields.One2many("gov.suggestion.reply", "suggestion_id", string="Replies", readonly=True)
    satisfaction = fields.Selection(SATISFACTION, compute="_compute_last_reply", store=True, index=True,
                                    string="Proposer's Satisfaction")
    disclosed = fields.Boolean(compute="_compute_last_reply", store=True, index=True, string="Publicly Disclosed")
    item_ids = fields.One2many("gov.supervision.item", "suggestion_id", string="Supervision Items")
    item_id = fields.Many2one("gov.supervision.item", compute="_compute_item", store=True, index="btree_not_null",
                              string="Supervision Item")
    item_state = fields.Selection(related="item_id.state", string="Item State")
    item_result = fields.Html(related="item_id.result", string="Item Result")
    can_reply = fields.Boolean(compute="_compute_can_reply")

    @api.depends_context("uid")
    @api.depends("lead_department_id", "responsible_id")
    def _compute_can_reply(self):
        for suggestion in self:
            suggestion.can_reply = suggestion._gov_may_reply()

    def _gov_may_reply(self):
        """The lead unit replies: its staff or the responsible person; the office too."""
        self.ensure_one()
        user = self.env.user
        if self.env.su or user.has_group("gov_rules.group_gov_office") or self.responsible_id == user:
            return True
        # sudo: a user's own units, whatever his HR access rights
        return self.lead_department_id in user.sudo().employee_ids.department_id

    def _gov_check_may_reply(self):
        for suggestion in self:
            if not suggestion._gov_may_reply():
                raise AccessError(self.env._("Only the lead unit (%(unit)s) or the office replies to %(name)s (R14.1).",
                                             unit=suggestion.lead_department_id.name, name=suggestion.display_name))


    _number_uniq = models.Constraint("UNIQUE(kind, session, number)",
                                     "A session numbers each suggestion or proposal once.")

    def _default_time_limit(self):
        return self.env["gov.rule.set"]._current()._policy(REPLY_POLICY_CODE)

    @api.depends("reply_ids.satisfaction", "reply_ids.disclosed")
    def _compute_last_reply(self):
        for suggestion in self:
            last = suggestion.reply_ids.sorted("round")[-1:]
            suggestion.satisfaction = last.satisfaction
            suggestion.disclosed = any(suggestion.reply_ids.mapped("disclosed"))

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.constrains("name", "session", "number", "proposer")
    def _check_not_blank(self):
        check_not_blank(self, "name", "session", "number", "proposer")

    @api.constrains("assigned_on", "due_date")
    def _check_due_date(self):
        for suggestion in self:
            if suggestion.assigned_on and suggestion.due_date and suggestion.due_date < suggestion.assigned_on:
                raise ValidationError(self.env._(
                    "The reply to %(item)s cannot be due (%(due)s) before it is assigned (%(start)s).",
                    item=suggestion.display_name, due=format_date(self.env, suggestion.due_date),
                    start=format_date(self.env, suggestion.assigned_on)))

    @api.constrains("lead_department_id", "co_department_ids")
    def _check_co_units(self):
        for suggestion in self:
            if suggestion.lead_department_id and suggestion.lead_department_id in suggestion.co_department_ids:
                raise ValidationError(self.env._(
                    "%(unit)s leads the handling of %(item)s; it cannot also be a co-unit.",
                    unit=suggestion.lead_department_id.name, item=suggestion.display_name))

    def _check_office(self):
        if not self.env.su and not self.env.user.has_group("gov_rules.group_gov_office"):
            raise UserError(self.env._("Only the office registers and assigns suggestions and proposals."))

    @api.model_create_multi
    def create(self, vals_list):
        self._check_office()
        return super().create(vals_list)

    def write(self, vals):
        # the units write their reply; everything else is the office's
        if not self.env.su and set(vals) - REPLY_FIELDS - ALWAYS_WRITABLE:
            self._check_office()
        if not self.env.su and set(vals) & REPLY_FIELDS:
            self._gov_check_may_reply()
        return super().write(vals)

    # ------------------------------------------------------------------
    # Engine hooks
    # ------------------------------------------------------------------
    def _gov_signoff_time_limit(self):
        # the time limit runs from the assignment, not from the reply's submission
        return self.env["gov.deadline.policy"]

    def _gov_signoff_check_submit(self):
        result = super()._gov_signoff_check_submit()
        if self.state != "handling":
            raise UserError(self.env._("%s is not being handled: assign it to its units first.", self.display_name))
        self._gov_check_may_reply()
        if is_html_empty(self.reply):
            raise UserError(self.env._("Write the reply to %s before sending it for review.", self.display_name))
        return result

    def _gov_signoff_on_state(self, state):
        result = super()._gov_signoff_on_state(state)
        if state == "approved":
            self._gov_keep_reply()
        elif self.state == "handling":
            # returned or withdrawn: the unit's time limit still runs
            self._gov_signoff_write({"deadline_open": True})
        return result

    def _gov_keep_reply(self):
        """The reviewed reply goes out: it is kept as the reply of this round."""
        self.ensure_one()
        # sudo: the system records the reply the route approved, whoever took the last step
        self.env["gov.suggestion.reply"].sudo().create({
            "suggestion_id": self.id,
            "round": self.round,
            "text": self.reply,
            "date": self.reply_date or district_today(self),
            "attachment_ids": [fields.Command.set(self.reply_attachment_ids.ids)],
        })

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_assign(self):
        """The office assigns the suggestion: its lead unit, responsible person and time limit start."""
        self._check_office()
        for suggestion in self:
            if suggestion.state != "draft":
                raise UserError(self.env._("%s is already assigned.", suggestion.display_name))
            if not suggestion.lead_department_id or not suggestion.responsible_id:
                raise UserError(self.env._("Name the lead unit and the responsible person of %s.",
                                           suggestion.display_name))
            if not suggestion.time_limit_id and not suggestion.due_date:
                raise UserError(self.env._("Choose the time limit of %s or the date its reply is due.",
                                           suggestion.display_name))
            suggestion._gov_start_round(suggestion.assigned_on or district_today(self))
        return True

    def _gov_start_round(self, start):
        """The unit's time limit runs from ``start``; the responsible person is asked for the reply."""
        values = {"state": "handling", "deadline_policy_id": self.time_limit_id.id, "deadline_start": start,
                  "deadline_open": True, "escalation_offset_done": -1000}
        self._gov_signoff_write(values)
        if self.due_date and self.round == 1:
            self._gov_signoff_write({"deadline": self.due_date})
        user = self.responsible_id
        in_lang = self.with_context(lang=user.lang or self.env.lang)
        # sudo: the system asks the responsible person, whoever assigned it
        in_lang.sudo().activity_schedule(
            "mail.mail_activity_data_todo", date_deadline=self.deadline, user_id=user.id,
            summary=in_lang.env._("Reply to %(item)s (round %(round)s)", item=self.display_name, round=self.round))

    def _gov_record_satisfaction(self, grade):
        """The proposer's satisfaction with the reply given (R14.1); not satisfied: a second round."""
        self._check_office()
        labels = dict(self._fields["satisfaction"]._description_selection(self.env))
        for suggestion in self:
            if suggestion.state != "replied":
                raise UserError(self.env._(
                    "No reply to %s has been given yet: the proposer's satisfaction is recorded once the reply "
                    "is sent.", suggestion.display_name))
            reply = suggestion.reply_ids.sorted("round")[-1]
            reply.sudo().satisfaction = grade  # sudo: the replies are the system's record
            suggestion.message_post(body=self.env._("The proposer is %(grade)s with the reply of round %(round)s.",
                                                    grade=labels[grade], round=reply.round))
            if grade == "unsatisfied":
                # the approved reply is opened again: the log says so, and the sign-off is back to draft
                suggestion._gov_signoff_log(None, "reopen")
                suggestion._gov_signoff_write({"round": suggestion.round + 1,
                                               "reply": False, "reply_date": False,
                                               "reply_attachment_ids": [fields.Command.clear()]})
                suggestion._gov_start_round(district_today(self))
            else:
                suggestion._gov_signoff_write({"state": "done", "deadline_open": False})
        return True

    def action_satisfied(self):
        return self._gov_record_satisfaction("satisfied")

    def action_basically_satisfied(self):
        return self._gov_record_satisfaction("basic")

    def action_not_satisfied(self):
        return self._gov_record_satisfaction("unsatisfied")

    def action_disclose(self):
        """Mark the latest reply for public disclosure (主动公开): it shows on the public page."""
        self._check_office()
        for suggestion in self:
            if not suggestion.reply_ids:
                raise UserError(self.env._("%s has no reply to disclose yet.", suggestion.display_name))
            suggestion.reply_ids.sorted("round")[-1]._gov_disclose()
        return True

    def action_create_item(self):
        """Follow the suggestion as a supervision item (source: suggestion)."""
        self._check_office()
        items = self.env["gov.supervision.item"]
        for suggestion in self:
            if suggestion.item_ids:
                raise UserError(self.env._("%s is already followed as a supervision item.", suggestion.display_name))
            if not suggestion.lead_department_id:
                raise UserError(self.env._("Name the lead unit of %s first.", suggestion.display_name))
            items |= items._create_from_source(suggestion)
        return True

    def _gov_item_deadline_values(self):
        return {"deadline": self.deadline} if self.deadline else {}

    def _gov_item_lead_responsible(self):
        return self.responsible_id

    def _gov_item_own_values(self):
        return {"instruction": self.content}

    def _compute_display_name(self):
        for suggestion in self:
            suggestion.display_name = f"{suggestion.number} {suggestion.name}" if suggestion.number \
                else suggestion.name
