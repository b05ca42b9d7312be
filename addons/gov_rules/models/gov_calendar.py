import contextlib
import warnings
from bisect import bisect_left, bisect_right
from datetime import MAXYEAR, MINYEAR, date, datetime

from odoo import api, fields, models, tools
from odoo.exceptions import UserError

from ..lib.district_time import district_today

# Guard against runaway requests from API clients: ten years of working days.
MAX_WORKING_DAYS = 2500


class GovCalendar(models.Model):
    """A working-day calendar: weekends, statutory holidays and makeup working days (调休上班).

    Public API (also over JSON-RPC, dates as ``YYYY-MM-DD`` strings; called on an empty
    recordset it uses the default calendar ``gov_rules.calendar_cn``). A method returns
    strings when given strings and ``date`` objects when given dates:

    - ``add_working_days(start, days)``: the n-th working day after ``start`` (``start`` is
      not counted; negative ``days`` go back; 0 gives ``start``);
    - ``count_working_days(start, end)``: working days from ``start`` to ``end``, both included;
    - ``is_working_day(day)``;
    - ``next_working_day(day)``: ``day`` if it is a working day, else the first one after it;
    - ``unconfigured_years(start, end)``: the years in the range without a schedule, where
      results count weekends only and are provisional.
    """

    _name = "gov.calendar"
    _description = "Working-Day Calendar"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    year_ids = fields.One2many("gov.calendar.year", "calendar_id", string="Years")
    day_ids = fields.One2many("gov.calendar.day", "calendar_id", string="Holidays and Makeup Days")
    year_count = fields.Integer(compute="_compute_year_count")
    last_configured_year = fields.Integer(compute="_compute_year_count")

    @api.depends("year_ids.year")
    def _compute_year_count(self):
        for calendar in self:
            years = calendar.year_ids.mapped("year")
            calendar.year_count = len(years)
            calendar.last_configured_year = max(years, default=0)

    # ------------------------------------------------------------------
    # Public API
    # ------------------------------------------------------------------
    def add_working_days(self, start, days):
        calendar = self._calendar()
        start_day = calendar._to_date(start)
        if isinstance(days, bool) or not isinstance(days, int):
            raise UserError(self.env._("The number of working days must be a whole number, not %s.", days))
        if abs(days) > MAX_WORKING_DAYS:
            raise UserError(self.env._("At most %(max)s working days can be added or subtracted at once, not %(days)s.",
                              max=MAX_WORKING_DAYS, days=days))
        if days == 0:
            result = start_day
        else:
            result = date.fromordinal(calendar._shift_ordinal(start_day.toordinal(), days))
        return calendar._like(start, result)

    def count_working_days(self, start, end):
        calendar = self._calendar()
        start_day, end_day = calendar._to_date(start), calendar._to_date(end)
        calendar._check_range(start_day, end_day)
        first, last = start_day.toordinal(), end_day.toordinal()
        total = 0
        for year in range(start_day.year, end_day.year + 1):
            ordinals = calendar._working_ordinals(year)
            total += bisect_right(ordinals, last) - bisect_left(ordinals, first)
        return total

    def is_working_day(self, day):
        calendar = self._calendar()
        day = calendar._to_date(day)
        ordinals = calendar._working_ordinals(day.year)
        index = bisect_left(ordinals, day.toordinal())
        return index < len(ordinals) and ordinals[index] == day.toordinal()

    def next_working_day(self, day):
        calendar = self._calendar()
        day_date = calendar._to_date(day)
        if calendar.is_working_day(day_date):
            return calendar._like(day, day_date)
        return calendar.add_working_days(day, 1)

    def unconfigured_years(self, start, end):
        calendar = self._calendar()
        start_day, end_day = calendar._to_date(start), calendar._to_date(end)
        calendar._check_range(start_day, end_day)
        configured = calendar._configured_years()
        return [year for year in range(start_day.year, end_day.year + 1) if year not in configured]

    # ------------------------------------------------------------------
    # Cached per-year arrays: one query per calendar and year, then pure bisects.
    # ------------------------------------------------------------------
    @tools.ormcache("self.id")
    def _configured_years(self):
        self.ensure_one()
        # sudo: the calendar is public reference data, read by every computation
        return frozenset(self.env["gov.calendar.year"].sudo().search(
            [("calendar_id", "=", self.id)]).mapped("year"))

    @tools.ormcache("self.id", "year")
    def _working_ordinals(self, year):
        """Sorted ordinals of the working days of ``year`` (weekends only if not configured)."""
        self.ensure_one()
        holidays, makeup_days = set(), set()
        if year in self._configured_years():
            # sudo: the calendar is public reference data; reading it is not an access decision
            rows = self.env["gov.calendar.day"].sudo().search_read(
                [("calendar_id", "=", self.id), ("year", "=", year)], ["date", "kind"])
            for row in rows:
                (holidays if row["kind"] == "holiday" else makeup_days).add(row["date"].toordinal())
        first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        return tuple(
            ordinal for ordinal in range(first, last + 1)
            if ordinal in makeup_days or (ordinal not in holidays and date.fromordinal(ordinal).weekday() < 5)
        )

    def _shift_ordinal(self, ordinal, days):
        year = date.fromordinal(ordinal).year
        ordinals = self._working_ordinals(year)
        if days > 0:
            index = bisect_right(ordinals, ordinal) + days - 1
            while index >= len(ordinals):
                index -= len(ordinals)
                year += 1
                ordinals = self._working_ordinals(self._check_year(year))
            return ordinals[index]
        index = bisect_left(ordinals, ordinal) + days
        while index < 0:
            year -= 1
            ordinals = self._working_ordinals(self._check_year(year))
            index += len(ordinals)
        return ordinals[index]

    @api.model
    def _check_year(self, year):
        """Dates run from 0001-01-01 to 9999-12-31: a count that leaves them is a clear error."""
        if not MINYEAR <= year <= MAXYEAR:
            raise UserError(self.env._(
                "The result would lie outside the dates the calendar can count (%(first)s to %(last)s).",
                first=date.min.isoformat(), last=date.max.isoformat()))
        return year

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _calendar(self):
        if not self:
            # _xmlid_to_res_id is cached, unlike env.ref() which checks that the record exists
            return self.browse(self.env["ir.model.data"]._xmlid_to_res_id("gov_rules.calendar_cn"))
        self.ensure_one()
        return self

    @api.model
    def _to_date(self, value):
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        parsed = None
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                parsed = date.fromisoformat(value.strip())
        if parsed:
            return parsed
        raise UserError(self.env._("“%s” is not a date; write dates as YYYY-MM-DD, for example 2026-02-24.", value))

    @api.model
    def _like(self, original, result):
        """Answer in the caller's type: a string for a string, a date for a date."""
        return fields.Date.to_string(result) if isinstance(original, str) else result

    @api.model
    def _check_range(self, start, end):
        if end < start:
            raise UserError(self.env._("The end date %(end)s is before the start date %(start)s.",
                                       start=start, end=end))

    # ------------------------------------------------------------------
    # Years from workalendar, reminders
    # ------------------------------------------------------------------
    def _load_workalendar_years(self):
        """Create the years workalendar's China calendar knows (2018–2023) as editable records."""
        from workalendar.asia import china  # noqa: PLC0415 - only needed at install

        self.ensure_one()
        existing = set(self.year_ids.mapped("year"))
        china_calendar = china.China()
        vals_list = []
        for year in sorted(set(china.holidays) - existing):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # "Support years 2018-2023": exactly the years we take
                holidays = {day: name for day, name in china_calendar.holidays(year) if day.year == year}
            makeup = {date(year, month, day): name for name, days in china.workdays.get(year, {}).items()
                      for month, day in days}
            day_commands = [fields.Command.create({"date": day, "kind": "holiday", "name": name})
                            for day, name in sorted(holidays.items()) if day not in makeup]
            day_commands += [fields.Command.create({"date": day, "kind": "workday", "name": name})
                             for day, name in sorted(makeup.items())]
            vals_list.append({"calendar_id": self.id, "year": year, "source": "workalendar",
                              "day_ids": day_commands})
        return self.env["gov.calendar.year"].create(vals_list)

    @api.model
    def _cron_remind_next_year(self, today=None):
        """In November and December, ask administrators to enter next year's schedule.

        Each administrator's reminder is written in his or her own language, whatever the cron's.
        A reminder is recognised by its activity type (Holiday schedule) and its deadline in this
        season, never by its translated summary, so running again adds nothing.
        """
        today = today or district_today(self)
        if today.month < 11:
            return
        next_year = today.year + 1
        admins = self.env.ref("gov_rules.group_gov_admin").all_user_ids.filtered(
            lambda user: user.active and not user.share)
        activity_type = self.env.ref("gov_rules.mail_activity_type_gov_holiday_schedule")
        for calendar in self.search([("active", "=", True)]):
            if next_year in calendar._configured_years():
                continue
            # this season's reminders: deadline 31 December, or later if an administrator moved it
            already = calendar.activity_ids.filtered(
                lambda act: act.activity_type_id == activity_type and act.date_deadline.year >= today.year).user_id
            for admin in admins - already:
                in_admin_lang = calendar.with_context(lang=admin.lang or self.env.lang)
                in_admin_lang.activity_schedule(
                    activity_type_id=activity_type.id, user_id=admin.id, date_deadline=date(today.year, 12, 31),
                    summary=in_admin_lang.env._("Enter the %s holiday schedule", next_year),
                    note=in_admin_lang.env._("Import the State Council's notice on the %s holidays "
                                             "(Government › Configuration › Import Holiday Notice).", next_year))
