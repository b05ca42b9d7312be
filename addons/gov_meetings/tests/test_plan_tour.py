from datetime import timedelta

from odoo import fields
from odoo.addons.gov_rules.tests.common_org import GovOrganisation
from odoo.tests import HttpCase, tagged

# also in static/tests/tours/plan_tour.js
NAME = "全区重点项目建设推进会议"
YEAR = 2031


@tagged("post_install", "-at_install")
class TestPlanTour(GovOrganisation, HttpCase):
    """A unit's clerk adds its planned meeting to next year's plan and sends the list, in Chinese, at desktop
    size; a name against the naming rule is refused with the expected form (R26.1, R26.2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_organisation()
        cls._read_in_chinese(["gov_rules", "gov_meetings"], cls.clerk)
        office = cls.env["hr.department"].create({"name": "区政府办公室", "gov_unit_kind": "office"})
        cls.plan = cls.env["gov.meeting.plan"].with_user(cls.office_director).create({
            "year": YEAR, "department_id": office.id, "date_due": fields.Date.today() + timedelta(days=9)})
        cls.plan.with_user(cls.office_director).action_open_collection()
        cls.submission = cls.plan.submission_ids.filtered(lambda s: s.department_id == cls.dept_drc)

    def test_unit_sends_its_list_R26_1_R26_2(self):
        url = f"/odoo/action-gov_meetings.action_gov_meeting_plan_submission/{self.submission.id}"
        self.start_tour(url, "gov_meetings_plan_tour", login="t_clerk")
        self.env.invalidate_all()
        self.assertEqual(self.submission.state, "sent")
        self.assertRecordValues(self.submission.line_ids, [{
            "name": NAME, "month": 3, "days": 1, "state": "sent", "department_id": self.dept_drc.id,
            "category_id": self.env.ref("gov_meetings.meeting_category_government_name").id,
            "author_id": self.clerk.id}])


@tagged("post_install", "-at_install")
class TestPlanTourPhone(TestPlanTour):
    """The same on a phone screen."""

    browser_size = "375x667"
    touch_enabled = True
    allow_inherited_tests_method = True
