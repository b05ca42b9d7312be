from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .meetings_common import MeetingsOrganisation

MEETINGS_URL = "/odoo/action-gov_meetings.action_gov_meeting"
# also in static/tests/tours/meetings_tour.js
MEETING = "区政府第二十四次常务会议"
TOPICS = ["关于城区集中供暖保障工作的请示", "关于新建小学选址的请示"]


@tagged("post_install", "-at_install")
class TestMeetingsTour(MeetingsOrganisation, HttpCase):
    """In Chinese, at desktop size: the office builds a meeting from the pool (type, time, room, topics) and
    submits its agenda; the head approves it (R22.2), which locks it; a late topic is refused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_meetings()
        cls._read_in_chinese(["gov_rules", "gov_meetings"], cls.office | cls.head)
        (cls.office | cls.head).tz = "Asia/Shanghai"
        cls.topics = [cls.new_topic(TOPICS[0], attending=cls.dept_finance), cls.new_topic(TOPICS[1])]
        cls.late = cls.new_topic("关于防汛物资储备的请示")

    def _tour(self, url, tour, login):
        self.start_tour(url, tour, login=login)
        # the browser worked through other environments: forget what this one had read
        self.env.invalidate_all()

    def test_office_builds_the_meeting_head_locks_the_agenda_R22_2(self):
        """R22.2, R22.1, R20.1."""
        self._tour(MEETINGS_URL, "gov_meeting_build_tour", self.office.login)
        meeting = self.env["gov.meeting"].search([("name", "=", MEETING)])
        self.assertEqual(len(meeting), 1, "the tour should have saved the meeting")
        self.assertRecordValues(meeting, [{"type_id": self.meeting_type.id, "room_id": self.room.id,
                                           "chair_id": self.head.id, "state": "agenda_review"}])
        self.assertEqual(meeting.agenda_line_ids.topic_id.mapped("name"), TOPICS)
        self.assertIn(self.finance_principal, meeting.attendee_ids.user_id, "the attending unit is invited (R20.1)")
        self.assertIn(self.legal, meeting.attendee_ids.user_id, "ex officio (R22.1)")

        self._tour(f"{MEETINGS_URL}/{meeting.id}", "gov_meeting_approve_tour", self.head.login)
        self.assertEqual(meeting.state, "agenda_approved")

        self._tour(f"{MEETINGS_URL}/{meeting.id}", "gov_meeting_late_topic_tour", self.office.login)
        self.assertEqual(meeting.state, "papers_sent")
        with self.assertRaisesRegex(UserError, "R22.2"):
            self.add_topics(meeting, self.late)
        self.assertEqual(self.late.state, "pool")


@tagged("post_install", "-at_install")
class TestMeetingsTourPhone(TestMeetingsTour):
    """The same on a phone screen, with touch events."""

    browser_size = "375x667"
    touch_enabled = True
    allow_inherited_tests_method = True
