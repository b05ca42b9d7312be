from odoo import fields, models
from odoo.exceptions import UserError


class GovSupervisionInstruct(models.TransientModel):
    """A leader's instruction (批示交办) on a source record: the instruction becomes a supervision item."""

    _name = "gov.supervision.instruct"
    _description = "Leader's Instruction to Supervise"

    res_model = fields.Char(required=True)
    res_id = fields.Integer(required=True)
    instruction = fields.Html(required=True)
    area_id = fields.Many2one("gov.area", string="Subject Area")
    lead_department_id = fields.Many2one("hr.department", string="Lead Unit (牵头)", required=True)
    co_department_ids = fields.Many2many("hr.department", string="Co-units (协办)")
    deadline_policy_id = fields.Many2one("gov.deadline.policy", string="Time Limit",
                                         domain="[('code', 'like', 'supervision')]")
    deadline = fields.Date()
    report_cadence_id = fields.Many2one("gov.supervision.cadence", string="Report Cadence")
    report_to_party_committee = fields.Boolean(string="Report to 区委")

    def action_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group("gov_rules.group_gov_leader"):
            raise UserError(self.env._("Only a leader instructs (批示交办)."))
        if not (self.deadline or self.deadline_policy_id):
            raise UserError(self.env._("Give a time limit or a deadline."))
        if self.lead_department_id in self.co_department_ids:
            raise UserError(self.env._("%s leads the item; it cannot also be a co-unit (R33.1).",
                                       self.lead_department_id.name))
        source = self.env[self.res_model].browse(self.res_id)
        values = {"instruction": self.instruction, "leader_id": self.env.user.id,
                  "lead_department_id": self.lead_department_id.id,
                  "report_cadence_id": self.report_cadence_id.id,
                  "report_to_party_committee": self.report_to_party_committee,
                  "part_ids": [fields.Command.create({"department_id": unit.id, "deadline": self.deadline})
                               for unit in self.co_department_ids]}
        if self.area_id:
            values["area_id"] = self.area_id.id
        if self.deadline_policy_id:
            values["deadline_policy_id"] = self.deadline_policy_id.id
        else:
            values["deadline"] = self.deadline
        item = self.env["gov.supervision.item"]._create_from_source(source, values)
        return {"type": "ir.actions.act_window", "res_model": item._name, "res_id": item.id, "view_mode": "form",
                "target": "current"}
