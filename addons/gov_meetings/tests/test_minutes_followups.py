from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged

from .common_minutes import AFTER
from .test_minutes import MinutesCase


@tagged("post_install", "-at_install")
@freeze_time(AFTER)
class TestDecisionFollowups(MinutesCase):
    """Each decision of signed minutes starts what follows with one click, and keeps the link."""

    def signed(self, meeting_type, name="城区供暖改造", outcome="adopted", **topic_values):
        topic = self.new_topic(meeting_type, name, **topic_values)
        chair = self.deputy_a if meeting_type == self.type_special else self.head
        minutes = self.draft(self.new_meeting(meeting_type, topic, chair=chair))
        minutes.decision_ids.with_user(self.office_director).outcome = outcome
        signers = {"party_group": (self.exec_deputy, self.head), "special": (self.deputy_a,)}.get(
            meeting_type.kind, (self.head,))
        self.sign(minutes, *signers)
        return minutes.decision_ids

    def test_document_to_issue_within_seven_working_days_R22_4(self):
        """The document of an executive meeting's decision adopted unchanged: drafted for the reporting unit,
        passed unchanged (the executive deputy signs it, R29.2), due 7 working days after the meeting."""
        decision = self.signed(self.type_executive)
        self.assertTrue(decision.with_user(self.office_director).can_start_document)
        action = decision.with_user(self.office_director).action_start_document()
        document = self.env["gov.document"].browse(action["res_id"])
        self.assertEqual(decision.document_id, document)
        self.assertEqual(document.meeting_decision_id, decision)
        self.assertTrue(document.passed_by_meeting_unchanged)
        self.assertEqual(document.department_id, self.dept_drc)
        self.assertEqual(document.deadline_policy_id.code, "issue_after_meeting")
        self.assertEqual(document.deadline_start, date(2026, 3, 3))
        self.assertEqual(document.deadline, date(2026, 3, 12), "7 working days after Tuesday 3 March")
        self.assertTrue(document.deadline_open)
        # the button is gone once started; a second click is refused
        decision.invalidate_recordset()
        self.assertFalse(decision.with_user(self.office_director).can_start_document)
        with self.refused(UserError, "already started"):
            decision.with_user(self.office_director).action_start_document()
        # the unit drafts, the route is that of a document passed unchanged: the limit runs until issued
        document.with_user(self.clerk).action_submit()
        self.assertEqual(document.deadline, date(2026, 3, 12), "the meeting's limit, not the approval's")
        self.pending(document).user_ids.ensure_one()
        document.with_user(self.pending(document).user_ids).action_signoff_approve()
        self.assertEqual(self.pending(document).user_ids, self.exec_deputy)
        document.with_user(self.exec_deputy).action_signoff_approve()
        self.assertEqual(document.state, "approved")
        self.assertTrue(document.deadline_open, "signed but not issued: still due")
        document.with_user(self.office_director).action_issue()
        self.assertFalse(document.deadline_open)

    def test_overdue_document_is_escalated_by_the_ladder_R22_4(self):
        decision = self.signed(self.type_executive)
        document = self.env["gov.document"].browse(
            decision.with_user(self.office_director).action_start_document()["res_id"])
        self.env["gov.escalation.ladder"]._cron_escalate(today=date(2026, 3, 13))
        deadline_type = self.env.ref("gov_rules.mail_activity_type_gov_deadline")
        reminded = document.sudo().activity_ids.filtered(lambda a: a.activity_type_id == deadline_type).user_id
        self.assertIn(self.office_director, reminded, "the office urges the overdue document")

    def test_changed_or_party_decisions_are_not_passed_unchanged_R22_4(self):
        changed = self.signed(self.type_executive, outcome="adopted_changed")
        document = self.env["gov.document"].browse(
            changed.with_user(self.office_director).action_start_document()["res_id"])
        self.assertFalse(document.passed_by_meeting_unchanged)
        self.assertEqual(document.deadline_policy_id.code, "issue_after_meeting")
        party = self.signed(self.type_party, name="党建工作")
        document = self.env["gov.document"].browse(
            party.with_user(self.office_director).action_start_document()["res_id"])
        self.assertFalse(document.passed_by_meeting_unchanged)

    def test_wrong_person_or_wrong_decision_starts_nothing(self):
        decision = self.signed(self.type_executive)
        for user in (self.clerk, self.deputy_a):
            with self.subTest(user=user.name), self.refused(UserError, "Only the office starts"):
                decision.with_user(user).action_start_document()
        self.assertFalse(decision.with_user(self.clerk).can_start_document)
        deferred = self.signed(self.type_executive, name="缓议事项", outcome="deferred")
        self.assertFalse(deferred.with_user(self.office_director).can_start_document)
        with self.refused(UserError, "Only an adopted decision"):
            deferred.with_user(self.office_director).action_start_document()
        with self.refused(UserError, "Only an adopted decision"):
            deferred.with_user(self.office_director).action_start_evaluation()
        topic = self.new_topic(self.type_executive, "未签纪要")
        draft = self.draft(self.new_meeting(self.type_executive, topic)).decision_ids
        with self.refused(UserError, "not signed yet"):
            draft.with_user(self.office_director).action_start_document()
        self.assertFalse(self.env["gov.document"].search([("meeting_decision_id", "in", (draft | deferred).ids)]))

    def test_post_evaluation_dated_from_the_decision_R11_3(self):
        """R11.3: a decision gets a post-evaluation task, dated from the decision."""
        decision = self.signed(self.type_executive)
        action = decision.with_user(self.office_director).action_start_evaluation()
        followup = self.env["gov.meeting.followup"].browse(action["res_id"])
        self.assertEqual(decision.evaluation_id, followup)
        self.assertEqual(followup.kind, "post_evaluation")
        self.assertEqual(followup.deadline_start, date(2026, 3, 3))
        self.assertEqual(followup.deadline_policy_id.code, "decision_post_evaluation")
        self.assertEqual(followup.deadline, followup.deadline_policy_id._deadline_from(date(2026, 3, 3))[0])
        self.assertTrue(followup.deadline_open)
        self.assertEqual(followup.department_id, self.dept_drc)
        self.assertEqual(followup.user_id, self.principal)
        self.assertEqual(followup.activity_ids.user_id, self.principal, "one to-do for the responsible")
        with self.refused(UserError, "already started"):
            decision.with_user(self.office_director).action_start_evaluation()
        # visible to its responsible unit, not to another unit
        Followup = self.env["gov.meeting.followup"]
        self.assertEqual(Followup.with_user(self.clerk).search([("id", "=", followup.id)]), followup)
        self.assertFalse(Followup.with_user(self.other_clerk).search([("id", "=", followup.id)]))
        with self.assertRaises(AccessError):
            followup.with_user(self.other_clerk).note = "<p>越权</p>"
        # recorded by the unit, with the evaluation
        with self.refused(UserError, "Record the evaluation"):
            followup.with_user(self.principal).action_done()
        followup.with_user(self.principal).note = "<p>实施效果良好。</p>"
        with self.refused(UserError, "time limit and the state"):
            followup.with_user(self.principal).state = "done"
        followup.with_user(self.principal).action_done()
        self.assertEqual(followup.state, "done")
        self.assertEqual(followup.done_on, date(2026, 3, 4))
        self.assertFalse(followup.deadline_open)
        self.assertFalse(followup.activity_ids)

    def test_party_group_reports_to_the_district_committee_R21_2(self):
        decision = self.signed(self.type_party, name="贯彻区委全会精神")
        self.assertTrue(decision.with_user(self.office_director).can_start_party_report)
        action = decision.with_user(self.office_director).action_start_party_report()
        report = self.env["gov.meeting.followup"].browse(action["res_id"])
        self.assertEqual(decision.party_report_id, report)
        self.assertEqual(report.deadline_policy_id.code, "decision_party_report")
        self.assertEqual(report.state, "open", "tracked until the report is recorded")

    def test_flagged_topic_is_reported_to_the_district_committee_R8_1(self):
        flagged = self.signed(self.type_executive, name="重大项目", report_to_party_committee=True)
        self.assertTrue(flagged.with_user(self.office_director).can_start_party_report)
        flagged.with_user(self.office_director).action_start_party_report()
        plain = self.signed(self.type_executive, name="一般事项")
        self.assertFalse(plain.with_user(self.office_director).can_start_party_report)
        with self.refused(UserError, "reported to 区委"):
            plain.with_user(self.office_director).action_start_party_report()
        self.assertFalse(plain.followup_ids)

    def test_overdue_post_evaluation_is_escalated_R11_3(self):
        """The ladder of the follow-up's policy reminds the responsible and urges through the office."""
        decision = self.signed(self.type_executive)
        followup = self.env["gov.meeting.followup"].browse(
            decision.with_user(self.office_director).action_start_evaluation()["res_id"])
        calendar = self.rule_set.calendar_id
        self.env["gov.escalation.ladder"]._cron_escalate(today=calendar.add_working_days(followup.deadline, 1))
        deadline_type = self.env.ref("gov_rules.mail_activity_type_gov_deadline")
        told = followup.activity_ids.filtered(lambda a: a.activity_type_id == deadline_type).user_id
        self.assertIn(self.principal, told)
        self.assertIn(self.office_director, told)

    def test_wrong_person_starts_or_records_no_follow_up_R11_3(self):
        """The evaluation and the report to 区委 are started by the office, not by the chair nor the unit; a
        follow-up is recorded by its responsible unit or the office, not by another unit nor a leader."""
        party = self.signed(self.type_party)
        executive = self.signed(self.type_executive, name="背街小巷整治")
        for user in (self.head, self.principal):
            with self.refused(UserError, "Only the office starts"):
                executive.with_user(user).action_start_evaluation()
            with self.refused(UserError, "Only the office starts"):
                party.with_user(user).action_start_party_report()
        self.assertFalse(executive.evaluation_id or party.party_report_id)
        action = executive.with_user(self.office_director).action_start_evaluation()
        followup = self.env["gov.meeting.followup"].browse(action["res_id"])
        followup.with_user(self.principal).note = "<p>实施效果良好。</p>"
        for user in (self.other_clerk, self.head):
            with self.assertRaises(UserError):
                followup.with_user(user).action_done()
        self.assertNotEqual(followup.state, "done")
