from odoo import api, models


class GovCalendarCacheMixin(models.AbstractModel):
    """Records that shape working days: any change empties the per-year working-day cache and
    recomputes the deadlines counted across the years concerned.

    Inheriting models have ``calendar_id`` and ``year`` fields and list, in
    ``_working_day_fields``, the fields whose change moves working days.
    """

    _name = "gov.calendar.cache.mixin"
    _description = "Working-Day Cache Invalidation"

    _working_day_fields = frozenset()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        records._working_days_changed(records._shaped_years())
        return records

    def write(self, vals):
        if not self._working_day_fields.intersection(vals):
            return super().write(vals)
        years = self._shaped_years()  # a day may move to another year: both are concerned
        result = super().write(vals)
        self._working_days_changed(years | self._shaped_years())
        return result

    def unlink(self):
        years = self._shaped_years()
        result = super().unlink()
        self._working_days_changed(years)
        return result

    def _shaped_years(self):
        return {record.year for record in self if record.year}

    def _working_days_changed(self, years):
        self.env.registry.clear_cache()
        # deadlines counted across these years move, provisional or not (a year is configured as
        # soon as its record exists, and its days may come one by one afterwards)
        self.env["gov.deadline.mixin"]._recompute_provisional_deadlines(years)
