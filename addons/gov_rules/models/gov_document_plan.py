from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.district_time import district_today


class GovDocumentPlan(models.Model):
    """A unit's annual document plan (发文计划, R30.1): the documents it expects to issue in the year.

    The office keeps the plans; a document outside its unit's plan goes one by one through the office
    (the sign-off matrix decides how, on the document's plan status).
    """

    _name = "gov.document.plan"
    _description = "Document Plan"
    _inherit = ["mail.thread"]
    _order = "year desc, department_id, id"
    _rec_names_search = ["department_id", "year"]

    active = fields.Boolean(default=True)
    department_id = fields.Many2one("hr.department", string="Unit", required=True, index=True, tracking=True)
    year = fields.Integer(required=True, index=True, tracking=True, default=lambda self: district_today(self).year)
    line_ids = fields.One2many("gov.document.plan.line", "plan_id", string="Planned Documents", copy=True)
    line_count = fields.Integer(string="Planned", compute="_compute_line_count")
    note = fields.Text()

    _unit_year_uniq = models.Constraint("UNIQUE(department_id, year)",
                                        "The unit already has a document plan for that year.")

    @api.depends("department_id.name", "year")
    def _compute_display_name(self):
        # in the reader's language: not stored
        for plan in self:
            plan.display_name = self.env._("Document plan %(year)s · %(unit)s", year=plan.year,
                                           unit=plan.department_id.name or "")

    @api.depends("line_ids")
    def _compute_line_count(self):
        for plan in self:
            plan.line_count = len(plan.line_ids)

    @api.constrains("year")
    def _check_year(self):
        for plan in self:
            if not 2000 <= plan.year <= 2100:
                raise ValidationError(self.env._("%s is not a plan year: give a year such as 2026.", plan.year))

    def copy(self, default=None):
        """A copy is next year's plan by default (the unit keeps one plan a year)."""
        copies = self.browse()
        for plan in self:
            copies |= super(GovDocumentPlan, plan).copy({"year": plan.year + 1, **(default or {})})
        return copies
