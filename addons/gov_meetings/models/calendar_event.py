from odoo import models


class CalendarEvent(models.Model):
    _inherit = "calendar.event"

    def _skip_send_mail_status_update(self):
        """A meeting's event mails nobody itself: the meeting tells its participants when the papers are
        delivered, in each one's language (the calendar's own invitations would go at every change of
        the agenda)."""
        return any(event.res_model == "gov.meeting" for event in self) or super()._skip_send_mail_status_update()
