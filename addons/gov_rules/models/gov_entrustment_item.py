from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GovEntrustmentItem(models.Model):
    """An item an entrustment names as its task (R5.2): a document, a request, an agenda request … of any
    model that goes through sign-off. For it, the head's and the area leader's steps go to the entrusted
    deputy."""

    _name = "gov.entrustment.item"
    _description = "Item of an Entrusted Task"
    _order = "entrustment_id, id"

    entrustment_id = fields.Many2one("gov.entrustment", required=True, ondelete="cascade", index=True)
    res_model = fields.Char(string="Model", required=True, index=True)
    res_id = fields.Many2oneReference(string="Item Id", model_field="res_model", required=True, index=True)
    # the form's picker: the model, then the item (written into res_model and res_id)
    item_ref = fields.Reference(selection="_selection_item_models", string="Item", compute="_compute_item_ref",
                                inverse="_inverse_item_ref")
    res_name = fields.Char(string="Item Name", compute="_compute_res_name")

    _item_uniq = models.Constraint("UNIQUE(entrustment_id, res_model, res_id)",
                                   "An entrustment names an item once.")
    _item_idx = models.Index("(res_model, res_id)")

    @api.model
    def _selection_item_models(self):
        models_ = self.env["gov.signoff.log"]._item_models()
        return [(name, self.env["ir.model"]._get(name).name) for name in models_]

    @api.depends("res_model", "res_id")
    def _compute_item_ref(self):
        for line in self:
            line.item_ref = f"{line.res_model},{line.res_id}" if line.res_model and line.res_id else False

    def _inverse_item_ref(self):
        for line in self.filtered("item_ref"):
            line.write({"res_model": line.item_ref._name, "res_id": line.item_ref.id})

    @api.depends("res_name")
    def _compute_display_name(self):
        for line in self:
            line.display_name = line.res_name

    @api.depends("res_model", "res_id")
    def _compute_res_name(self):
        for line in self:
            item = line._item()
            # sudo: the name of the item the head named, whoever reads the entrustment
            line.res_name = item.sudo().display_name if item else False

    def _item(self):
        self.ensure_one()
        if self.res_model not in self.env or not self.res_id:
            return None
        return self.env[self.res_model].browse(self.res_id)

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._from_item_ref(vals) for vals in vals_list])

    def write(self, vals):
        return super().write(self._from_item_ref(vals))

    @api.model
    def _from_item_ref(self, vals):
        """The picker's value is the line's model and id (saved before the line's row exists)."""
        ref = vals.get("item_ref")
        if not ref:
            return vals
        if isinstance(ref, str) and "," in ref:
            model, res_id = ref.split(",", 1)
            res_id = int(res_id) if res_id.strip().isdigit() else 0
        elif isinstance(ref, models.BaseModel):
            model, res_id = ref._name, ref.id
        else:
            raise ValidationError(self.env._("Choose the item of the task."))
        return {**{k: v for k, v in vals.items() if k != "item_ref"}, "res_model": model, "res_id": res_id}

    @api.constrains("res_model", "res_id")
    def _check_item(self):
        item_models = self.env["gov.signoff.log"]._item_models()
        for line in self:
            # sudo: the item exists or not, whoever names it
            if line.res_model not in item_models or not line._item().sudo().exists():
                raise ValidationError(self.env._(
                    "An entrustment names items that go through sign-off (a document, a request …) that exist."))
