from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common_org import GovOrgCase


@tagged("post_install", "-at_install")
class TestWorkflowProtections(GovOrgCase):
    """Nobody moves the workflow by hand: only its actions do, each checking who acts."""

    def test_workflow_fields_are_not_written_by_hand(self):
        document = self.new_document()
        as_clerk = document.with_user(self.clerk)
        for vals in ({"signoff_state": "approved"}, {"state": "approved"}, {"signer_id": self.head.id},
                     {"number": "东政发〔2026〕99号"}, {"deadline_open": True}):
            with self.subTest(vals=vals), self.assertRaisesRegex(UserError, "set by the workflow"):
                as_clerk.write(vals)
        with self.assertRaisesRegex(UserError, "set by the workflow"):
            self.new_document(state="issued", number="东政发〔2026〕98号")

    def test_sign_off_only_through_the_documents_checks(self):
        """The engine's submission runs the document's own checks: there is no way round them (R28.1)."""
        document = self.new_document(needed_by="2026-01-05")
        with self.assertRaisesRegex(UserError, "already past"):
            document.with_user(self.clerk).action_signoff_submit()
        self.assertEqual((document.state, document.signoff_state), ("draft", "draft"))

    def test_signed_documents_are_locked(self):
        document = self.new_document(passed_by_meeting_unchanged=True)
        document.action_submit()
        document.with_user(self.office_deputy).action_signoff_approve()
        document.with_user(self.exec_deputy).action_signoff_approve()
        self.assertEqual(document.state, "approved")
        with self.assertRaisesRegex(UserError, "under way"):
            document.with_user(self.clerk).write({"body": "<p>签发后改正文</p>"})
        with self.assertRaisesRegex(UserError, "never submitted"):
            document.with_user(self.clerk).unlink()

    def test_other_units_cannot_change_or_delete_a_draft(self):
        draft = self.new_document()
        with self.assertRaises(AccessError):
            draft.with_user(self.finance_clerk).write({"name": "别人改的标题"})
        with self.assertRaises(AccessError):
            draft.with_user(self.finance_clerk).unlink()
        with self.assertRaisesRegex(UserError, "own unit"):
            self.new_document(user=self.clerk, department_id=self.dept_finance.id)
        draft.with_user(self.clerk).unlink()
        self.assertFalse(draft.exists())

    def test_only_the_drafting_unit_or_the_office_submits_and_cancels(self):
        document = self.new_document(consult_department_ids=[self.dept_finance.id])
        with self.assertRaises(UserError):  # he may not even read it
            document.with_user(self.finance_clerk).action_submit()
        document.with_user(self.clerk).action_submit()
        with self.assertRaisesRegex(UserError, "office"):
            document.with_user(self.clerk).action_cancel()
        document.with_user(self.office_director).action_cancel("重复发文")
        self.assertEqual(document.state, "cancelled")
        self.assertEqual(document.consult_task_ids.state, "cancelled")
        self.assertIn("cancel", document.sudo().signoff_log_ids.mapped("action"))

    def test_withdraw_during_consultation(self):
        document = self.new_document(consult_department_ids=[self.dept_finance.id])
        document.with_user(self.clerk).action_submit()
        document.with_user(self.clerk).action_signoff_withdraw("补充材料后再征求意见")
        self.assertEqual(document.state, "draft")
        self.assertEqual(document.consult_task_ids.state, "cancelled")
        with self.assertRaisesRegex(UserError, "not asking for opinions"):
            document.with_user(self.finance_principal).action_consult_answer(agree=True)

    def test_a_leader_records_only_his_own_absence_R40_1(self):
        with self.assertRaises(AccessError):
            self.env["gov.absence"].with_user(self.deputy_a).create(
                {"user_id": self.head.id, "substitute_id": self.deputy_a.id,
                 "date_from": "2026-04-01", "date_to": "2026-04-02"})

    def test_checklist_lines_belong_to_the_form_R27_7(self):
        document = self.new_document(type_id=self.env.ref("gov_rules.document_type_normative").id)
        line = document.checklist_ids[:1].with_user(self.clerk)
        with self.assertRaisesRegex(UserError, "item.s type"):
            line.write({"required": False})
        with self.assertRaisesRegex(UserError, "cannot be removed"):
            line.unlink()

    def test_hr_officers_do_not_choose_approvers(self):
        hr_officer = new_test_user(self.env, "t_hr", groups="hr.group_hr_user,gov_rules.group_gov_user")
        with self.assertRaisesRegex(AccessError, "administrators"):
            self.dept_drc.with_user(hr_officer).write({"gov_principal_id": hr_officer.id})
        self.dept_drc.with_user(hr_officer).write({"name": "区发展和改革局"})

    def test_delegate_only_to_active_internal_users(self):
        row = self.env["gov.signoff.matrix.row"].create({
            "name": "可转交", "rule_set_id": self.rule_set.id, "priority": 1,
            "model_id": self.env["ir.model"]._get_id("gov.document"), "domain": "[('name', 'like', '转交')]",
            "step_ids": [(0, 0, {"sequence": 1, "name": "主任审核", "role": "office_director",
                                 "allow_delegate": True, "is_signature": True})]})
        self.assertTrue(row)
        document = self.new_document(name="关于可转交事项的通知")
        document.action_submit()
        portal = new_test_user(self.env, "t_portal", groups="base.group_portal")
        with self.assertRaisesRegex(UserError, "internal user"):
            document.with_user(self.office_director).action_signoff_delegate(portal.id)
        document.with_user(self.office_director).action_signoff_delegate(self.office_deputy.id)
        self.assertEqual(self.pending(document).user_ids, self.office_deputy)
