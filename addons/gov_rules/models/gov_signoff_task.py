from odoo import api, fields, models
from odoo.exceptions import UserError

from .gov_signoff_route_step import SIGNOFF_ROLES

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


class GovSignoffTask(models.Model):
    """One step of one item's route (or one unit asked for its opinion, 会签/征求意见).

    Who may act (``user_ids``) is resolved and stored when the step becomes due and whenever an
    absence changes it, so "my to-do" is one indexed search.
    """

    _name = "gov.signoff.task"
    _description = "Sign-off Step"
    _inherit = ["gov.deadline.mixin"]
    _order = "res_model, res_id, round, sequence, id"
    _rec_name = "name"

    res_model = fields.Char(string="Model", required=True, index=True)
    res_id = fields.Many2oneReference(string="Record", model_field="res_model", required=True, index=True)
    res_name = fields.Char(string="Item", required=True)
    kind = fields.Selection([("signoff", "Sign-off"), ("consult", "Consultation")], required=True, default="signoff")
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
    holder_id = fields.Many2one("res.users", help="The person the role names.")
    user_ids = fields.Many2many("res.users", "gov_signoff_task_user_rel", "task_id", "user_id",
                                string="Can Act", help="Who may act on this step now.")
    decided_by_id = fields.Many2one("res.users", string="Decided by")
    acting_for_id = fields.Many2one("res.users", string="Acting for")
    decided_on = fields.Datetime()
    opinion = fields.Text()

    _pending_idx = models.Index("(state, res_model, res_id) WHERE state = 'pending'")

    # ------------------------------------------------------------------
    # Resolution of roles: who holds the role, who acts for them today
    # ------------------------------------------------------------------
    def _record(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    def _resolve_holders(self, record):
        self.ensure_one()
        positions = self.env["gov.position"]
        today = fields.Date.context_today(self)
        area = record._gov_signoff_area()
        if self.role in ("head", "executive_deputy", "office_director", "legal_adviser"):
            return positions._holder(self.role)
        if self.role == "area_leader":
            return area._leader_position(today).user_id if area else positions._holder("head")
        if self.role == "office_deputy":
            return (area.office_position_id.user_id if area else None) or positions._holder("office_deputy_director")
        if self.role == "unit_principal":
            return (self.department_id or record._gov_signoff_department()).gov_principal_id
        if self.role == "group":
            return self.group_id.all_user_ids.filtered(lambda user: not user.share)
        if self.role == "user":
            return self.role_user_id
        return record[self.user_field] if self.user_field in record._fields else self.env["res.users"]

    def _resolve(self):
        """Set holder and the users who may act, honouring absences and separation of duties."""
        today = fields.Date.context_today(self)
        for task in self:
            record = task._record()
            holders = task._resolve_holders(record)
            if not holders:
                raise UserError(self.env._(
                    "Nobody holds the role of step “%(step)s” for %(item)s; an administrator assigns the position.",
                    step=task.name, item=task.res_name))
            if task.role == "group":
                acting = holders
            else:
                acting = self.env["gov.position"]._acting_user(holders[:1], today)
            if task.separation_of_duties:
                acting -= record._gov_signoff_authors() | task.requester_id
                if not acting:
                    raise UserError(self.env._(
                        "Only the submitter could approve step “%s”, but who submits may not approve (R18.1).",
                        task.name))
            task.write({"holder_id": holders[:1].id if task.role != "group" else False,
                        "user_ids": [fields.Command.set(acting.ids)]})

    @api.model
    def _reroute_for(self, users):
        """Absences of ``users`` changed: steps waiting on them go to whoever acts now (R5.4)."""
        # the system re-routes, whoever recorded the absence
        tasks = self.sudo().search([("state", "=", "pending"), "|", ("holder_id", "in", users.ids),
                                    ("user_ids", "in", users.ids)])
        tasks = tasks.filtered(lambda task: task.role != "group")
        for task in tasks:
            before = task.user_ids
            task._resolve()
            if task.user_ids != before:
                task._move_activities(before)
                # sudo: the system re-routes and tells both people
                record = task._record().sudo()
                record._gov_signoff_log(task, "reroute", opinion=self.env._(
                    "Now with %(new)s instead of %(old)s.", new=", ".join(task.user_ids.mapped("name")),
                    old=", ".join(before.mapped("name"))))
                record.message_post(
                    body=self.env._("Step “%(step)s” now goes to %(new)s (before: %(old)s).", step=task.name,
                                    new=", ".join(task.user_ids.mapped("name")), old=", ".join(before.mapped("name"))),
                    partner_ids=(before | task.user_ids | task.holder_id).partner_id.ids)

    # ------------------------------------------------------------------
    # Life cycle
    # ------------------------------------------------------------------
    def _activate(self):
        """The step is due: resolve who acts, start its clock, give them an activity."""
        self._resolve()
        today = fields.Date.context_today(self)
        for task in self:
            policy = task.deadline_policy_id or task._record()._gov_signoff_task_policy(task)
            task.write({"state": "pending", "deadline_policy_id": policy.id, "deadline_start": today,
                        "deadline_open": bool(policy), "escalation_offset_done": -1000})
        self._schedule_activities()

    def _schedule_activities(self):
        activity_type = self.env.ref("gov_rules.mail_activity_type_gov_signoff")
        for task in self:
            record = task._record()
            for user in task.user_ids:
                # system action: the approver may be unable to create activities on the record himself
                record.sudo().activity_schedule(
                    activity_type_id=activity_type.id, user_id=user.id, summary=task.name,
                    date_deadline=task.deadline or fields.Date.context_today(self))

    def _close_activities(self, users=None, feedback=None):
        activity_type = self.env.ref("gov_rules.mail_activity_type_gov_signoff")
        for task in self:
            # sudo: the step's activities were created by the system
            record = task._record().sudo()
            activities = record.activity_ids.filtered(
                lambda act, task=task: act.activity_type_id == activity_type and act.summary == task.name
                and act.user_id in (users if users is not None else task.user_ids))
            if feedback:
                activities.action_feedback(feedback=feedback)
            else:
                activities.unlink()

    def _move_activities(self, previous_users):
        self._close_activities(users=previous_users)
        self._schedule_activities()

    def _finish(self, state, opinion=None, acting_user=None):
        """Record a decision on this step by ``acting_user`` (default: the current user)."""
        user = acting_user if acting_user is not None else self.env.user
        for task in self:
            acting_for = task.holder_id if task.holder_id and task.holder_id != user else False
            task.write({"state": state, "opinion": opinion, "decided_by_id": user.id,
                        "decided_on": fields.Datetime.now(), "acting_for_id": acting_for and acting_for.id,
                        "deadline_open": False})
            label = dict(task._fields["state"]._description_selection(self.env))[state]
            task._close_activities(feedback=opinion or label)
            task._record()._gov_close_deadline_activities(users=task.user_ids)

    def _cancel(self, state="cancelled"):
        open_tasks = self.filtered(lambda task: task.state in ("waiting", "pending"))
        open_tasks.filtered(lambda task: task.state == "pending")._close_activities()
        open_tasks.write({"state": state, "deadline_open": False})

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
        documents = self._gov_escalation_document()
        return {task: documents[task]._gov_signoff_leader() for task in self}

    def _gov_escalation_document(self):
        records = {}
        for model_name in set(self.mapped("res_model")):
            tasks = self.filtered(lambda task, name=model_name: task.res_model == name)
            documents = self.env[model_name].browse(tasks.mapped("res_id"))
            # each item keeps the whole batch as its prefetch set: reading one reads them all at once
            records.update({task: documents.browse(task.res_id).with_prefetch(documents._prefetch_ids)
                            for task in tasks})
        return records

    def _gov_escalation_terminal(self, action):
        """Silence means consent (R27.6), or the item is returned, or closed."""
        documents = self._gov_escalation_document()
        system = self.env.ref("base.user_root")
        for task in self.filtered(lambda task: task.state == "pending"):
            record = documents[task]
            try:
                # one item that cannot go on (say, nobody holds its next role) must not stop the others
                with self.env.cr.savepoint():
                    task._gov_escalation_terminal_one(record, action, system)
            except UserError as error:
                # sudo: the scheduler leaves a note for the office
                record.sudo().message_post(body=self.env._(
                    "The automatic step “%(step)s” could not go on: %(reason)s The office completes it by hand.",
                    step=task.name, reason=error.args[0]), subtype_xmlid="mail.mt_note")

    def _gov_escalation_terminal_one(self, record, action, system):
        if action == "consent":
            self._finish("consented", opinion=self.env._("No answer by the deadline: no objection."),
                         acting_user=system)
            record._gov_signoff_log(self, "consent", user=system,
                                    opinion=self.env._("No answer by the deadline: no objection (R27.6)."))
            record._gov_signoff_progress(self)
        elif action in ("return", "close"):
            record.with_user(system)._gov_signoff_end(self, "returned" if action == "return" else "cancelled",
                                                      self.env._("Closed automatically at the deadline."))
