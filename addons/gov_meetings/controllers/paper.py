from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request


class GovMeetingPaper(http.Controller):
    """A participant opens a paper of a meeting: the reading is recorded and the file streamed (R22.3)."""

    @http.route("/gov_meetings/paper/<int:meeting_id>/<int:attachment_id>", type="http", auth="user",
                methods=["GET"], readonly=False)
    def gov_meeting_paper(self, meeting_id, attachment_id, **kwargs):
        # sudo: the delivery row decides who may read the paper: a participant it was delivered to
        row = request.env["gov.meeting.paper.read"].sudo().search([
            ("meeting_id", "=", meeting_id), ("attachment_id", "=", attachment_id),
            ("user_id", "=", request.env.uid)], limit=1)
        if not row:
            raise NotFound()
        row._mark_read()
        # sudo: the paper belongs to a topic the participant may not read otherwise
        stream = request.env["ir.binary"]._get_stream_from(row.attachment_id.sudo(), "raw")
        return stream.get_response(as_attachment=kwargs.get("download") == "1")
