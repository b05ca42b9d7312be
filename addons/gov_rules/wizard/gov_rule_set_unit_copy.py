from odoo import fields, models


class GovRuleSetUnitCopy(models.TransientModel):
    """A unit adopts the district's rules by reference and adapts its own copy (R42.1)."""

    _name = "gov.rule.set.unit.copy"
    _description = "Copy Rules for a Unit"

    rule_set_id = fields.Many2one("gov.rule.set", required=True, ondelete="cascade")
    department_id = fields.Many2one("hr.department", string="Unit", required=True)

    def action_confirm(self):
        self.ensure_one()
        return self.rule_set_id.action_copy_for_unit(self.department_id)
