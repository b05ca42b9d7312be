from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GovCalendarYear(models.Model):
    """One year's schedule of a working-day calendar, usually from the State Council's notice."""

    _name = "gov.calendar.year"
    _description = "Working-Day Calendar Year"
    _inherit = ["mail.thread", "gov.calendar.cache.mixin"]
    _order = "year desc"
    _rec_name = "year"
    _working_day_fields = frozenset({"year", "calendar_id"})  # its days report their own changes

    calendar_id = fields.Many2one("gov.calendar", required=True, ondelete="cascade", index=True,
                                  default=lambda self: self.env.ref("gov_rules.calendar_cn", raise_if_not_found=False))
    year = fields.Integer(required=True, tracking=True, aggregator=False)
    source = fields.Selection(
        [("workalendar", "workalendar (China)"), ("notice", "State Council notice"), ("manual", "Entered by hand")],
        default="manual", required=True, tracking=True)
    notice_reference = fields.Char(string="Notice Number", help="For example 国办发明电〔2025〕7号")
    notice_text = fields.Text()
    day_ids = fields.One2many("gov.calendar.day", "year_id", string="Days", copy=True)
    holiday_count = fields.Integer(compute="_compute_counts", string="Holidays")
    workday_count = fields.Integer(compute="_compute_counts", string="Makeup Working Days")
    working_day_count = fields.Integer(compute="_compute_counts", string="Working Days")

    _year_uniq = models.Constraint("UNIQUE(calendar_id, year)", "Each year can be entered only once per calendar.")
    _year_range = models.Constraint("CHECK(year BETWEEN 1950 AND 2200)", "The year must be between 1950 and 2200.")

    @api.depends("day_ids.kind")
    def _compute_counts(self):
        for record in self:
            kinds = record.day_ids.mapped("kind")
            record.holiday_count = kinds.count("holiday")
            record.workday_count = kinds.count("workday")
            record.working_day_count = len(record.calendar_id._working_ordinals(record.year)) if record.year else 0

    @api.constrains("year")
    def _check_days_in_year(self):
        for record in self:
            stray = record.day_ids.filtered_domain(["|", ("date", "<", f"{record.year}-01-01"),
                                                    ("date", ">", f"{record.year}-12-31")])
            if stray:
                raise ValidationError(self.env._("%(day)s does not belong to the year %(year)s.",
                                        day=stray[0].date, year=record.year))

    @api.depends("year", "calendar_id")
    def _compute_display_name(self):
        for record in self:
            record.display_name = self.env._("%(calendar)s %(year)s",
                                             calendar=record.calendar_id.name or "", year=record.year)

    def action_view_days(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_rules.action_gov_calendar_day")
        action["domain"] = [("year_id", "=", self.id)]
        action["context"] = {"default_year_id": self.id}
        return action
