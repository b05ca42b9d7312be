from odoo import api, fields, models
from odoo.fields import Domain


class GovItemLogMixin(models.AbstractModel):
    """A log about items (``res_model``, ``res_id``) read by whoever may read the item it is about:
    the record rules of the decision log and of the escalation log use ``item_readable`` (R35.1)."""

    _name = "gov.item.log.mixin"
    _description = "Log about Items"

    item_readable = fields.Boolean(string="Item I May Read", compute="_compute_item_readable",
                                   search="_search_item_readable",
                                   help="The current user may read the item the entry is about.")

    @api.model
    def _item_models(self):
        """The models whose items this log is about."""
        return []

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
        """Entries about items the current user may read: whoever reads an item reads its log."""
        if operator != "in":
            return NotImplemented
        # record rules search as superuser: the items are searched with the real user's rights
        env = self.env(su=False)
        readable = Domain.OR(Domain("res_model", "=", name) & Domain("res_id", "in", env[name]._search([]))
                             for name in self._item_models() if env[name].has_access("read"))
        return readable if True in value else ~readable
