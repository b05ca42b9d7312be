from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common_org import GovOrgCase

CONFIG_MODELS = ["gov.area", "gov.entrustment", "gov.position", "gov.rule.set", "gov.deadline.policy",
                 "gov.escalation.ladder", "gov.escalation.step", "gov.signoff.matrix.row", "gov.signoff.route.step",
                 "gov.document.type", "gov.checklist.template", "gov.issuing.authority"]


@tagged("post_install", "-at_install")
class TestEngineAccess(GovOrgCase):
    """Groups and record rules decide who sees and changes what, with real users of each group."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")

    def test_configuration_is_read_by_all_and_written_by_administrators(self):
        self.env["gov.entrustment"].create({"name": "专项工作", "position_id": self.pos_dep_b.id})
        for model in CONFIG_MODELS:
            record = self.env[model].search([], limit=1)
            self.assertTrue(record, model)
            for user in (self.clerk, self.office_director, self.head):
                if model == "gov.entrustment" and user == self.head:
                    continue  # the head records his own entrustments (R5.2, see test_rerouting)
                with self.subTest(model=model, user=user.login):
                    record.with_user(user).read([record._rec_name or "id"])
                    with self.assertRaises(AccessError):
                        record.with_user(user).write({})
                        record.with_user(user).check_access("write")
            record.with_user(self.admin).check_access("write")

    def test_clerk_sees_his_units_drafts_and_what_he_acts_on(self):
        finance_draft = self.new_document(user=self.finance_clerk, department_id=self.dept_finance.id,
                                          name="财政局内部稿")
        own_draft = self.new_document()
        Document = self.env["gov.document"]
        self.assertEqual(Document.with_user(self.clerk).search([("id", "in", (finance_draft | own_draft).ids)]),
                         own_draft)
        with self.assertRaises(AccessError):
            finance_draft.with_user(self.clerk).read(["name"])
        # the finance bureau is asked for its opinion on the drc draft: its principal sees it
        asked = self.new_document(consult_department_ids=[self.dept_finance.id], name="征求财政局意见稿")
        asked.action_submit()
        self.assertTrue(asked.with_user(self.finance_principal).read(["name"]))
        self.assertTrue(asked.with_user(self.finance_clerk).read(["name"]))
        # the office and the leaders see everything
        for user in (self.office_director, self.deputy_b):
            self.assertEqual(Document.with_user(user).search_count([("id", "=", finance_draft.id)]), 1)

    def test_steps_are_visible_to_those_concerned(self):
        document = self.new_document()
        document.action_submit()
        Task = self.env["gov.signoff.task"]
        self.assertTrue(Task.with_user(self.office_deputy).search([("res_id", "=", document.id)]))
        self.assertTrue(Task.with_user(self.clerk).search([("res_id", "=", document.id)]), "the submitter")
        self.assertFalse(Task.with_user(self.finance_clerk).search([("res_id", "=", document.id)]))
        with self.assertRaises(AccessError):
            Task.with_user(self.office_deputy).search([("res_id", "=", document.id)]).write({"state": "approved"})

    def test_absences_are_recorded_by_the_office_and_leaders_R40_1(self):
        """R40.1."""
        vals = {"user_id": self.deputy_a.id, "date_from": "2026-04-01", "date_to": "2026-04-03"}
        with self.assertRaises(AccessError):
            self.env["gov.absence"].with_user(self.clerk).create(vals)
        self.assertTrue(self.env["gov.absence"].with_user(self.deputy_a).create(vals))
        self.assertTrue(self.env["gov.absence"].with_user(self.office_director).create(
            {**vals, "date_from": "2026-05-01", "date_to": "2026-05-02"}))

    def test_only_the_office_issues(self):
        document = self.new_document(passed_by_meeting_unchanged=True)
        document.action_submit()
        document.with_user(self.office_deputy).action_signoff_approve()
        document.with_user(self.exec_deputy).action_signoff_approve()
        with self.assertRaisesRegex(UserError, "office"):
            document.with_user(self.clerk).action_issue()
        document.with_user(self.office_deputy).action_issue()
        self.assertEqual(document.state, "issued")
        self.assertTrue(document.number.startswith("东政发〔"))

    def test_decision_wizard_as_the_approver(self):
        document = self.new_document()
        document.action_submit()
        wizard = self.env["gov.signoff.decision"].with_user(self.office_deputy).create(
            {"res_model": "gov.document", "res_id": document.id, "decision": "approve", "opinion": "拟同意"})
        wizard.action_confirm()
        self.assertEqual(self.pending(document).user_ids, self.deputy_a)
        log = document.sudo().signoff_log_ids.filtered(lambda entry: entry.action == "approve")
        self.assertEqual((log.user_id, log.opinion), (self.office_deputy, "拟同意"))
