from odoo import api, fields, models
from odoo.exceptions import UserError


class GovMeetingAgendaLine(models.Model):
    """A topic on a meeting's agenda, in the order the office sets by drag and drop. A topic is taken
    from its type's pool while the agenda is open, and goes back to it when removed (R22.2)."""

    _name = "gov.meeting.agenda.line"
    _description = "Agenda Entry"
    _order = "meeting_id, sequence, id"

    meeting_id = fields.Many2one("gov.meeting", required=True, index=True, ondelete="cascade")
    topic_id = fields.Many2one("gov.meeting.topic", required=True, index=True, ondelete="restrict")
    sequence = fields.Integer(default=10)
    department_id = fields.Many2one(related="topic_id.department_id", string="Reporting Unit")
    meeting_state = fields.Selection(related="meeting_id.state", string="Meeting State")
    # added after the agenda was approved once and opened again (PloneMeeting's late items, R22.2)
    is_late = fields.Boolean(string="Late Topic", readonly=True, copy=False)
    has_papers = fields.Boolean(string="Papers", compute="_compute_has_papers",
                                help="The topic carries its papers (R22.3).")

    _meeting_topic_unique = models.Constraint("unique(meeting_id, topic_id)", "This topic is already on the agenda.")

    @api.depends("topic_id.attachment_ids")
    def _compute_has_papers(self):
        for line in self:
            line.has_papers = bool(line.topic_id.attachment_ids)

    @api.model_create_multi
    def create(self, vals_list):
        meetings = self.env["gov.meeting"].browse({vals.get("meeting_id") for vals in vals_list} - {None, False})
        meetings._gov_check_agenda_open()
        # two offices taking the same topic at the same moment: the second waits, then sees it taken
        meetings._gov_lock_rows("gov.meeting.topic", [vals["topic_id"] for vals in vals_list if vals.get("topic_id")])
        for vals in vals_list:
            vals["is_late"] = meetings.browse(vals.get("meeting_id")).agenda_reopened
        lines = super().create(vals_list)
        for line in lines:
            line.topic_id._check_agenda_ready(line.meeting_id)
        for meeting, group in lines.grouped("meeting_id").items():
            # the workflow moves the topic: it is on this meeting's agenda now, and in no other's
            group.topic_id._gov_signoff_write({"state": "scheduled", "meeting_id": meeting.id})
        lines.meeting_id._gov_sync_participants()
        return lines

    def write(self, vals):
        if {"meeting_id", "topic_id"} & set(vals):
            raise UserError(self.env._("An agenda entry keeps its topic and meeting: remove it and add the topic "
                                       "again."))
        if "sequence" in vals:
            self.meeting_id._gov_check_agenda_open()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_open_agenda(self):
        # a meeting is never deleted (R35.1); its entries go only while the agenda is open (R22.2)
        self.meeting_id._gov_check_agenda_open()

    def unlink(self):
        meetings = self.meeting_id
        topics = self.topic_id.filtered(lambda topic: topic.meeting_id in meetings)
        result = super().unlink()
        # the topics wait in their pool again
        topics._gov_signoff_write({"state": "pool", "meeting_id": False})
        meetings.exists()._gov_sync_participants()
        return result
