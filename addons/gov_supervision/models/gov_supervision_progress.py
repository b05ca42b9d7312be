from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.gov_rules.lib.district_time import district_today


class GovSupervisionProgress(models.Model):
    """A progress report of one unit on an item, on the item's cadence, with attachments."""

    _name = "gov.supervision.progress"
    _description = "Supervision Progress Report"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    item_id = fields.Many2one("gov.supervision.item", required=True, index=True, ondelete="cascade")
    part_id = fields.Many2one("gov.supervision.part", string="Unit's Part", required=True, index=True,
                              ondelete="cascade", domain="[('item_id', '=', item_id)]")
    department_id = fields.Many2one(related="part_id.department_id", store=True, index=True, string="Unit")
    is_lead = fields.Boolean(related="part_id.is_lead", string="Lead Unit")
    date = fields.Date(required=True, index=True, default=lambda self: district_today(self))
    author_id = fields.Many2one("res.users", string="Reported by", required=True, readonly=True,
                                default=lambda self: self.env.user)
    text = fields.Html(string="Progress", required=True)
    percent = fields.Integer(string="Done (%)")
    attachment_ids = fields.Many2many("ir.attachment", "gov_supervision_progress_attachment_rel", "progress_id",
                                      "attachment_id", string="Attachments")

    @api.constrains("part_id", "item_id")
    def _check_part(self):
        for report in self:
            if report.part_id.item_id != report.item_id:
                raise ValidationError(self.env._("A progress report is made on a part of its own item."))

    @api.constrains("percent")
    def _check_percent(self):
        for report in self:
            if not 0 <= report.percent <= 100:
                raise ValidationError(self.env._("The share done is between 0 and 100%."))

    @api.model_create_multi
    def create(self, vals_list):
        units = self.env["gov.supervision.item"]._my_units()
        for vals in vals_list:
            if not vals.get("part_id") and vals.get("item_id"):
                # the reporting unit's own part, else the lead's
                parts = self.env["gov.supervision.item"].browse(vals["item_id"]).part_ids
                vals["part_id"] = (parts.filtered(lambda part: part.department_id in units)[:1]
                                   or parts.filtered("is_lead")[:1]).id
        reports = super().create(vals_list)
        staff = self.env["gov.supervision.item"]._is_supervision_staff()
        for report in reports:
            if report.item_id.state != "open":
                raise UserError(self.env._("Progress is reported on an item in progress only."))
            if not staff and not self.env.su and report.part_id.department_id not in units:
                raise UserError(self.env._("%s reports its own progress only.", ", ".join(units.mapped("name"))
                                           or self.env.user.name))
        # sudo: the system moves each part's report schedule on
        for part, group in reports.grouped("part_id").items():
            latest = max(group.mapped("date"))
            if not part.last_report_date or part.last_report_date < latest:
                part.sudo().write({"last_report_date": latest})
        reports.part_id._close_report_activities()
        return reports
