from datetime import date, timedelta

from odoo.tests import HttpCase, tagged

IMPORT_URL = "/odoo/action-gov_rules.action_gov_calendar_import"


def _days(first, last):
    return {first + timedelta(n) for n in range((last - first).days + 1)}


# The sample notice typed by gov_calendar_import_tour (static/tests/tours/gov_calendar_import_tour.js)
HOLIDAYS_2027 = (_days(date(2027, 1, 1), date(2027, 1, 3))      # 元旦
                 | _days(date(2027, 2, 5), date(2027, 2, 11))   # 春节
                 | _days(date(2027, 4, 3), date(2027, 4, 5)))   # 清明节
WORKDAYS_2027 = {date(2027, 2, 20)}


@tagged("post_install", "-at_install")
class TestCalendarImportTour(HttpCase):
    """The holiday-notice import wizard in the browser, at desktop size."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("gov_rules.calendar_cn")
        # start from a calendar without 2027, whatever the database holds
        cls.calendar.year_ids.filtered(lambda year: year.year == 2027).unlink()

    def _year_2027(self):
        self.env.invalidate_all()
        return self.env["gov.calendar.year"].search([("calendar_id", "=", self.calendar.id), ("year", "=", 2027)])

    def test_import_notice(self):
        self.start_tour(IMPORT_URL, "gov_calendar_import_tour", login="admin")

        year = self._year_2027()
        self.assertEqual(len(year), 1, "the tour should have saved the year 2027")
        self.assertEqual(year.source, "notice")
        self.assertIn("国务院办公厅关于2027年部分节假日安排的通知", year.notice_text)
        days = year.day_ids
        self.assertEqual(set(days.filtered(lambda day: day.kind == "holiday").mapped("date")), HOLIDAYS_2027)
        self.assertEqual(set(days.filtered(lambda day: day.kind == "workday").mapped("date")), WORKDAYS_2027)
        self.assertEqual(days.filtered(lambda day: day.date == date(2027, 2, 20)).name, "春节")
        # the saved schedule is what the calendar now works with
        self.assertTrue(self.calendar.is_working_day("2027-02-20"))
        self.assertFalse(self.calendar.is_working_day("2027-02-08"))
        self.assertEqual(self.calendar.add_working_days("2027-02-04", 1), "2027-02-12")

    def test_unreadable_notice(self):
        self.start_tour(IMPORT_URL, "gov_calendar_import_error_tour", login="admin")

        self.assertFalse(self._year_2027(), "nothing may be saved from a notice that could not be read")


@tagged("post_install", "-at_install")
class TestCalendarImportTourPhone(TestCalendarImportTour):
    """The same tours on a phone screen, with touch events."""

    browser_size = "375x667"
    touch_enabled = True
    # Odoo's test loader only collects the methods a class defines itself, unless told otherwise
    allow_inherited_tests_method = True
