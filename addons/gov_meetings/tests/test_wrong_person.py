from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common_attendance import GovAttendanceOrganisation


@tagged("post_install", "-at_install")
class TestMeetingsWrongPerson(GovAttendanceOrganisation, TransactionCase):
    """The buttons of a meeting, its leave requests and the leaders' research visits, pressed by someone
    whose role it is not: the chair, a participant, another leader. Refused, nothing moved."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_attendance()

    def test_the_chair_and_a_participant_do_not_run_the_meeting_R22_3(self):
        """The office sends the papers, records the meeting held, drafts its minutes and closes it; the chair
        (a leader) and an attending unit principal may not."""
        for user in (self.head, self.principal):
            with self.assertRaises(AccessError):
                self.meeting.with_user(user).action_send_papers()
        self.assertEqual(self.meeting.state, "agenda_approved")
        self.send_papers()
        self.started()
        for user in (self.head, self.principal):
            with self.assertRaises(AccessError):
                self.meeting.with_user(user).action_held()
        self.assertEqual(self.meeting.state, "papers_sent")
        self.meeting.with_user(self.office_director).action_held()
        for user in (self.head, self.principal):
            with self.refused(UserError, "Only the office drafts"):
                self.meeting.with_user(user).action_draft_minutes()
            with self.assertRaises(AccessError):
                self.meeting.with_user(user).action_close()
        self.assertEqual(self.meeting.state, "held")
        self.assertFalse(self.meeting.minutes_ids)

    def test_the_chair_does_not_reopen_an_approved_agenda_R22_2(self):
        for user in (self.head, self.principal):
            with self.assertRaises(AccessError):
                self.meeting.with_user(user).action_change_agenda("增加议题")
        self.assertEqual(self.meeting.state, "agenda_approved")

    def test_a_leave_request_is_withdrawn_by_whoever_asked_it_R25_1(self):
        leave = self.env["gov.meeting.leave"].with_user(self.deputy_a).create({
            "meeting_id": self.meeting.id, "reason": "外出调研"})
        for user in (self.deputy_b, self.head):
            with self.assertRaises(UserError):
                leave.with_user(user).action_withdraw()
        self.assertEqual(leave.state, "requested")
        leave.with_user(self.deputy_a).action_withdraw()
        self.assertEqual(leave.state, "cancelled")

    def test_a_research_visit_is_cancelled_by_its_leader_or_the_office_R38_1(self):
        today = fields.Date.today()
        visit = self.env["gov.research.visit"].with_user(self.deputy_a).create({
            "name": "金厂镇调研", "leader_id": self.deputy_a.id, "place": "金厂镇",
            "date_start": today + timedelta(days=5), "date_stop": today + timedelta(days=5)})
        other = visit.with_user(self.deputy_b)
        self.assertFalse(other.can_cancel, "another leader is not offered the button")
        with self.refused(UserError, "cancelled by its leader or the office"):
            other.action_cancel()
        self.assertTrue(visit.active)
        self.assertTrue(visit.with_user(self.office_director).can_cancel)
        self.assertTrue(visit.with_user(self.deputy_a).can_cancel)
        visit.with_user(self.deputy_a).action_cancel()
        self.assertFalse(visit.active)
