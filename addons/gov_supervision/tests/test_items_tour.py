from datetime import timedelta

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common_items import SupervisionItems

ITEMS_URL = "/odoo/action-gov_supervision.action_gov_supervision_item"
EXTENSIONS_URL = "/odoo/action-gov_supervision.action_gov_supervision_extension"


@tagged("post_install", "-at_install")
class TestSupervisionItemsTour(SupervisionItems, HttpCase):
    """The story in a browser, in Chinese, at desktop size: the lead unit and a co-unit report, the
    co-unit hands in its contribution, the lead asks for an extension, the leader in charge approves, the
    lead submits the result with its evidence file, the supervision office sends it back, it is submitted
    again and closed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_items()
        cls._read_in_chinese(["gov_rules", "gov_supervision"],
                             cls.clerk | cls.finance_clerk | cls.deputy_a | cls.officer)

    def _tour(self, url, tour, login):
        self.start_tour(url, tour, login=login)
        # the browser worked through other environments: forget what this one had read
        self.env.invalidate_all()

    def test_item_story(self):
        item = self.new_item(name="新增公共停车泊位", report_cadence_id=self.weekly.id,
                             part_ids=[Command.create({"department_id": self.dept_finance.id,
                                                       "responsible_id": self.finance_clerk.id,
                                                       "deadline": self.today() + timedelta(days=30)})])
        url = f"{ITEMS_URL}/{item.id}"
        # the lead unit and the co-unit report; the co-unit hands in its contribution
        self._tour(url, "gov_supervision_report_tour", "t_clerk")
        self._tour(url, "gov_supervision_report_tour", "t_fin_clerk")
        self.assertEqual(sorted(item.progress_ids.department_id.ids),
                         sorted((self.dept_drc | self.dept_finance).ids))
        self._tour(url, "gov_supervision_contribute_tour", "t_fin_clerk")
        self.assertEqual(self.co_part(item).state, "done")
        self.assertIn("三百万元", self.co_part(item).contribution)
        # the lead asks for an extension; the leader in charge approves it
        original = item.deadline
        self._tour(url, "gov_supervision_extension_tour", "t_clerk")
        extension = item.extension_ids
        self.assertEqual((len(extension), extension.state), (1, "pending"))
        self._tour(f"{EXTENSIONS_URL}/{extension.id}", "gov_supervision_approve_extension_tour", "t_dep_a")
        self.assertEqual(item.deadline, extension.new_deadline)
        self.assertEqual(item.original_deadline, original)
        # the lead submits the result with its evidence; the supervision office sends it back; again; accepted
        self._tour(url, "gov_supervision_submit_tour", "t_clerk")
        self.assertEqual(item.state, "review")
        self.assertEqual(item.evidence_ids.mapped("name"), ["泊位验收报告.pdf"])
        self.assertEqual((item.evidence_ids.res_model, item.evidence_ids.res_id), (item._name, item.id),
                         "the evidence is an attachment of the item")
        self._tour(url, "gov_supervision_send_back_tour", "t_sup_officer")
        self.assertEqual((item.state, item.return_count), ("open", 1))
        self._tour(url, "gov_supervision_resubmit_tour", "t_clerk")
        self._tour(url, "gov_supervision_accept_tour", "t_sup_officer")
        self.assertEqual((item.state, item.closed_on), ("closed", self.today()))


@tagged("post_install", "-at_install")
class TestSupervisionItemsTourPhone(TestSupervisionItemsTour):
    """The same on a phone screen, with touch events."""

    browser_size = "375x667"
    touch_enabled = True
    allow_inherited_tests_method = True
