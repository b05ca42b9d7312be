from odoo import api, fields, models

from ..lib.district_time import district_today


class GovCalendarCalculator(models.TransientModel):
    """Answer "which day is N working days after…" the way every deadline is computed."""

    _name = "gov.calendar.calculator"
    _description = "Working-Day Calculator"

    calendar_id = fields.Many2one("gov.calendar", required=True,
                                  default=lambda self: self.env.ref("gov_rules.calendar_cn", raise_if_not_found=False))
    start_date = fields.Date(required=True, default=lambda self: district_today(self))
    days = fields.Integer(string="Working Days", default=7)
    result_date = fields.Date(compute="_compute_result", string="Date")
    provisional = fields.Boolean(compute="_compute_result")
    provisional_note = fields.Char(compute="_compute_result")

    @api.depends("calendar_id", "start_date", "days")
    def _compute_result(self):
        for wizard in self:
            wizard.result_date = wizard.provisional = wizard.provisional_note = False
            if not (wizard.calendar_id and wizard.start_date):
                continue
            result = wizard.calendar_id.add_working_days(wizard.start_date, wizard.days)
            wizard.result_date = result
            years = wizard.calendar_id.unconfigured_years(min(result, wizard.start_date),
                                                          max(result, wizard.start_date))
            wizard.provisional = bool(years)
            if years:
                wizard.provisional_note = self.env._(
                    "Provisional: no holiday schedule for %s yet, so only weekends were counted.",
                    ", ".join(map(str, years)))
