from collections import Counter
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GovCalendarDay(models.Model):
    """A statutory holiday or a makeup working day (调休上班) of a calendar year."""

    _name = "gov.calendar.day"
    _description = "Holiday or Makeup Working Day"
    _inherit = ["gov.calendar.cache.mixin"]
    _order = "date"
    _working_day_fields = frozenset({"date", "kind", "year_id"})

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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_date_value(vals.get("date"))
        self._check_entered_once([(vals.get("year_id"), vals.get("date")) for vals in vals_list])
        return super().create(vals_list)

    def write(self, vals):
        self._check_date_value(vals.get("date"))
        if "date" in vals or "year_id" in vals:
            self._check_entered_once([(vals.get("year_id", day.year_id.id), vals.get("date", day.date))
                                      for day in self])
        return super().write(vals)

    @api.model
    def _check_date_value(self, value):
        """A day that does not exist (2026-02-30) is a clear error, before the database sees it."""
        if not value or isinstance(value, date):
            return
        try:
            fields.Date.to_date(value)
        except (TypeError, ValueError) as error:
            raise ValidationError(self.env._(
                "“%s” is not a date; write dates as YYYY-MM-DD, for example 2026-02-24.", value)) from error

    def _check_entered_once(self, year_dates):
        """Refuse a date entered twice in a year with a clear message, before the database's
        unique constraint answers with a technical one (a day is either off or worked)."""
        keys = Counter((year_id, fields.Date.to_date(day)) for year_id, day in year_dates if year_id and day)
        twice = [day for (_year_id, day), count in keys.items() if count > 1]
        if twice:
            raise ValidationError(self.env._("%s is entered twice; a day is either a holiday or a working day, once.",
                                             twice[0]))
        if not keys:
            return
        existing = self.search([("year_id", "in", list({year_id for year_id, _day in keys})),
                                ("date", "in", list({day for _year_id, day in keys})),
                                ("id", "not in", self.ids)])
        clash = existing.filtered(lambda day: (day.year_id.id, day.date) in keys)[:1]
        if clash:
            kind = dict(self._fields["kind"]._description_selection(self.env))[clash.kind]
            raise ValidationError(self.env._(
                "%(day)s is already in the %(year)s schedule (%(kind)s); change that entry instead of adding "
                "it again.", day=clash.date, year=clash.year_id.year, kind=kind))

    @api.constrains("date", "kind", "year_id")
    def _check_day(self):
        for day in self:
            if day.date.year != day.year_id.year:
                raise ValidationError(self.env._("%(day)s does not belong to the year %(year)s.",
                                        day=day.date, year=day.year_id.year))
            if day.kind == "workday" and day.date.weekday() < 5:
                raise ValidationError(self.env._(
                    "%s is a weekday; only a Saturday or Sunday can be a makeup working day.", day.date))
