from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .test_request_flow import RequestCase


@tagged("post_install", "-at_install")
class TestRequestPresets(RequestCase):
    """The preset request types: a leader's leave (R40.1), bulletins (R30.3), reports to the government
    (R39.1)."""

    def leave(self, user, date_from, date_to, **values):
        return self.new_request(user=user, request_type=self.type_leave, name="外出学习", department_id=False,
                                date_from=date_from, date_to=date_to, **values)

    def waiting_for_area_leader(self):
        """A funds request of the DRC whose pending step waits for the deputy in charge of its area."""
        request = self.new_request(amount=100000)
        request.with_user(self.clerk).action_signoff_submit()
        self.approve(request, self.principal)
        self.assertEqual(self.approvers(request), self.deputy_a)
        return request

    def test_leave_becomes_absence_and_reroutes_R40_1(self):
        """R40.1 (with R5.4): the head approves a deputy's leave; it becomes an absence, so the step waiting for
        the deputy goes to his A/B partner; 销假 ends it early and the step comes back."""
        funds = self.waiting_for_area_leader()
        yesterday, today = self.today() - timedelta(days=1), self.today()
        leave = self.leave(self.deputy_a, yesterday, today + timedelta(days=3))
        leave.with_user(self.deputy_a).action_signoff_submit()
        self.assertEqual(leave.signoff_row_id, self.env.ref("gov_rules.matrix_request_leave"))
        self.assertEqual(self.approvers(leave), self.head)
        self.assertFalse(leave.absence_id, "no absence before the head approves")
        self.assertEqual(self.approvers(funds), self.deputy_a)

        self.approve(leave, self.head, "同意")
        self.assertEqual(leave.state, "approved")
        self.assertRecordValues(leave.absence_id, [{"user_id": self.deputy_a.id, "kind": "leave",
                                                    "date_from": yesterday, "date_to": today + timedelta(days=3)}])
        funds.invalidate_recordset()
        self.assertEqual(self.approvers(funds), self.deputy_b, "the A/B partner acts meanwhile (R5.4)")
        self.assertTrue(leave.with_user(self.deputy_a).can_end_leave)

        # 销假: back today, the absence ends yesterday and the step comes back to him
        with self.refused(UserError, "Only .* or the office can end this leave"):
            leave.with_user(self.deputy_b).action_end_leave()
        leave.with_user(self.deputy_a).action_end_leave()
        self.assertEqual(leave.leave_ended_on, today)
        self.assertEqual(leave.absence_id.date_to, yesterday)
        funds.invalidate_recordset()
        self.assertEqual(self.approvers(funds), self.deputy_a)
        with self.refused(UserError, "Only a leave under way"):
            leave.with_user(self.deputy_a).action_end_leave()

    def test_leave_not_begun_ended_early_R40_1(self):
        """A leave ended before it began leaves no absence."""
        tomorrow = self.today() + timedelta(days=1)
        leave = self.leave(self.deputy_a, tomorrow, tomorrow)
        leave.with_user(self.deputy_a).action_signoff_submit()
        self.approve(leave, self.head)
        absence = leave.absence_id
        self.assertTrue(absence)
        leave.with_user(self.office_deputy).action_end_leave()
        self.assertFalse(absence.exists())

    def test_head_leave_recorded_without_approval_R40_1(self):
        """R40.1 with R5.3: the head's own leave is recorded at once, and the executive deputy is told."""
        today = self.today()
        leave = self.leave(self.head, today, today + timedelta(days=1))
        leave.with_user(self.head).action_signoff_submit()
        self.assertEqual(leave.state, "approved")
        self.assertFalse(leave.sudo().signoff_task_ids, "no step waits for anyone")
        self.assertEqual(leave.absence_id.user_id, self.head)
        told = leave.sudo().message_ids.filtered(lambda m: self.exec_deputy.partner_id in m.partner_ids)
        self.assertEqual(len(told), 1)
        self.assertIn("you act for the head", told.body)
        # a document for the head's signature goes to the executive deputy meanwhile (R5.3)
        self.assertEqual(self.env["gov.position"]._acting_user(self.head, today), self.exec_deputy)

    def test_leave_needs_its_dates_R40_1(self):
        leave = self.leave(self.deputy_a, False, False)
        with self.refused(UserError, r"first and last day \(R40\.1\)"):
            leave.with_user(self.deputy_a).action_signoff_submit()

    def test_bulletin_registered_by_the_office_R30_3(self):
        """R30.3: a bulletin is accepted only once the office approves it, and it is then registered."""
        bulletin = self.new_request(request_type=self.type_bulletin, name="发改局工作简报第3期")
        bulletin.with_user(self.clerk).action_signoff_submit()
        self.assertEqual(bulletin.signoff_row_id, self.env.ref("gov_rules.matrix_request_bulletin"))
        self.approve(bulletin, self.principal)
        self.assertEqual(bulletin.state, "pending", "not accepted before the office's approval")
        self.assertFalse(bulletin.register_number)
        self.assertEqual(self.approvers(bulletin), self.office_director)
        self.approve(bulletin, self.office_director, "同意登记")
        self.assertEqual(bulletin.state, "approved")
        self.assertRegex(bulletin.register_number, r"^东政办简〔\d{4}〕\d+号$")
        # the next bulletin gets the next number
        other = self.new_request(request_type=self.type_bulletin, name="发改局工作简报第4期")
        other.with_user(self.clerk).action_signoff_submit()
        self.approve(other, self.principal)
        self.approve(other, self.office_director)
        self.assertNotEqual(other.register_number, bulletin.register_number)

    def test_bulletin_rejected_is_not_registered_R30_3(self):
        bulletin = self.new_request(request_type=self.type_bulletin, name="简报")
        bulletin.with_user(self.clerk).action_signoff_submit()
        self.approve(bulletin, self.principal)
        bulletin.with_user(self.office_director).action_signoff_reject("内容不宜刊发")
        self.assertEqual(bulletin.state, "rejected")
        self.assertFalse(bulletin.register_number)

    def test_report_to_government_R39_1(self):
        """R39.1: a department reports a plan to the government: its principal, the office and the leader in
        charge of its area approve in turn."""
        report = self.new_request(request_type=self.type_report, name="关于2027年重点项目计划的报告",
                                  properties={"report_kind": "plan"})
        report.with_user(self.clerk).action_signoff_submit()
        self.assertEqual(report.signoff_row_id, self.env.ref("gov_rules.matrix_request_report"))
        self.assertEqual(self.approvers(report), self.principal)
        self.approve(report, self.principal)
        self.assertEqual(self.approvers(report), self.office_deputy)
        self.approve(report, self.office_deputy)
        self.assertEqual(self.approvers(report), self.deputy_a)
        self.approve(report, self.deputy_a)
        self.assertEqual(report.state, "approved")

    def test_escalation_reminds_the_approver(self):
        """The type's time limit drives the escalation ladder: the approver is reminded the day before."""
        request = self.new_request(amount=10000)
        request.with_user(self.clerk).action_signoff_submit()
        calendar = self.rule_set.calendar_id
        self.env["gov.escalation.ladder"]._cron_escalate(today=calendar.add_working_days(request.deadline, -1))
        deadline_type = self.env.ref("gov_rules.mail_activity_type_gov_deadline")
        reminded = request.sudo().activity_ids.filtered(lambda a: a.activity_type_id == deadline_type).user_id
        self.assertIn(self.principal, reminded)

    def test_time_limit_closes_a_forgotten_request(self):
        """A type's time limit whose ladder ends by closing: the request nobody decided is cancelled as lapsed
        and its author is told; the approver's step closes."""
        ladder = self.env["gov.escalation.ladder"].create({
            "name": "申请逾期关闭", "rule_set_id": self.rule_set.id,
            "step_ids": [(0, 0, {"offset_days": 2, "summary": "逾期两个工作日：自动关闭",
                                 "terminal_action": "close"})]})
        policy = self.env["gov.deadline.policy"].create({
            "name": "车辆申请时限", "code": "t_vehicle", "rule_set_id": self.rule_set.id, "working_days": 2,
            "ladder_id": ladder.id})
        self.type_bulletin.deadline_policy_id = policy
        bulletin = self.new_request(request_type=self.type_bulletin, name="简报")
        bulletin.with_user(self.clerk).action_signoff_submit()
        self.assertEqual(bulletin.deadline_policy_id, policy)
        calendar = self.rule_set.calendar_id
        self.env["gov.escalation.ladder"]._cron_escalate(today=calendar.add_working_days(bulletin.deadline, 2))
        bulletin.invalidate_recordset()
        self.assertEqual(bulletin.state, "cancelled")
        self.assertFalse(self.pending(bulletin))
        self.assertIn("lapse", bulletin.sudo().signoff_log_ids.mapped("action"))
