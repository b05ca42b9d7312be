from odoo.tests import HttpCase, tagged

from .common import GovMeetingsOrganisation

# also in static/tests/tours/topics_tour.js
TITLE = "关于推进老旧小区加装电梯工作的议题"


@tagged("post_install", "-at_install")
class TestTopicsTour(GovMeetingsOrganisation, HttpCase):
    """A unit proposes a topic, the deputy in charge reviews it, the office admits it and the head fixes it
    (R22.2, R24.1), in Chinese, at desktop size."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_meetings()
        cls._read_in_chinese(["gov_rules", "gov_meetings"], cls.clerk | cls.deputy_a | cls.office_deputy | cls.head)
        # the demo data has an area of the same name: the clerk chooses the tests' own by its name
        cls.area_economy.with_context(lang="zh_CN").name = "经济发展（本测试）"

    def _tour(self, url, tour, login):
        self.start_tour(url, tour, login=login)
        # the browser worked through other environments: forget what this one had read
        self.env.invalidate_all()

    def test_topic_from_proposal_to_pool(self):
        self._tour("/odoo/action-gov_meetings.action_gov_meeting_topic_mine", "gov_topic_propose_tour", "t_clerk")
        topic = self.env["gov.meeting.topic"].search([("name", "=", TITLE)])
        self.assertEqual(len(topic), 1, "the tour should have saved one topic")
        self.assertRecordValues(topic, [{
            "state": "review", "author_id": self.clerk.id, "department_id": self.dept_drc.id,
            "meeting_type_id": self.type_executive.id, "area_id": self.area_economy.id}])
        self.assertIn("加装电梯补贴办法", topic.proposal)
        url = f"/odoo/action-gov_meetings.action_gov_meeting_topic/{topic.id}"
        for user, login in ((self.deputy_a, "t_dep_a"), (self.office_deputy, "t_office_dep"), (self.head, "t_head")):
            self.assertEqual(self.pending(topic).user_ids, user)
            self._tour(url, "gov_topic_approve_tour", login)
        self.assertEqual(topic.state, "pool")
        approvers = topic.sudo().signoff_log_ids.filtered(lambda log: log.action == "approve").user_id
        self.assertEqual(approvers, self.deputy_a | self.office_deputy | self.head)


@tagged("post_install", "-at_install")
class TestTopicsTourPhone(TestTopicsTour):
    """The same on a phone screen, with touch events."""

    browser_size = "375x667"
    touch_enabled = True
    allow_inherited_tests_method = True
