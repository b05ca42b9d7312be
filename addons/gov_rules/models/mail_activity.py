from odoo import fields, models


class MailActivity(models.Model):
    """The system finds its own activities again by these keys, never by their summary, which is
    written in each person's language. Only the system (sudo) reads and sets them."""

    _inherit = "mail.activity"

    gov_escalation_step_id = fields.Many2one("gov.escalation.step", string="Escalation Step", readonly=True,
                                             index="btree_not_null", ondelete="set null", groups="base.group_system")
    gov_signoff_task_id = fields.Many2one("gov.signoff.task", string="Sign-off Step", readonly=True,
                                          index="btree_not_null", ondelete="set null", groups="base.group_system")
