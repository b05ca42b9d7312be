from odoo import api, fields, models
from odoo.addons.gov_rules.lib.checks import check_not_blank
from odoo.addons.gov_rules.lib.district_time import district_today
from odoo.exceptions import ValidationError

PLAN_STATES = [("draft", "Draft"), ("pending", "Under Approval"), ("approved", "Approved")]


class GovInspectionPlan(models.Model):
    """The annual inspection plan (督查计划, R34.1): the inspections the year will hold, approved through the
    sign-off matrix; its inspections are approved with it."""

    _name = "gov.inspection.plan"
    _description = "Annual Inspection Plan"
    _inherit = ["gov.signoff.mixin"]
    _order = "year desc, id desc"
    _gov_state_field = "state"
    _gov_state_to = {"consulting": "pending", "pending": "pending", "approved": "approved", "rejected": "draft",
                     "returned": "draft", "draft": "draft", "lapsed": "draft"}
    _gov_locked_states = ("pending",)
    _gov_department_field = "department_id"
    _gov_author_fields = ("author_id",)

    name = fields.Char(required=True, tracking=True)
    year = fields.Integer(required=True, index=True, tracking=True, default=lambda self: district_today(self).year)
    state = fields.Selection(PLAN_STATES, default="draft", required=True, index=True, tracking=True, copy=False)
    department_id = fields.Many2one("hr.department", string="Drawn up by", index=True, tracking=True,
                                    default=lambda self: self.env.user.employee_id.department_id)
    author_id = fields.Many2one("res.users", string="Drafted by", required=True, readonly=True, copy=False,
                                default=lambda self: self.env.user)
    inspection_ids = fields.One2many("gov.inspection", "plan_id", string="Inspections")
    inspection_count = fields.Integer(string="Planned Inspections", compute="_compute_inspection_count")
    note = fields.Html()
    can_submit = fields.Boolean(compute="_compute_can_submit")

    _year_unit_uniq = models.Constraint("UNIQUE(year, department_id)", "This unit already has a plan for that year.")

    @api.depends_context("uid")
    @api.depends("department_id", "author_id")
    def _compute_can_submit(self):
        for plan in self:
            plan.can_submit = plan.has_access("write")

    @api.depends("inspection_ids")
    def _compute_inspection_count(self):
        for plan in self:
            plan.inspection_count = len(plan.inspection_ids)

    @api.constrains("name")
    def _check_name(self):
        check_not_blank(self, "name")

    @api.constrains("year")
    def _check_year(self):
        for plan in self:
            if not 2000 <= plan.year <= 2100:
                raise ValidationError(self.env._("%s is not a plan year: give a year such as 2026.", plan.year))

    @api.constrains("year", "inspection_ids")
    def _check_inspection_years(self):
        for plan in self:
            for inspection in plan.inspection_ids:
                if inspection.date_from and inspection.date_from.year != plan.year:
                    raise ValidationError(self.env._(
                        "“%(inspection)s” starts in %(start)s, outside the plan's year %(year)s.",
                        inspection=inspection.name, start=inspection.date_from.year, year=plan.year))

    def _gov_signoff_check_submit(self):
        # the unit that draws up the plan submits it (or the supervision office, the office): who may change it
        self.check_access("write")
        # the plan's inspections against those already planned or held: one query for all of them (R34.1)
        self.inspection_ids.filtered(lambda inspection: inspection.state == "draft")._gov_check_duplicates()
        return super()._gov_signoff_check_submit()

    def _gov_signoff_on_state(self, state):
        super()._gov_signoff_on_state(state)
        if state != "approved":
            return
        drafts = self.inspection_ids.filtered(lambda inspection: inspection.state == "draft")
        district = self.with_context(lang=self.env["gov.rule.set"]._district_lang()).env
        for inspection in drafts:
            inspection._gov_set_signoff_state("approved", requester_id=self.requester_id.id,
                                              signoff_round=inspection.signoff_round + 1)
            inspection._gov_signoff_log(self.env["gov.signoff.task"], "approve", opinion=district._(
                "Approved with the annual inspection plan “%s”.", self.name))
