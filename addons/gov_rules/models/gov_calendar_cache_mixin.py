from odoo import api, models


class GovCalendarCacheMixin(models.AbstractModel):
    """Records that shape working days: any change empties the per-year working-day cache."""

    _name = "gov.calendar.cache.mixin"
    _description = "Working-Day Cache Invalidation"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self._working_days_changed()
        return records

    def write(self, vals):
        result = super().write(vals)
        self._working_days_changed()
        return result

    def unlink(self):
        result = super().unlink()
        self._working_days_changed()
        return result

    def _working_days_changed(self):
        self.env.registry.clear_cache()
        # deadlines that were provisional for lack of a schedule are computed again
        self.env["gov.deadline.mixin"]._recompute_provisional_deadlines()
