"""Scenario: another system calls the public methods with bad input and gets a clear error, never a traceback."""
import unittest

from tests.rpc import Client, RpcError

CLEAR_ERRORS = ("odoo.exceptions.UserError", "odoo.exceptions.ValidationError")


class TestBadInputOverRpc(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.admin = Client()

    def assertClearError(self, pattern, model, method, *args):
        with self.assertRaisesRegex(RpcError, pattern) as caught:
            self.admin.execute(model, method, *args)
        self.assertIn(caught.exception.name, CLEAR_ERRORS, f"{model}.{method}{args} answered with a traceback")

    def test_working_days_at_the_ends_of_the_date_range(self):
        self.assertClearError("0001-01-01", "gov.calendar", "add_working_days", [], "9999-12-31", 1)
        self.assertClearError("0001-01-01", "gov.calendar", "add_working_days", [], "0001-01-01", -1)
        self.assertEqual(self.admin.execute("gov.calendar", "add_working_days", [], "9999-12-30", 1), "9999-12-31")

    def test_a_day_that_does_not_exist(self):
        self.assertClearError("2026-02-30", "gov.calendar", "is_working_day", [], "2026-02-30")
        year_id = self.admin.execute("gov.calendar.year", "search", [("year", "=", 2026)])[0]
        self.assertClearError("2026-02-30", "gov.calendar.day", "create",
                              {"year_id": year_id, "date": "2026-02-30", "kind": "holiday"})

    def test_copy_for_a_unit_that_is_no_unit(self):
        rule_set_ids = self.admin.execute("gov.rule.set", "search", [("department_id", "=", False)], limit=1)
        self.assertClearError("unit", "gov.rule.set", "action_copy_for_unit", rule_set_ids, 987654321)
        self.assertClearError("unit", "gov.rule.set", "action_copy_for_unit", rule_set_ids, "区财政局")

    def test_delegate_to_a_user_that_is_no_user(self):
        for bad in (987654321, "admin", [2]):
            with self.subTest(user=bad):
                self.assertClearError("active internal user", "gov.document", "action_signoff_delegate", [], bad)
