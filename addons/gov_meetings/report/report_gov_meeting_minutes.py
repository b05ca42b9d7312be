from odoo import api, models

CHINESE_NUMERALS = "一二三四五六七八九十"


def chinese_ordinal(number):
    """一, 二 … 十, 十一 … 九十九: the numbering of a 纪要's paragraphs."""
    if number <= 10:
        return CHINESE_NUMERALS[number - 1]
    tens, units = divmod(number, 10)
    return (CHINESE_NUMERALS[tens - 1] if tens > 1 else "") + "十" + (CHINESE_NUMERALS[units - 1] if units else "")


class ReportGovMeetingMinutes(models.AbstractModel):
    """The values of the minutes (纪要) as printed: no more than the reader may read."""

    _name = "report.gov_meetings.report_gov_meeting_minutes"
    _description = "Meeting Minutes Printout"

    @api.model
    def _get_report_values(self, docids, data=None):
        docs = self.env["gov.meeting.minutes"].browse(docids)
        # the minutes first, with the reader's own rights: minutes he may not read print nothing (AccessError)
        docs.check_access("read")
        sheets = {}
        for doc in docs:
            # sudo: the meeting's participants and the decisions belong to the minutes, proved readable above
            attendees = doc.sudo().meeting_id.attendee_ids
            members = attendees.filtered(lambda a: a.role != "attending")
            sheets[doc.id] = {
                "title": doc._gov_report_title(),
                "present": members.filtered(lambda a: a.attendance not in ("leave", "absent")),
                "leave": members.filtered(lambda a: a.attendance == "leave"),
                "absent": members.filtered(lambda a: a.attendance == "absent"),
                "attending": attendees.filtered(lambda a: a.role == "attending"
                                                and a.attendance not in ("leave", "absent")),
                "decisions": [(chinese_ordinal(position), decision)
                              for position, decision in enumerate(doc.sudo().decision_ids, 1)],
            }
        return {"doc_ids": docids, "doc_model": "gov.meeting.minutes", "docs": docs, "sheets": sheets}
