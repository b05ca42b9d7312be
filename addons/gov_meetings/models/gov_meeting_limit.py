from odoo import api, fields, models
from odoo.addons.gov_rules.lib.checks import check_not_blank
from odoo.addons.gov_rules.models.hr_department import UNIT_KINDS
from odoo.exceptions import ValidationError


class GovMeetingLimit(models.Model):
    """How many district-wide meetings of a category a unit may hold a year (R26.3), by unit kind, for the
    comprehensive departments only (marked on the unit) and, where a limit names some units only, by unit.
    Checked when a meeting is requested: a unit sends its list for the annual plan, or asks for an
    unplanned meeting."""

    _name = "gov.meeting.limit"
    _description = "District-wide Meeting Limit"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    category_id = fields.Many2one("gov.meeting.category", string="Meetings", required=True, index=True,
                                  ondelete="restrict", tracking=True)
    unit_kind = fields.Selection(UNIT_KINDS, string="Units of Kind", index=True, tracking=True,
                                 help="Empty: units of every kind.")
    comprehensive_only = fields.Boolean(
        string="Comprehensive Departments Only", tracking=True,
        help="Counts only the units marked as comprehensive departments (综合部门) on their form (R26.3).")
    department_ids = fields.Many2many("hr.department", "gov_meeting_limit_department_rel", "limit_id",
                                      "department_id", string="Only These Units",
                                      help="Empty: every unit of the kind.")
    max_per_year = fields.Integer(string="At Most a Year", required=True, default=1, tracking=True)
    rule_ref = fields.Char(string="Rule")
    note = fields.Text()

    @api.constrains("name")
    def _check_not_blank(self):
        check_not_blank(self, "name")

    @api.constrains("max_per_year")
    def _check_max_per_year(self):
        for limit in self:
            if limit.max_per_year < 0:
                raise ValidationError(self.env._("The limit “%s” cannot allow fewer than no meeting.", limit.name))

    def _applies_to(self, category, department):
        """Whether this limit counts the meetings of ``category`` that ``department`` organises."""
        self.ensure_one()
        return (self.category_id == category
                and (not self.unit_kind or self.unit_kind == department.gov_unit_kind)
                and (not self.comprehensive_only or department.gov_comprehensive)
                and (not self.department_ids or department in self.department_ids))
