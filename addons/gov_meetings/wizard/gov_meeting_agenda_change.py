from odoo import fields, models


class GovMeetingAgendaChange(models.TransientModel):
    """Ask for a change of an approved agenda (R22.2): the reason is logged, the meeting is planned again
    and its agenda goes to the head for a new approval; topics added meanwhile are flagged as late."""

    _name = "gov.meeting.agenda.change"
    _description = "Change of an Approved Agenda"

    meeting_id = fields.Many2one("gov.meeting", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.meeting_id.action_change_agenda(self.reason)
        return {"type": "ir.actions.act_window_close"}
