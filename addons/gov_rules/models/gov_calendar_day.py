from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GovCalendarDay(models.Model):
    """A statutory holiday or a makeup working day (调休上班) of a calendar year."""

    _name = "gov.calendar.day"
    _description = "Holiday or Makeup Working Day"
    _inherit = ["gov.calendar.cache.mixin"]
    _order = "date"

    year_id = fields.Many2one("gov.calendar.year", string="Calendar Year", required=True, ondelete="cascade",
                              index=True)
    calendar_id = fields.Many2one(related="year_id.calendar_id", store=True, index=True)
    year = fields.Integer(related="year_id.year", store=True, aggregator=False)
    date = fields.Date(required=True, index=True)
    kind = fields.Selection([("holiday", "Holiday"), ("workday", "Makeup working day")],
                            required=True, default="holiday")
    name = fields.Char(string="Occasion", translate=False, help="For example 春节 or 国庆节")

    _date_uniq = models.Constraint(
        "UNIQUE(year_id, date)", "A day can be entered only once in a year: either a holiday or a working day.")
    _calendar_date_idx = models.Index("(calendar_id, year, date)")

    @api.constrains("date", "kind", "year_id")
    def _check_day(self):
        for day in self:
            if day.date.year != day.year_id.year:
                raise ValidationError(self.env._("%(day)s does not belong to the year %(year)s.",
                                        day=day.date, year=day.year_id.year))
            if day.kind == "workday" and day.date.weekday() < 5:
                raise ValidationError(self.env._(
                    "%s is a weekday; only a Saturday or Sunday can be a makeup working day.", day.date))
