from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, TransactionCase, tagged
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
        cls.year = cls.env["gov.calendar.year"].create(
            {"calendar_id": cls.env.ref("gov_rules.calendar_cn").id, "year": 2027})

    def _day(self, day, kind):
        return self.env["gov.calendar.day"].create({"year_id": self.year.id, "date": day, "kind": kind})

    def test_a_day_is_either_holiday_or_working_day(self):
        self._day("2027-02-06", "holiday")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self._day("2027-02-06", "workday")
        self.assertEqual(len(self.year.day_ids), 1)

    def test_makeup_day_must_be_a_weekend(self):
        with self.assertRaisesRegex(ValidationError, "weekday"):
            self._day("2027-02-10", "workday")

    def test_day_must_be_in_its_year(self):
        with self.assertRaisesRegex(ValidationError, "does not belong"):
            self._day("2026-12-31", "holiday")

    def test_year_entered_once(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self.env["gov.calendar.year"].create(
                {"calendar_id": self.year.calendar_id.id, "year": 2027})
