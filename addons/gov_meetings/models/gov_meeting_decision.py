from odoo import fields, models

OUTCOMES = [
    ("adopted", "Adopted"),
    ("adopted_changed", "Adopted with Changes"),
    ("deferred", "Deferred"),
    ("not_adopted", "Not Adopted"),
]


class GovMeetingDecision(models.Model):
    """What a meeting decided on one topic, as its minutes record it. It starts what follows with one
    click and keeps the link: the document to issue (R22.4), the post-evaluation (R11.3), the report
    to 区委 (R21.2, R8.1); gov_supervision adds supervision items."""

    _name = "gov.meeting.decision"
    _description = "Meeting Decision"
    _inherit = ["mail.thread"]
    _order = "minutes_id, sequence, id"

    minutes_id = fields.Many2one("gov.meeting.minutes", required=True, index=True, ondelete="cascade")
    meeting_id = fields.Many2one(related="minutes_id.meeting_id", store=True, index=True)
    topic_id = fields.Many2one("gov.meeting.topic", required=True, index=True, ondelete="restrict")
    sequence = fields.Integer(default=10)
    outcome = fields.Selection(OUTCOMES, required=True, default="adopted", index=True, tracking=True)
    text = fields.Html(string="Decision")
