from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.checks import check_not_blank

# the rule set's time limit for answers to a consultation (R27.6), as the rules look it up
CONSULTATION_CODE = "consultation"


class GovDeadlinePolicy(models.Model):
    """A named time limit in working days (R22.4, R27.6, R28.1, R28.3), with its escalation ladder."""

    _name = "gov.deadline.policy"
    _description = "Deadline Policy"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True, help="How the rules refer to it, e.g. urgent or consultation.")
    sequence = fields.Integer(default=10)
    rule_set_id = fields.Many2one("gov.rule.set", required=True, ondelete="cascade", index=True)
    working_days = fields.Integer(required=True, help="The limit, in working days of the rule set's calendar.")
    ladder_id = fields.Many2one("gov.escalation.ladder", string="Escalation Ladder", index=True,
                                domain="[('rule_set_id', '=', rule_set_id)]")
    rule_ref = fields.Char(string="Rule", help="The clause it implements, e.g. R28.3.")

    _code_uniq = models.Constraint("UNIQUE(rule_set_id, code)", "A rule set has one deadline policy per code.")

    @api.constrains("name", "code")
    def _check_not_blank(self):
        check_not_blank(self, "name", "code")

    @api.constrains("working_days")
    def _check_working_days(self):
        for policy in self:
            if not 0 < policy.working_days <= 365:
                raise ValidationError(self.env._(
                    "The limit of “%(name)s” must be between 1 and 365 working days, not %(days)s.",
                    name=policy.name, days=policy.working_days))

    @api.constrains("ladder_id", "rule_set_id", "code")
    def _check_ladder(self):
        self._gov_check_ladders()

    def _gov_check_ladders(self):
        """The ladder of a time limit belongs to the same rule set and has steps; the consultation limit's
        ladder keeps silence as consent (R27.6); each item model refuses terminal actions it cannot take.

        Also called when a ladder or its steps change.
        """
        for policy in self:
            ladder = policy.ladder_id
            if ladder and ladder.rule_set_id != policy.rule_set_id:
                raise ValidationError(self.env._(
                    "The escalation ladder “%(ladder)s” belongs to the rule set %(other)s; the time limit “%(policy)s” "
                    "of %(set)s can only use a ladder of its own rule set.", ladder=ladder.name,
                    other=ladder.rule_set_id.display_name, policy=policy.name, set=policy.rule_set_id.display_name))
            if ladder and not ladder.step_ids:
                raise ValidationError(self.env._(
                    "The escalation ladder “%(ladder)s” of the time limit “%(policy)s” has no step; add at least one "
                    "or leave the ladder empty.", ladder=ladder.name, policy=policy.name))
            if policy.code == CONSULTATION_CODE and "consent" not in ladder.step_ids.mapped("terminal_action"):
                raise ValidationError(self.env._(
                    "The consultation time limit “%(policy)s” needs a ladder with a step “Silence means consent”: "
                    "no answer by the deadline counts as no objection (R27.6).", policy=policy.name))
        for model_name in self.env["gov.deadline.mixin"]._deadline_models():
            self.env[model_name]._gov_escalation_check_policies(self)

    def _deadline_from(self, start):
        """(deadline, provisional) for an item that starts on ``start``."""
        self.ensure_one()
        calendar = self.rule_set_id.calendar_id
        deadline = calendar.add_working_days(start, self.working_days)
        return deadline, bool(calendar.unconfigured_years(start, deadline))
