from odoo import fields, models


class GovMeetingRoom(models.Model):
    """A meeting room: a meeting books it for its time, and two meetings never share it."""

    _name = "gov.meeting.room"
    _description = "Meeting Room"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    capacity = fields.Integer()
    location = fields.Char()
