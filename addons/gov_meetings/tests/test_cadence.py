from datetime import timedelta

from odoo import fields
from odoo.addons.gov_meetings.models.gov_meeting_cadence_report import cadence_period
from odoo.addons.gov_rules.tests.common_org import GovOrgCase
from odoo.tests import tagged


@tagged("post_install", "-at_install")
class TestMeetingCadence(GovOrgCase):
    """The office is warned when a meeting type has too few meetings scheduled within its cadence (R20.1,
    R21.1, R22.1); a report shows the meetings per type against their cadence."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # a cadence of a whole year: the test does not depend on the day of the month it runs
        cls.meeting_type = cls.env["gov.meeting.type"].create({
            "name": "Test plenary", "code": "t_plenary_cadence", "kind": "plenary", "cadence_months": 12,
            "cadence_min": 1, "cadence_max": 2})

    def warnings(self):
        return self.env["mail.activity"].search([
            ("res_model", "=", "gov.meeting.type"), ("res_id", "=", self.meeting_type.id),
            ("activity_type_id", "=", self.env.ref("gov_meetings.mail_activity_type_gov_meeting_cadence").id)])

    def test_periods_count_from_january_R20_1(self):
        self.assertEqual(cadence_period(fields.Date.to_date("2026-08-15"), 6),
                         (fields.Date.to_date("2026-07-01"), fields.Date.to_date("2026-12-31")))
        self.assertEqual(cadence_period(fields.Date.to_date("2026-02-28"), 1),
                         (fields.Date.to_date("2026-02-01"), fields.Date.to_date("2026-02-28")))

    def test_office_warned_once_until_a_meeting_is_scheduled_R20_1(self):
        Report = self.env["gov.meeting.cadence.report"]
        Report._cron_warn_cadence()
        warning = self.warnings()
        self.assertEqual(warning.user_id, self.office_director, "one to-do for the office director")
        self.assertEqual(warning.date_deadline, cadence_period(self.today(), 12)[1])
        self.assertIn("Test plenary", warning.summary)
        Report._cron_warn_cadence()
        self.assertEqual(self.warnings(), warning, "running again adds nothing")

        # a meeting scheduled in the period: the warning goes
        start = fields.Datetime.now() + timedelta(hours=1)
        meeting = self.env["gov.meeting"].create({
            "name": "区政府第五次全体会议", "type_id": self.meeting_type.id, "start": start,
            "stop": start + timedelta(hours=2), "organiser_id": self.office_director.id})
        Report._cron_warn_cadence()
        self.assertFalse(self.warnings())
        self.env.flush_all()
        row = Report.search([("type_id", "=", self.meeting_type.id),
                             ("period_start", "=", cadence_period(self.today(), 12)[0])])
        self.assertRecordValues(row, [{"meeting_count": 1, "cadence_min": 1, "status": "ok", "shortfall": 0}])

        # a cancelled meeting does not count
        meeting.sudo().write({"state": "cancelled"})
        self.env.flush_all()
        Report._cron_warn_cadence()
        self.assertEqual(len(self.warnings()), 1)
        row.invalidate_recordset()
        self.assertRecordValues(row, [{"meeting_count": 0, "status": "below", "shortfall": 1}])
