from datetime import timedelta

from odoo.tests import TransactionCase, tagged

from .common_items import SupervisionItems


@tagged("post_install", "-at_install")
class TestSupervisionLights(SupervisionItems, TransactionCase):
    """Lights (stored, indexed, thresholds as data, recomputed in batches) and progress reports asked for
    by activities."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_items()
        cls.policy = cls.env.ref("gov_supervision.light_policy_default")
        cls.Policy = cls.env["gov.supervision.light.policy"]

    def test_lights_follow_the_deadline_and_the_reports(self):
        today = self.today()
        red = self.new_item(co_units=False)
        red._gov_signoff_write({"deadline_start": today - timedelta(days=20), "deadline": today - timedelta(days=1)})
        yellow = self.new_item(co_units=False, deadline=self.working_days(2))
        green = self.new_item(co_units=False, deadline=self.working_days(15))
        late = self.new_item(co_units=False, deadline=self.working_days(15), report_cadence_id=self.weekly.id)
        self.Policy._cron_lights(today=today)
        self.assertEqual((red.light, yellow.light, green.light, late.light), ("red", "yellow", "green", "green"))
        # a week later, the report is due and late the day after
        self.Policy._cron_lights(today=today + timedelta(days=8))
        self.assertEqual(late.light, "yellow", "a late report")
        self.assertEqual(late.part_ids.light, "yellow")
        # the threshold is data: 1 working day, and `yellow` turns green
        self.policy.yellow_working_days = 1
        self.Policy._cron_lights(today=today)
        self.assertEqual(yellow.light, "green")

    def test_the_lights_cron_costs_queries_per_batch_not_per_item(self):
        """The lights cron: a few statements per batch, the same for 3 items or 12 (a flat cost), and one
        more batch for each batch_size items."""
        for _index in range(3):
            self.new_item(co_units=False)
        open_count = self.Item.search_count([("state", "in", ("open", "review"))])

        def cost(batch_size):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.Policy._cron_lights(batch_size=batch_size)
            return self.env.cr.sql_log_count - before

        small = cost(1000)
        for _index in range(9):
            self.new_item(co_units=False)
        self.assertEqual(cost(1000), small, "the same queries for 3 and 12 more items")
        total = open_count + 9
        batches = -(-total // 4)
        per_batch = cost(4)
        self.assertLessEqual(per_batch, batches * small, "a few queries per batch")
        with self.assertQueryCount(small):
            self.env.invalidate_all()
            self.Policy._cron_lights(batch_size=1000)

    def test_reports_are_asked_for_by_one_activity_per_person(self):
        """Progress reports on the item's cadence: the cron asks each responsible person once per report due,
        in his language; reporting closes the activity and sets the next date."""
        self.finance_clerk.lang = "zh_CN"
        self.env["res.lang"]._activate_lang("zh_CN")
        item = self.new_item(report_cadence_id=self.weekly.id)
        # the co-unit's responsible person is also responsible in the lead: still one activity each
        Part = self.env["gov.supervision.part"]
        due = self.today() + timedelta(days=7)
        self.assertEqual(set(item.part_ids.mapped("next_report_date")), {due})
        Part._cron_report_requests(today=due - timedelta(days=1))
        activity_type = self.env.ref("gov_supervision.mail_activity_type_progress_report")

        def asked():
            return item.sudo().activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

        self.assertFalse(asked())
        Part._cron_report_requests(today=due)
        self.assertEqual(sorted(asked().user_id.ids), sorted((self.clerk | self.finance_clerk).ids))
        self.assertNotEqual(asked().filtered(lambda a: a.user_id == self.finance_clerk).summary,
                            "Progress report due (督办进展)", "in his language")
        Part._cron_report_requests(today=due)
        self.assertEqual(len(asked()), 2, "never twice for the same report")
        self.env["gov.supervision.progress"].with_user(self.finance_clerk).create({
            "item_id": item.id, "part_id": self.co_part(item).id, "text": "<p>已完成招标</p>", "date": due})
        self.assertEqual(asked().user_id, self.clerk, "the co-unit's request is done")
        self.assertEqual(self.co_part(item).next_report_date, due + timedelta(days=7))
