from odoo import api, fields, models
from odoo.exceptions import UserError


class GovEscalationLog(models.Model):
    """What the escalation cron did, item by item, and where a step failed: append-only."""

    _name = "gov.escalation.log"
    _description = "Escalation Log"
    _inherit = ["gov.item.log.mixin"]
    _order = "id desc"

    res_model = fields.Char(required=True, index=True)
    res_id = fields.Many2oneReference(model_field="res_model", required=True, index=True)
    # restrict: a step that was taken is archived, never deleted, so the entry keeps pointing at it
    step_id = fields.Many2one("gov.escalation.step", ondelete="restrict", index=True)
    summary = fields.Char(required=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    error = fields.Text(help="The step failed on this item with this error; nothing of it was done, and the "
                             "next run tries it again.")

    @api.model
    def _item_models(self):
        """The models with deadlines: the escalation ladders run on their items."""
        return self.env["gov.deadline.mixin"]._deadline_models()

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self.env._("The escalation log cannot be changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The escalation log cannot be deleted."))
