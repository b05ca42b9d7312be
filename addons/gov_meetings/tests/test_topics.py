from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import GovMeetingsCase


@tagged("post_install", "-at_install")
class TestMeetingTypes(GovMeetingsCase):
    def test_four_types_ship_as_data_R19_1(self):
        """R19.1: plenary, Party group, executive and special-topic meetings, each configurable."""
        self.assertEqual((self.type_plenary | self.type_party | self.type_executive | self.type_special)
                         .mapped("kind"), ["plenary", "party_group", "executive", "special"])
        self.assertEqual(self.type_party.fixer_role, "party_secretary")
        self.assertEqual(self.type_executive.fixer_role, "head")
        self.assertFalse(self.type_special.needs_agreed_opinion)
        # an administrator adds a member by name: the type takes him in
        self.type_special.write({"member_line_ids": [Command.create({"user_id": self.legal.id})]})
        self.assertIn(self.legal, self.type_special._member_users())

    def test_plenary_members_and_convener_R20_1(self):
        """R20.1: the head, the deputies and every unit's head; convened by the head or the executive
        deputy by delegation; every six months. Members follow the positions, not demo records."""
        members = self.type_plenary._member_users()
        for user in (self.head, self.exec_deputy, self.deputy_a, self.deputy_b, self.principal,
                     self.finance_principal, self.audit_principal):
            self.assertIn(user, members)
        self.assertNotIn(self.clerk, members)
        self.assertRecordValues(self.type_plenary, [{"chair_role": "head", "delegate_chair_role": "executive_deputy",
                                                     "cadence_months": 6, "cadence_min": 1}])
        # a new deputy is a member as soon as he holds the position
        self.pos_dep_b.user_id = self.legal
        self.assertIn(self.legal, self.type_plenary._member_users())
        self.assertNotIn(self.deputy_b, self.type_plenary._member_users())

    def test_party_group_members_R21_1(self):
        """R21.1: secretary, deputy secretary and members; monthly; fixed by the secretary."""
        self.assertEqual(self.type_party._member_users(),
                         self.head | self.exec_deputy | self.deputy_a | self.deputy_b)
        self.assertEqual(self.type_party.cadence_months, 1)

    def test_executive_ex_officio_R22_1(self):
        """R22.1: head and deputies; the office director, its deputy directors and the legal adviser attend."""
        self.assertEqual(self.type_executive._member_users(),
                         self.head | self.exec_deputy | self.deputy_a | self.deputy_b)
        self.assertEqual(self.type_executive._ex_officio_users(),
                         self.office_director | self.office_deputy | self.legal)
        self.assertEqual((self.type_executive.cadence_min, self.type_executive.cadence_max), (1, 2))

    def test_bad_configuration(self):
        with self.refused(ValidationError, "one role, one position or one user"):
            self.type_special.write({"member_line_ids": [Command.create({"user_id": self.legal.id,
                                                                          "role": "head"})]})
        with self.refused(ValidationError, "cannot be negative"):
            self.type_executive.cadence_max = -1
        with self.refused(ValidationError, "upper limit"):
            self.type_executive.write({"cadence_min": 3, "cadence_max": 2})


@tagged("post_install", "-at_install")
class TestTopicRoute(GovMeetingsCase):
    def test_route_consult_review_admit_fix_R22_2(self):
        """R22.2, R27.5: the units concerned give their opinion, the deputy in charge reviews, the office
        checks, the head fixes; the topic then waits in the executive meeting's pool."""
        in_pool = self.type_executive.topic_count
        topic = self.new_topic(consult_department_ids=[Command.set(self.dept_finance.ids)])
        topic.action_signoff_submit()
        self.assertEqual(topic.state, "consulting")
        topic.with_user(self.finance_principal).action_consult_answer(agree=True)
        self.assertEqual(topic.state, "review")
        self.assertEqual(self.pending(topic).user_ids, self.deputy_a)
        # the wrong leader: the deputy of another area
        with self.refused(UserError, "not waiting for you"):
            self.decide(topic, self.deputy_b)
        self.decide(topic, self.deputy_a)
        self.assertEqual(self.pending(topic).user_ids, self.office_deputy)
        self.decide(topic, self.office_deputy)
        self.assertEqual(self.pending(topic).user_ids, self.head)
        self.decide(topic, self.head)
        self.assertEqual((topic.state, topic.signoff_state), ("pool", "approved"))
        self.assertFalse(topic.units_disagree)
        self.assertIn(topic, self.env["gov.meeting.topic"].search([("meeting_type_id", "=", self.type_executive.id),
                                                                   ("state", "=", "pool")]))
        self.type_executive.invalidate_recordset(["topic_count"])
        self.assertEqual(self.type_executive.topic_count, in_pool + 1)

    def test_party_group_topic_fixed_by_secretary_R21_1(self):
        """R21.1: a member proposes (here a deputy, a member), after review the secretary fixes; a unit may not."""
        topic = self.new_topic(meeting_type_id=self.type_party.id)
        with self.refused(UserError, "may not propose topics"):
            topic.action_signoff_submit()
        self.assertEqual(topic.state, "draft")
        topic = self.new_topic(user=self.deputy_b, meeting_type_id=self.type_party.id)
        topic.action_signoff_submit()
        self.assertEqual(self.pending(topic).user_ids, self.deputy_a)
        self.decide(topic, self.deputy_a)
        self.decide(topic, self.office_deputy)
        fixer = self.pending(topic)
        self.assertEqual((fixer.role, fixer.user_ids), ("meeting_fixer", self.head))
        # the secretary is the Party position's holder: another holder fixes as soon as he holds it
        self.pos_party_secretary.user_id = self.exec_deputy
        self.env["gov.position"].invalidate_model()
        self.decide(topic, self.head)
        self.assertEqual(topic.state, "pool")

    def test_office_returns_with_reason_R24_1(self):
        """R24.1: the office returns an inadmissible topic with the reason; the unit reads its guidance."""
        reason = self.env.ref("gov_meetings.return_reason_not_district_wide")
        topic = self.new_topic()
        topic.action_signoff_submit()
        self.decide(topic, self.deputy_a)
        with self.refused(UserError, "not waiting for you"):
            topic.with_user(self.deputy_b).action_signoff_return("不属全局性事项")
        topic.with_user(self.office_deputy).action_signoff_return_for(reason, "请先在局内研究")
        self.assertEqual((topic.state, topic.return_reason_id), ("returned", reason))
        self.assertTrue(topic.return_guidance)
        log = topic.sudo().signoff_log_ids.filtered(lambda entry: entry.action == "return")
        self.assertIn("请先在局内研究", log.opinion)
        # the unit edits and submits again
        topic.write({"proposal": "<p>建议全区统一推行。</p>"})
        topic.action_signoff_submit()
        self.assertEqual(topic.state, "review")

    def test_office_only_reasons_R24_1(self):
        topic = self.new_topic()
        topic.action_signoff_submit()
        with self.refused(UserError, "Only the office"):
            topic.with_user(self.deputy_a).action_signoff_return_for(
                self.env.ref("gov_meetings.return_reason_procedures_incomplete"))
        self.assertEqual(topic.state, "review")

    def test_disagreement_needs_special_meeting_R24_2(self):
        """R24.2: a unit concerned objects: the topic may go to a special-topic meeting, not to the executive
        meeting, until a special-topic meeting's decision records an agreed opinion."""
        topic = self.new_topic(consult_department_ids=[Command.set(self.dept_finance.ids)])
        topic.action_signoff_submit()
        with self.refused(UserError, "states its reasons"):
            topic.with_user(self.finance_principal).action_consult_answer(agree=False)
        topic.with_user(self.finance_principal).action_consult_answer(agree=False, opinion="资金来源不明确")
        self.assertTrue(topic.units_disagree)
        for user in (self.deputy_a, self.office_deputy, self.head):
            self.decide(topic, user)
        self.assertEqual(topic.state, "pool")
        self.assertTrue(topic.needs_coordination)
        executive = self.new_meeting(self.type_executive)
        special = self.new_meeting(self.type_special, chair_id=self.deputy_a.id)
        with self.refused(UserError, "R24.2"):
            topic._check_agenda_ready(executive)
        self.assertTrue(topic._check_agenda_ready(special))
        # the special-topic meeting agrees an opinion: the topic may now go to the executive meeting
        minutes = self.env["gov.meeting.minutes"].sudo().create({"name": "专题会议纪要", "meeting_id": special.id})
        decision = self.env["gov.meeting.decision"].sudo().create({"minutes_id": minutes.id, "topic_id": topic.id})
        topic.sudo().agreed_decision_id = decision
        self.assertFalse(topic.needs_coordination)
        self.assertTrue(topic._check_agenda_ready(executive))
        # a changed text asked again: the unit now agrees, and the topic no longer needs coordination
        other = self.new_topic(name="另一议题", consult_department_ids=[Command.set(self.dept_finance.ids)])
        other.action_signoff_submit()
        other.with_user(self.finance_principal).action_consult_answer(agree=False, opinion="不同意")
        self.assertTrue(other.units_disagree)
        other.with_user(self.deputy_a).action_signoff_return("请与区财政局协商一致")
        other.write({"name": "另一议题（修改稿）"})
        other.action_signoff_submit()
        self.assertEqual(other.state, "consulting")
        self.assertFalse(other.units_disagree, "the changed text is asked again")
        other.with_user(self.finance_principal).action_consult_answer(agree=True)
        self.assertFalse(other.units_disagree)
        # nobody sets the agreed opinion by hand
        with self.refused(UserError, "set by the workflow|cannot be changed now"):
            topic.with_user(self.office_director).write({"agreed_decision_id": False})

    def test_agenda_checks_R22_2_R22_3(self):
        """R22.2: a topic goes to one meeting at a time, and only to a meeting of its type; R22.3: a
        topic without papers cannot go on a locked agenda."""
        topic = self.to_pool(self.new_topic())
        draft = self.new_topic(name="另一议题")
        first, second = self.new_meeting(self.type_executive), self.new_meeting(self.type_executive, days=14)
        plenary = self.new_meeting(self.type_plenary)
        with self.refused(UserError, "not in the topic pool"):
            draft._check_agenda_ready(first)
        with self.refused(UserError, "not in the topic pool"):
            topic._check_agenda_ready(plenary)
        self.assertTrue(topic._check_agenda_ready(first))
        topic.sudo().write({"meeting_id": first.id, "state": "scheduled"})
        with self.refused(UserError, "one meeting at a time"):
            topic._check_agenda_ready(second)
        topic.sudo().write({"meeting_id": False, "state": "pool"})
        second.sudo().state = "agenda_approved"
        with self.refused(UserError, "R22.3"):
            topic._check_agenda_ready(second)
        paper = self.env["ir.attachment"].create({"name": "议题材料.pdf", "raw": b"%PDF-1.4"})
        topic.sudo().attachment_ids = paper
        self.assertTrue(topic._check_agenda_ready(second))

    def test_report_to_party_committee_R8_1(self):
        """R8.1: the flag set on the topic is what its decision reads."""
        topic = self.to_pool(self.new_topic(report_to_party_committee=True))
        minutes = self.env["gov.meeting.minutes"].sudo().create({
            "name": "常务会议纪要", "meeting_id": self.new_meeting(self.type_executive).id})
        decision = self.env["gov.meeting.decision"].sudo().create({"minutes_id": minutes.id, "topic_id": topic.id})
        self.assertTrue(decision.topic_id.report_to_party_committee)
        # locked once submitted: the unit cannot drop the flag
        with self.assertRaises(UserError):
            topic.with_user(self.clerk).write({"report_to_party_committee": False})


@tagged("post_install", "-at_install")
class TestTopicChecks(GovMeetingsCase):
    def _line(self, topic, rule):
        return topic.sudo().checklist_ids.filtered(lambda line: rule in (line.rule_ref or ""))

    def test_major_decision_checklist_R11_1(self):
        """R11.1: investigation, expert argument, risk assessment, legality review and opinions collected,
        each done with evidence, before the topic is submitted."""
        topic = self.new_topic(type_id=self.topic_major.id)
        self.assertEqual(len(topic.checklist_ids), 6)
        # the type's form fields come with it
        self.assertEqual([prop["name"] for prop in topic.read(["properties"])[0]["properties"]],
                         ["investment", "public_scope", "policy_kind"])
        with self.refused(UserError, "neither done nor skipped"):
            topic.action_signoff_submit()
        procedure = topic.checklist_ids.filtered(lambda line: line.required and not line.reviewer_role)
        topic.write({"checklist_ids": [Command.update(line.id, {"state": "done", "note": "见附件"})
                                       for line in procedure]})
        with self.refused(UserError, "Legality review"):
            topic.action_signoff_submit()
        self.assertEqual(topic.state, "draft")

    def test_legality_review_by_legal_adviser_R11_4(self):
        """R11.4: only the legal adviser records the legality review."""
        topic = self.new_topic(type_id=self.topic_major.id)
        legality = topic.checklist_ids.filtered("reviewer_role")
        with self.refused(ValidationError, "legal adviser"):
            topic.write({"checklist_ids": [Command.update(legality.id, {"state": "done", "note": "我看过了"})]})
        self.env["gov.checklist.item"].with_user(self.legal).browse(legality.id).write(
            {"state": "done", "note": "经审查，合法合规"})
        self.assertEqual(legality.done_by_id, self.legal)
        others = topic.checklist_ids.filtered(lambda line: line.required and not line.reviewer_role)
        topic.write({"checklist_ids": [Command.update(line.id, {"state": "done", "note": "见附件"})
                                       for line in others]})
        topic.action_signoff_submit()
        self.assertEqual(topic.state, "review")

    def test_public_topic_needs_hearing_R11_2(self):
        """R11.2: a topic that affects the public has its hearing or argument meeting on record."""
        topic = self.new_topic(affects_public=True)
        with self.refused(UserError, "R11.2"):
            topic.action_signoff_submit()
        self.assertEqual(topic.state, "draft")
        hearing = self._line(topic, "R11.2")
        topic.write({"checklist_ids": [Command.update(hearing.id, {"state": "skipped", "skip_reason": "来不及"})]})
        with self.refused(UserError, "R11.2"):
            topic.action_signoff_submit()
        topic.write({"checklist_ids": [Command.update(hearing.id, {"state": "done", "note": "11月20日召开听证会"})]})
        topic.action_signoff_submit()
        self.assertEqual(topic.state, "review")
        # a topic that does not affect the public needs none
        self.new_topic(name="内部事项").action_signoff_submit()

    def test_bad_input_is_refused(self):
        with self.refused(ValidationError, "cannot be empty|blank|empty"):
            self.new_topic(name="   ")
        with self.refused(ValidationError, "own unit"):
            self.new_topic(consult_department_ids=[Command.set(self.dept_drc.ids)])
        with self.refused(ValidationError, "your own unit"):
            self.new_topic(department_id=self.dept_finance.id)
        topic = self.new_topic(proposal=False)
        with self.refused(UserError, "明确意见"):
            topic.action_signoff_submit()
        self.assertEqual((topic.state, topic.signoff_state), ("draft", "draft"))
        with self.refused(UserError, "set by the workflow"):
            topic.write({"state": "pool"})
        with self.refused(UserError, "set by the workflow"):
            topic.write({"units_disagree": True})


@tagged("post_install", "-at_install")
class TestTopicAccess(GovMeetingsCase):
    def test_clerk_sees_his_unit_and_consulted_topics(self):
        """A unit's clerk reads and changes his unit's drafts; another unit's clerk reads them only
        when his unit is consulted, and never changes them."""
        topic = self.new_topic()
        Topic = self.env["gov.meeting.topic"]
        self.assertEqual(Topic.with_user(self.finance_clerk).search([("id", "=", topic.id)]), Topic)
        with self.assertRaises(AccessError):
            topic.with_user(self.finance_clerk).read(["name"])
        with self.assertRaises(AccessError):
            topic.with_user(self.finance_clerk).write({"name": "改名"})
        topic.write({"consult_department_ids": [Command.set(self.dept_finance.ids)]})
        self.assertEqual(Topic.with_user(self.finance_clerk).search([("id", "=", topic.id)]), topic)
        with self.assertRaises(AccessError):
            topic.with_user(self.finance_clerk).write({"name": "改名"})
        # his own unit's colleague changes it while a draft, not once submitted
        topic.with_user(self.principal).write({"name": "关于促进民营经济发展的议题"})
        topic.action_signoff_submit()
        with self.assertRaises(UserError):
            topic.with_user(self.principal).write({"name": "再改名"})
        # the office and the leaders see all
        self.assertEqual(Topic.with_user(self.office_deputy).search([("id", "=", topic.id)]), topic)
        self.assertEqual(Topic.with_user(self.deputy_b).search([("id", "=", topic.id)]), topic)

    def test_attendee_reads_topic_of_his_meeting(self):
        topic = self.to_pool(self.new_topic())
        Topic = self.env["gov.meeting.topic"]
        self.assertFalse(Topic.with_user(self.audit_principal).search([("id", "=", topic.id)]))
        meeting = self.new_meeting(self.type_executive)
        self.env["gov.meeting.attendee"].sudo().create({"meeting_id": meeting.id, "user_id": self.audit_principal.id})
        topic.sudo().write({"meeting_id": meeting.id, "state": "scheduled"})
        self.assertEqual(Topic.with_user(self.audit_principal).search([("id", "=", topic.id)]), topic)

    def test_another_unit_cannot_submit(self):
        topic = self.new_topic()
        with self.assertRaises(UserError):
            topic.with_user(self.finance_clerk).action_signoff_submit()
        self.assertEqual(topic.state, "draft")
