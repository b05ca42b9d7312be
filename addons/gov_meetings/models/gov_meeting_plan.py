from datetime import date

from odoo import api, fields, models
from odoo.addons.gov_rules.lib.district_time import district_today
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

PLAN_STATES = [
    ("draft", "Draft"),
    ("collecting", "Collecting the Units' Lists"),
    ("review", "Under Review"),
    ("approved", "Approved"),
]


class GovMeetingPlan(models.Model):
    """The annual plan of district-wide meetings (R26.1): in early December every unit lists the meetings
    it plans for next year; the office collects the lists, the executive deputy reviews the plan and the
    head approves it, through the engine (the route is a matrix row of model gov.meeting.plan). Units
    that have not sent their list have a to-do until they do."""

    _name = "gov.meeting.plan"
    _description = "Annual Meeting Plan"
    _inherit = ["gov.signoff.mixin"]
    _order = "year desc, id desc"
    _gov_state_field = "state"
    _gov_state_to = {"consulting": "review", "pending": "review", "approved": "approved", "rejected": "collecting",
                     "returned": "collecting", "draft": "collecting", "lapsed": "collecting"}
    _gov_locked_states = ("review", "approved")
    _gov_department_field = "department_id"

    name = fields.Char(compute="_compute_name", store=True, readonly=False, precompute=True, required=True,
                       tracking=True)
    year = fields.Integer(required=True, index=True, tracking=True,
                          default=lambda self: district_today(self).year + 1)
    state = fields.Selection(PLAN_STATES, default="draft", required=True, index=True, tracking=True, copy=False,
                             group_expand=True)
    department_id = fields.Many2one("hr.department", string="Collected by", index=True,
                                    default=lambda self: self._default_office(),
                                    help="The government office, which collects the units' lists.")
    date_due = fields.Date(string="Lists Due", tracking=True,
                           default=lambda self: date(district_today(self).year, 12, 10),
                           help="The units send their lists by this day (early December, R26.1).")
    submission_ids = fields.One2many("gov.meeting.plan.submission", "plan_id", string="Units' Lists")
    line_ids = fields.One2many("gov.meeting.plan.line", "plan_id", string="Meetings")
    submission_count = fields.Integer(compute="_compute_counts", string="Units")
    sent_count = fields.Integer(compute="_compute_counts", string="Lists Sent")
    missing_count = fields.Integer(compute="_compute_counts", string="Lists Missing")
    line_count = fields.Integer(compute="_compute_counts", string="Meetings Planned")
    note = fields.Html()

    _year_unique = models.Constraint("unique(year)", "There is already a meeting plan for this year.")

    @api.model
    def _default_office(self):
        # sudo: the office's unit, whoever opens the form (a clerk may not read other units)
        return self.env["hr.department"].sudo().search([("gov_unit_kind", "=", "office")], limit=1).id

    @api.depends("year")
    def _compute_name(self):
        for plan in self:
            plan.name = self.env._("District-wide meetings plan for %s", plan.year) if plan.year else False

    @api.depends("submission_ids.state", "line_ids.state")
    def _compute_counts(self):
        for plan in self:
            plan.submission_count = len(plan.submission_ids)
            plan.sent_count = len(plan.submission_ids.filtered(lambda s: s.state == "sent"))
            plan.missing_count = plan.submission_count - plan.sent_count
            plan.line_count = len(plan.line_ids.filtered(lambda line: line.state not in ("cancelled", "rejected")))

    @api.constrains("year")
    def _check_year(self):
        for plan in self:
            if not 2000 <= plan.year <= 2100:
                raise ValidationError(self.env._("A meeting plan is for a year between 2000 and 2100, not %s.",
                                                 plan.year))

    # ------------------------------------------------------------------
    # Collecting the units' lists (R26.1)
    # ------------------------------------------------------------------
    def _check_office(self):
        if not self.env.user.has_group("gov_rules.group_gov_office"):
            raise UserError(self.env._("Only the government office collects the units' meeting lists."))

    def action_open_collection(self):
        """Open the collection: one list per unit, and a to-do to each unit that has not sent it, in one batch."""
        self._check_office()
        Submission = self.env["gov.meeting.plan.submission"]
        for plan in self:
            if plan.state != "draft":
                raise UserError(self.env._("The collection of %s is already open.", plan.display_name))
            if not plan.date_due:
                raise UserError(self.env._("Give the day the units' lists are due before opening the collection."))
            # sudo: the office asks every unit of the district, whatever units it may read
            units = self.env["hr.department"].sudo().search([("gov_unit_kind", "!=", False)], order="id")
            units -= plan.submission_ids.department_id
            plan._gov_signoff_write({"state": "collecting"})
            submissions = Submission.sudo().create([{"plan_id": plan.id, "department_id": unit.id} for unit in units])
            (plan.submission_ids.sudo() | submissions).filtered(lambda s: s.state == "draft")._schedule_reminders()
            # the chatter is read by everyone: in the district's language
            district = self.with_context(lang=self.env["gov.rule.set"]._district_lang()).env
            plan.message_post(body=district._("Collection opened: %(count)s units are asked for their lists by "
                                              "%(date)s.", count=len(plan.submission_ids),
                                              date=format_date(district, plan.date_due)))
        return True

    def _gov_signoff_check_submit(self):
        self._check_office()
        if self.state != "collecting":
            raise UserError(self.env._("%s goes to review once the units' lists are collected.", self.display_name))
        if not self.submission_ids.filtered(lambda s: s.state == "sent"):
            raise UserError(self.env._("No unit has sent its list for %s yet.", self.display_name))
        return super()._gov_signoff_check_submit()

    def _gov_signoff_on_state(self, state):
        super()._gov_signoff_on_state(state)
        if state != "approved":
            return
        # the meetings the units sent are the year's plan; a unit that never sent its list has nothing to do now
        self.line_ids.filtered(lambda line: line.state == "sent")._gov_signoff_write({"state": "approved"})
        self.submission_ids.filtered(lambda s: s.state == "draft")._clear_reminders()

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_meetings.action_gov_meeting_plan_line")
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"default_plan_id": self.id, "search_default_group_department": 1}
        return action

    def action_view_missing(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_meetings.action_gov_meeting_plan_submission")
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {"search_default_not_sent": 1}
        return action
