from datetime import datetime, time, timedelta

from odoo import fields, models


class ResourceCalendar(models.Model):
    """Bridge Odoo's working schedules to the Chinese working-day calendar, so base_automation's
    "working days" delays count the same days as the rules do, makeup Saturdays included."""

    _inherit = "resource.calendar"

    gov_calendar_id = fields.Many2one(
        "gov.calendar", string="Chinese Working Days",
        help="Count days with this calendar (holidays and makeup working days) instead of the attendances.")

    def plan_days(self, days, day_dt, compute_leaves=False, domain=None):
        if not self.gov_calendar_id or not days:
            return super().plan_days(days, day_dt, compute_leaves=compute_leaves, domain=domain)
        # like Odoo: the start day counts as the first day when it is a working day
        calendar = self.gov_calendar_id
        if days > 0:
            day = calendar.add_working_days(day_dt.date() - timedelta(days=1), days)
            end = time(23, 59, 59)
        else:
            day = calendar.add_working_days(day_dt.date() + timedelta(days=1), days)
            end = time(0, 0)
        return datetime.combine(day, end, tzinfo=day_dt.tzinfo)
