from datetime import date, datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import fields, models, tools
from odoo.addons.gov_rules.lib.district_time import district_today, district_tz
from odoo.tools import SQL, format_date

CADENCE_STATUS = [
    ("below", "Too Few"),
    ("ok", "As the Rules Say"),
    ("above", "Too Many"),
]
CADENCE_ACTIVITY_TYPE = "gov_meetings.mail_activity_type_gov_meeting_cadence"


def cadence_period(day, months):
    """The period of ``months`` months that holds ``day``, counted from January: (first day, last day)."""
    first_month = (day.month - 1) // months * months + 1
    start = date(day.year, first_month, 1)
    return start, start + relativedelta(months=months, days=-1)


class GovMeetingCadenceReport(models.Model):
    """Meetings per type against their cadence (R20.1, R21.1, R22.1): for each type that has one, each
    period of its cadence (counted from January) from the year of its first meeting to the year ahead,
    how many meetings are held or scheduled (not cancelled), against at least / at most."""

    _name = "gov.meeting.cadence.report"
    _description = "Meetings Against Their Cadence"
    _auto = False
    _order = "period_start desc, type_id"

    type_id = fields.Many2one("gov.meeting.type", string="Meeting Type", readonly=True)
    period_start = fields.Date(string="Period From", readonly=True)
    period_end = fields.Date(string="Period To", readonly=True)
    meeting_count = fields.Integer(string="Meetings", readonly=True, aggregator="sum")
    cadence_min = fields.Integer(string="At Least", readonly=True, aggregator="sum")
    cadence_max = fields.Integer(string="At Most", readonly=True, aggregator="sum")
    shortfall = fields.Integer(string="Missing", readonly=True, aggregator="sum")
    status = fields.Selection(CADENCE_STATUS, readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # the meetings' days in the district's time zone, as the rules count them
        local = SQL("(m.start AT TIME ZONE 'UTC' AT TIME ZONE %s)", district_tz(self.env))
        self.env.cr.execute(SQL("""
            CREATE OR REPLACE VIEW %(table)s AS (
            WITH periods AS (
                SELECT t.id AS type_id, t.cadence_min, t.cadence_max, gs::date AS period_start,
                       (gs + make_interval(months => t.cadence_months))::date AS period_next
                  FROM gov_meeting_type t
                 CROSS JOIN LATERAL generate_series(
                       date_trunc('year', LEAST(now(),
                                                (SELECT min(m.start) FROM gov_meeting m WHERE m.type_id = t.id))),
                       GREATEST(now() + interval '1 year',
                                (SELECT max(m.start) FROM gov_meeting m WHERE m.type_id = t.id)),
                       make_interval(months => t.cadence_months)) AS gs
                 WHERE t.active AND t.cadence_months > 0
            ), counts AS (
                SELECT p.type_id, p.period_start, p.period_next, p.cadence_min, p.cadence_max, count(m.id) AS n
                  FROM periods p
                  LEFT JOIN gov_meeting m ON m.type_id = p.type_id AND m.state != 'cancelled'
                       AND %(local)s >= p.period_start AND %(local)s < p.period_next
                 GROUP BY p.type_id, p.period_start, p.period_next, p.cadence_min, p.cadence_max
            )
            SELECT (type_id * 100000 + EXTRACT(YEAR FROM period_start) * 12 + EXTRACT(MONTH FROM period_start))::int
                       AS id,
                   type_id, period_start, (period_next - 1) AS period_end, n::int AS meeting_count,
                   cadence_min, cadence_max, GREATEST(cadence_min - n, 0)::int AS shortfall,
                   CASE WHEN n < cadence_min THEN 'below'
                        WHEN cadence_max > 0 AND n > cadence_max THEN 'above' ELSE 'ok' END AS status
              FROM counts
            )""", table=SQL.identifier(self._table), local=local))

    # ------------------------------------------------------------------
    # The daily warning (R20.1): the office is told when a type has too few meetings in its current period
    # ------------------------------------------------------------------
    def _cron_warn_cadence(self, today=None):
        """One to-do per office director and meeting type whose current period has fewer meetings scheduled
        than its cadence asks, due on the period's last day, in his language. Running again adds nothing;
        a to-do goes once the meetings are scheduled or its period is over. Three queries whatever the
        number of types and meetings."""
        today = today or district_today(self)
        types = self.env["gov.meeting.type"].search([("cadence_months", ">", 0), ("cadence_min", ">", 0)])
        activity_type = self.env.ref(CADENCE_ACTIVITY_TYPE)
        Activity = self.env["mail.activity"]
        # the system's own to-dos, found by their type, never by their translated summary
        existing = Activity.search([("res_model", "=", "gov.meeting.type"),
                                    ("activity_type_id", "=", activity_type.id)])
        periods = {meeting_type: cadence_period(today, meeting_type.cadence_months) for meeting_type in types}
        counts = dict.fromkeys(types, 0)
        if types:
            tz = pytz.timezone(district_tz(self.env))
            first = min(start for start, _end in periods.values())
            last = max(end for _start, end in periods.values())

            def utc(day):
                return tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)

            meetings = self.env["gov.meeting"].search_fetch([
                ("type_id", "in", types.ids), ("state", "!=", "cancelled"),
                ("start", ">=", utc(first)), ("start", "<", utc(last + relativedelta(days=1)))], ["type_id", "start"])
            for meeting in meetings:
                start, end = periods[meeting.type_id]
                if start <= pytz.utc.localize(meeting.start).astimezone(tz).date() <= end:
                    counts[meeting.type_id] += 1
        office = self.env["gov.position"]._holder("office_director")
        directors = self.env["gov.absence"]._who_acts(today)(office) if office else office
        keep = Activity
        values = []
        model_id = self.env["ir.model"]._get_id("gov.meeting.type")
        for meeting_type in types.filtered(lambda t: counts[t] < t.cadence_min):
            start, end = periods[meeting_type]
            mine = existing.filtered(lambda act, t=meeting_type, end=end: act.res_id == t.id
                                     and act.date_deadline == end)
            keep |= mine
            for user in directors - mine.user_id:
                env = self.with_context(lang=user.lang or self.env.lang).env
                name = meeting_type.with_env(env).name
                values.append({
                    "res_model_id": model_id, "res_id": meeting_type.id, "user_id": user.id,
                    "activity_type_id": activity_type.id, "date_deadline": end,
                    "summary": env._("Schedule a meeting: %s", name),
                    "note": env._("%(type)s: %(count)s meeting(s) scheduled from %(start)s to %(end)s; the rules ask "
                                  "for at least %(min)s every %(months)s month(s) (R20.1, R21.1, R22.1).",
                                  type=name, count=counts[meeting_type], start=format_date(env, start),
                                  end=format_date(env, end), min=meeting_type.cadence_min,
                                  months=meeting_type.cadence_months)})
        (existing - keep).unlink()
        if values:
            Activity.with_context(mail_activity_quick_update=True).create(values)
        return True
