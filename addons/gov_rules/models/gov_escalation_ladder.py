import logging

from odoo import api, fields, models

_logger = logging.getLogger(__name__)


class GovEscalationLadder(models.Model):
    """Steps taken around a deadline: remind before, notify at, escalate after, and a terminal
    action such as silence-means-consent (R27.6) or closing."""

    _name = "gov.escalation.ladder"
    _description = "Escalation Ladder"
    _order = "name, id"

    name = fields.Char(required=True, translate=True)
    rule_set_id = fields.Many2one("gov.rule.set", required=True, ondelete="cascade", index=True)
    step_ids = fields.One2many("gov.escalation.step", "ladder_id", string="Steps", copy=True)

    @api.model
    def _cron_escalate(self, batch_size=500, today=None):
        """Take every step that has come due, in batches; never the same step twice on an item.

        An item records the offset of the last step done on it (``escalation_offset_done``) in
        the same transaction as the step's effects, so a crash and a rerun neither skip nor repeat.
        """
        today = today or fields.Date.context_today(self)
        cron = self.env["ir.cron"]
        for model_name in self.env["gov.deadline.mixin"]._deadline_models():
            model = self.env[model_name]
            for step in self.env["gov.escalation.step"].search([("ladder_id.rule_set_id", "!=", False)],
                                                               order="ladder_id, offset_days"):
                calendar = step.ladder_id.rule_set_id.calendar_id
                # due when deadline + offset working days <= today, i.e. deadline <= today - offset
                threshold = calendar.add_working_days(today, -step.offset_days)
                domain = [("deadline_open", "=", True), ("deadline", "<=", threshold),
                          ("deadline_policy_id.ladder_id", "=", step.ladder_id.id),
                          ("escalation_offset_done", "<", step.offset_days)]
                while batch := model.search(domain, limit=batch_size, order="id"):
                    step._execute(batch)
                    # commit each batch when run by the scheduler, and stop when its time is up
                    if self.env.context.get("cron_id") and cron._commit_progress(len(batch)) <= 0:
                        return
