from odoo import api, fields, models
from odoo.exceptions import UserError

LOG_ACTIONS = [
    ("submit", "Submitted"),
    ("approve", "Approved"),
    ("object", "Objected"),
    ("consent", "Consent by silence"),
    ("reject", "Rejected"),
    ("return", "Returned for changes"),
    ("withdraw", "Withdrawn"),
    ("delegate", "Delegated"),
    ("reroute", "Re-routed"),
    ("issue", "Issued"),
    ("cancel", "Cancelled"),
    ("lapse", "Closed as lapsed"),
    # sent back to draft after its approval: an approved agenda changed (R22.2), a reply found unsatisfying
    ("reopen", "Opened again for a change"),
]


class GovSignoffLog(models.Model):
    """Every decision on an item: who, acting for whom, on which step, with what opinion, when.

    Append-only (R35.1): nobody, the administrator included, can change or delete an entry.
    """

    _name = "gov.signoff.log"
    _description = "Decision Log"
    _inherit = ["gov.item.log.mixin"]
    _order = "date desc, id desc"

    res_model = fields.Char(string="Model", required=True, index=True, readonly=True)
    res_id = fields.Many2oneReference(string="Record", model_field="res_model", required=True, index=True,
                                      readonly=True)
    res_name = fields.Char(string="Item", readonly=True)
    # restrict: a step that was decided on is never deleted, so the entry keeps pointing at it (R35.1)
    task_id = fields.Many2one("gov.signoff.task", string="Step", ondelete="restrict", readonly=True, index=True)
    step_name = fields.Char(readonly=True)
    action = fields.Selection(LOG_ACTIONS, required=True, readonly=True, index=True)
    user_id = fields.Many2one("res.users", string="By", required=True, readonly=True, ondelete="restrict", index=True)
    acting_for_id = fields.Many2one("res.users", string="Acting for", readonly=True, ondelete="restrict",
                                    index=True)
    opinion = fields.Text(readonly=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True, index=True)
    round = fields.Integer(readonly=True)
    # who submitted the item, kept on the entry itself: who may read it never depends on the step
    requester_id = fields.Many2one("res.users", string="Submitted by", readonly=True, index=True,
                                   ondelete="restrict")

    @api.model
    def _item_models(self):
        """The models whose items go through sign-off: those that inherit the sign-off mixin."""
        return [name for name in self.env.registry.descendants(["gov.signoff.mixin"], "_inherit")
                if not self.env[name]._abstract]

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self.env._("The decision log is permanent: entries cannot be changed (R35.1)."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The decision log is permanent: entries cannot be deleted (R35.1)."))
