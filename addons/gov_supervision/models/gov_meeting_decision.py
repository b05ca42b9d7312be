from odoo import api, fields, models
from odoo.exceptions import UserError


class GovMeetingDecision(models.Model):
    _inherit = "gov.meeting.decision"

    supervision_item_ids = fields.One2many("gov.supervision.item", "decision_id", string="Supervision Items")
    supervision_state = fields.Selection(related="supervision_item_ids.state", string="Supervision")
    supervision_result = fields.Html(related="supervision_item_ids.result", string="Supervision Result")

    def _gov_supervision_item_values(self):
        """The values of the supervision item that carries out this decision (R31.1)."""
        self.ensure_one()
        topic = self.topic_id
        values = {"name": topic.display_name, "source": "decision", "decision_id": self.id,
                  "instruction": self.text}
        if "area_id" in topic._fields:
            values["area_id"] = topic.area_id.id
        if "department_id" in topic._fields:
            values["lead_department_id"] = topic.department_id.id
        return values

    def action_create_supervision_item(self):
        """督办: the decision becomes a supervision item (R31.1); one per decision."""
        if not (self.env.user.has_group("gov_rules.group_gov_office")
                or self.env.user.has_group("gov_rules.group_gov_leader")
                or self.env.user.has_group("gov_supervision.group_supervision_office")):
            raise UserError(self.env._("The office or the supervision office puts a decision under supervision."))
        Item = self.env["gov.supervision.item"]
        items = Item
        for decision in self:
            if decision.outcome not in ("adopted", "adopted_changed"):
                raise UserError(self.env._("Only an adopted decision is carried out under supervision."))
            # sudo: whether the decision already has an item, whoever reads the items
            if decision.sudo().supervision_item_ids.filtered(lambda item: item.state != "cancelled"):
                raise UserError(self.env._("This decision is already under supervision."))
            items |= Item._create_from_source(decision)
        return Item._action_for_source("decision_id", self) if len(items) != 1 else {
            "type": "ir.actions.act_window", "res_model": Item._name, "res_id": items.id, "view_mode": "form",
            "target": "current"}
