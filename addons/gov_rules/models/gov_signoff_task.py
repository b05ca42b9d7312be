from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import LazyTranslate, format_date

from ..lib.district_time import district_today
from .gov_position import ENTRUSTABLE_ROLES
from .gov_signoff_route_step import SIGNOFF_ROLES

_lt = LazyTranslate(__name__)

TASK_STATES = [
    ("waiting", "Waiting"),
    ("pending", "To Do"),
    ("approved", "Approved"),
    ("objected", "Objection"),
    ("consented", "No Answer: Consent"),
    ("rejected", "Rejected"),
    ("returned", "Returned"),
    ("skipped", "Not Needed"),
    ("cancelled", "Cancelled"),
]
DONE_STATES = ("approved", "objected", "consented")
SIGNOFF_ACTIVITY_TYPE = "gov_rules.mail_activity_type_gov_signoff"
DEADLINE_ACTIVITY_TYPE = "gov_rules.mail_activity_type_gov_deadline"


def xmlid_to_id(env, xmlid):
    """The id of a record of the module's data, from the registry's cache: no query (env.ref checks
    that the record exists, one query each time after the cache is cleared)."""
    return env["ir.model.data"]._xmlid_to_res_id(xmlid)


class GovSignoffTask(models.Model):
    """One step of one item's route (or one unit asked for its opinion, 会签/征求意见).

    Who may act (``user_ids``) is resolved and stored when the step becomes due and whenever an
    absence changes it, so "my to-do" is one indexed search.
    """

    _name = "gov.signoff.task"
    _description = "Sign-off Step"
    _inherit = ["gov.deadline.mixin", "gov.item.log.mixin"]
    _order = "res_model, res_id, round, sequence, id"
    _rec_name = "name"

    res_model = fields.Char(string="Model", required=True, index=True)
    res_id = fields.Many2oneReference(string="Record", model_field="res_model", required=True, index=True)
    res_name = fields.Char(string="Item", required=True)
    kind = fields.Selection([("signoff", "Sign-off"), ("consult", "Consultation")], required=True, default="signoff",
                            index=True)
    round = fields.Integer(default=1, required=True, help="Each submission of the item starts a new round.")
    sequence = fields.Integer(string="Step", default=1)
    name = fields.Char(required=True)
    state = fields.Selection(TASK_STATES, required=True, default="waiting", index=True)
    requester_id = fields.Many2one("res.users", string="Submitted by", index=True)
    separation_of_duties = fields.Boolean()
    # the route step as it was when the item was submitted
    route_step_id = fields.Many2one("gov.signoff.route.step", ondelete="set null")
    role = fields.Selection(SIGNOFF_ROLES, required=True)
    group_id = fields.Many2one("res.groups")
    role_user_id = fields.Many2one("res.users")
    user_field = fields.Char()
    department_id = fields.Many2one("hr.department", string="Unit", index=True)
    required_approvals = fields.Integer(default=0)
    allow_delegate = fields.Boolean()
    is_signature = fields.Boolean()
    editable_fields = fields.Char()
    # who acts
    holder_id = fields.Many2one("res.users", index=True, help="The person the role names.")
    user_ids = fields.Many2many("res.users", "gov_signoff_task_user_rel", "task_id", "user_id",
                                string="Can Act", help="Who may act on this step now.")
    decided_by_id = fields.Many2one("res.users", string="Decided by", index=True)
    acting_for_id = fields.Many2one("res.users", string="Acting for")
    decided_on = fields.Datetime()
    opinion = fields.Text()
    # a step returned for changes waits for the item's authors until they submit it again
    returned_to_ids = fields.Many2many("res.users", "gov_signoff_task_returned_rel", "task_id", "user_id",
                                       string="Back With", copy=False,
                                       help="Who makes the changes asked for, until the item is submitted again.")
    text_digest = fields.Char(copy=False, help="Fingerprint of the text a consulted unit was asked about.")
    # shown in "My To-Do" and on the route
    acting_note = fields.Char(string="Acting For", compute="_compute_acting_note",
                              help="Whom the person who acts on this step stands in for (代), and until when.")
    urgency = fields.Selection(selection="_selection_urgency", compute="_compute_item_urgency")
    deadline_days_left = fields.Char(string="Time Left", compute="_compute_deadline_days_left")

    _pending_idx = models.Index("(state, res_model, res_id) WHERE state = 'pending'")

    @api.model
    def _item_models(self):
        """Whoever reads an item reads its steps (see the record rules)."""
        return self.env["gov.signoff.log"]._item_models()

    @api.model
    def _selection_urgency(self):
        return self.env["gov.document"]._fields["urgency"]._description_selection(self.env)

    def _compute_item_urgency(self):
        """The urgency of the item, for models whose items have one: one read per model."""
        self.urgency = False
        for model_name in set(self.mapped("res_model")):
            if model_name not in self.env or "urgency" not in self.env[model_name]._fields:
                continue
            tasks = self.filtered(lambda task, name=model_name: task.res_model == name)
            if not self.env[model_name].has_access("read"):
                continue
            records = self.env[model_name].browse(tasks.mapped("res_id")).exists()
            # only the items the user may read: the others' steps show no urgency
            records = records._filtered_access("read")
            urgency = {record.id: record.urgency for record in records}
            for task in tasks:
                task.urgency = urgency.get(task.res_id, False)

    @api.depends("deadline", "deadline_open")
    def _compute_deadline_days_left(self):
        today = district_today(self)
        for task in self:
            task.deadline_days_left = False
            if not (task.deadline and task.deadline_open):
                continue
            calendar = task.deadline_policy_id.rule_set_id.calendar_id or self.env["gov.calendar"]
            if task.deadline == today:
                task.deadline_days_left = self.env._("Due today")
            elif task.deadline > today:
                days = calendar.count_working_days(today + timedelta(days=1), task.deadline)
                task.deadline_days_left = self.env._("%s working days left", days)
            else:
                days = calendar.count_working_days(task.deadline + timedelta(days=1), today)
                task.deadline_days_left = self.env._("%s working days overdue", days)

    @api.depends("holder_id", "user_ids", "acting_for_id", "state")
    def _compute_acting_note(self):
        today = district_today(self)
        standing_in = self.filtered(lambda task: task.state in ("waiting", "pending") and task.holder_id
                                    and task.user_ids and task.holder_id not in task.user_ids)
        absences = self.env["gov.absence"].search([
            ("user_id", "in", standing_in.holder_id.ids), ("date_from", "<=", today), ("date_to", ">=", today)])
        away_until = {absence.user_id: absence.date_to for absence in absences}
        for task in self:
            task.acting_note = False
            if task in standing_in:
                holder = task.holder_id
                if holder in away_until:
                    task.acting_note = self.env._("代 %(holder)s, away until %(date)s", holder=holder.name,
                                                  date=format_date(self.env, away_until[holder]))
                else:
                    task.acting_note = self.env._("代 %s", holder.name)
            elif task.acting_for_id:
                task.acting_note = self.env._("代 %s", task.acting_for_id.name)

    # ------------------------------------------------------------------
    # Resolution of roles: who holds the role, who acts for them today
    # ------------------------------------------------------------------
    def _record(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    def _resolve_holders(self, record, today=None):
        self.ensure_one()
        today = today or district_today(self)
        return self.env["gov.position"]._role_holders(
            self.role, record, today, group=self.group_id, user=self.role_user_id, department=self.department_id,
            user_field=self.user_field)[record]

    def _check_resolvable(self, today=None):
        """Raise a UserError, before anything is asked of anyone, when nobody holds the role of one of these
        steps: the submitter hears it, not a unit consulted before the step is due."""
        today = today or district_today(self)
        holders_of = self._holders_by_task(today)
        for task in self:
            if not holders_of[task]:
                raise UserError(self.env._(
                    "Nobody holds the role of step “%(step)s” for %(item)s; an administrator assigns the position.",
                    step=task.name, item=task.res_name))

    def _holders_by_task(self, today):
        """{task: users holding its role on ``today``}, before absences: one resolution of each role for
        all the items of these steps (gov.position._role_holders), not one per step."""
        holders_of = {}
        entrusted = {}  # {model: the entrustments of its items}, searched once for every role taking them
        for key, tasks in self.grouped(lambda task: (task.role, task.group_id, task.role_user_id, task.department_id,
                                                     task.user_field, task.res_model)).items():
            role, group, user, department, user_field, model_name = key
            records = self.env[model_name].browse(tasks.mapped("res_id"))
            if role in ENTRUSTABLE_ROLES and model_name not in entrusted:
                items = self.env[model_name].browse(self.filtered(lambda task, m=model_name: task.res_model == m)
                                                    .mapped("res_id"))
                entrusted[model_name] = self.env["gov.entrustment"]._entrusted_positions(items, today)
            holders = self.env["gov.position"]._role_holders(role, records, today, group=group, user=user,
                                                             department=department, user_field=user_field,
                                                             entrusted=entrusted.get(model_name))
            holders_of.update({task: holders[records.browse(task.res_id)] for task in tasks})
        return holders_of

    def _resolve(self, today=None):
        """Set holder and the users who may act, honouring absences and separation of duties.

        The steps of a stage are resolved together: one resolution of each role for all their items
        (gov.position._role_holders) and one search of the day's absences, not one per step."""
        today = today or district_today(self)
        holders_of = self._holders_by_task(today)
        # who acts for each holder today: one search of the holders' absences; a chain of stand-ins is
        # followed only where a holder is away
        single = self.env["res.users"].union(*(holders[:1] for task, holders in holders_of.items()
                                               if task.role != "group"))
        away = single.filtered(lambda user: user.id in self.env["gov.absence"]._away_user_ids(today))
        for task in self:
            record = task._record()
            holders = holders_of[task]
            if not holders:
                raise UserError(self.env._(
                    "Nobody holds the role of step “%(step)s” for %(item)s; an administrator assigns the position.",
                    step=task.name, item=task.res_name))
            if task.role == "group":
                acting = holders
            else:
                acting = holders[:1]
                if acting in away:
                    acting = self.env["gov.position"]._acting_user(acting, today)
            if task.separation_of_duties:
                authors = record._gov_signoff_authors() | task.requester_id
                acting -= authors
                if not acting and task.role != "group":
                    # the holder wrote or submitted the item: another person decides, in his own right
                    holders, acting = task._stand_in_for_author(holders[:1], authors, today)
                if not acting:
                    raise UserError(self.env._(
                        "Only the submitter could approve step “%s”, but who submits may not approve (R18.1).",
                        task.name))
            # the users as stored (not only the active ones): those read by the caller are not read again
            task.with_context(active_test=False).write({
                "holder_id": holders[:1].id if task.role != "group" else False,
                "user_ids": [fields.Command.set(acting.ids)]})

    def _stand_in_for_author(self, holder, authors, today):
        """R18.1: ``holder`` wrote or submitted the item, so who decides instead: his stand-in (the A/B
        partner, the executive deputy for the head, a deputy principal) or, for the office's review,
        another office deputy director and then the director. Returns (holder, acting user)."""
        self.ensure_one()
        positions = self.env["gov.position"]
        candidates = positions._default_substitute(holder)
        if self.role == "office_deputy":
            office = positions.search([("role", "in", ("office_deputy_director", "office_director")),
                                       ("user_id", "!=", False)])
            candidates |= office.sorted(lambda position: position.role == "office_director").user_id
        for candidate in candidates - authors:
            acting = positions._acting_user(candidate, today)
            if acting not in authors:
                return candidate, acting
        return self.env["res.users"], self.env["res.users"]

    @api.model
    def _reroute_for(self, users, today=None):
        """Absences of ``users`` changed: steps waiting on them, or on anyone whose stand-in chain
        passes through them (head → executive deputy → his stand-in), go to whoever acts now (R5.3, R5.4)."""
        today = today or district_today(self)
        affected = self._chained_to(users, today)
        # sudo: the system re-routes, whoever recorded the absence
        tasks = self.sudo().search([("state", "=", "pending"), ("role", "!=", "group"),
                                    "|", ("holder_id", "in", affected.ids), ("user_ids", "in", affected.ids)])
        tasks._reroute(today)

    @api.model
    def _chained_to(self, users, on_date):
        """``users`` and everyone away on ``on_date`` whose stand-in chain reaches one of them."""
        return self.env["gov.absence"]._who_acts(on_date).standing_in_through(users)

    def _reroute(self, today=None):
        """Re-decide who acts on these pending steps and tell both people. A step that cannot move
        (nobody else may act, R18.1) stays where it is with a note for the office; the others go on.
        The notes and the log are written in the district's language, whoever recorded the absence."""
        district = self.with_context(lang=self.env["gov.rule.set"]._district_lang())
        for task in district.filtered(lambda task: task.state == "pending" and task.role != "group"):
            before = task.user_ids
            # sudo: the system re-routes and tells both people
            record = task._record().sudo()
            try:
                with self.env.cr.savepoint():
                    task._resolve(today)
            except UserError as error:
                record.message_post(body=district.env._(
                    "Step “%(step)s” could not be re-routed and stays with %(users)s: %(reason)s The office "
                    "re-routes it by hand.", step=task.name, users=", ".join(before.mapped("name")),
                    reason=error.args[0]), subtype_xmlid="mail.mt_note")
                continue
            if task.user_ids != before:
                task._move_activities(before)
                record._gov_signoff_log(task, "reroute", opinion=district.env._(
                    "Now with %(new)s instead of %(old)s.", new=", ".join(task.user_ids.mapped("name")),
                    old=", ".join(before.mapped("name"))))
                record.message_post(
                    body=district.env._("Step “%(step)s” now goes to %(new)s (before: %(old)s).", step=task.name,
                                        new=", ".join(task.user_ids.mapped("name")),
                                        old=", ".join(before.mapped("name"))),
                    partner_ids=(before | task.user_ids | task.holder_id).partner_id.ids)

    # ------------------------------------------------------------------
    # Life cycle
    # ------------------------------------------------------------------
    def _activate(self):
        """The step is due: resolve who acts, start its clock, give them an activity."""
        today = district_today(self)
        self._resolve(today)
        for task in self:
            policy = task.deadline_policy_id or task._record()._gov_signoff_task_policy(task)
            task.write({"state": "pending", "deadline_policy_id": policy.id, "deadline_start": today,
                        "deadline_open": bool(policy), "escalation_offset_done": -1000})
        self._schedule_activities()

    def _schedule_activities(self):
        """One activity per person who may act on each of these steps, created in one go.

        Created by the system user, not by whoever submitted or re-routed: the approver may be unable to
        create activities on the item himself, and the creator of an activity may delete it (mail's rule),
        while the approver's to-do is not the submitter's to drop. The activity names the step; its
        document name and time zone are given with it, so that creating it costs no update afterwards."""
        activity_type_id = xmlid_to_id(self.env, SIGNOFF_ACTIVITY_TYPE)
        today = district_today(self)
        Model = self.env["ir.model"]
        vals_list = []
        followers = {}
        for task in self:
            # sudo: the activity's document name is read by the system (compute_sudo on mail.activity)
            name = task._record().sudo().display_name
            followers.setdefault(task.res_model, {}).setdefault(task.res_id, set()).update(
                task.user_ids.partner_id.ids)
            for user in task.user_ids:
                vals_list.append({
                    "res_model_id": Model._get_id(task.res_model), "res_id": task.res_id, "res_name": name,
                    "user_id": user.id, "user_tz": user.tz, "activity_type_id": activity_type_id,
                    "summary": task.name, "automated": True, "date_deadline": task.deadline or today,
                    "gov_signoff_task_id": task.id,
                })
        if not vals_list:
            return
        self._gov_add_followers(followers)
        # the to-do shows in the approver's activities (no mail about it: the decision is in the chatter)
        # with the current company: the system user's own is not read for it
        self.env["mail.activity"].with_user(SUPERUSER_ID).with_company(self.env.company).with_context(
            mail_activity_quick_update=True, gov_followers_added=True).create(vals_list)

    def _invalidate_item_activities(self):
        """Activities of the items were closed (archived, their list no longer holds them): read again."""
        for model_name, tasks in self.grouped("res_model").items():
            model = self.env[model_name]
            model.browse(tasks.mapped("res_id")).invalidate_recordset(
                [name for name in model._fields if name.startswith("activity_")])

    @api.model
    def _gov_prefetched_fields(self):
        """The stored fields read with the steps when the engine searches them (search_fetch)."""
        return [name for name, field in self._fields.items() if field.store and field.prefetch is True
                and field.column_type]

    def _open_activities(self, users=None, deadline_users=None):
        """The open activities of these steps, found by their type and the step (never by their summary,
        which may be in another language): those of ``users``, by default of who may act on each step.
        With ``deadline_users``, also the items' deadline reminders of these users. One search."""
        types = [xmlid_to_id(self.env, SIGNOFF_ACTIVITY_TYPE)]
        domain = Domain("gov_signoff_task_id", "in", self.ids) & Domain("activity_type_id", "=", types[0])
        if deadline_users:
            types.append(xmlid_to_id(self.env, DEADLINE_ACTIVITY_TYPE))
            domain |= Domain.AND([
                Domain("activity_type_id", "=", types[1]), Domain("user_id", "in", deadline_users.ids),
                Domain.OR(Domain("res_model", "=", model_name) & Domain("res_id", "in", tasks.mapped("res_id"))
                          for model_name, tasks in self.grouped("res_model").items())])
        # sudo: the steps' activities were created by the system
        activities = self.env["mail.activity"].sudo().search_fetch(
            domain, ["activity_type_id", "user_id", "gov_signoff_task_id", "date_deadline", "active", "date_done",
                     "res_model", "res_id"])
        step_activities = activities.filtered(lambda act: act.activity_type_id.id == types[0])
        mine = step_activities.filtered(lambda act: act.user_id in (
            users if users is not None else act.gov_signoff_task_id.with_context(active_test=False).user_ids))
        return mine, activities - step_activities

    def _close_activities(self, users=None, feedback=None):
        """The steps' activities are marked done with ``feedback`` (kept on the activity; the decision
        itself is noted once in the chatter, by the decision log) or removed."""
        activities, _reminders = self._open_activities(users)
        if feedback:
            activities.write({"active": False, "feedback": feedback})
        else:
            activities.unlink()
        if activities:
            self._invalidate_item_activities()

    def _move_activities(self, previous_users):
        self._close_activities(users=previous_users)
        self._schedule_activities()

    def _finish(self, state, opinion=None, acting_user=None):
        """Record a decision on this step by ``acting_user`` (default: the current user): the step's
        activities are done, and the item's deadline reminders of who could act lose their point."""
        user = acting_user if acting_user is not None else self.env.user
        now = fields.Datetime.now()
        for task in self:
            acting_for = task.holder_id if task.holder_id and task.holder_id != user else False
            task.write({"state": state, "opinion": opinion, "decided_by_id": user.id, "decided_on": now,
                        "acting_for_id": acting_for and acting_for.id, "deadline_open": False})
        # the feedback stays with the done activity: in the district's language
        district = self.with_context(lang=self.env["gov.rule.set"]._district_lang()).env
        label = dict(self._fields["state"]._description_selection(district))[state]
        # who could act, as stored (read once for the steps and their activities)
        users = self.with_context(active_test=False).user_ids
        activities, reminders = self._open_activities(deadline_users=users)
        reminders.filtered(lambda act: act.user_id in self.filtered(
            lambda task: task.res_model == act.res_model and task.res_id == act.res_id).with_context(
            active_test=False).user_ids).unlink()
        activities.write({"active": False, "feedback": opinion or label})
        if activities or reminders:
            self._invalidate_item_activities()

    def _cancel(self, state="cancelled"):
        open_tasks = self.filtered(lambda task: task.state in ("waiting", "pending"))
        pending = open_tasks.filtered(lambda task: task.state == "pending")
        if pending:
            pending._close_activities()
        open_tasks.write({"state": state, "deadline_open": False})

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        """A step the decision log names is part of the permanent record (R35.1): not even the
        superuser deletes it, so no entry loses its step."""
        # sudo: the log decides, whether or not the user may read it
        if self.env["gov.signoff.log"].sudo().search_count([("task_id", "in", self.ids)], limit=1):
            raise UserError(self.env._("A step with decisions in the decision log cannot be deleted (R35.1)."))

    def action_open_record(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": self.res_model, "res_id": self.res_id,
                "view_mode": "form", "target": "current"}

    # ------------------------------------------------------------------
    # Escalation hooks
    # ------------------------------------------------------------------
    def _gov_escalation_owners(self):
        return {task: task.user_ids for task in self}

    def _gov_escalation_leaders(self):
        # the leaders of the batch's items in one call per model, then mapped back to each step:
        # one resolution per area and one search of the day's absences, not one per step
        documents = self._gov_escalation_document()
        leaders = {}
        for model_name in set(self.mapped("res_model")):
            records = self.env[model_name].browse(
                {documents[task].id for task in self if task.res_model == model_name})
            leaders.update(records._gov_escalation_leaders())
        return {task: leaders.get(documents[task], self.env["res.users"]) for task in self}

    def _gov_escalation_document(self):
        records = {}
        for model_name in set(self.mapped("res_model")):
            tasks = self.filtered(lambda task, name=model_name: task.res_model == name)
            documents = self.env[model_name].browse(tasks.mapped("res_id"))
            # each item keeps the whole batch as its prefetch set: reading one reads them all at once
            records.update({task: documents.browse(task.res_id).with_prefetch(documents._prefetch_ids)
                            for task in tasks})
        return records

    def _gov_escalation_terminal(self, step):
        """Silence means consent on an opinion asked (R27.6); an item nobody decided on is returned to
        its drafter, or closed as lapsed. Silence never signs: consent on a sign-off step is not taken,
        and the office is told."""
        action = step.terminal_action
        pending = self.filtered(lambda task: task.state == "pending")
        misplaced = pending.filtered(lambda task: action == "consent" and task.kind != "consult")
        documents = self._gov_escalation_document()
        system = self.env.ref("base.user_root")
        for task in pending - misplaced:
            if task.state != "pending":  # closed meanwhile by a step of the same item in this batch
                continue
            try:
                # one item that cannot go on (say, nobody holds its next role) must not stop the others
                with self.env.cr.savepoint():
                    task._gov_escalation_terminal_one(documents[task], action, system)
            except UserError as error:
                task._gov_escalation_warn(self.env._(
                    "The automatic step “%(step)s” could not go on: %(reason)s The office completes it by hand.",
                    step=task.name, reason=error.args[0]))
        # the office is told of the steps the action does not apply to
        return super(GovSignoffTask, misplaced)._gov_escalation_terminal(step)

    def _gov_escalation_terminal_one(self, record, action, system):
        # the scheduler decides on the item as a person does: one decision at a time (R27.6), so that
        # an answer given at the same moment as the consent is not lost
        record._gov_signoff_lock()
        if action == "consent":
            self._finish("consented", opinion=self.env._("No answer by the deadline: no objection."),
                         acting_user=system)
            record._gov_signoff_log(self, "consent", user=system,
                                    opinion=self.env._("No answer by the deadline: no objection (R27.6)."))
            record._gov_signoff_progress(self)
        elif action == "return":
            record.with_user(system)._gov_signoff_end(self, "returned", _lt(
                "No decision by the deadline: returned to the drafter automatically."))
        elif action == "close":
            record.with_user(system)._gov_escalation_close(self, _lt(
                "No decision by the deadline: closed automatically as lapsed."))

    @api.model
    def _gov_escalation_check_policies(self, policies):
        """Silence never signs: a time limit that a sign-off route step uses cannot end with consent."""
        consenting = policies.filtered(lambda policy: "consent" in policy.ladder_id.step_ids.mapped("terminal_action"))
        if not consenting:
            return
        # sudo: the routes are configuration, checked whoever edits the time limit
        route_step = self.env["gov.signoff.route.step"].sudo().search(
            [("deadline_policy_id", "in", consenting.ids)], limit=1)
        if route_step:
            raise ValidationError(self.env._(
                "The time limit “%(policy)s” limits the sign-off step “%(step)s”: its ladder may return or close "
                "the item, but “Silence means consent” applies only to consultations (R27.6).",
                policy=route_step.deadline_policy_id.name, step=route_step.name))
