from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import notice_text


@tagged("post_install", "-at_install")
class TestCalendarImport(TransactionCase):
    """Importing the State Council's notices gives exactly the shipped schedules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("gov_rules.calendar_cn")

    def _wizard(self, text, year=0):
        return self.env["gov.calendar.import"].create({"calendar_id": self.calendar.id, "notice_text": text,
                                                        "year": year})

    def _shipped(self, year):
        days = self.calendar.year_ids.filtered(lambda y: y.year == year).day_ids
        return sorted((str(day.date), day.kind) for day in days)

    def test_each_notice_reads_as_shipped(self):
        expected_counts = {2024: (28, 8), 2025: (28, 5), 2026: (33, 6)}
        for year, (holidays, workdays) in expected_counts.items():
            with self.subTest(year=year):
                wizard = self._wizard(notice_text(year))
                wizard.action_parse()
                self.assertEqual(wizard.year, year)
                self.assertEqual((wizard.holiday_count, wizard.workday_count), (holidays, workdays))
                self.assertTrue(wizard.replaces_existing)
                self.assertEqual(sorted((str(line.date), line.kind) for line in wizard.line_ids),
                                 self._shipped(year))

    def test_confirm_replaces_the_year(self):
        shipped = self._shipped(2025)
        year = self.calendar.year_ids.filtered(lambda y: y.year == 2025)
        year.day_ids.filtered(lambda d: str(d.date) == "2025-01-26").unlink()
        self.assertFalse(self.env["gov.calendar"].is_working_day("2025-01-26"))
        wizard = self._wizard(notice_text(2025))
        wizard.action_parse()
        action = wizard.action_confirm()
        self.assertEqual(action["res_id"], year.id)
        self.assertEqual(self._shipped(2025), shipped)
        self.assertTrue(self.env["gov.calendar"].is_working_day("2025-01-26"))
        self.assertEqual(year.source, "notice")

    def test_new_year_from_pasted_items(self):
        text = ("一、元旦：1月1日（周五）放假，与周末连休。\n"
                "二、春节：2月6日（周六）至12日（周五）放假调休，共7天。2月20日（周六）上班。\n"
                "三、中秋节：9月15日（星期三）放假，9月17日（星期五）补休。")
        with Form(self.env["gov.calendar.import"]) as form:
            form.notice_text = text
            form.year = 2027
        wizard = form.save()
        wizard.action_parse()
        wizard.action_confirm()
        api = self.env["gov.calendar"]
        self.assertEqual(api.unconfigured_years("2027-01-01", "2027-12-31"), [])
        self.assertFalse(api.is_working_day("2027-01-01"))
        self.assertFalse(api.is_working_day("2027-02-08"))
        self.assertFalse(api.is_working_day("2027-09-17"))
        self.assertTrue(api.is_working_day("2027-02-20"))
        self.assertEqual(api.add_working_days("2027-02-05", 1), "2027-02-15")

    def test_unreadable_text_is_reported_line_by_line_and_nothing_saved(self):
        text = ("国务院办公厅关于2027年部分节假日安排的通知\n"
                "一、元旦：1月1日（周五）放假，与周末连休。\n"
                "二、春节：2月6日至12日放假调休，共9天。\n"
                "三、清明节：4月5日（周二）放假。\n"
                "四、劳动节：5月1日开会。")
        wizard = self._wizard(text)
        with self.assertRaises(UserError) as caught:
            wizard.action_parse()
        message = str(caught.exception)
        self.assertIn("nothing was saved", message)
        self.assertIn("Line 3", message)  # says 9 days, lists 7
        self.assertIn("Line 4", message)  # 5 April 2027 is a Monday
        self.assertIn("Line 5", message)  # neither days off nor working days
        self.assertNotIn("Line 2", message)
        self.assertEqual(self.env["gov.calendar"].unconfigured_years("2027-01-01", "2027-01-01"), [2027])
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertFalse(self.calendar.year_ids.filtered(lambda y: y.year == 2027))

    def test_new_year_starting_in_december_goes_to_the_previous_year(self):
        """The 2019 notice gives 元旦 as 30 December 2018 – 1 January 2019, with Saturday 29 December
        2018 worked: those three days are saved in the 2018 schedule, the rest in 2019's."""
        year_2018 = self.calendar.year_ids.filtered(lambda y: y.year == 2018)
        year_2018.day_ids.filtered(lambda d: d.date.month == 12).unlink()
        # a wrong entry of the same date is replaced, not kept beside the notice's
        self.env["gov.calendar.day"].create({"year_id": year_2018.id, "date": "2018-12-30", "kind": "workday",
                                             "name": "录入错误"})
        wizard = self._wizard(notice_text(2019))
        wizard.action_parse()
        self.assertEqual(wizard.year, 2019)
        self.assertIn("3 day(s) fall in 2018: they are saved in the 2018 schedule", wizard.outside_note)
        december = wizard.line_ids.filtered(lambda line: line.date.year == 2018)
        self.assertEqual(set(december.mapped("placement")), {"neighbour"})
        self.assertEqual(set((wizard.line_ids - december).mapped("placement")), {"year"})
        wizard.action_confirm()
        api = self.env["gov.calendar"]
        self.assertTrue(api.is_working_day("2018-12-29"))
        self.assertFalse(api.is_working_day("2018-12-31"))
        self.assertEqual(api.add_working_days("2018-12-28", 1), "2018-12-29")
        self.assertEqual(api.add_working_days("2018-12-29", 1), "2019-01-02")
        self.assertEqual(sorted((str(d.date), d.kind, d.name) for d in year_2018.day_ids if d.date.month == 12),
                         [("2018-12-29", "workday", "元旦"), ("2018-12-30", "holiday", "元旦"),
                          ("2018-12-31", "holiday", "元旦")])
        year_2019 = self.calendar.year_ids.filtered(lambda y: y.year == 2019)
        self.assertEqual(len(year_2019.day_ids), 23)
        self.assertFalse(year_2019.day_ids.filtered(lambda d: d.date.year != 2019))

    def test_new_year_in_december_of_a_year_without_schedule_is_reported(self):
        """Without a 2018 schedule, the December days are listed as not saved; 2019 is saved."""
        self.calendar.year_ids.filtered(lambda y: y.year == 2018).unlink()
        wizard = self._wizard(notice_text(2019))
        wizard.action_parse()
        self.assertIn("2018, which has no schedule: they are not saved", wizard.outside_note)
        december = wizard.line_ids.filtered(lambda line: line.date.year == 2018)
        self.assertEqual(len(december), 3)
        self.assertEqual(set(december.mapped("placement")), {"unsaved"})
        action = wizard.action_confirm()
        year_2019 = self.env["gov.calendar.year"].browse(action["res_id"])
        self.assertEqual(year_2019.year, 2019)
        self.assertEqual(len(year_2019.day_ids), 23)
        self.assertIn("2018-12-29, 2018-12-30, 2018-12-31", year_2019.message_ids[:1].body)
        self.assertEqual(self.env["gov.calendar"].unconfigured_years("2018-01-01", "2019-12-31"), [2018])

    def test_a_day_two_years_away_is_refused(self):
        wizard = self._wizard("一、元旦：2025年12月31日至2027年1月1日放假调休。", 2027)
        with self.assertRaisesRegex(UserError, "lies outside 2027"):
            wizard.action_parse()

    def test_new_year_2024_alone(self):
        """2024: 元旦 is Monday 1 January alone, next to the weekend, with no makeup day."""
        wizard = self._wizard(notice_text(2024))
        wizard.action_parse()
        new_year = wizard.line_ids.filtered(lambda line: line.name == "元旦")
        self.assertEqual([(str(line.date), line.kind) for line in new_year], [("2024-01-01", "holiday")])
        self.assertFalse(wizard.outside_note)

    def test_period_ending_before_it_starts_and_impossible_date(self):
        """Each unreadable line says why, in the user's words: a reversed period, 2月30日."""
        text = ("二、春节：2月12日至6日放假调休，共7天。\n"
                "三、清明节：2月30日放假。")
        with self.assertRaises(UserError) as caught:
            self._wizard(text, 2027).action_parse()
        message = str(caught.exception)
        self.assertIn("Line 1: “2月12日至6日放假调休，共7天”: the period ends (2027-02-06) before it starts "
                      "(2027-02-12)", message)
        self.assertIn("Line 2: “2月30日放假”: 2月30日 is not a date", message)
        self.assertFalse(self.calendar.year_ids.filtered(lambda y: y.year == 2027))

    def test_same_day_off_and_worked_is_refused(self):
        wizard = self._wizard("一、春节：2月6日至7日放假，共2天。2月6日（周六）上班。", 2027)
        with self.assertRaisesRegex(UserError, "both a day off and a working day"):
            wizard.action_parse()

    def test_text_without_dates_or_year(self):
        with self.assertRaisesRegex(UserError, "No holidays"):
            self._wizard("各省、自治区、直辖市人民政府：").action_parse()
        with self.assertRaisesRegex(UserError, "year is not known"):
            self._wizard("一、元旦：1月1日放假，与周末连休。").action_parse()


@tagged("post_install", "-at_install")
class TestCalendarDays(TransactionCase):
    """Days entered by hand are checked before anything is saved."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = new_test_user(cls.env, "t_days_admin", groups="gov_rules.group_gov_admin")
        cls.year = cls.env["gov.calendar.year"].with_user(cls.admin).create(
            {"calendar_id": cls.env.ref("gov_rules.calendar_cn").id, "year": 2027})

    def _day(self, day, kind):
        return self.env["gov.calendar.day"].with_user(self.admin).create(
            {"year_id": self.year.id, "date": day, "kind": kind})

    def test_a_day_is_either_holiday_or_working_day(self):
        """A date entered twice gets a plain message naming the existing entry, not a database error."""
        self._day("2027-02-06", "holiday")
        with self.assertRaisesRegex(ValidationError, r"2027-02-06 is already in the 2027 schedule \(Holiday\); "
                                                     "change that entry instead of adding it again"):
            self._day("2027-02-06", "workday")
        self.assertEqual(len(self.year.day_ids), 1)
        other = self._day("2027-02-07", "workday")
        with self.assertRaisesRegex(ValidationError, "already in the 2027 schedule"):
            other.write({"date": "2027-02-06"})
        with self.assertRaisesRegex(ValidationError, "2027-02-13 is entered twice"):
            self.year.with_user(self.admin).write({"day_ids": [
                (0, 0, {"date": "2027-02-13", "kind": "workday"}), (0, 0, {"date": "2027-02-13", "kind": "holiday"})]})
        self.assertEqual(sorted(str(day.date) for day in self.year.day_ids), ["2027-02-06", "2027-02-07"])

    def test_makeup_day_must_be_a_weekend(self):
        with self.assertRaisesRegex(ValidationError, "weekday"):
            self._day("2027-02-10", "workday")

    def test_day_must_be_in_its_year(self):
        with self.assertRaisesRegex(ValidationError, "does not belong"):
            self._day("2026-12-31", "holiday")

    def test_year_entered_once(self):
        """The web client turns the database's refusal into the constraint's own message."""
        with self.assertRaises(IntegrityError) as caught, mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env["gov.calendar.year"].with_user(self.admin).create(
                {"calendar_id": self.year.calendar_id.id, "year": 2027})
        self.assertEqual(self.env["gov.calendar.year"]._sql_error_to_message(caught.exception),
                         "Each year can be entered only once per calendar.")
