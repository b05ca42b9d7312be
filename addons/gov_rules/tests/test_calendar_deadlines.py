from datetime import date

from odoo.tests import freeze_time, new_test_user, tagged

from .common_org import GovOrgCase


@tagged("post_install", "-at_install")
class TestCalendarMovesOpenDeadlines(GovOrgCase):
    """R28.3: an approval time limit counts working days, so entering a year's holidays moves the
    deadlines of the open items that run through that year, however the days are entered.

    A year counts as configured as soon as its record exists, even before any day is entered: the
    deadline stops being provisional at once, and the days entered afterwards still move it.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env.ref("gov_rules.calendar_cn")
        cls.calendar_admin = new_test_user(cls.env, "t_cal_admin", groups="gov_rules.group_gov_admin",
                                           name="信息中心 管理员")
        # submitted on Thursday 24 December 2026: 14 working days run into 2027, which has no schedule
        with freeze_time("2026-12-24"):
            cls.document = cls.new_document(cls)
            cls.document.action_submit()
            cls.closed_document = cls.new_document(cls, name="关于2027年元旦值班安排的通知")
            cls.closed_document.action_submit()
            cls.closed_document.with_user(cls.office_director).action_cancel("重复报送")

    def _empty_2027(self):
        return self.env["gov.calendar.year"].with_user(self.calendar_admin).create(
            {"calendar_id": self.calendar.id, "year": 2027})

    def test_days_entered_by_hand_in_a_year_created_empty_move_the_deadline(self):
        """R28.3: Friday 1 January 2027 entered as a holiday pushes the open document's deadline by a day."""
        self.assertTrue(self.document.deadline_open)
        self.assertTrue(self.document.deadline_provisional)
        self.assertEqual(self.document.deadline, date(2027, 1, 13))
        year = self._empty_2027()
        self.assertFalse(self.document.deadline_provisional, "the year exists: no longer provisional")
        self.assertEqual(self.document.deadline, date(2027, 1, 13))

        new_year = self.env["gov.calendar.day"].with_user(self.calendar_admin).create(
            {"year_id": year.id, "date": "2027-01-01", "kind": "holiday", "name": "元旦"})
        self.assertEqual(self.document.deadline, date(2027, 1, 14))
        self.assertFalse(self.document.deadline_provisional)
        # a cancelled document keeps the deadline it had: it no longer waits
        self.assertFalse(self.closed_document.deadline_open)
        self.assertEqual(self.closed_document.deadline, date(2027, 1, 13))

        new_year.with_user(self.calendar_admin).write({"date": "2027-01-04"})  # Monday instead of Friday
        self.assertEqual(self.document.deadline, date(2027, 1, 14))
        new_year.with_user(self.calendar_admin).unlink()
        self.assertEqual(self.document.deadline, date(2027, 1, 13))

    def test_import_into_a_year_created_empty_moves_the_deadline(self):
        """R28.3: the notice imported into an existing empty year moves the open deadline too."""
        self._empty_2027()
        self.assertEqual(self.document.deadline, date(2027, 1, 13))
        wizard = self.env["gov.calendar.import"].with_user(self.calendar_admin).create({
            "calendar_id": self.calendar.id, "year": 2027,
            "notice_text": "一、元旦：1月1日（周五）放假，与周末连休。\n"
                           "二、春节：2月6日（周六）至12日（周五）放假调休，共7天。2月20日（周六）上班。"})
        wizard.action_parse()
        self.assertTrue(wizard.replaces_existing)
        wizard.action_confirm()
        self.assertEqual(self.document.deadline, date(2027, 1, 14))
        self.assertFalse(self.document.deadline_provisional)
        self.assertEqual(self.closed_document.deadline, date(2027, 1, 13))
