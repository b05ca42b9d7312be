from odoo import api, fields, models


class GovCalendarImportLine(models.TransientModel):
    _name = "gov.calendar.import.line"
    _description = "Day Read from a Holiday Notice"
    _order = "date"

    wizard_id = fields.Many2one("gov.calendar.import", required=True, ondelete="cascade")
    date = fields.Date(required=True)
    kind = fields.Selection([("holiday", "Holiday"), ("workday", "Makeup working day")], required=True)
    name = fields.Char(string="Occasion")
    line = fields.Integer(string="Line of the Notice")
    placement = fields.Selection(
        [("year", "This year"), ("neighbour", "Saved in its own year"), ("unsaved", "Not saved")],
        compute="_compute_placement", string="Saved In")

    @api.depends("date", "wizard_id.year", "wizard_id.calendar_id")
    def _compute_placement(self):
        """A day of the previous or next year (元旦 from 30 December) goes to that year's schedule,
        which must exist; it is not saved otherwise."""
        for line in self:
            wizard = line.wizard_id
            if not line.date or line.date.year == wizard.year:
                line.placement = "year"
            elif line.date.year in wizard.calendar_id.year_ids.mapped("year"):
                line.placement = "neighbour"
            else:
                line.placement = "unsaved"
