from datetime import date

from odoo.tests import HttpCase, tagged

from .common_inspection import GovInspectionOrganisation

URL = "/odoo/action-gov_supervision.action_gov_inspection"
# also in static/tests/tours/inspections_tour.js
TITLE = "临河街道工地安全督查"


@tagged("post_install", "-at_install")
class TestInspectionTour(GovInspectionOrganisation, HttpCase):
    """In Chinese, at desktop size: the supervision office plans an inspection; the first period overlaps one
    another unit planned on the same subject and target, and saving it is refused with that inspection and its
    unit named (R34.1); in another period it is saved and submitted for the leader's approval (R34.2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_inspections()
        cls._read_in_chinese(["gov_rules", "gov_supervision"], cls.supervisor)
        cls.subject = cls.env["gov.inspection.subject"].create({"name": "建筑工地安全", "code": "t_site_safety"})

    def test_duplicate_refused_in_the_browser_R34_1(self):
        planned = self.planned_inspection(subject_id=self.subject.id)
        self.start_tour(URL, "gov_inspection_duplicate_tour", login="t_supervisor")
        self.env.invalidate_all()
        saved = self.env["gov.inspection"].search([("name", "=", TITLE)])
        self.assertEqual(len(saved), 1, "the refused period is not saved; the other one is")
        self.assertRecordValues(saved, [{"date_from": date(2026, 5, 11), "date_to": date(2026, 5, 22),
                                         "subject_id": self.subject.id, "organiser_id": self.dept_housing.id,
                                         "state": "pending", "author_id": self.supervisor.id,
                                         "in_government_name": True}])
        self.assertEqual(self.pending(saved).user_ids, self.deputy_a)
        self.assertEqual(saved.target_ids, self.dept_town)
        self.assertFalse(saved.duplicate_ids)
        self.assertEqual(planned.state, "planned")


@tagged("post_install", "-at_install")
class TestInspectionTourPhone(TestInspectionTour):
    """The same on a phone screen, with touch events."""

    browser_size = "375x667"
    touch_enabled = True
    allow_inherited_tests_method = True
