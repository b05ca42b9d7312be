import logging

from odoo import api, fields, models
from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tools import SQL

from ..lib.checks import check_not_blank
from ..lib.district_time import district_today
from .gov_signoff_route_step import SIGNOFF_ROLES

_logger = logging.getLogger(__name__)

TERMINAL_ACTIONS = [
    ("none", "None"),
    ("consent", "Silence means consent"),
    ("close", "Close automatically"),
    ("return", "Return to the drafter"),
]
# whom a rung may also tell: a role of the route (the head, the executive deputy, a group …), resolved as
# a route step resolves it; the leader in charge has his own box, and a ladder serves items of any model,
# so it names no field of one
ESCALATION_ROLES = [(role, label) for role, label in SIGNOFF_ROLES if role not in ("area_leader", "user_field")]


class GovEscalationStep(models.Model):
    """One rung of a ladder, relative to the deadline in working days (negative: before).

    Terminal actions and where they apply: "Silence means consent" to the opinions asked in a
    consultation only (R27.6); "Return to the drafter" and "Close automatically" (the item is
    cancelled as lapsed) to a step of an item and to a document's own approval limit.
    """

    _name = "gov.escalation.step"
    _description = "Escalation Step"
    _order = "offset_days, id"

    ladder_id = fields.Many2one("gov.escalation.ladder", required=True, ondelete="cascade", index=True)
    # a step that was taken is archived, not deleted: the escalation log keeps pointing at it
    active = fields.Boolean(default=True, help="Archived steps are no longer taken; the log keeps those taken.")
    offset_days = fields.Integer(string="Working Days from Deadline", required=True, default=0,
                                 help="-1: one working day before the deadline; 0: on it; 2: two working days after.")
    summary = fields.Char(required=True, translate=True)
    notify_owner = fields.Boolean(string="Owner", default=True)
    notify_office = fields.Boolean(string="Office")
    notify_leader = fields.Boolean(string="Leader in Charge")
    notify_role = fields.Selection(ESCALATION_ROLES, string="Also Tell",
                                   help="A role of the sign-off routes also told at this step, e.g. the district "
                                        "head for “报区长”; whoever acts for its holder today is told instead (R5.3, "
                                        "R5.4).")
    notify_group_id = fields.Many2one("res.groups", string="Group Told")
    notify_user_id = fields.Many2one("res.users", string="User Told")
    terminal_action = fields.Selection(
        TERMINAL_ACTIONS, required=True, default="none",
        help="Silence means consent: only for the answers to a consultation (R27.6). Return to the drafter and "
             "Close automatically (cancelled as lapsed): for the steps of an item and a document's own approval limit.")

    # an archived step leaves its day free for a new one
    _offset_active_uniq = models.UniqueIndex("(ladder_id, offset_days) WHERE active IS TRUE",
                                             "A ladder has at most one step per day offset.")

    @api.constrains("summary")
    def _check_not_blank(self):
        check_not_blank(self, "summary")

    @api.constrains("offset_days")
    def _check_offset(self):
        for step in self:
            if abs(step.offset_days) > 60:
                raise ValidationError(self.env._("A step must lie within 60 working days of the deadline."))

    @api.constrains("notify_role", "notify_group_id", "notify_user_id")
    def _check_notify_role(self):
        for step in self:
            if (step.notify_role == "group" and not step.notify_group_id) or (
                    step.notify_role == "user" and not step.notify_user_id):
                raise ValidationError(self.env._("Step “%s” tells a group or a user: choose which.", step.summary))

    @api.constrains("terminal_action", "ladder_id")
    def _check_ladder_policies(self):
        self.ladder_id.policy_ids._gov_check_ladders()

    def write(self, vals):
        # a step moved to another ladder, or archived, may leave its ladder empty or without consent
        previous = self.ladder_id if {"ladder_id", "active"} & set(vals) else self.env["gov.escalation.ladder"]
        result = super().write(vals)
        if "active" in vals:
            # archived at once: a new step may take the archived one's day in the same save
            self.flush_recordset(["active"])
        previous.policy_ids._gov_check_ladders()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_taken(self):
        """The escalation log names the steps taken: they are archived, never deleted (R35.1)."""
        # sudo: the log decides, whether or not the administrator may read all of it
        taken = self.env["gov.escalation.log"].sudo().search([("step_id", "in", self.ids)], limit=1).step_id
        if taken:
            raise UserError(self.env._(
                "The escalation step “%s” was already taken on items and the escalation log names it: archive it "
                "instead of deleting it.", taken.summary))

    def unlink(self):
        ladders = self.ladder_id
        result = super().unlink()
        # checked once the steps are gone: the ladders of the time limits keep a step, and the
        # consultation limit its consent (R27.6); the whole deletion is undone otherwise
        if not self.env.context.get(MODULE_UNINSTALL_FLAG):
            ladders.exists().policy_ids._gov_check_ladders()
        return result

    # ------------------------------------------------------------------
    # Running the step
    # ------------------------------------------------------------------
    def _threshold(self, today):
        """Items whose deadline is on or before this date are due for the step on ``today``."""
        # due when deadline + offset working days <= today, i.e. deadline <= today - offset
        return self.ladder_id.rule_set_id.calendar_id.add_working_days(today, -self.offset_days)

    def _due_domain(self, today):
        """Open items of this step's ladder that reached it by ``today`` and have not had it yet."""
        self.ensure_one()
        return [("deadline_open", "=", True), ("deadline", "<=", self._threshold(today)),
                ("deadline_policy_id.ladder_id", "=", self.ladder_id.id),
                ("escalation_offset_done", "<", self.offset_days)]

    def _due_somewhere(self, models, today):
        """{model name: those of these steps due on at least one of its items}, for ``models``, in one query."""
        parts = [SQL("SELECT %s, %s WHERE EXISTS(%s)", model._name, step.id,
                     model._search(step._due_domain(today), limit=1).select())
                 for model in models for step in self]
        due = {model._name: self.browse() for model in models}
        if parts:
            for model_name, step_id in self.env.execute_query(SQL(" UNION ALL ").join(parts)):
                due[model_name] |= self.browse(step_id)
        return due

    def _told_role(self):
        """The role this step also tells, with its group or user: (role, group, user), or None."""
        self.ensure_one()
        if not self.notify_role:
            return None
        return (self.notify_role, self.notify_role == "group" and self.notify_group_id,
                self.notify_role == "user" and self.notify_user_id)

    def _superseding_step(self):
        """The nearest later step of the ladder that tells at least the same people, if any."""
        self.ensure_one()
        return self.ladder_id.step_ids.filtered(
            lambda step: step.offset_days > self.offset_days and step.notify_owner >= self.notify_owner
            and step.notify_office >= self.notify_office and step.notify_leader >= self.notify_leader
            and self._told_role() in (None, step._told_role())
        ).sorted("offset_days")[:1]

    def _execute(self, records, today=None):
        """Do this step on ``records`` (a batch of one model): activities, messages, terminal action, log.

        Items already due for a later step that tells the same people (a run catching up, say after
        a holiday) are not reminded of this one: "due tomorrow" would arrive with "overdue". The step
        is still taken and logged, and its terminal action done.
        """
        self.ensure_one()
        superseding = self._superseding_step()
        if superseding:
            threshold = superseding._threshold(today or district_today(self))
            records.filtered(lambda record: not record.deadline or record.deadline > threshold)._gov_escalation_notify(
                self)
        else:
            records._gov_escalation_notify(self)
        if self.terminal_action != "none":
            records._gov_escalation_terminal(self)
        records.write({"escalation_offset_done": self.offset_days})
        self.env["gov.escalation.log"].create([
            {"res_model": records._name, "res_id": record_id, "step_id": self.id, "summary": self.summary}
            for record_id in records.ids])

    def _execute_isolated(self, records, today=None):
        """Claim a batch (see _gov_escalation_claim) and take this step on it in one go, in one savepoint;
        if that fails, claim the items and take the step item by item, each in its own savepoint, so that
        one broken or changed item neither rolls back nor holds up the others. Returns the items left
        out: held by another run, or on which the step failed (nothing of it was done on them, and the
        next run tries them again)."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                # a row changed since this run's snapshot refuses the lock: then one by one, below
                claimed = records._gov_escalation_lock()
                if claimed:
                    self._execute(claimed, today)
            return records - claimed
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY as error:
            # someone decided on one of the items meanwhile: the others go on without it
            _logger.info("Escalation step %s met a concurrent change in a batch of %s %s; taking them one by one: %s",
                         self.id, len(records), records._name, error)
        except Exception as error:  # noqa: BLE001 - any fault of one item must not stop the others
            _logger.warning("Escalation step %s failed on a batch of %s %s; taking them one by one: %s",
                            self.id, len(records), records._name, error)
        claimed = records._gov_escalation_claim()
        failed = records - claimed
        for record in claimed:
            try:
                with self.env.cr.savepoint():
                    self._execute(record, today)
            except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
                # not a fault: the item changed since this run began; the next run takes it as it is now
                _logger.info("Escalation step %s left %s to the next run: it changed meanwhile", self.id, record)
                failed |= record
            except Exception as error:  # noqa: BLE001 - see above
                self._gov_escalation_failed(record, error)
                failed |= record
        return failed

    def _gov_escalation_failed(self, record, error):
        """Log the fault, and tell the office once per item and step (a rerun that fails again stays quiet)."""
        _logger.error("Escalation step %s (%s) failed on %s: %s", self.id, self.summary, record, error,
                      exc_info=error)
        reason = str(error) or type(error).__name__
        Log = self.env["gov.escalation.log"]
        told = Log.search_count([("res_model", "=", record._name), ("res_id", "=", record.id),
                                 ("step_id", "=", self.id), ("error", "!=", False)], limit=1)
        Log.create({"res_model": record._name, "res_id": record.id, "step_id": self.id, "summary": self.summary,
                    "error": reason})
        if told:
            return
        try:
            with self.env.cr.savepoint():
                record._gov_escalation_warn(self.env._(
                    "The automatic step “%(step)s” failed on this item (%(error)s) and will be tried again at the "
                    "next run; the office checks the item.", step=self.summary, error=reason))
        except Exception:  # noqa: BLE001 - the note is a courtesy; the log above is what counts
            _logger.exception("Could not leave a note about escalation step %s on %s", self.id, record)
