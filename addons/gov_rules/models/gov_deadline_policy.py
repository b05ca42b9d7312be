from odoo import api, fields, models
from odoo.exceptions import ValidationError


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
    ladder_id = fields.Many2one("gov.escalation.ladder", string="Escalation Ladder",
                                domain="[('rule_set_id', '=', rule_set_id)]")
    rule_ref = fields.Char(string="Rule", help="The clause it implements, e.g. R28.3.")

    _code_uniq = models.Constraint("UNIQUE(rule_set_id, code)", "A rule set has one deadline policy per code.")

    @api.constrains("working_days")
    def _check_working_days(self):
        for policy in self:
            if not 0 < policy.working_days <= 365:
                raise ValidationError(self.env._(
                    "The limit of “%(name)s” must be between 1 and 365 working days, not %(days)s.",
                    name=policy.name, days=policy.working_days))

    def _deadline_from(self, start):
        """(deadline, provisional) for an item that starts on ``start``."""
        self.ensure_one()
        calendar = self.rule_set_id.calendar_id
        deadline = calendar.add_working_days(start, self.working_days)
        return deadline, bool(calendar.unconfigured_years(start, deadline))
