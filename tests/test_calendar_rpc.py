"""Scenario: another system asks the running server about working days over JSON-RPC."""
import unittest

from tests.rpc import Client, RpcError


class TestCalendarOverRpc(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.admin = Client()

    def test_api_with_string_dates(self):
        ask = self.admin.execute
        self.assertEqual(ask("gov.calendar", "add_working_days", [], "2026-02-13", 2), "2026-02-24")
        self.assertEqual(ask("gov.calendar", "add_working_days", [], "2026-10-08", -1), "2026-09-30")
        self.assertEqual(ask("gov.calendar", "count_working_days", [], "2026-02-01", "2026-02-28"), 16)
        self.assertIs(ask("gov.calendar", "is_working_day", [], "2026-02-28"), True)
        self.assertEqual(ask("gov.calendar", "next_working_day", [], "2026-05-01"), "2026-05-06")
        self.assertEqual(ask("gov.calendar", "unconfigured_years", [], "2026-06-01", "2028-01-31"), [2027, 2028])

    def test_bad_input_is_a_clear_error(self):
        with self.assertRaisesRegex(RpcError, "before the start date"):
            self.admin.execute("gov.calendar", "count_working_days", [], "2026-03-01", "2026-02-01")
        with self.assertRaisesRegex(RpcError, "YYYY-MM-DD"):
            self.admin.execute("gov.calendar", "add_working_days", [], "26/02/2026", 1)

    def test_a_day_cannot_be_holiday_and_working_day(self):
        year_id = self.admin.execute("gov.calendar.year", "search", [("year", "=", 2026)])[0]
        with self.assertRaisesRegex(RpcError, "2026-02-14 is already in the 2026 schedule"):
            self.admin.execute("gov.calendar.day", "create",
                               {"year_id": year_id, "date": "2026-02-14", "kind": "holiday"})
        kinds = self.admin.execute("gov.calendar.day", "search_read", [("date", "=", "2026-02-14")], ["kind"])
        self.assertEqual([row["kind"] for row in kinds], ["workday"])
