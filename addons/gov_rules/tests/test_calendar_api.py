import warnings
from datetime import date

from odoo.exceptions import UserError
from odoo.tests import Form, TransactionCase, freeze_time, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCalendarApi(TransactionCase):
    """The working-day calendar API around every 2024–2026 holiday, makeup days included."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("gov_rules.calendar_cn")
        cls.api = cls.env["gov.calendar"]  # empty recordset: the default calendar

    def assertNext(self, start, days, expected):
        self.assertEqual(self.api.add_working_days(start, days), expected, f"{start} + {days} working days")

    def test_spring_festival_2026(self):
        # Friday 13 Feb, then the makeup Saturday 14 Feb, then 15–23 Feb off, back Tuesday 24 Feb.
        self.assertNext("2026-02-13", 1, "2026-02-14")
        self.assertNext("2026-02-13", 2, "2026-02-24")
        self.assertNext("2026-02-24", -1, "2026-02-14")
        self.assertNext("2026-02-24", -2, "2026-02-13")
        self.assertTrue(self.api.is_working_day("2026-02-14"))
        self.assertTrue(self.api.is_working_day("2026-02-28"))
        self.assertFalse(self.api.is_working_day("2026-02-23"))
        self.assertFalse(self.api.is_working_day("2026-02-21"))
        self.assertEqual(self.api.count_working_days("2026-02-09", "2026-03-01"), 11)

    def test_new_year_and_national_day_2026(self):
        self.assertNext("2025-12-31", 1, "2026-01-04")  # 1–3 Jan off, Sunday 4 Jan worked
        self.assertNext("2026-01-04", 1, "2026-01-05")
        self.assertEqual(self.api.next_working_day("2026-10-01"), "2026-10-08")
        self.assertEqual(self.api.next_working_day("2026-10-10"), "2026-10-10")  # makeup Saturday
        self.assertNext("2026-09-30", 1, "2026-10-08")
        self.assertNext("2026-09-19", 1, "2026-09-20")  # makeup Sunday before National Day
        self.assertEqual(self.api.count_working_days("2026-09-28", "2026-10-11"), 6)

    def test_other_2026_holidays(self):
        for holiday in ("2026-04-06", "2026-05-04", "2026-05-05", "2026-06-19", "2026-09-25"):
            self.assertFalse(self.api.is_working_day(holiday), holiday)
        self.assertTrue(self.api.is_working_day("2026-05-09"))
        self.assertNext("2026-04-03", 1, "2026-04-07")
        self.assertNext("2026-04-30", 1, "2026-05-06")
        self.assertNext("2026-05-08", 1, "2026-05-09")
        self.assertNext("2026-06-18", 1, "2026-06-22")
        self.assertNext("2026-09-24", 1, "2026-09-28")

    def test_2025(self):
        self.assertFalse(self.api.is_working_day("2025-01-01"))
        self.assertTrue(self.api.is_working_day("2025-01-26"))  # Sunday worked before Spring Festival
        self.assertNext("2025-01-24", 1, "2025-01-26")
        self.assertNext("2025-01-26", 1, "2025-01-27")
        self.assertNext("2025-01-27", 1, "2025-02-05")  # 28 Jan – 4 Feb off
        self.assertTrue(self.api.is_working_day("2025-02-08"))
        self.assertNext("2025-04-03", 1, "2025-04-07")
        self.assertNext("2025-04-25", 1, "2025-04-27")
        self.assertNext("2025-04-30", 1, "2025-05-06")
        self.assertNext("2025-05-30", 1, "2025-06-03")  # Dragon Boat 31 May – 2 Jun
        self.assertNext("2025-09-26", 1, "2025-09-28")
        self.assertNext("2025-09-30", 1, "2025-10-09")  # 1–8 Oct off
        self.assertTrue(self.api.is_working_day("2025-10-11"))

    def test_2024(self):
        self.assertTrue(self.api.is_working_day("2024-02-04"))
        self.assertNext("2024-02-08", 1, "2024-02-09")  # the eve is a working day by the notice
        self.assertNext("2024-02-09", 1, "2024-02-18")  # 10–17 Feb off, Sunday 18 worked
        self.assertNext("2024-04-03", 1, "2024-04-07")
        self.assertNext("2024-04-26", 1, "2024-04-28")
        self.assertNext("2024-04-30", 1, "2024-05-06")
        self.assertTrue(self.api.is_working_day("2024-05-11"))
        self.assertFalse(self.api.is_working_day("2024-06-10"))
        self.assertNext("2024-09-13", 1, "2024-09-14")
        self.assertNext("2024-09-14", 1, "2024-09-18")
        self.assertNext("2024-09-27", 1, "2024-09-29")
        self.assertNext("2024-09-30", 1, "2024-10-08")
        self.assertTrue(self.api.is_working_day("2024-10-12"))

    def test_working_days_per_year(self):
        self.assertEqual(self.api.count_working_days("2024-01-01", "2024-12-31"), 251)
        self.assertEqual(self.api.count_working_days("2025-01-01", "2025-12-31"), 248)
        self.assertEqual(self.api.count_working_days("2026-01-01", "2026-12-31"), 248)

    def test_long_spans_cross_years(self):
        start = "2024-12-20"
        later = self.api.add_working_days(start, 300)
        self.assertEqual(self.api.count_working_days("2024-12-21", later), 300)
        self.assertEqual(self.api.add_working_days(later, -300), start)
        self.assertEqual(self.api.add_working_days(start, 0), start)

    def test_dates_in_and_dates_out(self):
        self.assertEqual(self.api.add_working_days(date(2026, 2, 13), 2), date(2026, 2, 24))
        self.assertEqual(self.calendar.add_working_days("2026-02-13", 2), "2026-02-24")
        self.assertIsInstance(self.api.next_working_day(date(2026, 2, 16)), date)

    def test_workalendar_years_match_workalendar(self):
        from workalendar.asia import China  # noqa: PLC0415

        china = China()
        self.enterContext(warnings.catch_warnings())
        warnings.simplefilter("ignore")  # workalendar warns that it knows 2018–2023 only
        for start in (date(2018, 2, 9), date(2019, 9, 27), date(2020, 1, 17), date(2021, 4, 30),
                      date(2022, 9, 30), date(2023, 6, 21), date(2023, 12, 1)):
            for days in (1, 5, 15):
                self.assertEqual(self.api.add_working_days(start, days), china.add_working_days(start, days))
        self.assertEqual(sorted(self.calendar.year_ids.filtered(lambda y: y.source == "workalendar").mapped("year")),
                         [2018, 2019, 2020, 2021, 2022, 2023])

    def test_unconfigured_year_counts_weekends_only(self):
        self.assertEqual(self.api.unconfigured_years("2026-11-01", "2027-03-01"), [2027])
        self.assertEqual(self.api.unconfigured_years("2024-01-01", "2026-12-31"), [])
        # 2027 has no schedule: 1 Jan 2027 (a Friday) counts as a working day, provisionally
        self.assertTrue(self.api.is_working_day("2027-01-01"))
        self.assertNext("2026-12-31", 1, "2027-01-01")
        self.assertNext("2027-01-08", 1, "2027-01-11")

    def test_entering_a_year_recomputes(self):
        self.assertTrue(self.api.is_working_day("2027-01-01"))
        year = self.env["gov.calendar.year"].create({
            "calendar_id": self.calendar.id, "year": 2027,
            "day_ids": [(0, 0, {"date": "2027-01-01", "kind": "holiday", "name": "元旦"})],
        })
        self.assertFalse(self.api.is_working_day("2027-01-01"))
        self.assertEqual(self.api.unconfigured_years("2027-01-01", "2027-12-31"), [])
        year.day_ids.unlink()
        self.assertTrue(self.api.is_working_day("2027-01-01"))

    def test_bad_input(self):
        with self.assertRaisesRegex(UserError, "before the start date"):
            self.api.count_working_days("2026-03-01", "2026-02-01")
        with self.assertRaisesRegex(UserError, "not a date"):
            self.api.add_working_days("2026-02-30", 1)
        with self.assertRaisesRegex(UserError, "not a date"):
            self.api.is_working_day("tomorrow")
        with self.assertRaisesRegex(UserError, "whole number"):
            self.api.add_working_days("2026-02-01", "3")
        with self.assertRaisesRegex(UserError, "At most"):
            self.api.add_working_days("2026-02-01", 100000)
        with self.assertRaisesRegex(UserError, "before the start date"):
            self.api.unconfigured_years("2027-01-01", "2026-01-01")

    def test_lookups_do_not_query_the_database(self):
        self.api.add_working_days("2026-01-05", 250)  # warm the per-year cache
        with self.assertQueryCount(0):
            for day in range(1, 28):
                self.api.add_working_days(f"2026-02-{day:02d}", 30)
                self.api.count_working_days(f"2026-02-{day:02d}", "2026-12-31")

    @freeze_time("2026-11-26")
    def test_november_reminds_administrators_once(self):
        admin = self.env.ref("base.user_admin")
        self.env["gov.calendar"]._cron_remind_next_year()
        self.env["gov.calendar"]._cron_remind_next_year()
        activities = self.calendar.activity_ids.filtered(lambda act: act.user_id == admin)
        self.assertEqual(len(activities), 1)
        self.assertIn("2027", activities.summary)

    @freeze_time("2026-11-26")
    def test_reminder_in_each_administrators_language_once(self):
        """Each administrator reads the reminder in his or her own language, whatever the cron's;
        a second run, even in another language, adds nothing."""
        self.env["res.lang"]._activate_lang("zh_CN")
        chinese = new_test_user(self.env, "t_cal_admin_zh", groups="gov_rules.group_gov_admin", lang="zh_CN",
                                name="区政府办公室 信息科")
        english = new_test_user(self.env, "t_cal_admin_en", groups="gov_rules.group_gov_admin", lang="en_US")
        cron = self.env["gov.calendar"]
        cron.with_context(lang="en_US")._cron_remind_next_year()
        cron.with_context(lang="zh_CN")._cron_remind_next_year()
        holiday_schedule = self.env.ref("gov_rules.mail_activity_type_gov_holiday_schedule")
        by_user = {user: self.calendar.activity_ids.filtered(lambda act, user=user: act.user_id == user)
                   for user in (chinese, english)}
        self.assertEqual([len(acts) for acts in by_user.values()], [1, 1])
        self.assertEqual(by_user[chinese].summary, "录入2027年节假日安排")
        self.assertIn("请导入国务院办公厅关于2027年部分节假日安排的通知", str(by_user[chinese].note))
        self.assertEqual(by_user[english].summary, "Enter the 2027 holiday schedule")
        self.assertEqual((by_user[chinese] | by_user[english]).activity_type_id, holiday_schedule)

    def test_last_seasons_reminder_does_not_count(self):
        """A reminder still open from last year's season does not stop this season's."""
        admin = new_test_user(self.env, "t_cal_admin_late", groups="gov_rules.group_gov_admin", lang="en_US")
        with freeze_time("2025-11-20"):
            self.calendar.activity_schedule("gov_rules.mail_activity_type_gov_holiday_schedule",
                                            date_deadline=date(2025, 12, 31), user_id=admin.id,
                                            summary="Enter the 2026 holiday schedule")
        with freeze_time("2026-11-26"):
            self.env["gov.calendar"]._cron_remind_next_year()
            self.env["gov.calendar"]._cron_remind_next_year()
        mine = self.calendar.activity_ids.filtered(lambda act: act.user_id == admin)
        self.assertEqual(sorted(mine.mapped("summary")),
                         ["Enter the 2026 holiday schedule", "Enter the 2027 holiday schedule"])

    def test_new_year_2024_alone(self):
        """2024: 元旦 is Monday 1 January alone, after the weekend; 2 January is the next working day."""
        self.assertFalse(self.api.is_working_day("2024-01-01"))
        self.assertNext("2023-12-29", 1, "2024-01-02")
        self.assertNext("2024-01-02", -1, "2023-12-29")
        self.assertEqual(self.api.count_working_days("2023-12-29", "2024-01-05"), 5)
        self.assertTrue(self.api.is_working_day("2024-01-02"))

    def test_calculator_warns_of_a_provisional_result(self):
        """The calculator counts like every deadline, and says when a year has no schedule yet (2027)."""
        clerk = new_test_user(self.env, "t_calc_clerk", groups="gov_rules.group_gov_user", lang="en_US")
        with Form(self.env["gov.calendar.calculator"].with_user(clerk)) as form:
            form.start_date = date(2026, 12, 24)
            form.days = 10
            self.assertEqual(form.result_date, date(2027, 1, 7))
            self.assertTrue(form.provisional)
            self.assertEqual(form.provisional_note,
                             "Provisional: no holiday schedule for 2027 yet, so only weekends were counted.")
            form.start_date = date(2026, 2, 13)
            form.days = 2
            self.assertEqual(form.result_date, date(2026, 2, 24))
            self.assertFalse(form.provisional)
            self.assertFalse(form.provisional_note)

    @freeze_time("2026-06-01")
    def test_no_reminder_before_november(self):
        self.env["gov.calendar"]._cron_remind_next_year()
        self.assertFalse(self.calendar.activity_ids)
