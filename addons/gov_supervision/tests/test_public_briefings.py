from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .common_public import GovPublicCase


@tagged("post_install", "-at_install")
class TestBriefings(GovPublicCase, TransactionCase):
    """Periodic briefings (通报) to deputies, CPPCC members and retired cadres: scheduled, the office
    reminded when one is due, recorded once held (R14.2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_public()

    def test_briefing_scheduled_reminded_and_recorded_R14_2(self):
        Briefing = self.env["gov.briefing"].with_user(self.office)
        soon = Briefing.create({"name": "向人大代表通报建议办理情况", "audience": "deputies",
                                "date": self.today() + timedelta(days=2)})
        later = Briefing.create({"name": "向老干部通报全区经济运行情况", "audience": "retired",
                                 "date": self.today() + timedelta(days=40)})
        self.assertEqual(soon.responsible_id, self.office)
        self.env["gov.briefing"]._cron_remind_due()
        self.assertEqual(soon.activity_ids.user_id, self.office, "the office is reminded of the briefing due")
        self.assertFalse(later.activity_ids, "not yet due")
        self.env["gov.briefing"]._cron_remind_due()
        self.assertEqual(len(soon.activity_ids), 1, "one reminder per briefing, however often the cron runs")
        with self.refused(UserError, "Write the record"):
            soon.action_held()
        soon.record = "<p>12名代表参加，通报了建议办理情况。</p>"
        with self.refused(UserError, "planned for a later day"):
            soon.action_held()
        soon.date = self.today()
        soon.action_held()
        self.assertEqual(soon.state, "held")
        self.assertFalse(soon.activity_ids)

    def test_the_reminder_days_are_a_setting_R14_2(self):
        self.env["ir.config_parameter"].sudo().set_param("gov_supervision.briefing_reminder_days", "10")
        briefing = self.env["gov.briefing"].with_user(self.office).create({
            "name": "向政协委员通报提案办理情况", "audience": "members", "date": self.today() + timedelta(days=8)})
        self.env["gov.briefing"]._cron_remind_due()
        self.assertTrue(briefing.activity_ids)

    def test_only_the_office_schedules_briefings_R14_2(self):
        with self.refused(UserError, "Only the office"):
            self.env["gov.briefing"].with_user(self.clerk).create({
                "name": "通报", "audience": "all", "date": self.today()})
