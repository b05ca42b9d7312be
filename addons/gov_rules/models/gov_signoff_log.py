from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

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
]


class GovSignoffLog(models.Model):
    """Every decision on an item: who, acting for whom, on which step, with what opinion, when.

    Append-only (R35.1): nobody, the administrator included, can change or delete an entry.
    """

    _name = "gov.signoff.log"
    _description = "Decision Log"
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
    item_readable = fields.Boolean(string="Item I May Read", compute="_compute_item_readable",
                                   search="_search_item_readable",
                                   help="The current user may read the item the entry is about.")

    @api.model
    def _item_models(self):
        """The models whose items go through sign-off: those that inherit the sign-off mixin."""
        return [name for name in self.env.registry.descendants(["gov.signoff.mixin"], "_inherit")
                if not self.env[name]._abstract]

    @api.depends_context("uid")
    def _compute_item_readable(self):
        # record rules evaluate this as superuser: the item's own rules are those of the real user
        env = self.env(su=False)
        readable = set()
        for model_name in set(self.mapped("res_model")) & set(self._item_models()):
            entries = self.filtered(lambda entry, name=model_name: entry.res_model == name)
            if env[model_name].has_access("read"):
                items = env[model_name].browse(entries.mapped("res_id")).exists()
                readable |= {(model_name, item_id) for item_id in items._filtered_access("read").ids}
        for entry in self:
            entry.item_readable = (entry.res_model, entry.res_id) in readable

    def _search_item_readable(self, operator, value):
        """Entries about items the current user may read: whoever reads an item reads its decisions."""
        if operator != "in":
            return NotImplemented
        # record rules search as superuser: the items are searched with the real user's rights
        env = self.env(su=False)
        readable = Domain.OR(Domain("res_model", "=", name) & Domain("res_id", "in", env[name]._search([]))
                             for name in self._item_models() if env[name].has_access("read"))
        return readable if True in value else ~readable

    def write(self, vals):  # pylint: disable=method-required-super
        raise UserError(self.env._("The decision log is permanent: entries cannot be changed (R35.1)."))

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(self.env._("The decision log is permanent: entries cannot be deleted (R35.1)."))
