from odoo.exceptions import UserError
from odoo.tests import tagged

from .common_org import GovOrgCase


@tagged("post_install", "-at_install")
class TestSignoffFlow(GovOrgCase):
    """Outgoing documents through the Dongchang sign-off matrix (R28.2, R29.1–R29.3)."""

    def test_government_document_route_R29_2(self):
        """R29.2."""
        document = self.new_document()
        document.action_submit()
        self.assertEqual(document.state, "signoff")
        self.assertEqual(document.signoff_row_id, self.env.ref("gov_rules.matrix_government"))
        self.assertEqual(self.pending(document).user_ids, self.office_deputy)
        # the office's deputy director reviews, then the deputy in charge of the area (R28.2), then the head
        document.with_user(self.office_deputy).action_signoff_approve("拟同意，呈张副区长审阅")
        self.assertEqual(self.pending(document).user_ids, self.deputy_a)
        document.with_user(self.deputy_a).action_signoff_approve("同意，请王区长签发")
        self.assertEqual(self.pending(document).user_ids, self.head)
        document.with_user(self.head).action_signoff_approve("签发")
        self.assertEqual(document.state, "approved")
        self.assertEqual(document.signer_id, self.head)
        self.assertFalse(document.signed_for_id)
        document.with_user(self.office_director).action_issue()
        self.assertEqual(document.state, "issued")
        self.assertRegex(document.number, r"^东政发〔\d{4}〕\d+号$")
        actions = document.sudo().signoff_log_ids.sorted("id").mapped("action")
        self.assertEqual(actions, ["submit", "approve", "approve", "approve", "issue"])

    def test_documents_to_the_government_pass_through_the_office_R27_2(self):
        """R27.2: every preset route for the government's or the office's name starts at the office."""
        rows = self.env["gov.signoff.matrix.row"].search([("rule_set_id", "=", self.rule_set.id),
                                                          ("model", "=", "gov.document")])
        to_government = rows.filtered(lambda r: '"authority_kind", "=", "department"' not in r.domain)
        self.assertEqual(len(to_government), 7)
        for row in to_government:
            self.assertEqual(row.step_ids.sorted("sequence")[:1].role, "office_deputy", row.name)

    def test_head_signs_decisions_R29_1(self):
        """R29.1."""
        document = self.new_document(major_matter=True)
        document.action_submit()
        self.assertEqual(document.signoff_row_id, self.env.ref("gov_rules.matrix_head_signs"))
        steps = document.sudo().signoff_task_ids.sorted("sequence")
        self.assertEqual(steps.mapped("role"), ["office_deputy", "area_leader", "head"])

    def test_passed_by_meeting_executive_deputy_signs_R29_2(self):
        """R29.2."""
        document = self.new_document(passed_by_meeting_unchanged=True)
        document.action_submit()
        document.with_user(self.office_deputy).action_signoff_approve()
        self.assertEqual(self.pending(document).user_ids, self.exec_deputy)
        document.with_user(self.exec_deputy).action_signoff_approve()
        self.assertEqual(document.signer_id, self.exec_deputy)

    def test_office_document_within_remit_R29_3(self):
        """R29.3."""
        document = self.new_document(authority_id=self.authority_office.id, within_office_remit=True)
        document.action_submit()
        document.with_user(self.office_deputy).action_signoff_approve()
        self.assertEqual(self.pending(document).user_ids, self.office_director)
        document.with_user(self.office_director).action_signoff_approve()
        self.assertEqual(document.signer_id, self.office_director)

    def test_office_document_leader_signs_R29_3(self):
        """R29.3."""
        document = self.new_document(authority_id=self.authority_office.id)
        document.action_submit()
        for user in (self.office_deputy, self.office_director):
            document.with_user(user).action_signoff_approve()
        self.assertEqual(self.pending(document).user_ids, self.deputy_a)
        document.with_user(self.deputy_a).action_signoff_approve()
        self.assertEqual(document.signer_id, self.deputy_a)

    def test_audit_reports_go_to_the_head_only_R7_1(self):
        """R7.1."""
        document = self.new_document(user=self.audit_principal, department_id=self.dept_audit.id, area_id=False,
                                     type_id=self.env.ref("gov_rules.document_type_report").id)
        document.checklist_ids.with_user(self.office_deputy).write({"state": "done"})  # no request inside (R27.4)
        document.action_submit()
        self.assertEqual(document.signoff_row_id, self.env.ref("gov_rules.matrix_audit_report"))
        roles = document.sudo().signoff_task_ids.mapped("role")
        self.assertNotIn("area_leader", roles)
        self.assertIn("head", roles)

    def test_only_the_pending_approver_decides(self):
        document = self.new_document()
        document.action_submit()
        with self.assertRaisesRegex(UserError, "not waiting for you"):
            document.with_user(self.deputy_a).action_signoff_approve()
        with self.assertRaisesRegex(UserError, "reason"):
            document.with_user(self.office_deputy).action_signoff_reject("")

    def test_reject_goes_back_to_the_drafter_and_resubmit(self):
        document = self.new_document()
        document.action_submit()
        document.with_user(self.office_deputy).action_signoff_return("请补充供暖经费测算")
        self.assertEqual(document.state, "draft")
        self.assertEqual(document.signoff_state, "returned")
        document.with_user(self.clerk).write({"body": "<p>经费测算见附件</p>"})
        document.with_user(self.clerk).action_submit()
        self.assertEqual(document.signoff_round, 2)
        self.assertEqual(self.pending(document).user_ids, self.office_deputy)
        document.with_user(self.office_deputy).action_signoff_reject("不符合发文规定")
        self.assertEqual(document.signoff_state, "rejected")
        self.assertEqual(document.state, "draft")

    def test_withdraw_by_the_submitter(self):
        document = self.new_document()
        document.action_submit()
        with self.assertRaisesRegex(UserError, "withdraw"):
            document.with_user(self.finance_clerk).sudo(False).action_signoff_withdraw()
        document.with_user(self.clerk).action_signoff_withdraw("撤回修改")
        self.assertEqual(document.signoff_state, "draft")
        self.assertFalse(self.pending(document))

    def test_locked_while_under_signoff(self):
        document = self.new_document()
        document.action_submit()
        with self.assertRaisesRegex(UserError, "under way"):
            document.with_user(self.clerk).write({"name": "改了标题"})
        # the route may allow fields: the office reviewer may correct the recipients
        recipients = self.env["ir.model.fields"]._get("gov.document", "main_recipients")
        self.env.ref("gov_rules.matrix_government").step_ids[:1].editable_field_ids = recipients
        document.with_user(self.clerk).action_signoff_withdraw()
        document.with_user(self.clerk).action_submit()
        document.with_user(self.office_deputy).write({"main_recipients": "各乡镇人民政府"})
        self.assertEqual(document.main_recipients, "各乡镇人民政府")
        # the field is open to the approver of the pending step only: the drafter and a later approver are refused
        for user in (self.clerk, self.deputy_a):
            with self.subTest(user=user.login), self.assertRaisesRegex(UserError, "under way"):
                document.with_user(user).write({"main_recipients": "全区各单位"})
        self.assertEqual(document.main_recipients, "各乡镇人民政府")

    def _row(self, steps, **values):
        return self.env["gov.signoff.matrix.row"].create({
            "name": "会签测试", "rule_set_id": self.rule_set.id, "priority": 1,
            "model_id": self.env["ir.model"]._get_id("gov.document"),
            "domain": "[('name', 'like', '会签')]", "step_ids": [(0, 0, step) for step in steps], **values})

    def test_parallel_countersign_n_of_m_R28_2(self):
        """R28.2."""
        self._row([
            {"sequence": 1, "name": "张副区长会签", "role": "user", "user_id": self.deputy_a.id,
             "required_approvals": 1},
            {"sequence": 1, "name": "赵副区长会签", "role": "user", "user_id": self.deputy_b.id,
             "required_approvals": 1},
            {"sequence": 2, "name": "区长签发", "role": "head", "is_signature": True},
        ])
        document = self.new_document(name="关于会签事项的通知")
        document.action_submit()
        self.assertEqual(self.pending(document).user_ids, self.deputy_a | self.deputy_b, "both at once")
        document.with_user(self.deputy_b).action_signoff_approve("同意")
        steps = document.sudo().signoff_task_ids
        self.assertEqual(steps.filtered(lambda t: t.user_ids == self.deputy_a).state, "skipped", "1 of 2 is enough")
        self.assertEqual(self.pending(document).user_ids, self.head)

    def test_all_of_a_parallel_stage(self):
        self._row([
            {"sequence": 1, "name": "张副区长会签", "role": "user", "user_id": self.deputy_a.id},
            {"sequence": 1, "name": "赵副区长会签", "role": "user", "user_id": self.deputy_b.id},
            {"sequence": 2, "name": "区长签发", "role": "head", "is_signature": True},
        ])
        document = self.new_document(name="关于会签事项的通知")
        document.action_submit()
        document.with_user(self.deputy_a).action_signoff_approve()
        self.assertEqual(self.pending(document).user_ids, self.deputy_b)
        document.with_user(self.deputy_b).action_signoff_approve()
        self.assertEqual(self.pending(document).user_ids, self.head)

    def test_group_and_user_field_roles_and_delegation(self):
        office_group = self.env.ref("gov_rules.group_gov_office")
        drafter_field = self.env["ir.model.fields"]._get("gov.document", "drafter_id")
        self._row([
            {"sequence": 1, "name": "办公室任一人登记", "role": "group", "group_id": office_group.id,
             "allow_delegate": True},
            {"sequence": 2, "name": "拟稿人确认", "role": "user_field", "user_field_id": drafter_field.id},
        ])
        document = self.new_document(name="关于会签事项的通知")
        document.action_submit()
        self.assertIn(self.office_director, self.pending(document).user_ids)
        document.with_user(self.office_director).action_signoff_delegate(self.office_deputy, "请吴刚办理")
        self.assertEqual(self.pending(document).user_ids, self.office_deputy)
        document.with_user(self.office_deputy).action_signoff_approve()
        self.assertEqual(self.pending(document).user_ids, self.clerk)
        with self.assertRaisesRegex(UserError, "delegated"):
            document.with_user(self.clerk).action_signoff_delegate(self.principal)


@tagged("post_install", "-at_install")
class TestSignoffQueryCounts(GovOrgCase):
    """Submit and approve are hot actions: their cost is fixed, not per matrix row or pending item
    (tests/bench/bench_signoff.py shows it flat from 1 to 200 rows and 10 to 10,000 items)."""

    def test_submit_and_approve_query_counts(self):
        """Submit at most 30 queries and approve at most 25, as on a running server (the registry's caches
        filled by an earlier document), with the decision noted once in the chatter."""
        warm_up = self.new_document()  # fills the registry's caches, as on a running server
        for action in (lambda: warm_up.with_user(self.clerk).action_submit(),
                       lambda: warm_up.with_user(self.office_deputy).action_signoff_approve("拟同意")):
            self.env.flush_all()
            self.env.invalidate_all()
            action()
        document = self.new_document()
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(30):  # the target is 30 (tests/bench/bench_signoff.py)
            document.with_user(self.clerk).action_submit()
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(25):  # the target is 25: decide, log once, the next step and its activity
            document.with_user(self.office_deputy).action_signoff_approve("拟同意")
        self.assertEqual(self.pending(document).user_ids, self.deputy_a)
        self.assertEqual(len(document.message_ids.filtered(lambda message: "拟同意" in (message.body or ""))), 1)
