import hashlib
import json

from lxml import etree

from odoo import api, fields, models
from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.exceptions import UserError
from odoo.tools import SQL, LazyTranslate

from ..lib.district_time import district_today
from .gov_rule_set import text_in
from .gov_signoff_task import DEADLINE_ACTIVITY_TYPE, DONE_STATES, xmlid_to_id

SIGNOFF_STATES = [
    ("draft", "Draft"),
    ("pending", "Under Sign-off"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("returned", "Returned for Changes"),
]
_lt = LazyTranslate(__name__)

# the sign-off state a decision leaves the item in, once no step of its round waits any more (see
# _compute_signoff_state); the other actions (object, delegate, reroute, issue, cancel) leave it as it was
LOG_SIGNOFF_STATE = {"submit": "approved", "approve": "approved", "consent": "approved", "reject": "rejected",
                     "return": "returned", "withdraw": "draft", "lapse": "draft", "reopen": "draft"}
# the states of a step that still waits: its item is under sign-off
OPEN_STEP_STATES = ("waiting", "pending")
# an item goes (back) to sign-off from these states only
RESUBMITTABLE_STATES = ("draft", "returned", "rejected")
# fields that stay writable while an item is locked (mail and activities)
ALWAYS_WRITABLE = {"message_follower_ids", "message_ids", "activity_ids", "message_main_attachment_id"}
# fields only the system sets, through sudo() (see _gov_signoff_write); signoff_state is derived, never set
WORKFLOW_FIELDS = {"signoff_state", "signoff_round", "signoff_row_id", "requester_id", "rule_set_id",
                   "deadline_open", "escalation_offset_done", "deadline_start", "deadline_policy_id", "deadline",
                   "deadline_provisional"}


class GovSignoffMixin(models.AbstractModel):
    """Sign-off by the matrix for any model (R18.1, R28.2, R29.1–R29.3, R35.1).

    Submit fixes the route from the first matching matrix row of the item's rule set; approve,
    reject, return, withdraw and re-submit move it; every decision is logged for good.

    One state field per model: the engine moves only the model's own state field (``_gov_state_field``,
    through ``_gov_state_to``). ``signoff_state`` is derived from the item's steps and decisions, as
    base_tier_validation's ``validation_status`` from its reviews: under sign-off while a step of the
    current round waits, else as the latest decision left it (see _compute_signoff_state).
    """

    _name = "gov.signoff.mixin"
    _description = "Sign-off by the Matrix"
    _inherit = ["gov.deadline.mixin", "mail.thread", "mail.activity.mixin", "gov.checklist.mixin"]

    # ------------------------------------------------------------------
    # How a model opts in: class attributes (as OCA's base_tier_validation declares ``_state_field``).
    # A model sets those it has; the hooks below read them. Override a hook only for behaviour beyond them.
    # ------------------------------------------------------------------
    #: the model's own state field, the only state the engine writes; None: the derived ``signoff_state`` is its
    #: state
    _gov_state_field = None
    #: sign-off outcome → value of ``_gov_state_field``. Outcomes: "consulting" (units give their opinion
    #: first), "pending" (under sign-off), "approved", "rejected", "returned", "draft" (withdrawn), "lapsed"
    #: (closed by the escalation ladder). An outcome not named leaves the state field as it is.
    _gov_state_to = {}
    #: values of ``_gov_state_field`` in which the item is locked for its authors (as it is under sign-off)
    _gov_locked_states = ()
    #: the item's subject area (gov.area): its leader is in charge; empty: the unit's area
    _gov_area_field = None
    #: the item's unit (hr.department): its rule set, its principal
    _gov_department_field = None
    #: users who wrote the item: never its approvers where duties are separated (R18.1); the submitter always is
    _gov_author_fields = ()
    #: users reminded of the item's own deadline; empty: its authors
    _gov_owner_fields = ()
    #: fields only the workflow sets (the state field always is)
    _gov_protected_fields = ()
    #: units asked for their opinion before the route (会签/征求意见, R27.5): a Many2many to hr.department
    _gov_consult_field = None
    #: an optional Many2one to gov.deadline.policy limiting the consultation (default: the rule set's "consultation")
    _gov_consult_policy_field = None
    #: an optional Many2one to gov.return.reason: the item is returned with one of the configured reasons
    #: (R27.1 documents, R24.1 topics), which shows on its form
    _gov_return_reason_field = None

    rule_set_id = fields.Many2one("gov.rule.set", index=True, copy=False, readonly=True,
                                  help="The rules in force when the item was created; it keeps them (R44.1).")
    # derived from the steps and the decisions (as base_tier_validation's validation_status from its reviews):
    # the engine writes only the model's own state field, never this one
    signoff_state = fields.Selection(SIGNOFF_STATES, string="Sign-off", compute="_compute_signoff_state",
                                     store=True, readonly=True, index=True, copy=False, tracking=True,
                                     help="Derived from the steps and the decision log: under sign-off while a step "
                                          "of the current round waits, else as the last decision left it.")
    requester_id = fields.Many2one("res.users", string="Submitted by", index=True, copy=False, readonly=True)
    signoff_row_id = fields.Many2one("gov.signoff.matrix.row", string="Route", copy=False, readonly=True)
    signoff_round = fields.Integer(copy=False, readonly=True)
    # The route and the decisions are the item's own relations, as mail.thread's messages are: Odoo adds the
    # condition on res_model (the inverse is a Many2oneReference). Whoever reads the item reads them: the
    # record rules of the steps and of the log say so (item_readable), so a search of items by their steps
    # need not evaluate those rules again (bypass_search_access). The domains are lambdas, as mail.thread's:
    # a list would make the relation depend on the steps' kind, and every step created would then throw the
    # item's relations out of the cache instead of joining them (a step's kind never changes).
    signoff_task_ids = fields.One2many("gov.signoff.task", "res_id", string="Steps", readonly=True,
                                       domain=lambda self: [("kind", "=", "signoff")], bypass_search_access=True)
    signoff_log_ids = fields.One2many("gov.signoff.log", "res_id", string="Decisions", readonly=True,
                                      bypass_search_access=True)
    signoff_user_ids = fields.Many2many("res.users", compute="_compute_signoff_records", string="Awaiting",
                                        search="_search_signoff_user_ids")
    signoff_can_act = fields.Boolean(compute="_compute_signoff_records")
    signoff_my_kind = fields.Selection(
        [("signoff", "Sign-off"), ("consult", "Consultation")], compute="_compute_signoff_records",
        help="What the step waiting for the current user asks: a decision or an opinion.")
    consult_task_ids = fields.One2many("gov.signoff.task", "res_id", string="Opinions", readonly=True,
                                       domain=lambda self: [("kind", "=", "consult")], bypass_search_access=True)
    # the record rules let these approvers write the locked item; write() limits them to the step's fields
    signoff_editor_ids = fields.Many2many("res.users", compute="_compute_signoff_records", string="May Change Now",
                                          search="_search_signoff_editor_ids",
                                          help="Approvers of a pending step that lets them change some fields.")
    signoff_editable_fields = fields.Char(
        compute="_compute_signoff_records",
        help="Comma-framed names of the fields the current user's pending step lets him change (,a,b,).")

    @api.depends("signoff_round", "signoff_task_ids.state", "consult_task_ids.state", "signoff_log_ids")
    def _compute_signoff_state(self):
        """Under sign-off while a step (an opinion or a decision) of the current round waits; else as the
        latest decision left it: rejected, returned, back to draft (withdrawn, closed as lapsed, opened
        again), approved (the route's last approval, or a submission recorded without a route); no
        decision yet: draft. The steps and the log are the item's relations: once read they stay in the
        cache as the engine creates and moves them; the steps not yet in it are read in one query for all
        the items (none after a decision, which reads them anyway), the log only where no step waits."""
        self._gov_signoff_cache_steps()
        waiting = self.browse()
        for record in self:
            # sudo: the state is part of the item, whoever reads it
            item = record.sudo()
            steps = item.signoff_task_ids | item.consult_task_ids
            if any(step.round == record.signoff_round and step.state in OPEN_STEP_STATES for step in steps):
                waiting |= record
        for record in waiting:
            record.signoff_state = "pending"
        latest = (self - waiting)._gov_signoff_latest_decisions()
        for record in self - waiting:
            record.signoff_state = LOG_SIGNOFF_STATE[latest[record.id]] if record.id in latest else "draft"

    def _gov_signoff_latest_decisions(self):
        """{item id: the action of its latest entry in the log that decides its state}: the log as the
        item's relation where it is in the cache (a new item's is: empty, then joined by its entries),
        else its deciding entries, in one query for all the items."""
        # sudo: the log is the system's; the state derived from it is part of the item
        items = self.sudo().filtered("id")
        field = items._fields["signoff_log_ids"]
        cache = field._get_cache(items.env)
        latest = {}
        for item in items.filtered(lambda item: item.id in cache):
            decisions = item.signoff_log_ids.filtered(lambda entry: entry.action in LOG_SIGNOFF_STATE)
            if decisions:
                latest[item.id] = max(decisions, key=lambda entry: entry.id).action
        uncached = items.filtered(lambda item: item.id not in cache)
        if uncached:
            entries = self.env["gov.signoff.log"].sudo().search_fetch(
                [("res_model", "=", self._name), ("res_id", "in", uncached.ids),
                 ("action", "in", list(LOG_SIGNOFF_STATE))], ["res_id", "action"], order="id")
            latest.update((entry.res_id, entry.action) for entry in entries)
        return latest

    def _compute_field_value(self, field):
        if field.name == "signoff_state":
            # the chatter tracks the derived state in the district's language, whoever's action moved it
            district = self.with_context(lang=self.env["gov.rule.set"]._district_lang())
            return super(GovSignoffMixin, district)._compute_field_value(field)
        return super()._compute_field_value(field)

    def _gov_signoff_derive_state(self):
        """Derive ``signoff_state`` now, in the environment of the action that logged a decision: its change
        is tracked in the chatter as the system's, whoever acts (a later change of the steps derives it
        again)."""
        # sudo: the system derives the state, as it writes the log
        self.sudo()._recompute_recordset(["signoff_state"])

    @api.depends_context("uid")
    def _compute_signoff_records(self):
        # sudo: who is awaited is part of the item, whoever reads it (one search of the pending steps)
        tasks = self.env["gov.signoff.task"].sudo().search([("res_model", "=", self._name),
                                                            ("res_id", "in", self.ids), ("state", "=", "pending")])
        for record in self:
            pending = tasks.filtered(lambda task, r=record: task.res_id == r.id)
            record.signoff_user_ids = pending.user_ids
            record.signoff_can_act = self.env.user in pending.user_ids
            record.signoff_my_kind = pending.filtered(lambda task: self.env.user in task.user_ids)[:1].kind
            record.signoff_editor_ids = pending.filtered(
                lambda task: task.kind == "signoff" and task.editable_fields).user_ids
            mine = pending.filtered(lambda task: self.env.user in task.user_ids)
            names = {name.strip() for task in mine for name in (task.editable_fields or "").split(",") if name.strip()}
            record.signoff_editable_fields = f",{','.join(sorted(names))}," if names else ","

    def _search_signoff_user_ids(self, operator, value):
        # sudo: the search only yields ids of items; the items' own rules still apply
        tasks = self.env["gov.signoff.task"].sudo()._search([("res_model", "=", self._name), ("state", "=", "pending"),
                                                             ("user_ids", operator, value)])
        return [("id", "in", tasks.subselect("res_id"))]

    def _search_signoff_editor_ids(self, operator, value):
        # sudo: the search only yields ids of items; the items' own rules still apply
        tasks = self.env["gov.signoff.task"].sudo()._search([
            ("res_model", "=", self._name), ("state", "=", "pending"), ("kind", "=", "signoff"),
            ("editable_fields", "!=", False), ("user_ids", operator, value)])
        return [("id", "in", tasks.subselect("res_id"))]

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._gov_signoff_check_protected(vals)
        records = super().create(vals_list)
        # the unit's own copy of the rules if it has one (R42.1), else the district's, as of today:
        # one lookup per unit, not per record
        missing = records.filtered(lambda r: not r.rule_set_id)
        for department, group in missing.grouped(lambda r: r._gov_signoff_department()).items():
            group._gov_signoff_write({"rule_set_id": self.env["gov.rule.set"]._current(department).id})
        return records

    # ------------------------------------------------------------------
    # Hooks for the consuming model
    # ------------------------------------------------------------------
    def _gov_signoff_area(self):
        area = self[self._gov_area_field] if self._gov_area_field else self.env["gov.area"]
        return area or self._gov_signoff_department().gov_area_id

    def _gov_signoff_department(self):
        return self[self._gov_department_field] if self._gov_department_field else self.env["hr.department"]

    def _gov_signoff_leader(self):
        """The leader in charge who acts today: the deputy entrusted with the item as a task (R5.2), else the
        leader of the area, or the head where the unit reports only to the head (R7.1) or no area is set;
        absences honoured (R5.3, R5.4)."""
        return self._gov_escalation_leaders()[self]

    def _gov_escalation_leaders(self):
        today = district_today(self)
        positions = self.env["gov.position"]
        # the day's absences in one search, and one resolution per area: the cost does not grow with the items
        who_acts = self.env["gov.absence"]._who_acts(today)
        acting = {}

        def leader_of(area):
            if area not in acting:
                holder = area._leader_user(today) if area else positions._holder("head")
                acting[area] = who_acts(holder)
            return acting[area]

        # a deputy entrusted with the item as a task is its leader, as he takes its steps (R5.2)
        entrusted = self.env["gov.entrustment"]._entrusted_positions(self, today)
        return {record: who_acts(entrusted[record].user_id) if record in entrusted
                else leader_of(record._gov_signoff_leader_area()) for record in self}

    def _gov_escalation_owners(self):
        """Who is reminded of the item's own deadline: its owners, else its authors."""
        names = self._gov_owner_fields or self._gov_author_fields
        return {record: record._gov_users_in(names) for record in self}

    def _gov_users_in(self, names):
        users = self.env["res.users"]
        for name in names:
            users |= self[name]
        return users

    def _gov_escalation_close(self, task, reason):
        """The ladder of ``task`` closes the item as lapsed: every open step closes, the item takes the
        state the model maps "lapsed" to, and the log, the chatter and a note to its authors say why."""
        self._gov_signoff_end(task, "lapsed", reason)

    def _gov_signoff_leader_area(self):
        # a unit that reports to the head alone (the audit bureau, R7.1): no area leader in between
        return self.env["gov.area"] if self._gov_signoff_department().gov_reports_to_head else self._gov_signoff_area()

    def _gov_signoff_authors(self):
        """Who wrote or submitted the item: never its approvers where duties are separated (R18.1)."""
        return self.requester_id | self._gov_users_in(self._gov_author_fields)

    def _gov_signoff_task_policy(self, task):
        """The time limit of a step that names none: the item's own."""
        return self.deadline_policy_id

    def _gov_signoff_time_limit(self):
        """The item's own time limit, counted from its submission (R28.3); empty: none."""
        return self.deadline_policy_id

    def _gov_signoff_separates_duties(self, row):
        """Whether whoever wrote or submitted the item is kept from approving it (R18.1): as the route
        ``row`` says; a model may ask for it whatever the route (a type of item that requires it)."""
        return row.separation_of_duties

    def _gov_signoff_check_submit(self):
        """Raise a UserError when the item may not be submitted yet: here, when its checklist is not
        complete (R11.1, R27.7). A model that submits through its own action checks it there."""
        self._gov_checklist_check_submit()

    def _gov_signoff_on_state(self, state):
        """Called when sign-off ends (approved, rejected, returned, lapsed) or is withdrawn (draft): the item
        no longer waits, so its own clock stops and its reminders go."""
        self._gov_close_deadline_activities()
        if self.deadline_open:
            self._gov_signoff_write({"deadline_open": False})

    def _gov_escalation_terminal(self, step):
        """The item's own time limit has passed (R28.3): "return" sends it back to its authors, "close"
        closes it as lapsed; any other action is left to the office."""
        if step.terminal_action not in ("return", "close"):
            super()._gov_escalation_terminal(step)
            return
        system = self.env.ref("base.user_root")
        for record in self.filtered(lambda r: r.signoff_state == "pending"):
            task = record._gov_signoff_open_tasks(kinds=("signoff", "consult")).filtered(
                lambda t: t.state == "pending")[:1]
            try:
                # one item that cannot go back must not stop the others
                with self.env.cr.savepoint():
                    if step.terminal_action == "close":
                        record.with_user(system)._gov_escalation_close(task, _lt(
                            "No decision by the deadline: closed automatically as lapsed."))
                    else:
                        record.with_user(system)._gov_signoff_end(task, "returned", _lt(
                            "No decision by the deadline: returned to the drafter automatically."))
            except UserError as error:
                record._gov_escalation_warn(self.env._(
                    "The automatic step “%(step)s” could not go on: %(reason)s The office completes it by hand.",
                    step=step.summary, reason=error.args[0]))

    def _gov_consult_departments(self):
        """The units to ask (R27.5): those that have not yet answered this very text. A unit that gave
        its opinion (or kept silent) on the same text is not asked again after a return."""
        self.ensure_one()
        if not self._gov_consult_field:
            return self.env["hr.department"]
        # sudo: whoever submits reads the item; its units are read without evaluating its rules again
        units = self.sudo()[self._gov_consult_field].with_env(self.env)
        if not units:
            return units
        digest = self._gov_consult_digest()
        # sudo: the system reads the answers given, whoever submits
        answered = self.sudo().consult_task_ids.filtered(
            lambda task: task.state in DONE_STATES and task.text_digest == digest).department_id
        return units - answered

    def _gov_consult_digest(self):
        """A fingerprint of what the consulted units read (by default the item's name and form fields)."""
        content = json.dumps([self.display_name, self["properties"] if "properties" in self._fields else {}],
                             sort_keys=True, default=str)
        return hashlib.sha256(content.encode()).hexdigest()

    def _gov_consult_policy(self):
        policy = self[self._gov_consult_policy_field] if self._gov_consult_policy_field else None
        return policy or self.rule_set_id._policy("consultation")

    def _gov_set_signoff_state(self, outcome, **values):
        """Move the item to a sign-off outcome: the model's own state field as ``_gov_state_to`` maps it,
        with the other workflow ``values``, in one write. ``signoff_state`` is not written: it follows the
        steps and the decision log the engine creates along (see _compute_signoff_state)."""
        if self._gov_state_field and outcome in self._gov_state_to:
            values[self._gov_state_field] = self._gov_state_to[outcome]
        if values:
            self._gov_signoff_write(values)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_signoff_submit(self):
        """Fix the route from the matrix and start it: first the opinions of the units consulted (stage 0,
        R27.5), then the route's steps. What would stop the route (no row, nobody holding a role) stops the
        submission, so it reaches the submitter, never a consulted unit."""
        self._gov_signoff_lock()
        for record in self:
            if record.signoff_state == "pending":
                raise UserError(self.env._("%s is already under sign-off.", record.display_name))
            if record.signoff_state not in RESUBMITTABLE_STATES:
                # an approved item stays approved: a new sign-off would overwrite who signed it
                raise UserError(self.env._("%s is already approved; it cannot be submitted again.",
                                           record.display_name))
            record._gov_signoff_check_submit()
            if not record.rule_set_id:
                raise UserError(self.env._("No rule set is in force for %s.", record.display_name))
            # the matrix is configuration: the system reads it for whoever submits
            row = self.env["gov.signoff.matrix.row"].sudo()._match(record)
            # the route's steps with their fields in one query
            Step = self.env["gov.signoff.route.step"].sudo()
            steps = Step.search_fetch([("row_id", "=", row.id)], [
                name for name, field in Step._fields.items() if field.store and field.prefetch is True
                and field.column_type]) if row else Step
            if row and not steps:
                raise UserError(self.env._("The sign-off route “%s” has no step; an administrator completes it.",
                                           row.name))
            if not row:
                raise UserError(self.env._(
                    "No sign-off route of the rule set %(set)s applies to %(item)s; an administrator adds a "
                    "matrix row for it.", set=record.rule_set_id.display_name, item=record.display_name))
            departments = record._gov_consult_departments()
            round_number = record.signoff_round + 1
            record._gov_signoff_clear_returned()
            values = {"signoff_row_id": row.id, "signoff_round": round_number, "requester_id": self.env.user.id}
            policy = record._gov_signoff_time_limit()
            if policy and not record.deadline_open:
                values.update(deadline_policy_id=policy.id, deadline_start=district_today(self), deadline_open=True,
                              escalation_offset_done=-1000)
            record._gov_set_signoff_state("consulting" if departments else "pending", **values)
            # the route is fixed by the rules, not by the submitter's rights: the system creates the steps
            common = {"res_model": record._name, "res_id": record.id, "res_name": record.display_name,
                      "round": round_number, "requester_id": self.env.user.id}
            tasks = self.env["gov.signoff.task"].sudo().create(
                record._gov_consult_task_values(departments, common) + [{
                    **step._snapshot(), **common, "kind": "signoff",
                    "separation_of_duties": record._gov_signoff_separates_duties(row),
                } for step in steps])
            tasks.filtered(lambda task: task.kind == "signoff")._check_resolvable()
            record._gov_signoff_log(tasks[:1], "submit", opinion=record._gov_submit_note(row, departments))
            record._gov_signoff_start_stage(tasks)
        return True

    def _gov_consult_task_values(self, departments, common):
        """Stage 0 of the route: one opinion asked of each unit (R27.5), within the consultation limit (R27.6)."""
        if not departments:
            return []
        policy = self._gov_consult_policy()
        digest = self._gov_consult_digest()
        # the steps' names are read by everyone: in the district's language, whoever submits
        district = self.with_context(lang=self.env["gov.rule.set"]._district_lang()).env
        return [{**common, "kind": "consult", "sequence": 0, "name": district._("Opinion of %s", department.name),
                 "role": "unit_principal", "department_id": department.id, "deadline_policy_id": policy.id,
                 "text_digest": digest} for department in departments]

    def _gov_submit_note(self, row, departments):
        """What the log says of a submission: the route, and the units asked first (in the district's language)."""
        if not departments:
            return row.name
        district = self.with_context(lang=self.env["gov.rule.set"]._district_lang()).env
        policy = self._gov_consult_policy()
        asked = district._("Opinions asked of %(units)s within %(days)s working days.",
                           units=", ".join(departments.mapped("name")), days=policy.working_days)
        already = self[self._gov_consult_field] - departments
        if already:
            asked += " " + district._("Not asked again, as they already answered on this text: %s.",
                                      ", ".join(already.mapped("name")))
        return f"{row.name} · {asked}"

    def action_consult_answer(self, agree=True, opinion=None):
        """A consulted unit answers in writing (R27.5): agreement, or an objection with reasons."""
        # two units answering at once: the second sees the first answer (see _gov_signoff_lock)
        self._gov_signoff_lock()
        for record in self:
            # sudo: the system records the answer; who may answer is checked just below
            pending = record._gov_signoff_open_tasks(kinds=("consult",)).filtered(lambda t: t.state == "pending")
            if not pending:
                raise UserError(self.env._("%s is not asking for opinions any more.", record.display_name))
            task = pending.filtered(lambda t: self.env.user in t.user_ids)[:1]
            if not task:
                raise UserError(self.env._("%s is not waiting for your opinion.", record.display_name))
            if not agree and not (opinion or "").strip():
                raise UserError(self.env._("An objection states its reasons (R27.5)."))
            task._finish("approved" if agree else "objected", opinion)
            record._gov_signoff_log(task, "approve" if agree else "object", opinion=opinion)
            record._gov_signoff_progress(task)
        return True

    def action_signoff_approve(self, opinion=None):
        self._gov_signoff_lock()
        for record in self:
            record._gov_checklist_check_decision()
            # the open steps and those of this round in one query: the decision and the progress read them
            steps = record._gov_signoff_round_steps()
            task = record._gov_signoff_my_task(steps)
            task._finish("approved", opinion)
            record._gov_signoff_log(task, "approve", opinion=opinion)
            if task.acting_for_id:
                # the holder is kept informed of what was decided for him (R5.3), in his language
                holder_env = self.with_context(lang=task.acting_for_id.lang or self.env.lang).env
                record.sudo().message_post(
                    body=holder_env._("%(user)s decided “%(step)s” for you while you were away.",
                                      user=self.env.user.name, step=task.name),
                    partner_ids=task.acting_for_id.partner_id.ids, subtype_xmlid="mail.mt_note")
            record._gov_signoff_progress(task, steps.filtered(lambda step, task=task: step.round == task.round))
        return True

    def action_signoff_reject(self, reason=None):
        self._gov_signoff_require_reason(reason)
        self._gov_signoff_lock()
        for record in self:
            record._gov_signoff_end(record._gov_signoff_my_task(), "rejected", reason)
        return True

    def action_signoff_return(self, reason=None):
        self._gov_signoff_require_reason(reason)
        self._gov_signoff_lock()
        for record in self:
            record._gov_signoff_end(record._gov_signoff_my_task(), "returned", reason)
        return True

    def action_signoff_return_for(self, reason, opinion=None):
        """Return the item with one of the configured reasons (gov.return.reason: R27.1, R24.1); the reason
        and its guidance show on the item's form, and the decision log and the drafter's to-do read the
        reason (in the district's language) and the opinion."""
        if not self._gov_return_reason_field:
            raise UserError(self.env._("%s is returned with your opinion only.", self.display_name))
        Reason = self.env["gov.return.reason"]
        if isinstance(reason, int) and not isinstance(reason, bool):
            reason = Reason.browse(reason)
        if not (isinstance(reason, models.BaseModel) and reason._name == Reason._name and len(reason) == 1
                and reason.exists() and reason.active):
            raise UserError(self.env._("Choose one of the return reasons."))
        if reason.office_only and not self.env.user.has_group("gov_rules.group_gov_office"):
            raise UserError(self.env._("Only the office returns an item because “%(reason)s” (%(rule)s).",
                                       reason=reason.name, rule=reason.rule_ref or ""))
        district = reason.with_context(lang=self.env["gov.rule.set"]._district_lang())
        text = district.name if not (opinion or "").strip() else f"{district.name} — {opinion.strip()}"
        self.action_signoff_return(text)
        self._gov_signoff_write({self._gov_return_reason_field: reason.id})
        return True

    def _gov_signoff_require_reason(self, reason):
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason: it goes back to the drafter."))

    def _gov_signoff_may_withdraw(self):
        """Whether the current user may withdraw the item now: its submitter or the office (the form
        offers Withdraw exactly then)."""
        self.ensure_one()
        return self.env.user == self.requester_id or self.env.user.has_group("gov_rules.group_gov_office")

    def action_signoff_withdraw(self, reason=None):
        self._gov_signoff_lock()
        for record in self:
            if record.signoff_state != "pending":
                raise UserError(self.env._("Only an item under sign-off can be withdrawn."))
            if not record._gov_signoff_may_withdraw():
                raise UserError(self.env._("Only %s, who submitted it, or the office can withdraw it.",
                                           record.requester_id.name))
            # the step it was waiting on: an opinion asked (stage 0) or a decision
            record._gov_signoff_end(record._gov_signoff_open_tasks(kinds=("consult", "signoff"))[:1], "draft", reason)
        return True

    def action_signoff_delegate(self, user, note=None):
        Users = self.env["res.users"]
        if isinstance(user, int) and not isinstance(user, bool):
            user = Users.browse(user)
        if not (isinstance(user, models.BaseModel) and user._name == Users._name and len(user) == 1
                and user.exists() and user.active and not user.share):
            raise UserError(self.env._("A step can be delegated only to an active internal user."))
        if user == self.env.user:
            raise UserError(self.env._("The step already waits for you: delegate it to someone else."))
        # whoever is not in the government's groups cannot even open the item: the step would wait forever
        if not user.has_group("gov_rules.group_gov_user"):
            raise UserError(self.env._("%s is not a user of the government: the step cannot be delegated to them.",
                                       user.name))
        self._gov_signoff_lock()
        for record in self:
            task = record._gov_signoff_my_task()
            if not task.allow_delegate:
                raise UserError(self.env._("Step “%s” may not be delegated.", task.name))
            if task.separation_of_duties and user in record._gov_signoff_authors():
                raise UserError(self.env._("Whoever submits an item may not approve it (R18.1)."))
            before = task.user_ids
            task.write({"user_ids": [fields.Command.set(user.ids)]})
            task._move_activities(before)
            record._gov_signoff_log(task, "delegate", opinion=note or user.name)
        return True

    # ------------------------------------------------------------------
    # Machinery
    # ------------------------------------------------------------------
    def _gov_signoff_lock(self):
        """Every decision first updates the rows of the items it moves on, so that decisions taken at
        the same moment happen one after the other (R27.5, R27.6).

        Odoo's transactions are REPEATABLE READ: two approvers of an all-of-N stage who approve at
        once would each see only their own approval, and the next stage would never start. Since both
        update the item's row, the second waits for the first to commit and then fails with a
        serialization error; Odoo's RPC and HTTP layer runs it again from the start, and it sees the
        first decision (a step no longer waiting for its user is then a clear UserError). A mere
        ``SELECT … FOR UPDATE`` would not do: it waits, but does not make the first decision visible.
        """
        if self.ids:
            # the serialization error is expected and retried: not logged as a bad query
            self.env.cr.execute(SQL("UPDATE %s SET write_date = write_date WHERE id IN %s",
                                    SQL.identifier(self._table), tuple(sorted(self.ids))), log_exceptions=False)

    def _gov_signoff_open_tasks(self, kinds=("signoff",)):
        # steps are kept by the system; who may act is checked in _gov_signoff_my_task
        Task = self.env["gov.signoff.task"].sudo()
        # the steps with their fields in one query: the caller reads them at once
        return Task.search_fetch([
            ("res_model", "=", self._name), ("res_id", "=", self.id), ("kind", "in", kinds),
            ("state", "in", ("waiting", "pending"))], Task._gov_prefetched_fields())

    def _gov_signoff_round_steps(self):
        """The sign-off steps still open and every step of the current round (opinions included), with
        their fields: a decision reads the first, its progress the second.

        All the item's steps are read in one query and kept as its relations (``signoff_task_ids``,
        ``consult_task_ids``): the state derived from them then costs no query of its own."""
        self.ensure_one()
        steps = self._gov_signoff_cache_steps(force=True)
        return steps.filtered(lambda step: step.kind == "signoff" and step.state in OPEN_STEP_STATES
                              or step.round == self.signoff_round)

    def _gov_signoff_cache_steps(self, force=False):
        """Read the steps of the items whose relations ``signoff_task_ids`` and ``consult_task_ids`` are not
        in the cache (``force``: of all of them) with their fields, in one query, and keep them as those
        relations (Odoo would read each relation with a query of its own). Returns the steps read."""
        # sudo: the steps are the system's; who may act on them is checked where they are acted on
        items = self.sudo().filtered("id")
        relations = [(items._fields[name], kind) for name, kind in (("signoff_task_ids", "signoff"),
                                                                     ("consult_task_ids", "consult"))]
        if not force:
            items = items.filtered(lambda item: any(item.id not in field._get_cache(items.env)
                                                    for field, _kind in relations))
        Task = self.env["gov.signoff.task"].sudo()
        if not items:
            return Task
        steps = Task.search_fetch(
            [("res_model", "=", self._name), ("res_id", "in", items.ids)], Task._gov_prefetched_fields())
        by_item = steps.grouped("res_id")
        for item in items:
            mine = by_item.get(item.id, Task)
            for field, kind in relations:
                # the cache of the relation, as Odoo fills it when it reads the relation itself
                field._update_cache(item, mine.filtered(lambda step, kind=kind: step.kind == kind)._ids)
        return steps

    def _gov_signoff_my_task(self, steps=None):
        """The current user's pending step (``steps``: the item's steps already searched, if any)."""
        self.ensure_one()
        # whoever acts is an active user: the steps' users are compared as they are stored, read at once
        # for every open step (the next stage's are rewritten when it starts)
        open_tasks = (steps.filtered(lambda step: step.kind == "signoff" and step.state in ("waiting", "pending"))
                      if steps is not None else self._gov_signoff_open_tasks()).with_context(active_test=False)
        mine = open_tasks.filtered(lambda task: task.state == "pending" and self.env.uid in task.user_ids.ids)[:1]
        tasks = open_tasks.filtered(lambda task: task.state == "pending")
        is_author = self.env.user in self._gov_signoff_authors()
        if mine.separation_of_duties and is_author or not mine and tasks.filtered("separation_of_duties") \
                and is_author:
            raise UserError(self.env._("Whoever submits an item may not approve it (R18.1)."))
        if not mine:
            raise UserError(self.env._("%s is not waiting for you.", self.display_name))
        return mine

    def _gov_signoff_start_stage(self, tasks):
        """Start the next stage of the route: the consulted units' opinions first (stage 0), then the
        route's steps by number; none left: the route is done."""
        waiting = tasks.filtered(lambda task: task.state == "waiting")
        if not waiting:
            return self._gov_signoff_finish_route()
        stage = min(waiting.mapped(_stage_key))
        stage_tasks = waiting.filtered(lambda task: _stage_key(task) == stage)
        if stage_tasks[0].kind == "signoff" and tasks.filtered(lambda task: task.kind == "consult"):
            # the opinions are in: the item goes on to its decisions
            self._gov_set_signoff_state("pending")
        return stage_tasks._activate()

    def _gov_signoff_progress(self, task, tasks=None):
        """A step was decided: close its stage when enough approved, then start the next one. ``tasks``:
        the steps of the task's round, when the caller already has them."""
        if tasks is None:
            # sudo: the system moves the route on after a decision
            tasks = self.env["gov.signoff.task"].sudo().search([
                ("res_model", "=", self._name), ("res_id", "=", self.id), ("round", "=", task.round)])
        # steps cancelled by a withdrawal of the same round wait for nobody: they never count
        stage = tasks.filtered(lambda t: _stage_key(t) == _stage_key(task) and t.state != "cancelled")
        needed = max(stage.mapped("required_approvals")) or len(stage)
        if len(stage.filtered(lambda t: t.state in DONE_STATES)) < needed:
            return
        stage._cancel("skipped")
        return self._gov_signoff_start_stage(tasks)

    def _gov_signoff_finish_route(self):
        self._gov_set_signoff_state("approved")
        self._gov_signoff_on_state("approved")

    def _gov_signoff_end(self, task, state, reason):
        """Reject, return, withdraw or close as lapsed: every open step closes and the item goes back to
        its authors (or, lapsed, to the state the model maps "lapsed" to).

        ``reason`` is a person's own words, or a text of the system (a lazy translation): then the log
        and the chatter read it in the district's language, and each author's activity in the author's.
        """
        action = {"rejected": "reject", "returned": "return", "draft": "withdraw", "lapsed": "lapse"}[state]
        district_lang = self.env["gov.rule.set"]._district_lang()
        opinion = text_in(self.env, reason, district_lang)
        if task and state in ("rejected", "returned"):
            task._finish(state, opinion)
        if task and state == "returned":
            # the item now waits for its authors: it shows in their to-do until they submit it again
            task.write({"returned_to_ids": [fields.Command.set(self._gov_signoff_authors().ids)]})
        self._gov_signoff_open_tasks(kinds=("signoff", "consult"))._cancel()
        self._gov_signoff_log(task, action, opinion=opinion)
        self._gov_set_signoff_state(state)
        if state in ("rejected", "returned"):
            # the submitter and the drafter alike: the drafter makes the changes, even if a colleague submitted
            for user in self._gov_signoff_authors():
                in_user_lang = self.with_context(lang=user.lang or self.env.lang)
                label = dict(self._fields["signoff_state"]._description_selection(in_user_lang.env))[state]
                # sudo: the system tells them, whoever decided
                in_user_lang.sudo().activity_schedule("mail.mail_activity_data_todo", user_id=user.id, summary=label,
                                                      note=text_in(self.env, reason, in_user_lang.env.lang))
        elif state == "lapsed":
            district = self.with_context(lang=district_lang).env
            # sudo: the scheduler tells the authors, whoever may post on the item
            self.sudo().message_post(
                body=district._("%(item)s was closed as lapsed: %(reason)s", item=self.display_name, reason=opinion),
                partner_ids=self._gov_signoff_authors().partner_id.ids, subtype_xmlid="mail.mt_note")
        self._gov_signoff_on_state(state)

    def _gov_signoff_clear_returned(self):
        """The item was submitted again or closed: its returned steps no longer wait for anyone. Only an
        item returned for changes has such steps (a return sets both together)."""
        if not self.filtered(lambda record: record.signoff_state == "returned"):
            return
        # sudo: the system keeps the steps
        returned = self.env["gov.signoff.task"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids), ("returned_to_ids", "!=", False)])
        returned.write({"returned_to_ids": [fields.Command.clear()]})

    def _gov_close_deadline_activities(self, users=None):
        """Reminders of a deadline lose their point once the step or the item is decided."""
        domain = [("res_model", "=", self._name), ("res_id", "in", self.ids),
                  ("activity_type_id", "=", xmlid_to_id(self.env, DEADLINE_ACTIVITY_TYPE))]
        if users is not None:
            domain.append(("user_id", "in", users.ids))
        # sudo: reminders were created by the system for other users
        reminders = self.env["mail.activity"].sudo().search(domain)
        if reminders:
            reminders.unlink()
            self.invalidate_recordset([name for name in self._fields if name.startswith("activity_")])

    def _gov_signoff_log(self, task, action, opinion=None, user=None):
        user = user or self.env.user
        # sudo: the append-only log is written by the system only, never by users directly (R35.1)
        entry = self.env["gov.signoff.log"].sudo().create({
            "res_model": self._name, "res_id": self.id, "res_name": self.display_name,
            "task_id": task.id if task else False, "step_name": task.name if task else False,
            "action": action, "user_id": user.id,
            "acting_for_id": task.acting_for_id.id if task and action in ("approve", "object", "reject", "return")
            else False,
            "opinion": opinion, "round": self.signoff_round, "requester_id": self.requester_id.id,
        })
        # the chatter is read by everyone: in the district's language, whoever decided
        district = self.with_context(lang=self.env["gov.rule.set"]._district_lang()).env
        label = dict(district["gov.signoff.log"]._fields["action"]._description_selection(district))[action]
        who = user.name
        if entry.acting_for_id:
            who = district._("%(user)s for %(holder)s", user=user.name, holder=entry.acting_for_id.name)
        body = f"{label}: {task.name} · {who}" if task else f"{label} · {who}"
        # sudo: the decision is noted in the chatter even where the decider may not post; it is noted once,
        # with the opinion (the step's activity is closed without a message of its own)
        self.sudo()._message_log(body=body + (f" — {opinion}" if opinion else ""))
        self._gov_signoff_invalidate()
        self._gov_signoff_derive_state()
        return entry

    def _gov_signoff_write(self, vals):
        """The system moves the workflow: sudo() passes the lock and the protected fields. The values it
        tracks in the chatter read in the district's language, whoever acts (the workflow fields are
        not translated: the language changes nothing else)."""
        self._gov_signoff_invalidate()
        return self.sudo().with_context(lang=self.env["gov.rule.set"]._district_lang()).write(vals)

    def _gov_signoff_invalidate(self):
        """Who is awaited is computed from the steps: forget it after each change. The steps and the
        decisions themselves are relations, which Odoo keeps up to date as they are created."""
        self.invalidate_recordset(["signoff_user_ids", "signoff_can_act", "signoff_my_kind", "signoff_editor_ids",
                                   "signoff_editable_fields", "signoff_can_withdraw"])

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        # whoever gets the system's activities was subscribed with them (gov.deadline.mixin._gov_add_followers)
        if self.env.context.get("gov_followers_added"):
            return True
        return super().message_subscribe(partner_ids=partner_ids, subtype_ids=subtype_ids)

    def write(self, vals):
        if not self.env.su:
            self._gov_signoff_check_protected(vals)
            self._gov_signoff_check_lock(vals)
        return super().write(vals)

    def _gov_signoff_check_protected(self, vals):
        """Workflow fields move only through the actions, never by a plain write or create."""
        protected = (WORKFLOW_FIELDS | self._gov_signoff_protected_fields()) & set(vals)
        refused = [name for name in protected if not self._gov_is_default(name, vals[name])]
        if refused:
            raise UserError(self.env._("These fields are set by the workflow, not by hand: %s.",
                                       self._gov_field_labels(refused)))

    def _gov_signoff_check_lock(self, vals):
        """Items under way are locked, except the fields the pending step allows its approver."""
        for record in self.filtered(lambda r: r._gov_signoff_is_locked()):
            allowed = set(ALWAYS_WRITABLE)
            for task in record._gov_signoff_open_tasks().filtered(
                    lambda task: task.state == "pending" and self.env.user in task.user_ids):
                allowed |= set(filter(None, (task.editable_fields or "").split(",")))
            refused = set(vals) - allowed
            if refused:
                raise UserError(self.env._("%(item)s is under way; these fields cannot be changed now: %(fields)s.",
                                           item=record.display_name, fields=self._gov_field_labels(refused)))

    def _gov_is_default(self, name, value):
        field = self._fields[name]
        return not value or bool(field.default and value == field.default(self))

    def _gov_field_labels(self, names):
        return ", ".join(self._fields[name].get_description(self.env)["string"] for name in sorted(names))

    def unlink(self):
        # the reason first: the access rules also refuse a submitted item to its unit, without one
        if not self.env.context.get(MODULE_UNINSTALL_FLAG):
            self._unlink_only_untouched_drafts()
        return super().unlink()

    def _unlink_only_untouched_drafts(self):
        """An item that went through sign-off is part of the record (R35.1): only a draft never submitted goes."""
        state_field = self._gov_state_field or "signoff_state"
        # sudo: the log decides, whether or not the user may read it
        if self.filtered(lambda r: r[state_field] != "draft" or r.sudo().signoff_log_ids):
            raise UserError(self.env._("Only a draft that was never submitted can be deleted; cancel it instead."))

    def _gov_signoff_is_locked(self):
        return self.signoff_state == "pending" or bool(
            self._gov_state_field and self[self._gov_state_field] in self._gov_locked_states)

    def _gov_signoff_protected_fields(self):
        return set(self._gov_protected_fields) | ({self._gov_state_field} if self._gov_state_field else set())

    # ------------------------------------------------------------------
    # The sign-off screen: any such model's form gets it (views/gov_signoff_panel_views.xml)
    # ------------------------------------------------------------------
    signoff_can_withdraw = fields.Boolean(string="May Withdraw", compute="_compute_signoff_can_withdraw",
                                          help="The current user may withdraw the item now.")

    @api.depends_context("uid")
    @api.depends("signoff_state", "requester_id")
    def _compute_signoff_can_withdraw(self):
        for record in self:
            record.signoff_can_withdraw = record.signoff_state == "pending" and record._gov_signoff_may_withdraw()

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type == "form":
            if not view:
                # a form made of the model's fields (no view of its own): the screen shows the route instead
                for node in arch.xpath("//field[@name='signoff_task_ids' or @name='signoff_log_ids' "
                                       "or @name='consult_task_ids' or @name='checklist_ids']"):
                    node.getparent().remove(node)
            self._gov_signoff_add_panel(arch)
        return arch, view

    @api.model
    def _gov_signoff_add_panel(self, arch):
        """Put the sign-off screen into the form ``arch`` (an etree, before post-processing: the fields it
        adds are read like the form's own). Read in the reader's language, it is cached with the form by
        language. A form that shows the decision log itself keeps its own screen."""
        if arch.tag != "form" or arch.xpath("//field[@name='signoff_log_ids']"):
            return
        panel_view = self.env.ref("gov_rules.view_gov_signoff_panel", raise_if_not_found=False)
        if not panel_view:  # while the module is being installed
            return
        panel = panel_view.sudo()._get_combined_arch()
        for node in panel.xpath("//*[@context]"):
            node.set("context", node.get("context").replace("'gov.signoff.mixin'", repr(self._name)))
        header = arch.find("header")
        if header is None:
            header = etree.Element("header")
            arch.insert(0, header)
        for position, node in enumerate(panel.find("header")):
            header.insert(position, node)
        self._gov_signoff_add_pages(arch, panel.find("sheet/notebook"))

    @api.model
    def _gov_signoff_add_pages(self, arch, pages):
        """The panel's pages into the form's notebook: into the form's own page of the same name, else new."""
        sheet = arch.find("sheet")
        container = sheet if sheet is not None else arch
        notebook = container.find(".//notebook")
        if notebook is None:
            notebook = etree.SubElement(container, "notebook")
        # new pages go before the form's own pages of the engine, if it has any
        anchor = notebook.find("page[@name='consultation']")
        if anchor is None:
            anchor = notebook.find("page[@name='signoff']")
        for page in list(pages):
            if page.get("name") == "checklist" and arch.xpath("//field[@name='checklist_ids']"):
                continue  # the form shows the checklist its own way
            own = notebook.find(f"page[@name='{page.get('name')}']")
            if own is None:
                if anchor is not None:
                    anchor.addprevious(page)
                else:
                    notebook.append(page)
                continue
            # the model's own page: the summary first, the rest after the page's own content
            for node in list(page):
                if node.get("name") == "signoff_summary":
                    own.insert(0, node)
                else:
                    own.append(node)

    def _gov_attachments_editable_by_me(self):
        """The items whose pending step lets the current user change their files (one search)."""
        # sudo: the steps decide, whether or not the user may read them
        tasks = self.env["gov.signoff.task"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids), ("kind", "=", "signoff"),
            ("state", "=", "pending"), ("user_ids", "in", self.env.uid), ("editable_fields", "!=", False)])
        ids = {task.res_id for task in tasks if "attachment_ids" in (task.editable_fields or "").split(",")}
        return self.filtered(lambda record: record.id in ids)


def _stage_key(task):
    """Stages run in this order: the consulted units' opinions, then the route's steps by number."""
    return (task.kind != "consult", task.sequence)
