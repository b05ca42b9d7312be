from odoo.tests import HttpCase, new_test_user, tagged

from .common_org import GovOrganisation

TYPES_URL = "/odoo/action-gov_rules.action_gov_request_type"
DASHBOARD_URL = "/odoo/action-gov_rules.action_gov_request_type_dashboard"
TO_APPROVE_URL = "/odoo/action-gov_rules.action_gov_request_to_approve"
# also in static/tests/tours/gov_request_tours.js
TYPE_NAME = "车辆使用申请"
FIELD_LABEL = "用车事由"
SUBJECT = "接待省检查组用车"


@tagged("post_install", "-at_install")
class TestRequestTour(GovOrganisation, HttpCase):
    """An approval form without code, in Chinese, at desktop size: an administrator creates a request type
    in the web client, adds a form field and a route; a clerk files a request of it from the dashboard
    (the field is there as soon as the type is chosen) and submits it; the leader in charge approves."""

    admin_tour = "gov_request_type_admin_tour"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_organisation()
        cls._read_in_chinese(["gov_rules"])
        cls.gov_admin = new_test_user(cls.env, "t_gov_admin", groups="gov_rules.group_gov_admin",
                                      name="系统管理员 刘芳", lang="zh_CN")
        (cls.clerk | cls.deputy_a).lang = "zh_CN"

    def _tour(self, url, tour, login):
        self.start_tour(url, tour, login=login)
        # the browser worked through other environments: forget what this one had read
        self.env.invalidate_all()

    def test_request_type_without_code(self):
        # 1. the administrator sets up the type, its field and its route
        self._tour(TYPES_URL, self.admin_tour, "t_gov_admin")
        request_type = self.env["gov.request.type"].search([("code", "=", "vehicle")])
        self.assertEqual(len(request_type), 1, "the tour should have saved the type")
        self.assertEqual(request_type.with_context(lang="zh_CN").name, TYPE_NAME)
        self.assertEqual([prop["string"] for prop in request_type.properties_definition], [FIELD_LABEL])
        rows = self.env["gov.signoff.matrix.row"].search(request_type.action_routes()["domain"])
        row = rows.filtered(lambda r: "vehicle" in r.domain)
        self.assertEqual(len(row), 1, "the tour should have saved one route for the type")
        self.assertRecordValues(row, [{"model": "gov.request", "rule_set_id": self.rule_set.id}])
        self.assertEqual(row.step_ids.mapped("role"), ["area_leader"])

        # 2. the clerk files a request of it from the dashboard and submits it
        self._tour(DASHBOARD_URL, "gov_request_file_tour", "t_clerk")
        request = self.env["gov.request"].search([("name", "=", SUBJECT)])
        self.assertEqual(len(request), 1, "the tour should have saved one request")
        self.assertRecordValues(request, [{"type_id": request_type.id, "state": "pending", "author_id": self.clerk.id,
                                           "department_id": self.dept_drc.id, "signoff_row_id": row.id}])
        values = {prop["string"]: prop.get("value") for prop in request.read(["properties"])[0]["properties"]}
        self.assertEqual(values.get(FIELD_LABEL), "接待省政府检查组")
        self.assertEqual(self.pending(request).user_ids, self.deputy_a)

        # 3. the leader in charge approves it from "To Approve"
        self._tour(TO_APPROVE_URL, "gov_request_approve_tour", "t_dep_a")
        self.assertEqual(request.state, "approved")
        self.assertEqual(request.sudo().signoff_log_ids.filtered(lambda log: log.action == "approve").user_id,
                         self.deputy_a)


@tagged("post_install", "-at_install")
class TestRequestTourPhone(TestRequestTour):
    """The same on a phone screen, with touch events. Odoo's web client offers "Add Property" only on wider
    screens: on a phone the administrator adds the form field with the editor's own "Add a Field" button
    and names it with its pencil."""

    browser_size = "375x667"
    touch_enabled = True
    allow_inherited_tests_method = True
    admin_tour = "gov_request_type_admin_phone_tour"
