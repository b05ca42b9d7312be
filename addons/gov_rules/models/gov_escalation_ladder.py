import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.checks import check_not_blank
from ..lib.district_time import district_today

_logger = logging.getLogger(__name__)


def _prefetched(model):
    """The fields a search reads with the records (search_fetch): those the ORM prefetches."""
    return [name for name, field in model._fields.items() if field.store and field.prefetch is True
            and field.column_type]


class GovEscalationLadder(models.Model):
    """Steps taken around a deadline: remind before, notify at, escalate after, and a terminal
    action such as silence-means-consent (R27.6) or closing."""

    _name = "gov.escalation.ladder"
    _description = "Escalation Ladder"
    _order = "name, id"

    name = fields.Char(required=True, translate=True)
    rule_set_id = fields.Many2one("gov.rule.set", required=True, ondelete="cascade", index=True)
    step_ids = fields.One2many("gov.escalation.step", "ladder_id", string="Steps", copy=True)
    policy_ids = fields.One2many("gov.deadline.policy", "ladder_id", string="Used by", readonly=True)

    @api.constrains("name")
    def _check_not_blank(self):
        check_not_blank(self, "name")

    @api.constrains("rule_set_id", "step_ids")
    def _check_policies(self):
        self.policy_ids._gov_check_ladders()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = self.filtered("policy_ids")[:1]
        if used:
            raise UserError(self.env._(
                "The escalation ladder “%(ladder)s” is used by the time limits %(policies)s; give them another "
                "ladder (or none) first.", ladder=used.name, policies=", ".join(used.policy_ids.mapped("name"))))
        # the steps go with the ladder: those the escalation log names are kept (archived ones included)
        self.with_context(active_test=False).step_ids._unlink_except_taken()

    @api.model
    def _cron_escalate(self, batch_size=500, today=None):
        """Take every step that has come due, in batches; never the same step twice on an item.

        An item records the offset of the last step done on it (``escalation_offset_done``) in
        the same transaction as the step's effects, so a crash and a rerun neither skip nor repeat.
        An item on which a step fails is left out for the rest of the run, with a note for the
        office, and tried again at the next run: it never holds up the others. Each batch is claimed
        (locked) first: two runs at the same moment, say on two servers, share the items, and
        never take a step twice on one.

        The scheduler's own language (English) is never the readers': what the run writes into the
        items' chatter and the decision and escalation logs (and the tracked values) is in the
        district's language, what it writes for one person in that person's.
        """
        env = self.with_context(lang=self.env["gov.rule.set"]._district_lang()).env
        today = today or district_today(self)
        in_cron = bool(env.context.get("cron_id"))
        Step = env["gov.escalation.step"]
        steps = Step.search_fetch([("ladder_id.rule_set_id", "!=", False)], _prefetched(Step),
                                  order="ladder_id, offset_days")
        models = [env[model_name] for model_name in env["gov.deadline.mixin"]._deadline_models()]
        # the steps due on at least one item of each model, asked in one query; once a terminal action has
        # run (it may start the next steps of a route), every later step is searched as well
        due = steps._due_somewhere(models, today)
        for model in models:
            # each batch is read with its fields by its search: the step reads them at once
            fetched = _prefetched(model)
            for step in steps:
                if due is not None and step not in due[model._name]:
                    continue
                domain = step._due_domain(today)
                left_out = []
                while True:
                    # one more than a batch: whether another batch follows is known without a search
                    found = model.search_fetch([*domain, ("id", "not in", left_out)], fetched,
                                               limit=batch_size + 1, order="id")
                    batch = found[:batch_size]
                    if not batch:
                        break
                    # claimed and taken in one savepoint; items another run holds are its own, items that
                    # failed are tried at the next run
                    left_out += step._execute_isolated(batch, today).ids
                    if step.terminal_action != "none":
                        due = None
                    # commit each batch when run by the scheduler, and stop when its time is up
                    if in_cron and env["ir.cron"]._commit_progress(len(batch)) <= 0:
                        return
                    # a reminder makes nothing else due: no batch follows the last one found
                    if len(found) <= batch_size and step.terminal_action == "none":
                        break
