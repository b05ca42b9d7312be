from datetime import timedelta

from odoo.tests import TransactionCase, tagged

from .common_items import SupervisionItems


@tagged("post_install", "-at_install")
class TestSupervisionCronLanguages(SupervisionItems, TransactionCase):
    """What the scheduled jobs write is in the recipient's language, even when the scheduler runs as the
    superuser in English."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_items()
        cls._read_in_chinese(["gov_rules", "gov_supervision"])

    def scheduler(self, model):
        """The model as the scheduler runs it: the superuser, in English."""
        return self.env[model].with_user(self.env.ref("base.user_root")).with_context(lang="en_US")

    def test_briefing_reminder_in_the_organisers_language_R14_2(self):
        self.office_director.lang = "zh_CN"
        briefing = self.env["gov.briefing"].with_user(self.office_director).create({
            "name": "向人大代表通报建议办理情况", "audience": "deputies", "date": self.today() + timedelta(days=1)})
        self.scheduler("gov.briefing")._cron_remind_due()
        self.assertEqual(briefing.activity_ids.user_id, self.office_director)
        self.assertEqual(briefing.activity_ids.summary, "通报即将举行：请做好准备，举行后及时记录")

    def test_progress_report_request_in_the_units_language_R33_1(self):
        self.finance_clerk.lang = "zh_CN"
        item = self.new_item(report_cadence_id=self.weekly.id)
        due = self.today() + timedelta(days=7)
        self.scheduler("gov.supervision.part")._cron_report_requests(today=due)
        asked = item.sudo().activity_ids.filtered(
            lambda a: a.activity_type_id == self.env.ref("gov_supervision.mail_activity_type_progress_report"))
        self.assertEqual(asked.filtered(lambda a: a.user_id == self.finance_clerk).summary, "进展报告到期（督办进展）")
        self.assertEqual(asked.filtered(lambda a: a.user_id == self.clerk).summary, "Progress report due (督办进展)")

    def test_lights_and_figures_write_no_message(self):
        """The lights and the figures are recomputed in place: their jobs write no message anyone reads."""
        self.finance_clerk.lang = "zh_CN"
        item = self.new_item(report_cadence_id=self.weekly.id)
        messages = item.sudo().message_ids
        activities = item.sudo().activity_ids
        self.scheduler("gov.supervision.light.policy")._cron_lights(today=self.today() + timedelta(days=60))
        self.scheduler("gov.supervision.figure")._cron_refresh()
        item.invalidate_recordset()
        self.assertEqual(item.light, "red")
        self.assertEqual(item.sudo().message_ids, messages)
        self.assertEqual(item.sudo().activity_ids, activities)
