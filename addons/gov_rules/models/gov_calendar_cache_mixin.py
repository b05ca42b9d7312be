from odoo import api, models


class GovCalendarCacheMixin(models.AbstractModel):
    """Records that shape working days: any change empties the per-year working-day cache."""

    _name = "gov.calendar.cache.mixin"
    _description = "Working-Day Cache Invalidation"

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result
