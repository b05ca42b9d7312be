from datetime import date

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, freeze_time, tagged

from .common_minutes import AFTER, BEFORE, MinutesFixture

# drafting the minutes of a meeting, whatever its number of topics (measured; it must not grow)
QUERIES_TO_DRAFT = 18


class MinutesCase(MinutesFixture, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_minutes()


@tagged("post_install", "-at_install")
@freeze_time(AFTER)
class TestDraftingMinutes(MinutesCase):
    """The office drafts the minutes of a held meeting from its agenda."""

    def test_one_decision_per_topic_in_agenda_order(self):
        first = self.new_topic(self.type_executive, "城区供暖改造")
        second = self.new_topic(self.type_executive, "农贸市场搬迁")
        meeting = self.new_meeting(self.type_executive, second | first)
        minutes = self.draft(meeting)
        self.assertEqual(minutes.decision_ids.topic_id.ids, [second.id, first.id])
        self.assertEqual(set(minutes.decision_ids.mapped("outcome")), {"adopted"})
        self.assertIn("同意农贸市场搬迁", minutes.decision_ids[0].text, "the text starts from the topic's proposal")
        self.assertEqual(meeting.state, "minutes")
        self.assertEqual(minutes.state, "draft")
        self.assertEqual(minutes.meeting_date, date(2026, 3, 3))
        self.assertEqual(minutes._gov_meeting_type(), self.type_executive)

    def test_drafting_costs_the_same_whatever_the_topics(self):
        """Drafting creates the minutes and all their decisions at once: the query count does not grow with
        the topics (2 or 8)."""
        small = self.new_meeting(self.type_executive, self.new_topic(self.type_executive, "议题甲")
                                 | self.new_topic(self.type_executive, "议题乙"))
        topics = self.env["gov.meeting.topic"]
        for number in range(8):
            topics |= self.new_topic(self.type_plenary, f"议题{number}")
        large = self.new_meeting(self.type_plenary, topics)
        # the first call warms the caches (groups, rules, views); then 8 topics and 2 cost the same
        warm = self.new_meeting(self.type_executive, self.new_topic(self.type_executive, "预热"))
        counts = []
        for meeting in (warm, large, small):
            self.env.flush_all()
            self.env.cr.flush()
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            if meeting == warm:
                self.draft(meeting)
                self.env.flush_all()
                continue
            with self.assertQueryCount(QUERIES_TO_DRAFT):
                self.draft(meeting)
                self.env.flush_all()
            counts.append(self.cr.sql_log_count - start)
        self.assertEqual(counts[0], counts[1], "drafting the minutes costs the same for 2 topics as for 8")
        self.assertEqual(len(large.minutes_ids.decision_ids), 8)

    def test_bad_input_refused_nothing_saved(self):
        topic = self.new_topic(self.type_executive, "城区供暖改造")
        meeting = self.new_meeting(self.type_executive, topic)
        planned = self.new_meeting(self.type_executive, self.new_topic(self.type_executive, "未召开"),
                                   state="planned")
        empty = self.new_meeting(self.type_executive, self.env["gov.meeting.topic"])
        with self.refused(UserError, "Only the office drafts"):
            self.draft(meeting, user=self.clerk)
        with self.refused(UserError, "once it has been held"):
            self.draft(planned)
        with self.refused(UserError, "no topic on its agenda"):
            self.draft(empty)
        self.assertFalse(self.env["gov.meeting.minutes"].search([]).filtered(
            lambda m: m.meeting_id in meeting | planned | empty))
        self.assertEqual(planned.state, "planned")
        minutes = self.draft(meeting)
        with self.refused(UserError, "already has its minutes"):
            self.draft(meeting)
        minutes.decision_ids.with_user(self.office_director).text = "<p> </p>"
        with self.refused(UserError, "Write what the meeting decided on “城区供暖改造”"):
            minutes.with_user(self.office_director).action_signoff_submit()
        self.assertEqual(minutes.state, "draft")
        self.assertFalse(minutes.signoff_task_ids)

    def test_an_unheld_meeting_has_no_minutes_yet(self):
        meeting = self.new_meeting(self.type_executive, self.new_topic(self.type_executive, "明日议题"),
                                   state="agenda_approved")
        with freeze_time(BEFORE), self.refused(UserError, "once it has been held"):
            self.draft(meeting)
        self.assertTrue(self.draft(meeting), "its time came: the minutes are drafted")


@tagged("post_install", "-at_install")
@freeze_time(AFTER)
class TestSigningMinutes(MinutesCase):
    """The minutes are checked and signed through the engine by the meeting type's rule."""

    def test_executive_minutes_signed_by_the_head_R22_3(self):
        adopted = self.new_topic(self.type_executive, "城区供暖改造")
        deferred = self.new_topic(self.type_executive, "农贸市场搬迁")
        meeting = self.new_meeting(self.type_executive, adopted | deferred)
        minutes = self.draft(meeting)
        minutes.decision_ids[1].with_user(self.office_director).outcome = "deferred"
        minutes.with_user(self.office_director).action_signoff_submit()
        self.assertEqual(minutes.state, "review")
        self.assertEqual(self.pending(minutes).user_ids, self.head)
        # a deputy may not sign the head's minutes
        with self.refused(UserError, "not waiting for you"):
            minutes.with_user(self.deputy_a).action_signoff_approve()
        minutes.with_user(self.head).action_signoff_approve()
        self.assertEqual(minutes.state, "signed")
        self.assertEqual(minutes.signer_id, self.head)
        self.assertTrue(minutes.number.startswith("〔2026〕"))
        self.assertEqual(meeting.state, "closed")
        self.assertEqual(adopted.state, "decided")
        # a deferred topic goes back to its type's pool for the next meeting
        self.assertEqual(deferred.state, "pool")
        self.assertFalse(deferred.meeting_id)

    def test_plenary_minutes_signed_by_the_head_R22_3(self):
        minutes = self.draft(self.new_meeting(self.type_plenary, self.new_topic(self.type_plenary, "半年工作总结")))
        minutes.with_user(self.office_director).action_signoff_submit()
        self.assertEqual(self.pending(minutes).user_ids, self.head)

    def test_party_group_checked_by_deputy_secretary_signed_by_secretary_R21_2(self):
        """R21.2: the deputy secretary checks the Party group's minutes, the secretary signs them."""
        minutes = self.draft(self.new_meeting(self.type_party, self.new_topic(self.type_party, "贯彻区委全会精神")))
        minutes.with_user(self.office_director).action_signoff_submit()
        self.assertEqual(self.pending(minutes).user_ids, self.exec_deputy, "the deputy secretary checks first")
        with self.refused(UserError, "not waiting for you"):
            minutes.with_user(self.head).action_signoff_approve()
        minutes.with_user(self.exec_deputy).action_signoff_approve("已核")
        self.assertEqual(self.pending(minutes).user_ids, self.head, "then the secretary signs")
        minutes.with_user(self.head).action_signoff_approve()
        self.assertEqual(minutes.state, "signed")

    def test_special_minutes_signed_by_the_chair_or_who_delegated_R23_1(self):
        """R23.1: the minutes of a special-topic meeting are signed by its chair, or by the leader who delegated it."""
        chaired = self.draft(self.new_meeting(self.type_special, self.new_topic(self.type_special, "开发区协调"),
                                              chair=self.deputy_a))
        chaired.with_user(self.office_director).action_signoff_submit()
        self.assertEqual(self.pending(chaired).user_ids, self.deputy_a)
        delegated = self.draft(self.new_meeting(self.type_special, self.new_topic(self.type_special, "征地协调"),
                                                chair=self.deputy_a, delegated_by_id=self.head.id))
        self.assertEqual(delegated._gov_meeting_signer(), self.head)
        delegated.with_user(self.office_director).action_signoff_submit()
        self.assertEqual(self.pending(delegated).user_ids, self.head)
        with self.refused(UserError, "not waiting for you"):
            delegated.with_user(self.deputy_a).action_signoff_approve()

    def test_special_meeting_records_the_agreed_opinion_R24_2(self):
        """A topic of the executive meeting the units disagreed on: the special-topic meeting's adopted decision
        is its agreed opinion, and it goes back to its own pool for the executive meeting."""
        # the units consulted disagreed on it (the topics' route recorded it): only a special-topic meeting takes it
        disputed = self.new_topic(self.type_executive, "跨部门征收补偿标准", units_disagree=True)
        own = self.new_topic(self.type_special, "专题事项")
        minutes = self.draft(self.new_meeting(self.type_special, disputed | own, chair=self.deputy_a))
        self.sign(minutes, self.deputy_a)
        decision = minutes.decision_ids.filtered(lambda d: d.topic_id == disputed)
        self.assertEqual(disputed.agreed_decision_id, decision)
        self.assertEqual(disputed.state, "pool")
        self.assertFalse(disputed.meeting_id)
        self.assertEqual(own.state, "decided")

    def test_not_adopted_records_no_agreed_opinion_R24_2(self):
        # the units consulted disagreed on it (the topics' route recorded it): only a special-topic meeting takes it
        disputed = self.new_topic(self.type_executive, "跨部门征收补偿标准", units_disagree=True)
        minutes = self.draft(self.new_meeting(self.type_special, disputed, chair=self.deputy_a))
        minutes.decision_ids.with_user(self.office_director).outcome = "not_adopted"
        self.sign(minutes, self.deputy_a)
        self.assertFalse(disputed.agreed_decision_id)
        self.assertEqual(disputed.state, "decided")

    def test_signed_minutes_are_locked(self):
        minutes = self.sign(self.draft(self.new_meeting(self.type_executive, self.new_topic(
            self.type_executive, "城区供暖改造"))), self.head)
        office = minutes.with_user(self.office_director)
        with self.assertRaises(UserError):
            office.name = "改过的纪要"
        with self.assertRaises(UserError):
            office.decision_ids.text = "<p>改过</p>"
        self.assertNotEqual(minutes.name, "改过的纪要")

    def test_returned_minutes_are_corrected_and_submitted_again(self):
        minutes = self.draft(self.new_meeting(self.type_executive, self.new_topic(self.type_executive, "城区供暖")))
        minutes.with_user(self.office_director).action_signoff_submit()
        minutes.with_user(self.head).action_signoff_return("第一项表述不准确")
        self.assertEqual(minutes.state, "returned")
        minutes.decision_ids.with_user(self.office_director).text = "<p>原则同意，由区发改局修改完善后实施。</p>"
        minutes.decision_ids.with_user(self.office_director).outcome = "adopted_changed"
        minutes.with_user(self.office_director).action_signoff_submit()
        minutes.with_user(self.head).action_signoff_approve()
        self.assertEqual(minutes.state, "signed")


@tagged("post_install", "-at_install")
@freeze_time(AFTER)
class TestMinutesAccess(MinutesCase):
    """Minutes are read by the meeting's participants, the office and the leaders; changed by the office."""

    def test_who_reads_and_who_changes_the_minutes(self):
        minutes = self.draft(self.new_meeting(self.type_executive, self.new_topic(self.type_executive, "城区供暖")))
        Minutes = self.env["gov.meeting.minutes"]
        for user in (self.finance_principal, self.exec_deputy, self.office_deputy, self.deputy_a):
            with self.subTest(user=user.name):
                self.assertEqual(Minutes.with_user(user).search([("id", "=", minutes.id)]), minutes)
        for user in (self.clerk, self.other_clerk):
            with self.subTest(user=user.name):
                self.assertFalse(Minutes.with_user(user).search([("id", "=", minutes.id)]))
        # a clerk, even a participant, does not change the minutes or their decisions
        with self.assertRaises(UserError):
            minutes.with_user(self.finance_principal).name = "改"
        with self.assertRaises(UserError):
            minutes.decision_ids.with_user(self.finance_principal).outcome = "deferred"
        with self.assertRaises(UserError):
            minutes.with_user(self.finance_principal).action_signoff_submit()
        self.assertEqual(minutes.decision_ids.outcome, "adopted")
        self.assertEqual(minutes.state, "draft")
        # decisions follow their minutes
        Decision = self.env["gov.meeting.decision"]
        self.assertEqual(Decision.with_user(self.finance_principal).search([("minutes_id", "=", minutes.id)]),
                         minutes.decision_ids)
        self.assertFalse(Decision.with_user(self.other_clerk).search([("minutes_id", "=", minutes.id)]))
