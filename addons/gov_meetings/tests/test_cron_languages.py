from datetime import timedelta

from odoo import fields
from odoo.addons.gov_rules.lib.district_time import district_today
from odoo.tests import TransactionCase, tagged

from .common_attendance import GovAttendanceOrganisation


@tagged("post_install", "-at_install")
class TestMeetingCronLanguages(GovAttendanceOrganisation, TransactionCase):
    """What the scheduled jobs write is in the recipient's language, even when the scheduler runs as the
    superuser in English."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_attendance()
        cls._read_in_chinese(["gov_rules", "gov_meetings"], cls.office_director)

    def scheduler(self, model):
        """The model as the scheduler runs it: the superuser, in English."""
        return self.env[model].with_user(self.env.ref("base.user_root")).with_context(lang="en_US")

    def test_unread_papers_warning_in_the_organisers_language_R22_3(self):
        calendar = self.env["gov.rule.set"]._current().calendar_id
        start = fields.Datetime.to_datetime(calendar.add_working_days(district_today(self.env), 1)) + timedelta(hours=2)
        self.meeting.write({"start": start, "stop": start + timedelta(hours=2)})
        self.send_papers()
        self.scheduler("gov.meeting")._cron_warn_unread_papers()
        warning = self.env["mail.activity"].search([
            ("activity_type_id", "=", self.env.ref("gov_meetings.mail_activity_type_gov_unread_papers").id),
            ("res_id", "=", self.meeting.id)])
        self.assertEqual(warning.user_id, self.office_director)
        self.assertEqual(warning.summary, "5 名参会人员尚未阅读会议材料")
        self.assertIn("尚未阅读：", warning.note)

    def test_cadence_warning_in_the_directors_language_R20_1(self):
        meeting_type = self.env["gov.meeting.type"].create({
            "name": "Test plenary", "code": "t_plenary_lang", "kind": "plenary", "cadence_months": 12,
            "cadence_min": 1})
        self.scheduler("gov.meeting.cadence.report")._cron_warn_cadence()
        warning = self.env["mail.activity"].search([
            ("res_model", "=", "gov.meeting.type"), ("res_id", "=", meeting_type.id),
            ("activity_type_id", "=", self.env.ref("gov_meetings.mail_activity_type_gov_meeting_cadence").id)])
        self.assertEqual(warning.user_id, self.office_director)
        self.assertEqual(warning.summary, "请安排会议：Test plenary")
        self.assertIn("按规定每12个月至少召开1次", warning.note)
