from odoo import fields, models


class GovMeetingAgendaLine(models.Model):
    """A topic on a meeting's agenda, in the order the office sets by drag and drop."""

    _name = "gov.meeting.agenda.line"
    _description = "Agenda Entry"
    _order = "meeting_id, sequence, id"

    meeting_id = fields.Many2one("gov.meeting", required=True, index=True, ondelete="cascade")
    topic_id = fields.Many2one("gov.meeting.topic", required=True, index=True, ondelete="restrict")
    sequence = fields.Integer(default=10)
    department_id = fields.Many2one(related="topic_id.department_id", string="Reporting Unit")
