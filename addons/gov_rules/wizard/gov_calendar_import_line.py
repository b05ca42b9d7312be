from odoo import fields, models


class GovCalendarImportLine(models.TransientModel):
    _name = "gov.calendar.import.line"
    _description = "Day Read from a Holiday Notice"
    _order = "date"

    wizard_id = fields.Many2one("gov.calendar.import", required=True, ondelete="cascade")
    date = fields.Date(required=True)
    kind = fields.Selection([("holiday", "Holiday"), ("workday", "Makeup working day")], required=True)
    name = fields.Char(string="Occasion")
    line = fields.Integer(string="Line of the Notice")
