from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..lib.district_time import district_today

DECISIONS = [
    ("approve", "Approve"),
    ("reject", "Reject"),
    ("return", "Return for changes"),
    ("withdraw", "Withdraw"),
    ("agree", "Agree"),
    ("object", "Object"),
    ("delegate", "Delegate"),
]


class GovSignoffDecision(models.TransientModel):
    """The opinion that goes with a decision on an item under sign-off or consultation."""

    _name = "gov.signoff.decision"
    _description = "Sign-off Decision"

    res_model = fields.Char(required=True)
    res_id = fields.Integer(required=True)
    decision = fields.Selection(DECISIONS, required=True)
    opinion = fields.Text()
    # the government's users only: nobody else can open the item; and someone else than oneself
    # (see action_signoff_delegate)
    delegate_to_id = fields.Many2one("res.users", domain=lambda self: [
        ("share", "=", False), ("all_group_ids", "in", self.env.ref("gov_rules.group_gov_user").ids),
        ("id", "!=", self.env.uid)])
    # R27.1: a standard reason for a return (the office's own ones offered to the office only)
    return_reason_id = fields.Many2one(
        "gov.return.reason", string="Reason",
        domain=lambda self: [] if self.env.user.has_group("gov_rules.group_gov_office")
        else [("office_only", "=", False)])
    acting_note = fields.Char(compute="_compute_acting_note",
                              help="Whom you decide for (代), before you decide: the step's holder, while away.")

    @api.depends("res_model", "res_id", "decision")
    def _compute_acting_note(self):
        for wizard in self:
            wizard.acting_note = False
            if wizard.decision not in ("approve", "reject", "return", "agree", "object", "delegate") or \
                    wizard.res_model not in self.env["gov.signoff.log"]._item_models():
                continue
            # the step waiting for the current user (his own to-do, readable by him)
            task = self.env["gov.signoff.task"].search([
                ("res_model", "=", wizard.res_model), ("res_id", "=", wizard.res_id), ("state", "=", "pending"),
                ("user_ids", "in", self.env.user.ids)], limit=1)
            if task.holder_id and task.holder_id != self.env.user:
                away = self.env["gov.absence"].search([
                    ("user_id", "=", task.holder_id.id), ("date_from", "<=", district_today(self)),
                    ("date_to", ">=", district_today(self))], limit=1)
                if away:
                    wizard.acting_note = self.env._(
                        "You decide “%(step)s” for %(holder)s (代), who is away until %(date)s.",
                        step=task.name, holder=task.holder_id.name, date=format_date(self.env, away.date_to))
                else:
                    wizard.acting_note = self.env._("You decide “%(step)s” for %(holder)s (代).",
                                                    step=task.name, holder=task.holder_id.name)

    def action_confirm(self):
        self.ensure_one()
        # only items that go through sign-off: any other model's methods are not for this wizard to call
        if self.res_model not in self.env["gov.signoff.log"]._item_models():
            raise UserError(self.env._("Decisions are taken only on items that go through sign-off."))
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record:
            raise UserError(self.env._("The item no longer exists."))
        if self.decision == "approve":
            record.action_signoff_approve(self.opinion)
        elif self.decision == "reject":
            record.action_signoff_reject(self.opinion)
        elif self.decision == "return" and self.return_reason_id:
            record.action_signoff_return_for(self.return_reason_id, self.opinion)
        elif self.decision == "return":
            record.action_signoff_return(self.opinion)
        elif self.decision == "delegate":
            if not self.delegate_to_id:
                raise UserError(self.env._("Choose the person who takes over the step."))
            record.action_signoff_delegate(self.delegate_to_id, self.opinion)
        elif self.decision == "withdraw":
            record.action_signoff_withdraw(self.opinion)
        else:
            record.action_consult_answer(agree=self.decision == "agree", opinion=self.opinion)
        return {"type": "ir.actions.act_window_close"}
