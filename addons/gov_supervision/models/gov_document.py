from odoo import api, fields, models
from odoo.exceptions import UserError


class GovDocument(models.Model):
    _inherit = "gov.document"

    supervision_item_ids = fields.One2many("gov.supervision.item", "document_id", string="Supervision Items")
    supervision_item_count = fields.Integer(compute="_compute_supervision_item_count")

    @api.depends("supervision_item_ids")
    def _compute_supervision_item_count(self):
        for document in self:
            document.supervision_item_count = len(document.supervision_item_ids)

    def _gov_supervision_item_values(self):
        """The values of the supervision item a leader's instruction on this document creates (批示交办)."""
        self.ensure_one()
        return {"name": self.name, "source": "instruction", "document_id": self.id, "area_id": self.area_id.id,
                "leader_id": self.env.user.id}

    def action_instruct_supervision(self):
        """A leader instructs on the document (批示交办): the instruction text, the lead unit and the deadline."""
        self.ensure_one()
        if not self.env.user.has_group("gov_rules.group_gov_leader"):
            raise UserError(self.env._("Only a leader instructs on a document (批示交办)."))
        return {"type": "ir.actions.act_window", "res_model": "gov.supervision.instruct", "view_mode": "form",
                "target": "new", "name": self.env._("Instruct (批示交办)"),
                "context": {"default_res_model": self._name, "default_res_id": self.id,
                            "default_area_id": self.area_id.id}}

    def action_view_supervision_items(self):
        self.ensure_one()
        return self.env["gov.supervision.item"]._action_for_source("document_id", self)
