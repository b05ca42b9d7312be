from odoo import api, fields, models


class GovDeadlineMixin(models.AbstractModel):
    """A deadline in working days from a policy, and the escalation ladder that follows it.

    Inheriting models set ``deadline_start`` and ``deadline_policy_id``; ``deadline`` is stored
    and indexed for lists, automations (base_automation) and the escalation cron. While the
    deadline lies in a year without a holiday schedule it is provisional and is recomputed when
    that year is entered. ``deadline_open`` is False once the item no longer waits.
    """

    _name = "gov.deadline.mixin"
    _description = "Working-Day Deadline"

    deadline_policy_id = fields.Many2one("gov.deadline.policy", string="Time Limit", index=True)
    deadline_start = fields.Date(string="Counting From")
    deadline = fields.Date(compute="_compute_deadline", store=True, index=True, readonly=False)
    deadline_provisional = fields.Boolean(compute="_compute_deadline", store=True, index=True,
                                          help="The deadline falls in a year without a holiday schedule yet.")
    deadline_open = fields.Boolean(default=False, index=True, copy=False,
                                   help="The item is waiting: reminders and escalation apply.")
    escalation_offset_done = fields.Integer(default=-1000, copy=False,
                                            help="Working-day offset of the last escalation step done.")

    # not on the policy's working days: an item keeps the limit it started with (R44.1)
    @api.depends("deadline_start", "deadline_policy_id")
    def _compute_deadline(self):
        for record in self:
            if record.deadline_start and record.deadline_policy_id:
                record.deadline, record.deadline_provisional = record.deadline_policy_id._deadline_from(
                    record.deadline_start)
            else:
                record.deadline_provisional = False

    @api.model
    def _deadline_models(self):
        return [name for name, model in self.env.registry.items()
                if not model._abstract and issubclass(model, self.env.registry[self._name])
                and model._auto]

    @api.model
    def _recompute_provisional_deadlines(self):
        """A year's schedule was entered or changed: provisional deadlines may move."""
        for model_name in self._deadline_models():
            # sudo: a calendar change moves every provisional deadline, whoever may read the item
            records = self.env[model_name].sudo().search([("deadline_provisional", "=", True)])
            if records:
                self.env.add_to_compute(records._fields["deadline"], records)
                self.env.add_to_compute(records._fields["deadline_provisional"], records)
                records.flush_recordset(["deadline", "deadline_provisional"])

    def _gov_reset_escalation(self):
        self.write({"escalation_offset_done": -1000})

    # ------------------------------------------------------------------
    # Hooks for the escalation ladder
    # ------------------------------------------------------------------
    def _gov_escalation_owners(self):
        """{record: users} who own each item (reminded before, notified at the deadline)."""
        return {record: self.env["res.users"] for record in self}

    def _gov_escalation_leaders(self):
        """{record: users}: the leader in charge of each item, told when it is escalated."""
        return {record: self.env["res.users"] for record in self}

    def _gov_escalation_document(self):
        """{record: business record} that carries activities and messages for each item."""
        return {record: record for record in self}

    def _gov_escalation_notify(self, step):
        """Activities for the owner / office / leader of each record, created in one batch."""
        office = self.env.ref("gov_rules.group_gov_office").all_user_ids.filtered(
            lambda user: not user.has_group("gov_rules.group_gov_admin")) if step.notify_office else None
        owners = self._gov_escalation_owners() if step.notify_owner else {}
        leaders = self._gov_escalation_leaders() if step.notify_leader else {}
        documents = self._gov_escalation_document()
        activity_type = self.env.ref("gov_rules.mail_activity_type_gov_deadline")
        model_ids = {}
        vals_list = []
        for record in self:
            document = documents[record]
            users = owners.get(record, self.env["res.users"]) | leaders.get(record, self.env["res.users"])
            if office:
                users |= office
            if not document or "activity_ids" not in document._fields:
                continue
            model_id = model_ids.setdefault(document._name, self.env["ir.model"]._get_id(document._name))
            vals_list += [{
                "res_model_id": model_id, "res_id": document.id, "user_id": user.id,
                "activity_type_id": activity_type.id, "summary": step.summary,
                "date_deadline": record.deadline or fields.Date.context_today(self),
            } for user in users]
        if vals_list:
            # the scheduler acts (rules: the office reminds and escalates, R28.3), whoever may read the item
            self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(vals_list)

    def _gov_escalation_terminal(self, action):
        """Terminal actions: consent, close, return. Models implement those that apply to them."""
        return
