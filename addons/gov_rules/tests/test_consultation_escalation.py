from datetime import date

from odoo.exceptions import UserError
from odoo.tests import freeze_time, tagged

from .common_org import GovOrgCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")  # a Monday
class TestConsultationAndEscalation(GovOrgCase):
    """Consultation between units (R27.5, R27.6) and the escalation ladders (R28.3)."""

    def _consulted_document(self, **values):
        document = self.new_document(consult_department_ids=[self.dept_finance.id], **values)
        document.action_submit()
        return document

    def _cron(self, day):
        with freeze_time(day):
            self.env["gov.escalation.ladder"]._cron_escalate()
        self.env.invalidate_all()

    def test_consultation_deadline_is_seven_working_days_R27_6(self):
        """R27.6."""
        document = self._consulted_document()
        self.assertEqual(document.state, "consultation")
        task = document.consult_task_ids
        self.assertEqual(task.user_ids, self.finance_principal)
        self.assertEqual(task.deadline, date(2026, 3, 11))
        self.assertEqual(task.deadline_policy_id, self.env.ref("gov_rules.policy_consultation"))

    def test_lead_unit_sets_another_limit_R27_6(self):
        """R27.6."""
        policy = self.env.ref("gov_rules.policy_consultation").copy({"code": "consultation_3", "working_days": 3,
                                                                      "name": "三个工作日"})
        document = self._consulted_document(consult_policy_id=policy.id)
        self.assertEqual(document.consult_task_ids.deadline, date(2026, 3, 5))

    def test_written_answer_and_objection_needs_reasons_R27_5(self):
        """R27.5."""
        document = self._consulted_document()
        with self.assertRaisesRegex(UserError, "reasons"):
            document.with_user(self.finance_principal).action_consult_answer(agree=False, opinion=" ")
        with self.assertRaisesRegex(UserError, "not waiting for your opinion"):
            document.with_user(self.clerk).action_consult_answer(agree=True)
        document.with_user(self.finance_principal).action_consult_answer(agree=False, opinion="经费来源不明确")
        self.assertEqual(document.consult_task_ids.state, "objected")
        self.assertEqual(document.state, "signoff", "the lead unit submits with the objection on record")
        self.assertIn("object", document.sudo().signoff_log_ids.mapped("action"))

    def test_silence_means_consent_at_the_deadline_R27_6(self):
        """R27.6."""
        document = self._consulted_document()
        self._cron("2026-03-11")  # the deadline day: the unit may still answer
        self.assertEqual(document.consult_task_ids.state, "pending")
        self._cron("2026-03-12")
        task = document.consult_task_ids
        self.assertEqual(task.state, "consented")
        self.assertEqual(document.state, "signoff")
        consent = document.sudo().signoff_log_ids.filtered(lambda log: log.action == "consent")
        self.assertEqual(len(consent), 1)
        self.assertIn("R27.6", consent.opinion)
        # a rerun does nothing more
        self._cron("2026-03-13")
        self.assertEqual(len(document.sudo().signoff_log_ids.filtered(lambda log: log.action == "consent")), 1)

    def test_one_stuck_item_does_not_stop_the_cron(self):
        stuck = self._consulted_document(name="下一步无人承担的公文")
        fine = self._consulted_document()
        # the stuck one can go nowhere after consent: its next step is the legal adviser's, and the post
        # fell vacant after it was submitted
        stuck.sudo().signoff_task_ids.filtered(lambda task: task.state == "waiting")[:1].role = "legal_adviser"
        self.env["gov.position"].search([("role", "=", "legal_adviser")]).user_id = False
        self._cron("2026-03-12")
        self.assertEqual(fine.state, "signoff")
        self.assertEqual(stuck.state, "consultation")
        self.assertTrue(stuck.message_ids.filtered(lambda m: "could not go on" in (m.body or "")))

    def test_reminder_before_the_consultation_deadline(self):
        document = self._consulted_document()
        self._cron("2026-03-09")  # two working days before the deadline
        activities = document.sudo().activity_ids.filtered(lambda act: act.user_id == self.finance_principal)
        self.assertIn("Opinion due in two working days", activities.mapped("summary"))

    def test_approval_limits_by_urgency_R28_3(self):
        """R28.3."""
        expected = {"normal": date(2026, 3, 20), "urgent": date(2026, 3, 11), "extra_urgent": date(2026, 3, 9),
                    "extra_urgent_important": date(2026, 3, 5)}
        for urgency, deadline in expected.items():
            with self.subTest(urgency=urgency):
                document = self.new_document(urgency=urgency, urgency_reason="防汛紧急")
                document.action_submit()
                self.assertEqual(document.deadline, deadline)
                self.assertTrue(document.deadline_open)

    def test_leader_signs_within_one_working_day_R28_3(self):
        """R28.3."""
        document = self.new_document(urgency="extra_urgent_important", urgency_reason="防汛紧急")
        document.action_submit()
        document.with_user(self.office_deputy).action_signoff_approve()
        document.with_user(self.deputy_a).action_signoff_approve()
        signature = self.pending(document)
        self.assertTrue(signature.is_signature)
        self.assertEqual(signature.deadline_policy_id, self.env.ref("gov_rules.policy_leader_sign"))
        self.assertEqual(signature.deadline, date(2026, 3, 3))

    def test_escalation_after_the_deadline_reaches_office_and_leader_once_R28_3(self):
        """R28.3."""
        document = self.new_document(urgency="extra_urgent_important", urgency_reason="防汛紧急")
        document.action_submit()  # deadline 2026-03-05
        self._cron("2026-03-10")  # three working days late: every step up to "supervised"
        summaries = document.sudo().activity_ids.mapped("summary")
        self.assertIn("Overdue three working days: supervised (督办)", summaries)
        supervised = document.sudo().activity_ids.filtered(lambda a: a.summary.startswith("Overdue three"))
        self.assertIn(self.deputy_a, supervised.user_id, "the leader in charge is told")
        self.assertIn(self.office_director, supervised.user_id, "the office is told")
        count = len(document.sudo().activity_ids)
        logs = self.env["gov.escalation.log"].search([("res_model", "=", "gov.document"), ("res_id", "=", document.id)])
        self.assertEqual(len(logs), 4)
        self._cron("2026-03-11")
        self.assertEqual(len(document.sudo().activity_ids), count, "a rerun never repeats a step")
        # once the step is decided its reminders go away
        document.with_user(self.office_deputy).action_signoff_approve("迟复")
        reminders = document.sudo().activity_ids.filtered(lambda a: a.activity_type_id == self.env.ref(
            "gov_rules.mail_activity_type_gov_deadline"))
        self.assertFalse(reminders.filtered(lambda a: a.user_id == self.office_deputy))

    def test_terminal_return_sends_the_item_back(self):
        """A ladder may end by returning an item nobody decided on to its drafter."""
        ladder = self.env["gov.escalation.ladder"].create({
            "name": "逾期退回", "rule_set_id": self.rule_set.id,
            "step_ids": [(0, 0, {"offset_days": 2, "summary": "逾期两个工作日：退回拟稿人",
                                 "terminal_action": "return", "notify_owner": False})]})
        self.env.ref("gov_rules.policy_approve_urgent").ladder_id = ladder
        document = self.new_document(urgency="urgent")
        document.action_submit()  # deadline 2026-03-11
        self._cron("2026-03-12")
        self.assertEqual(document.signoff_state, "pending")
        self._cron("2026-03-13")
        self.assertEqual(document.signoff_state, "returned")
        self.assertEqual(document.state, "draft")
        self.assertTrue(document.sudo().activity_ids.filtered(lambda a: a.user_id == self.clerk))

    def test_overdue_audit_report_is_escalated_to_the_head_R7_1(self):
        """R7.1: an overdue audit-bureau report is escalated to the head, never to a deputy."""
        report = self.new_document(user=self.audit_principal, department_id=self.dept_audit.id,
                                   area_id=self.area_economy.id, urgency="extra_urgent_important",
                                   urgency_reason="审计发现重大问题",
                                   type_id=self.env.ref("gov_rules.document_type_report").id)
        report.checklist_ids.with_user(self.office_deputy).write({"state": "done"})
        report.with_user(self.audit_principal).action_submit()
        self._cron("2026-03-10")
        supervised = report.sudo().activity_ids.filtered(lambda a: a.summary.startswith("Overdue three"))
        self.assertIn(self.head, supervised.user_id)
        self.assertNotIn(self.deputy_a, supervised.user_id)

    def test_escalation_cron_in_batches(self):
        documents = self.env["gov.document"]
        for _index in range(5):
            documents |= self.new_document(urgency="urgent")
        documents.action_submit()
        with freeze_time("2026-03-12"):
            self.env["gov.escalation.ladder"]._cron_escalate(batch_size=2)
        self.assertTrue(all(doc.escalation_offset_done == 1 for doc in documents))

    def test_escalation_log_is_append_only(self):
        document = self.new_document(urgency="extra_urgent_important", urgency_reason="防汛紧急")
        document.action_submit()
        self._cron("2026-03-10")
        log = self.env["gov.escalation.log"].search([], limit=1)
        with self.assertRaises(UserError):
            log.write({"summary": "x"})
        with self.assertRaises(UserError):
            log.unlink()
