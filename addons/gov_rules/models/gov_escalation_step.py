from odoo import api, fields, models
from odoo.exceptions import ValidationError

TERMINAL_ACTIONS = [
    ("none", "None"),
    ("consent", "Silence means consent"),
    ("close", "Close automatically"),
    ("return", "Return to the drafter"),
]


class GovEscalationStep(models.Model):
    """One rung of a ladder, relative to the deadline in working days (negative: before)."""

    _name = "gov.escalation.step"
    _description = "Escalation Step"
    _order = "offset_days, id"

    ladder_id = fields.Many2one("gov.escalation.ladder", required=True, ondelete="cascade", index=True)
    offset_days = fields.Integer(string="Working Days from Deadline", required=True, default=0,
                                 help="-1: one working day before the deadline; 0: on it; 2: two working days after.")
    summary = fields.Char(required=True, translate=True)
    notify_owner = fields.Boolean(string="Owner", default=True)
    notify_office = fields.Boolean(string="Office")
    notify_leader = fields.Boolean(string="Leader in Charge")
    terminal_action = fields.Selection(TERMINAL_ACTIONS, required=True, default="none")

    _offset_uniq = models.Constraint("UNIQUE(ladder_id, offset_days)",
                                     "A ladder has at most one step per day offset.")

    @api.constrains("offset_days")
    def _check_offset(self):
        for step in self:
            if abs(step.offset_days) > 60:
                raise ValidationError(self.env._("A step must lie within 60 working days of the deadline."))

    def _execute(self, records):
        """Do this step on ``records`` (a batch of one model): activities, messages, terminal action, log."""
        self.ensure_one()
        records._gov_escalation_notify(self)
        if self.terminal_action != "none":
            records._gov_escalation_terminal(self.terminal_action)
        records.write({"escalation_offset_done": self.offset_days})
        self.env["gov.escalation.log"].create([
            {"res_model": records._name, "res_id": record_id, "step_id": self.id, "summary": self.summary}
            for record_id in records.ids])
