from odoo import fields, models


class GovMeetingPaperRead(models.Model):
    """One paper delivered to one participant of a meeting, and when he first opened it (R22.3).

    The rows are written by the system only: when the office sends the papers (delivery) and when the
    participant opens a paper through /gov_meetings/paper/<meeting>/<attachment> (reading). Nobody
    ticks a box: opening the file is the reading."""

    _name = "gov.meeting.paper.read"
    _description = "Meeting Paper Delivered and Read"
    _order = "meeting_start, meeting_id, attendee_id, id"
    _rec_name = "name"

    meeting_id = fields.Many2one("gov.meeting", required=True, index=True, ondelete="cascade", readonly=True)
    attendee_id = fields.Many2one("gov.meeting.attendee", string="Participant Row", required=True, index=True,
                                  ondelete="cascade", readonly=True)
    user_id = fields.Many2one("res.users", string="Participant", required=True, index=True, readonly=True)
    attachment_id = fields.Many2one("ir.attachment", string="Paper", required=True, index=True, ondelete="cascade",
                                    readonly=True)
    topic_id = fields.Many2one("gov.meeting.topic", index="btree_not_null", ondelete="set null",
                               readonly=True)
    name = fields.Char(related="attachment_id.name", string="Paper Name")
    meeting_start = fields.Datetime(related="meeting_id.start", store=True, index=True, string="Meeting Start")
    delivered_on = fields.Datetime(string="Delivered", required=True, readonly=True, default=fields.Datetime.now)
    read_on = fields.Datetime(string="First Opened", readonly=True, index=True)

    _attendee_paper_unique = models.Constraint("unique(attendee_id, attachment_id)",
                                               "This paper was already delivered to this participant.")

    def _paper_url(self):
        self.ensure_one()
        return f"/gov_meetings/paper/{self.meeting_id.id}/{self.attachment_id.id}"

    def action_open_paper(self):
        """Open the paper in a new tab: the controller records the reading and streams the file."""
        self.ensure_one()
        return {"type": "ir.actions.act_url", "url": self._paper_url(), "target": "new"}

    def _mark_read(self):
        """Record the first opening; a participant who opened all his papers has read them, and his
        to-do to read them is done."""
        now = fields.Datetime.now()
        # sudo: the system records the reading (participants may not write these rows)
        unread = self.sudo().filtered(lambda row: not row.read_on)
        if not unread:
            return
        unread.write({"read_on": now})
        attendees = unread.attendee_id
        still_unread = self.sudo().search([("attendee_id", "in", attendees.ids), ("read_on", "=", False)]).attendee_id
        done = attendees - still_unread
        if done:
            done.write({"papers_read_on": now})
            done.meeting_id._gov_papers_read_activities_done(done)
