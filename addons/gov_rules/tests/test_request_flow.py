from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common_org import GovOrgCase


class RequestCase(GovOrgCase):
    """Requests (gov.request) of the preset types, filed by the test organisation's users."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.type_funds = cls.env.ref("gov_rules.request_type_funds")
        cls.type_procurement = cls.env.ref("gov_rules.request_type_procurement")
        cls.type_leave = cls.env.ref("gov_rules.request_type_leave")
        cls.type_bulletin = cls.env.ref("gov_rules.request_type_bulletin")
        cls.type_report = cls.env.ref("gov_rules.request_type_report")

    def new_request(self, user=None, request_type=None, **values):
        vals = {"name": "防汛物资储备资金", "type_id": (request_type or self.type_funds).id,
                "department_id": self.dept_drc.id, **values}
        return self.env["gov.request"].with_user(user or self.clerk).create(vals)

    def approvers(self, request):
        return self.pending(request).user_ids

    def approve(self, request, user, opinion="同意"):
        request.with_user(user).action_signoff_approve(opinion)
        request.invalidate_recordset()


@tagged("post_install", "-at_install")
class TestRequestFiling(RequestCase):

    def test_file_and_submit_funds_request(self):
        """A clerk files a request of a type: it takes his unit, he is its author, the type's time limit
        applies from submission, and its steps are logged."""
        request = self.new_request(amount=20000)
        self.assertRecordValues(request, [{"state": "draft", "department_id": self.dept_drc.id,
                                           "author_id": self.clerk.id, "rule_set_id": self.rule_set.id}])
        request.with_user(self.clerk).action_signoff_submit()
        self.assertEqual(request.state, "pending")
        self.assertEqual(request.deadline_policy_id, self.env.ref("gov_rules.policy_approve_request"))
        self.assertTrue(request.deadline_open)
        self.assertGreater(request.deadline, self.today())
        self.assertEqual(self.pending(request).deadline, request.deadline, "the step takes the request's time limit")
        # the approver has one to-do for it
        self.assertEqual(request.activity_ids.filtered(lambda a: a.user_id == self.principal).mapped("summary"),
                         ["Approval of the unit principal"])

    def test_routing_by_amount_R18_1(self):
        """分级授权 (R18.1): below 50,000 yuan the unit principal approves, from 50,000 the leader in charge of
        the area, from 500,000 the head; the thresholds are the matrix rows' conditions."""
        small = self.new_request(amount=49999.99)
        medium = self.new_request(amount=50000)
        large = self.new_request(amount=500000)
        (small | medium | large).with_user(self.clerk).action_signoff_submit()
        self.assertEqual(small.signoff_row_id, self.env.ref("gov_rules.matrix_request_financial_principal"))
        self.assertEqual(medium.signoff_row_id, self.env.ref("gov_rules.matrix_request_financial_leader"))
        self.assertEqual(large.signoff_row_id, self.env.ref("gov_rules.matrix_request_financial_head"))

        self.approve(small, self.principal)
        self.assertEqual(small.state, "approved")

        self.approve(medium, self.principal)
        self.assertEqual(self.approvers(medium), self.deputy_a, "the leader in charge of the unit's area")
        self.approve(medium, self.deputy_a)
        self.assertEqual(medium.state, "approved")

        self.approve(large, self.principal)
        self.approve(large, self.deputy_a)
        self.assertEqual(self.approvers(large), self.head)
        self.approve(large, self.head)
        self.assertEqual(large.state, "approved")
        self.assertEqual(large.sudo().signoff_log_ids.filtered(lambda log: log.action == "approve").user_id,
                         self.principal | self.deputy_a | self.head)

    def test_thresholds_are_data_R18_1(self):
        """An administrator raises the head's threshold in the matrix row: the next request follows it."""
        row = self.env.ref("gov_rules.matrix_request_financial_head")
        row.domain = row.domain.replace("500000", "1000000")
        request = self.new_request(amount=600000)
        request.with_user(self.clerk).action_signoff_submit()
        self.assertEqual(request.signoff_row_id, self.env.ref("gov_rules.matrix_request_financial_leader"))

    def test_condition_on_form_field(self):
        """A route may look at the type's form fields: single-source procurement goes to the head."""
        row = self.env["gov.signoff.matrix.row"].create({
            "name": "单一来源采购：区长审批", "rule_set_id": self.rule_set.id, "priority": 1,
            "model_id": self.env["ir.model"]._get_id("gov.request"), "separation_of_duties": True,
            "domain": '[("type_id.code", "=", "procurement"), ("properties.procurement_method", "=", "single")]',
            "step_ids": [(0, 0, {"name": "区长审批", "role": "head", "is_signature": True})]})
        single = self.new_request(request_type=self.type_procurement, amount=1000,
                                  properties={"procurement_method": "single"})
        open_tender = self.new_request(request_type=self.type_procurement, amount=1000,
                                       properties={"procurement_method": "open"})
        (single | open_tender).with_user(self.clerk).action_signoff_submit()
        self.assertEqual(single.signoff_row_id, row)
        self.assertEqual(self.approvers(single), self.head)
        self.assertEqual(open_tender.signoff_row_id, self.env.ref("gov_rules.matrix_request_financial_principal"))

    def test_requester_never_approves_R18_1(self):
        """R18.1: the principal who files a funds request does not approve it: his first deputy does; with no
        deputy the submission is refused rather than approved by the requester."""
        request = self.new_request(user=self.principal, amount=10000)
        with self.refused(UserError, r"who submits may not approve \(R18\.1\)"):
            request.with_user(self.principal).action_signoff_submit()
        deputy = new_test_user(self.env, "t_drc_deputy", groups="gov_rules.group_gov_user", name="发改局副局长 林")
        self.dept_drc.gov_deputy_ids = deputy
        request.with_user(self.principal).action_signoff_submit()
        self.assertEqual(self.approvers(request), deputy)
        self.assertEqual(self.pending(request).holder_id, deputy)

    def test_type_separates_duties_whatever_the_row_R18_1(self):
        """The type's separation of duties holds even if an administrator unticks it on the route."""
        self.env.ref("gov_rules.matrix_request_financial_principal").separation_of_duties = False
        request = self.new_request(user=self.principal, amount=10000)
        with self.refused(UserError, r"R18\.1"):
            request.with_user(self.principal).action_signoff_submit()
        self.assertTrue(request.type_id.separation_of_duties)
        # a type without it lets the route decide
        self.type_funds.separation_of_duties = False
        request.with_user(self.principal).action_signoff_submit()
        self.assertEqual(self.approvers(request), self.principal)

    def test_who_may_file(self):
        """Only the groups a type names file it: a clerk may not file a leader's leave, and the dashboard
        offers him only the types he may file."""
        with self.refused(UserError, "You may not file"):
            self.new_request(request_type=self.type_leave, date_from=self.today(), date_to=self.today())
        offered = self.env["gov.request.type"].with_user(self.clerk).search([("may_file", "=", True)])
        self.assertIn(self.type_funds, offered)
        self.assertNotIn(self.type_leave, offered)
        offered = self.env["gov.request.type"].with_user(self.deputy_a).search([("may_file", "=", True)])
        self.assertIn(self.type_leave, offered)
        # nor by changing the type of his draft
        request = self.new_request(amount=10)
        with self.refused(UserError, "You may not file"):
            request.with_user(self.clerk).type_id = self.type_leave

    def test_another_unit_neither_reads_nor_acts(self):
        """The finance bureau's clerk cannot read the DRC's request, approve it or change it; the requesting
        unit changes it only until it is submitted."""
        request = self.new_request(amount=10000)
        stranger = request.with_user(self.finance_clerk)
        with self.assertRaises(AccessError):
            stranger.read(["name"])
        self.assertFalse(self.env["gov.request"].with_user(self.finance_clerk).search([("id", "=", request.id)]))
        with self.assertRaises(AccessError):
            stranger.write({"name": "改"})
        request.with_user(self.clerk).action_signoff_submit()
        with self.assertRaises(UserError):
            stranger.action_signoff_approve("同意")
        # locked: the lock's message, or the record rules' (AccessError is a UserError)
        with self.assertRaises(UserError):
            request.with_user(self.clerk).write({"amount": 1})
        # the approver reads it while it waits for him, and the office and leaders read all
        self.assertEqual(request.with_user(self.principal).name, "防汛物资储备资金")
        self.assertEqual(request.with_user(self.office_deputy).name, "防汛物资储备资金")
        # once decided, a returned request is the unit's to change again
        request.with_user(self.principal).action_signoff_return("补充预算依据")
        request.with_user(self.clerk).write({"amount": 12000})
        self.assertEqual(request.state, "returned")

    def test_bad_input(self):
        """No type, a negative amount, a leave that ends before it starts: clear errors, nothing saved."""
        Request = self.env["gov.request"].with_user(self.clerk)
        count = Request.search_count([])
        with self.refused(UserError, "Choose the type of the request"):
            Request.create({"name": "无类型", "department_id": self.dept_drc.id})
        with self.refused(ValidationError, "cannot be negative"):
            self.new_request(amount=-1)
        with self.refused(ValidationError, "ends .* before it starts"):
            self.new_request(user=self.deputy_a, request_type=self.type_leave, department_id=False,
                             date_from=self.today(), date_to=self.today() - timedelta(days=1))
        with self.refused(ValidationError, "own unit"):
            self.new_request(department_id=self.dept_finance.id)
        self.assertEqual(Request.search_count([]), count)

    def test_cancel_and_withdraw(self):
        request = self.new_request(amount=10000)
        request.with_user(self.clerk).action_signoff_submit()
        self.assertTrue(request.with_user(self.clerk).can_withdraw)
        self.assertFalse(request.with_user(self.clerk).can_cancel, "after submission only the office cancels")
        with self.refused(UserError, "only the office"):
            request.with_user(self.clerk).action_cancel()
        request.with_user(self.office_deputy).action_cancel("重复申请")
        self.assertEqual(request.state, "cancelled")
        self.assertFalse(self.pending(request))
        with self.refused(UserError, "Only a draft that was never submitted"):
            request.with_user(self.clerk).unlink()

    def test_dashboard_counts_and_routes(self):
        request = self.new_request(amount=10000)
        request.with_user(self.clerk).action_signoff_submit()
        self.assertEqual(self.type_funds.with_user(self.clerk).my_open_count, 1)
        self.assertEqual(self.type_funds.with_user(self.principal).to_approve_count, 1)
        # the step is in the approver's "My To-Do" with the documents' steps, and "To Approve" lists the request
        todo = self.env["gov.signoff.task"].with_user(self.principal).search([("user_ids", "in", self.principal.ids)])
        self.assertEqual(todo.mapped("res_name"), [request.name])
        self.assertEqual(self.env["gov.request"].with_user(self.principal).search(
            [("signoff_user_ids", "in", self.principal.ids)]), request)
        action = self.type_funds.with_user(self.clerk).action_new_request()
        self.assertEqual(action["context"]["default_type_id"], self.type_funds.id)
        rows = self.env["gov.signoff.matrix.row"].search(self.type_funds.action_routes()["domain"])
        self.assertIn(self.env.ref("gov_rules.matrix_request_financial_head"), rows)
        self.assertIn(self.env.ref("gov_rules.matrix_request_other"), rows)
        self.assertNotIn(self.env.ref("gov_rules.matrix_request_leave"), rows)
        self.assertNotIn(self.env.ref("gov_rules.matrix_government"), rows)

    def test_form_shows_type_fields_at_once(self):
        """Choosing the type shows its form fields before the first save."""
        form = Form(self.env["gov.request"].with_user(self.clerk))
        form.name = "采购办公设备"
        form.type_id = self.type_procurement
        self.assertIn("procurement_method", [prop["name"] for prop in form.properties])

    def test_units_consulted_first_R27_5(self):
        """R27.5 on a request: the finance bureau gives its opinion on a funds request before its route; its
        clerk then reads the request, and the route starts once the bureau agreed."""
        request = self.new_request(amount=10000, consult_department_ids=[self.dept_finance.id])
        request.with_user(self.clerk).action_signoff_submit()
        self.assertEqual(request.state, "pending")
        self.assertEqual(request.sudo().consult_task_ids.user_ids, self.finance_principal)
        self.assertEqual(request.with_user(self.finance_clerk).name, "防汛物资储备资金")
        self.assertEqual(request.with_user(self.finance_principal).signoff_my_kind, "consult")
        with self.refused(UserError, "not waiting for you"):
            request.with_user(self.finance_principal).action_signoff_approve("同意")
        request.with_user(self.finance_principal).action_consult_answer(agree=True, opinion="资金来源可行")
        request.invalidate_recordset()
        self.assertEqual(self.approvers(request), self.principal)
        with self.refused(ValidationError, "its own unit"):
            self.new_request(consult_department_ids=[self.dept_drc.id])

    def test_checklist_of_the_type_R27_7(self):
        """R27.7 on a request: the type's checklist comes with each request; it is not submitted while a
        required line is neither done nor skipped with a reason."""
        self.type_funds.checklist_template_ids = [(0, 0, {"name": "预算批复文件", "kind": "attachment",
                                                          "required": True, "rule_ref": "R27.7"})]
        request = self.new_request(amount=10000)
        self.assertEqual(request.checklist_ids.mapped("name"), ["预算批复文件"])
        with self.refused(UserError, "neither done nor skipped"):
            request.with_user(self.clerk).action_signoff_submit()
        request.checklist_ids.with_user(self.clerk).write({"state": "done", "note": "东财预〔2026〕12号"})
        request.with_user(self.clerk).action_signoff_submit()
        self.assertEqual(request.state, "pending")
