from collections import Counter

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class GovCalendarDay(models.Model):
    """A statutory holiday or a makeup working day (调休上班) of a calendar year."""

    _name = "gov.calendar.day"
    _description = "Holiday or Makeup Working Day"
    _order = "date"

    year_id = fields.Many2one("gov.calendar.year", required=True, ondelete="cascade", index=True)
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
                raise ValidationError(_("%(day)s does not belong to the year %(year)s.",
                                        day=day.date, year=day.year_id.year))
            if day.kind == "workday" and day.date.weekday() < 5:
                raise ValidationError(_("%s is a weekday; only a Saturday or Sunday can be a makeup working day.",
                                        day.date))
        # one query for the whole batch: a day may appear only once per year
        entered = Counter(self.search([("year_id", "in", self.year_id.ids), ("date", "in", self.mapped("date"))])
                          .mapped(lambda day: (day.year_id.id, day.date)))
        twice = sorted(day_date for (_year, day_date), count in entered.items() if count > 1)
        if twice:
            raise ValidationError(_("%s is entered more than once; a day is either a holiday or a working day.",
                                    twice[0]))

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env["gov.calendar"]._invalidate_working_days()
        return records

    def write(self, vals):
        result = super().write(vals)
        self.env["gov.calendar"]._invalidate_working_days()
        return result

    def unlink(self):
        result = super().unlink()
        self.env["gov.calendar"]._invalidate_working_days()
        return result
