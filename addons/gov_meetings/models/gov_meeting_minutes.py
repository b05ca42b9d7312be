from odoo import api, fields, models
from odoo.addons.gov_rules.lib.district_time import district_today, district_tz
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

MINUTES_STATES = [
    ("draft", "Draft"),
    ("review", "Checking and Signing"),
    ("returned", "Returned"),
    ("signed", "Signed"),
]
# the office changes the minutes in these states only (the record rules say so too)
EDITABLE_STATES = ("draft", "returned")
# a meeting whose minutes may be drafted: it took place (held), or its agenda was fixed and its time came
DRAFTABLE_MEETING_STATES = ("agenda_approved", "papers_sent", "held")
# what a signed decision does to its topic (R24.2): deferred goes back to the pool, the others are decided
DECIDED_OUTCOMES = ("adopted", "adopted_changed", "not_adopted")


class GovMeetingMinutes(models.Model):
    """The minutes (纪要) of a meeting: one decision per topic. They are checked and signed through the
    engine by the meeting type's rule (R21.2, R22.3, R23.1), then locked."""

    _name = "gov.meeting.minutes"
    _description = "Meeting Minutes"
    _inherit = ["gov.signoff.mixin"]
    _order = "id desc"
    _gov_state_field = "state"
    _gov_state_to = {"consulting": "review", "pending": "review", "approved": "signed", "rejected": "returned",
                     "returned": "returned", "draft": "draft", "lapsed": "draft"}
    _gov_locked_states = ("review", "signed")
    _gov_department_field = "department_id"
    _gov_author_fields = ("author_id",)
    _gov_protected_fields = ("number", "signed_on", "signer_id")

    name = fields.Char(required=True, tracking=True)
    number = fields.Char(readonly=True, copy=False, index=True, tracking=True,
                         help="Given when the minutes are signed, from the yearly numbering of minutes.")
    meeting_id = fields.Many2one("gov.meeting", required=True, index=True, ondelete="restrict", tracking=True)
    meeting_type_id = fields.Many2one(related="meeting_id.type_id", store=True, index=True)
    kind = fields.Selection(related="meeting_id.kind", store=True, index=True)
    meeting_start = fields.Datetime(related="meeting_id.start", string="Meeting Time")
    meeting_date = fields.Date(compute="_compute_meeting_date", store=True, index=True,
                               help="The day of the meeting in the district: the decisions' date (R11.3, R22.4).")
    chair_id = fields.Many2one(related="meeting_id.chair_id", string="Chair")
    state = fields.Selection(MINUTES_STATES, default="draft", required=True, index=True, tracking=True, copy=False)
    department_id = fields.Many2one("hr.department", string="Drafting Unit", index=True,
                                    default=lambda self: self.env.user.employee_id.department_id)
    author_id = fields.Many2one("res.users", string="Drafted by", required=True, index=True, readonly=True,
                                copy=False, default=lambda self: self.env.user)
    body = fields.Html(string="Introduction")
    decision_ids = fields.One2many("gov.meeting.decision", "minutes_id", string="Meeting Decisions")
    decision_count = fields.Integer(compute="_compute_decision_count")
    signed_on = fields.Date(readonly=True, copy=False)
    signer_id = fields.Many2one("res.users", string="Signed by", readonly=True, copy=False)
    can_edit = fields.Boolean(compute="_compute_can_edit", help="The current user may change the minutes now.")

    _meeting_unique = models.Constraint("unique(meeting_id)", "A meeting has one set of minutes.")

    @api.depends("meeting_id.start")
    def _compute_meeting_date(self):
        tz = district_tz(self.env)
        for minutes in self:
            start = minutes.meeting_id.start
            minutes.meeting_date = fields.Date.context_today(minutes.with_context(tz=tz), start) if start else False

    def _compute_decision_count(self):
        counts = dict(self.env["gov.meeting.decision"]._read_group(
            [("minutes_id", "in", self.ids)], ["minutes_id"], ["__count"]))
        for minutes in self:
            minutes.decision_count = counts.get(minutes, 0)

    @api.depends_context("uid")
    @api.depends("state")
    def _compute_can_edit(self):
        office = self.env.user.has_group("gov_rules.group_gov_office")
        for minutes in self:
            minutes.can_edit = office and minutes.state in EDITABLE_STATES

    # ------------------------------------------------------------------
    # Who decides (gov_position's resolvers)
    # ------------------------------------------------------------------
    def _gov_meeting_type(self):
        return self.meeting_type_id

    def _gov_meeting_signer(self):
        """Who signs the minutes of a special-topic meeting (R23.1): the leader who delegated it, else its chair."""
        return self.meeting_id.delegated_by_id or self.meeting_id.chair_id

    def _gov_report_title(self):
        """东昌区人民政府常务会议纪要: the government's name, the meeting type's, and the word for minutes, in the
        district's language whoever prints them (an official record)."""
        self.ensure_one()
        district = self.with_context(lang=self.env["gov.rule.set"]._district_lang())
        return district.env._("%(government)s %(meeting)s Minutes", government=district.env.company.name,
                              meeting=district.meeting_type_id.name)

    # ------------------------------------------------------------------
    # Drafting from the agenda
    # ------------------------------------------------------------------
    @api.model
    def _gov_draft_for(self, meetings):
        """The office drafts the minutes of held meetings from their agendas: one decision per topic, in the
        agenda's order; the meeting goes to "minutes". Returns the action opening the (last) minutes."""
        if not self.env.user.has_group("gov_rules.group_gov_office"):
            raise UserError(self.env._("Only the office drafts the minutes of a meeting."))
        if not meetings:
            raise UserError(self.env._("Choose the meeting whose minutes to draft."))
        now = fields.Datetime.now()
        for meeting in meetings:
            if meeting.minutes_ids:
                raise UserError(self.env._("%s already has its minutes.", meeting.display_name))
            if meeting.state not in DRAFTABLE_MEETING_STATES or meeting.start > now:
                raise UserError(self.env._(
                    "The minutes of %s are drafted once it has been held.", meeting.display_name))
            if not meeting.agenda_line_ids:
                raise UserError(self.env._("%s has no topic on its agenda: there is nothing to record.",
                                           meeting.display_name))
        # one create for all the minutes, one for all their decisions: the cost does not grow with the topics
        all_minutes = self.create([{
            "name": self.env._("Minutes of %s", meeting.name), "meeting_id": meeting.id,
        } for meeting in meetings])
        self.env["gov.meeting.decision"].with_context(mail_create_nolog=True, mail_create_nosubscribe=True).create([{
            "minutes_id": minutes.id, "topic_id": line.topic_id.id, "sequence": position,
            # the topic's proposal (明确意见) is where the office starts the decision's text from
            "outcome": "adopted", "text": line.topic_id.proposal,
        } for minutes in all_minutes for position, line in enumerate(minutes.meeting_id.agenda_line_ids, 1)])
        # the meeting's state is the workflow's (sudo through the engine's write)
        meetings._gov_signoff_write({"state": "minutes"})
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": all_minutes[-1:].id,
                "view_mode": "form", "views": [(False, "form")]}

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and not self.env.user.has_group("gov_rules.group_gov_office"):
            raise UserError(self.env._("Only the office drafts the minutes of a meeting."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._check_may_edit()
        return super().write(vals)

    def _check_may_edit(self):
        if not self.env.user.has_group("gov_rules.group_gov_office"):
            raise UserError(self.env._("Only the office changes the minutes of a meeting."))
        locked = self.filtered(lambda minutes: minutes.state not in EDITABLE_STATES)
        if locked:
            raise UserError(self.env._("%s are under signature or signed: they cannot be changed.",
                                       locked[:1].display_name))

    def _gov_signoff_check_submit(self):
        if self.state not in EDITABLE_STATES:
            raise UserError(self.env._("%s are already under signature or signed.", self.display_name))
        if not self.env.user.has_group("gov_rules.group_gov_office"):
            raise UserError(self.env._("Only the office submits the minutes for signature."))
        if not self.decision_ids:
            raise UserError(self.env._("%s record no decision.", self.display_name))
        blank = self.decision_ids.filtered(lambda decision: not html2plaintext(decision.text or "").strip())
        if blank:
            raise UserError(self.env._("Write what the meeting decided on “%s” before submitting the minutes.",
                                       blank[0].topic_id.name))
        return super()._gov_signoff_check_submit()

    # ------------------------------------------------------------------
    # Signed: locked, the topics move on, the meeting closes
    # ------------------------------------------------------------------
    def _gov_signoff_on_state(self, state):
        super()._gov_signoff_on_state(state)
        if state != "approved":
            return
        # sudo: the system reads who signed, whether or not the signer still reads every step
        signature = self.sudo().signoff_task_ids.filtered(
            lambda t: t.round == self.signoff_round and t.state == "approved")[-1:]
        today = district_today(self)
        # sudo: the yearly numbering of minutes is the office's sequence; the system numbers signed minutes
        number = self.env["ir.sequence"].sudo().with_context(ir_sequence_date=today).next_by_code(
            "gov.meeting.minutes")
        self._gov_signoff_write({"number": number, "signed_on": today,
                                 "signer_id": signature.decided_by_id.id or self.env.uid})
        self._gov_apply_decisions()
        self.meeting_id._gov_signoff_write({"state": "closed"})

    def _gov_apply_decisions(self):
        """What the signed decisions do to their topics: a deferred topic goes back to its type's pool for the
        next meeting; the others are decided; on a special-topic meeting an adopted decision is the agreed
        opinion that lets the topic go to a plenary, Party group or executive meeting (R24.2)."""
        deferred = self.decision_ids.filtered(lambda d: d.outcome == "deferred").topic_id
        decided = self.decision_ids.filtered(lambda d: d.outcome in DECIDED_OUTCOMES)
        if deferred:
            deferred._gov_signoff_write({"state": "pool", "meeting_id": False})
        if self.kind == "special":
            # the coordination meeting settles the disagreement: the topic waits in its own type's pool
            agreed = decided.filtered(lambda d: d.outcome in ("adopted", "adopted_changed"))
            for decision in agreed:
                decision.topic_id._gov_signoff_write({"agreed_decision_id": decision.id})
            agreed_topics = agreed.topic_id.filtered(lambda t: t.meeting_type_id.kind != "special")
            if agreed_topics:
                agreed_topics._gov_signoff_write({"state": "pool", "meeting_id": False})
            decided_topics = (decided.topic_id - agreed_topics)
        else:
            decided_topics = decided.topic_id
        if decided_topics:
            decided_topics._gov_signoff_write({"state": "decided"})
