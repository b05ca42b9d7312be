from odoo import api, fields, models
from odoo.exceptions import UserError


class GovMeetingOpinion(models.Model):
    """A participant's written opinion on a topic of a meeting, sent before the meeting (R25.1): the
    chair sees it beside the topic on the agenda."""

    _name = "gov.meeting.opinion"
    _description = "Written Opinion on a Topic"
    _inherit = ["mail.thread"]
    _order = "meeting_id, topic_id, id"

    topic_id = fields.Many2one("gov.meeting.topic", required=True, index=True, ondelete="cascade",
                               domain="[('meeting_id', '!=', False)]")
    meeting_id = fields.Many2one("gov.meeting", required=True, index=True, ondelete="cascade", readonly=True)
    chair_id = fields.Many2one(related="meeting_id.chair_id", store=True, index=True, string="Chair")
    author_id = fields.Many2one("res.users", string="From", required=True, index=True, readonly=True,
                                default=lambda self: self.env.user)
    body = fields.Html(string="Opinion", required=True)
    meeting_start = fields.Datetime(related="meeting_id.start", string="Meeting Start")

    @api.depends("topic_id", "author_id")
    def _compute_display_name(self):
        for opinion in self:
            opinion.display_name = self.env._("%(author)s on %(topic)s", author=opinion.author_id.name or "",
                                              topic=opinion.topic_id.name or "")

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # sudo: the topic's meeting decides, whether or not the author may read the topic's other fields
            topic = self.env["gov.meeting.topic"].sudo().browse(vals.get("topic_id")).exists()
            meeting = topic.meeting_id
            if not meeting:
                raise UserError(self.env._("A written opinion is sent on a topic on a meeting's agenda."))
            vals["meeting_id"] = meeting.id
            if not self.env.su:
                vals["author_id"] = self.env.uid
            self._check_may_send(meeting, self.env["res.users"].browse(vals["author_id"]))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            if {"topic_id", "meeting_id", "author_id"} & set(vals):
                raise UserError(self.env._("Send a new opinion for another topic."))
            for opinion in self:
                if opinion.author_id != self.env.user:
                    raise UserError(self.env._("Only its author changes a written opinion."))
                self._check_may_send(opinion.meeting_id, opinion.author_id)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_before_the_meeting(self):
        for opinion in self:
            if not self.env.su and opinion.author_id != self.env.user:
                raise UserError(self.env._("Only its author withdraws a written opinion."))
            if not self.env.su and opinion.meeting_id._gov_has_started():
                raise UserError(self.env._("The meeting has started: the written opinions stay on record."))

    @api.model
    def _check_may_send(self, meeting, author):
        if meeting._gov_has_started():
            raise UserError(self.env._("%s has started: written opinions are sent before the meeting.", meeting.name))
        # sudo: whether the author takes part, whoever sends
        if not self.env.su and not self.env["gov.meeting.attendee"].sudo().search_count(
                [("meeting_id", "=", meeting.id), ("user_id", "=", author.id)], limit=1):
            raise UserError(self.env._("Only the participants of %s send written opinions on its topics.",
                                       meeting.name))
