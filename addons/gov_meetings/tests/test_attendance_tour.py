from odoo.tests import HttpCase, tagged

from .common_attendance import GovAttendanceOrganisation

# also in static/tests/tours/attendance_tour.js
MEETING = "区政府第十二次常务会议（巡检）"
REASON = "同一时间须出席市政府专题会议"


@tagged("post_install", "-at_install")
class TestAttendanceTour(GovAttendanceOrganisation, HttpCase):
    """A participant opens "papers to read" and a paper, and the reading is recorded (R22.3); a leader asks
    for leave with a substitute and the chair grants it (R25.1): in Chinese, at desktop size."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_attendance()
        cls.meeting.name = MEETING
        cls._read_in_chinese(["gov_rules", "gov_meetings"], cls.deputy_a | cls.deputy_b | cls.head)

    def _tour(self, url, tour, login):
        self.start_tour(url, tour, login=login)
        # the browser worked through other environments: forget what this one had read
        self.env.invalidate_all()

    def test_participant_reads_a_paper_R22_3(self):
        self.send_papers()
        self._tour("/odoo/action-gov_meetings.action_gov_meeting_papers_to_read", "gov_attendance_papers_tour",
                   "t_dep_b")
        rows = self.env["gov.meeting.paper.read"].search([("user_id", "=", self.deputy_b.id)])
        self.assertEqual(len(rows), 3)
        self.assertEqual(len(rows.filtered("read_on")), 1, "opening one paper recorded its reading")
        self.assertFalse(self.attendee(self.deputy_b).papers_read_on)

    def test_leader_asks_leave_and_the_chair_grants_it_R25_1(self):
        self._tour("/odoo/action-gov_meetings.action_gov_meeting_leave", "gov_attendance_leave_tour", "t_dep_a")
        leave = self.env["gov.meeting.leave"].search([("meeting_id", "=", self.meeting.id)])
        self.assertRecordValues(leave, [{"user_id": self.deputy_a.id, "substitute_id": self.legal.id,
                                         "reason": REASON, "state": "requested", "decider": "chair"}])
        self._tour(f"/odoo/action-gov_meetings.action_gov_meeting_leave/{leave.id}", "gov_attendance_grant_tour",
                   "t_head")
        self.assertEqual(leave.state, "granted")
        self.assertEqual(self.attendee(self.deputy_a).attendance, "substitute")
        self.assertEqual(self.attendee(self.legal).substitute_for_id, self.attendee(self.deputy_a))


@tagged("post_install", "-at_install")
class TestAttendanceTourPhone(TestAttendanceTour):
    """The same on a phone screen, with touch events."""

    browser_size = "375x667"
    touch_enabled = True
    allow_inherited_tests_method = True
