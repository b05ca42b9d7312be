from odoo import api, fields, models
from odoo.addons.gov_rules.lib.checks import check_not_blank
from odoo.exceptions import UserError, ValidationError

OUTPUT_KINDS = [
    ("report", "Report (督查报告)"),
    ("briefing", "Briefing (通报)"),
    ("rectification", "Rectification (整改)"),
    ("recheck", "Re-check (复查)"),
    ("evaluation", "Third-party evaluation (第三方评估)"),
    ("experience", "Experience sharing (经验推广)"),
]


class GovInspectionOutput(models.Model):
    """What an inspection produced (R34.2): its report, a briefing, a rectification the target unit must
    carry out (it becomes a supervision item, followed to its result), a re-check, a third-party
    evaluation, experience to share."""

    _name = "gov.inspection.output"
    _description = "Inspection Output"
    _order = "inspection_id, sequence, id"

    inspection_id = fields.Many2one("gov.inspection", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    kind = fields.Selection(OUTPUT_KINDS, required=True, default="report", index=True)
    name = fields.Char(string="Title", required=True)
    date = fields.Date(default=fields.Date.context_today)
    description = fields.Html()
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    department_id = fields.Many2one("hr.department", string="Unit to Rectify", index=True,
                                    help="For a rectification: the target unit that leads it.")
    deadline = fields.Date(string="Rectify By")
    item_id = fields.Many2one("gov.supervision.item", string="Supervision Item", readonly=True, copy=False,
                              index=True, ondelete="restrict")
    item_state = fields.Selection(related="item_id.state", string="Item Status")
    item_result = fields.Html(related="item_id.result", string="Result")

    @api.constrains("name")
    def _check_name(self):
        check_not_blank(self, "name")

    @api.constrains("kind", "department_id", "inspection_id")
    def _check_rectifying_unit(self):
        for output in self.filtered(lambda o: o.kind == "rectification" and o.department_id):
            if output.department_id not in output.inspection_id.target_ids:
                raise ValidationError(self.env._(
                    "%(unit)s is not a target unit of the inspection “%(inspection)s”: a rectification is asked of "
                    "the units inspected.", unit=output.department_id.name, inspection=output.inspection_id.name))

    def _gov_supervision_item_values(self):
        """The values of the supervision item this rectification becomes (see gov.supervision.item)."""
        self.ensure_one()
        inspection = self.inspection_id
        values = {
            "name": self.name, "source": "inspection", "inspection_id": inspection.id,
            "lead_department_id": self.department_id.id, "instruction": self.description,
            "area_id": inspection.area_id.id or self.department_id.gov_area_id.id,
        }
        if self.deadline:
            values["deadline"] = self.deadline
        return values

    def action_create_item(self):
        """The rectification becomes a supervision item of its unit, followed until its result (R34.2)."""
        Item = self.env["gov.supervision.item"]
        for output in self:
            if output.kind != "rectification":
                raise UserError(self.env._("Only a rectification becomes a supervision item."))
            if output.item_id:
                raise UserError(self.env._("“%s” is already a supervision item.", output.name))
            if not output.department_id:
                raise UserError(self.env._("Name the unit that rectifies “%s”.", output.name))
            if output.inspection_id.state not in ("in_progress", "done"):
                raise UserError(self.env._("Rectifications are handed over once the inspection is under way."))
            output.inspection_id._gov_check_manage()
            # sudo: the system hands the finding to the unit as an item, whoever organised the inspection
            item = Item.sudo()._create_from_source(output)
            output.sudo().item_id = item
        return True
