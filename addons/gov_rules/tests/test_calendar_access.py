from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCalendarAccess(TransactionCase):
    """Everyone reads the calendar; only Administrators change it or import notices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("gov_rules.calendar_cn")
        cls.users = {
            "user": new_test_user(cls.env, "gov_clerk", groups="gov_rules.group_gov_user"),
            "office": new_test_user(cls.env, "gov_office", groups="gov_rules.group_gov_office"),
            "leader": new_test_user(cls.env, "gov_leader", groups="gov_rules.group_gov_leader"),
            "employee": new_test_user(cls.env, "plain_employee", groups="base.group_user"),
        }
        cls.admin = new_test_user(cls.env, "gov_admin", groups="gov_rules.group_gov_admin")

    def test_everyone_reads_and_computes(self):
        for role, user in self.users.items():
            with self.subTest(role=role):
                api = self.env["gov.calendar"].with_user(user)
                self.assertEqual(api.add_working_days("2026-02-13", 2), "2026-02-24")
                self.assertTrue(self.calendar.with_user(user).year_ids)
                days = self.env["gov.calendar.day"].with_user(user).search([("year", "=", 2026)])
                self.assertEqual(len(days), 39)

    def test_only_administrators_write(self):
        day = self.env["gov.calendar.day"].search([("date", "=", "2026-02-14")])
        for role, user in self.users.items():
            with self.subTest(role=role):
                with self.assertRaises(AccessError):
                    day.with_user(user).write({"name": "changed"})
                with self.assertRaises(AccessError):
                    self.env["gov.calendar.year"].with_user(user).create(
                        {"calendar_id": self.calendar.id, "year": 2030})
                with self.assertRaises(AccessError):
                    self.env["gov.calendar.import"].with_user(user).create({"notice_text": "x"})
        day.with_user(self.admin).write({"name": "春节调休"})
        self.assertEqual(day.name, "春节调休")
        year = self.env["gov.calendar.year"].with_user(self.admin).create(
            {"calendar_id": self.calendar.id, "year": 2030})
        self.assertTrue(year)

    def test_admin_user_is_a_government_administrator(self):
        self.assertTrue(self.env.ref("base.user_admin").has_group("gov_rules.group_gov_admin"))
