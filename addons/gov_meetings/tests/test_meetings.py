from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, freeze_time, tagged

from .meetings_common import MeetingsOrganisation

# queries to add a topic to an agenda (its attending unit joins the meeting and its calendar event) and to
# lock an agenda (the head approves it), whatever the size of the agenda or of the pool; the topics' readiness
# check (R24.2) reads the meeting type only for a topic its units disagree on
ADD_TOPIC_QUERIES = 35
LOCK_QUERIES = 30


@tagged("post_install", "-at_install")
class TestMeetings(MeetingsOrganisation, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_meetings()

    # ------------------------------------------------------------------
    # Participants and calendars
    # ------------------------------------------------------------------
    def test_participants_from_the_type_ex_officio_R22_1(self):
        """R22.1: the chair (by the type's chair role), the members, and the office director, his deputy
        and the legal adviser ex officio, added to the meeting automatically."""
        meeting = self.new_meeting()
        roles = {attendee.user_id: attendee.role for attendee in meeting.attendee_ids}
        self.assertEqual(meeting.chair_id, self.head)
        self.assertEqual(roles, {
            self.head: "chair", self.exec_deputy: "member", self.deputy_a: "member", self.deputy_b: "member",
            self.office_director: "ex_officio", self.office_deputy: "ex_officio", self.legal: "ex_officio"})
        event = meeting.calendar_event_id
        self.assertTrue(event, "the meeting is an event in the participants' calendars")
        self.assertEqual(event.partner_ids, meeting.attendee_ids.user_id.partner_id)
        self.assertEqual((event.start, event.stop, event.location), (meeting.start, meeting.stop, self.room.name))

    def test_units_attending_a_topic_are_invited_R20_1(self):
        """R20.1: non-members are invited to attend (列席): the principals of a topic's attending units join
        the meeting and its calendar event while the topic is on the agenda, and leave with it."""
        meeting = self.new_meeting()
        topic = self.new_topic(attending=self.dept_finance | self.dept_audit)
        line = self.add_topics(meeting, topic)
        attending = meeting.attendee_ids.filtered(lambda a: a.role == "attending").user_id
        self.assertEqual(attending, self.finance_principal | self.audit_principal)
        self.assertIn(self.finance_principal.partner_id, meeting.calendar_event_id.partner_ids)
        self.assertEqual((topic.state, topic.meeting_id), ("scheduled", meeting))
        line.with_user(self.office).unlink()
        self.assertFalse(meeting.attendee_ids.filtered(lambda a: a.role == "attending"))
        self.assertNotIn(self.finance_principal.partner_id, meeting.calendar_event_id.partner_ids)
        self.assertEqual((topic.state, topic.meeting_id.id), ("pool", False), "the topic waits in the pool again")

    def test_calendar_follows_time_room_and_cancellation(self):
        meeting = self.new_meeting()
        topic = self.new_topic()
        self.add_topics(meeting, topic)
        later = self.next_week + timedelta(days=1)
        meeting.with_user(self.office).write({"start": later, "stop": later + timedelta(hours=3),
                                              "room_id": self.room_2.id})
        event = meeting.calendar_event_id
        self.assertEqual((event.start, event.stop, event.location),
                         (later, later + timedelta(hours=3), self.room_2.name))
        meeting.with_user(self.office).action_cancel()
        self.assertEqual(meeting.state, "cancelled")
        self.assertFalse(event.active, "the event leaves the calendars with the meeting")
        self.assertEqual(topic.state, "pool", "the topics go back to the pool")

    def test_approved_meeting_still_moves(self):
        """An approved agenda is locked, but the meeting may move to another time until it is held."""
        meeting = self.new_meeting()
        self.add_topics(meeting, self.new_topic())
        self.approve_agenda(meeting)
        later = self.next_week + timedelta(days=2)
        meeting.with_user(self.office).write({"start": later, "stop": later + timedelta(hours=1)})
        self.assertEqual(meeting.calendar_event_id.start, later)
        with self.refused(UserError, "cannot be changed now"):
            meeting.with_user(self.office).write({"chair_id": self.exec_deputy.id})

    # ------------------------------------------------------------------
    # The agenda and its approval
    # ------------------------------------------------------------------
    def test_head_approves_then_no_topic_is_added_R22_2(self):
        """R22.2: the head (who fixes the type's topics) approves the agenda through the engine; once approved
        no topic can be added or removed."""
        meeting = self.new_meeting()
        first, second = self.new_topic("议题一"), self.new_topic("议题二")
        lines = self.add_topics(meeting, first)
        meeting.with_user(self.office).action_signoff_submit()
        self.assertEqual((meeting.state, meeting.sudo().signoff_task_ids.user_ids), ("agenda_review", self.head))
        with self.refused(UserError, "is locked"):
            self.add_topics(meeting, second)
        with self.refused(UserError, "not waiting for you"):
            meeting.with_user(self.deputy_a).action_signoff_approve()
        meeting.with_user(self.head).action_signoff_approve()
        self.assertEqual(meeting.state, "agenda_approved")
        self.assertTrue(meeting.agenda_approved_on)
        with self.refused(UserError, r"no topic can be added.*R22\.2"):
            self.add_topics(meeting, second)
        with self.refused(UserError, r"R22\.2"):
            lines.with_user(self.office).unlink()
        with self.refused(UserError, r"R22\.2"):
            lines.with_user(self.office).write({"sequence": 5})
        self.assertEqual(second.state, "pool")
        self.assertEqual(meeting.agenda_line_ids.topic_id, first)

    def test_change_of_an_approved_agenda_needs_a_new_approval_R22_2(self):
        """R22.2: a change needs a new approval, with its reason, logged; the late topic is flagged."""
        meeting = self.new_meeting()
        self.add_topics(meeting, self.new_topic("议题一"))
        self.approve_agenda(meeting)
        with self.refused(UserError, "reason"):
            meeting.with_user(self.office).action_change_agenda(" ")
        wizard = self.env["gov.meeting.agenda.change"].with_user(self.office).create({
            "meeting_id": meeting.id, "reason": "区长交办：增加防汛议题"})
        wizard.action_confirm()
        self.assertEqual((meeting.state, meeting.signoff_state), ("planned", "draft"))
        log = meeting.sudo().signoff_log_ids.filtered(lambda entry: entry.action == "reopen")
        self.assertEqual((log.opinion, log.user_id), ("区长交办：增加防汛议题", self.office))
        late = self.add_topics(meeting, self.new_topic("防汛议题"))
        self.assertTrue(late.is_late, "a topic added after the first approval is a late topic")
        self.assertFalse(meeting.agenda_line_ids[:1].is_late)
        self.assertEqual(meeting.late_topic_count, 1)
        with self.refused(UserError, "not waiting for you"):
            meeting.with_user(self.office).action_signoff_approve()
        self.approve_agenda(meeting)
        self.assertEqual(meeting.state, "agenda_approved")
        self.assertEqual(len(meeting.sudo().signoff_log_ids.filtered(lambda e: e.action == "approve")), 2)

    def test_topic_without_papers_cannot_go_on_a_locked_agenda_R22_3(self):
        """R22.3: the agenda is not locked while one of its topics has no papers; nothing changes."""
        meeting = self.new_meeting()
        bare = self.new_topic("无材料议题", papers=False)
        self.add_topics(meeting, self.new_topic("议题一") | bare)
        with self.refused(UserError, r"no papers.*R22\.3"):
            meeting.with_user(self.office).action_signoff_submit()
        self.assertEqual((meeting.state, meeting.signoff_state), ("planned", "draft"))
        self.assertFalse(meeting.sudo().signoff_task_ids)

    def test_states_after_the_approval(self):
        meeting = self.new_meeting()
        self.add_topics(meeting, self.new_topic())
        with self.refused(UserError, "once its agenda is approved"):
            meeting.with_user(self.office).action_send_papers()
        self.approve_agenda(meeting)
        with patch.object(type(meeting), "_deliver_papers", autospec=True, return_value=True) as deliver:
            meeting.with_user(self.office).action_send_papers()
        self.assertEqual(meeting.state, "papers_sent")
        deliver.assert_called_once()
        with self.refused(UserError, "once it took place"):
            meeting.with_user(self.office).action_held()
        with freeze_time(meeting.start + timedelta(minutes=30)):
            meeting.with_user(self.office).action_held()
        self.assertEqual(meeting.state, "held")
        with self.refused(UserError, "cannot be cancelled"):
            meeting.with_user(self.office).action_cancel()
        meeting.with_user(self.office).action_close()
        self.assertEqual(meeting.state, "closed")

    # ------------------------------------------------------------------
    # Bad input (section 8): a clear message, nothing saved
    # ------------------------------------------------------------------
    def test_bad_input_meeting_ends_before_it_starts(self):
        count = self.env["gov.meeting"].search_count([])
        with self.refused(ValidationError, "ends before it starts"):
            self.new_meeting(hours=-1)
        meeting = self.new_meeting()
        with self.refused(ValidationError, "ends before it starts"):
            meeting.with_user(self.office).write({"stop": meeting.start})
        self.assertEqual(self.env["gov.meeting"].search_count([]), count + 1)

    def test_bad_input_meeting_in_the_past(self):
        count = self.env["gov.meeting"].search_count([])
        with self.refused(ValidationError, "in the past"):
            self.new_meeting(start=fields.Datetime.now() - timedelta(days=1))
        self.assertEqual(self.env["gov.meeting"].search_count([]), count)

    def test_bad_input_room_already_booked(self):
        """A room is never booked twice: the refusal names the other meeting."""
        first = self.new_meeting(name="第一次常务会议")
        count = self.env["gov.meeting"].search_count([])
        with self.refused(ValidationError, "already booked.*第一次常务会议"):
            self.new_meeting(start=self.next_week + timedelta(hours=1), name="第二次常务会议")
        self.assertEqual(self.env["gov.meeting"].search_count([]), count)
        second = self.new_meeting(start=self.next_week + timedelta(hours=1), room_id=self.room_2.id)
        with self.refused(ValidationError, "already booked.*第一次常务会议"):
            second.with_user(self.office).write({"room_id": self.room.id})
        self.assertEqual(second.room_id, self.room_2)
        # back to back is no clash, and a cancelled meeting frees its room
        self.new_meeting(start=first.stop, room_id=self.room.id)
        first.with_user(self.office).action_cancel()
        self.new_meeting(start=self.next_week, hours=1)

    def test_bad_input_topic_on_two_meetings_R22_2(self):
        """R22.2: a topic goes to one meeting at a time."""
        topic = self.new_topic()
        first = self.new_meeting(name="第一次常务会议")
        second = self.new_meeting(start=self.next_week + timedelta(days=1), name="第二次常务会议")
        self.add_topics(first, topic)
        with self.refused(UserError, "already on the agenda of .*第一次常务会议"):
            self.add_topics(second, topic)
        self.assertFalse(second.agenda_line_ids)
        self.assertEqual(topic.meeting_id, first)

    def test_bad_input_topic_of_another_type_or_not_fixed(self):
        meeting = self.new_meeting()
        with self.refused(UserError, "常务会议|全体会议"):
            self.add_topics(meeting, self.new_topic(meeting_type=self.other_type))
        draft = self.new_topic("草稿议题")
        draft.sudo().state = "draft"
        with self.refused(UserError, "not in the topic pool"):
            self.add_topics(meeting, draft)
        self.assertFalse(meeting.agenda_line_ids)

    def test_bad_input_topic_on_a_locked_agenda_R22_2(self):
        meeting = self.new_meeting()
        self.add_topics(meeting, self.new_topic("议题一"))
        self.approve_agenda(meeting)
        topic = self.new_topic("迟到议题")
        with self.refused(UserError, r"R22\.2"):
            meeting.with_user(self.office).write({"agenda_line_ids": [(0, 0, {"topic_id": topic.id})]})
        self.assertEqual((topic.state, len(meeting.agenda_line_ids)), ("pool", 1))

    # ------------------------------------------------------------------
    # Who may do what
    # ------------------------------------------------------------------
    def test_office_plans_others_read(self):
        """The office plans and changes meetings; a clerk, a leader or a participant may not."""
        for user in (self.clerk, self.deputy_a, self.legal):
            with self.assertRaises(AccessError):
                self.new_meeting(user=user)
        meeting = self.new_meeting()
        for user in (self.clerk, self.deputy_a, self.legal):
            with self.assertRaises(AccessError):
                meeting.with_user(user).write({"name": "改名"})
            with self.assertRaises(AccessError):
                self.add_topics(meeting, self.new_topic(f"议题 {user.login}"), user=user)
            with self.assertRaises(AccessError):
                meeting.with_user(user).action_cancel()
        with self.assertRaises(AccessError):
            meeting.with_user(self.legal).action_signoff_submit()

    def test_who_reads_a_meeting(self):
        """Leaders read all meetings; a participant reads his; a clerk reads the meetings whose agenda has his
        unit's topics, and not the others (another unit's clerk)."""
        meeting = self.new_meeting()
        for user in (self.head, self.deputy_a, self.legal, self.office_deputy):
            self.assertEqual(meeting.with_user(user).read(["name"])[0]["id"], meeting.id, user.login)
        with self.assertRaises(AccessError):
            meeting.with_user(self.clerk).read(["name"])
        self.add_topics(meeting, self.new_topic(department=self.dept_drc))
        meeting.invalidate_recordset()
        meeting.with_user(self.clerk).read(["name", "agenda_line_ids"])
        meeting.agenda_line_ids.with_user(self.clerk).read(["topic_id"])
        for user in (self.finance_clerk, self.audit_principal):
            with self.assertRaises(AccessError):
                meeting.with_user(user).read(["name"])
            self.assertFalse(self.env["gov.meeting"].with_user(user).search([("id", "=", meeting.id)]))
        self.assertEqual(self.env["gov.meeting"].with_user(self.legal).search(
            [("attendee_ids.user_id", "=", self.legal.id), ("id", "=", meeting.id)]), meeting,
            "my meetings: the legal adviser attends ex officio")

    # ------------------------------------------------------------------
    # Queries
    # ------------------------------------------------------------------
    def _count(self, function):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        function()
        self.env.flush_all()
        return self.env.cr.sql_log_count - before

    def test_demo_meeting_of_this_month_stays_in_the_month(self):
        """The demo's "this month's executive meeting" lies in the district's current month, ahead when the
        month leaves a working day, else later the same day (times in Beijing, UTC+8)."""
        Meeting = self.env["gov.meeting"]
        cases = [
            # mid-month (Wednesday): the first working day three days on, the Monday
            ("2026-12-09 02:00:00", "2026-12-14 01:00:00"),
            # the last week: no working day three days on, the month's last one left
            ("2026-12-29 02:00:00", "2026-12-31 01:00:00"),
            # the month's last working day, its morning: later that day, on the next hour
            ("2026-12-31 02:20:00", "2026-12-31 03:00:00"),
            # a month that ends on a weekend, its last Friday: later that day, not the next month's Monday
            ("2027-07-30 01:00:00", "2027-07-30 02:00:00"),
        ]
        for now, expected in cases:
            with self.subTest(now=now), freeze_time(now):
                start, stop = Meeting._gov_demo_this_month_slot()
                self.assertEqual(fields.Datetime.to_string(start), expected)
                self.assertGreater(start, fields.Datetime.now())
                self.assertGreater(stop, start)
        # a minute before the month's last midnight: in the month rather than in the future
        with freeze_time("2026-12-31 15:58:00"):
            start, stop = Meeting._gov_demo_this_month_slot()
            self.assertLess(start, stop)
            self.assertLessEqual(stop, fields.Datetime.to_datetime("2026-12-31 15:59:00"))

    def test_adding_a_topic_and_locking_cost_the_same_whatever_the_agenda(self):
        """Adding a topic and locking the agenda cost as many queries on a short agenda as on a long one."""
        counts = {}
        # the first run fills the caches (routes, roles, views of the calendar): measured, not compared
        for size in (1, 2, 10):
            meeting = self.new_meeting(start=self.next_week + timedelta(days=size))
            self.add_topics(meeting, [self.new_topic(f"议题 {size}-{i}", attending=self.dept_finance)
                                      for i in range(size)])
            topic = self.new_topic(f"新增议题 {size}", attending=self.dept_audit)
            add = self._count(lambda m=meeting, t=topic: self.add_topics(m, t))
            meeting.with_user(self.office).action_signoff_submit()
            lock = self._count(lambda m=meeting: m.with_user(self.head).action_signoff_approve())
            self.assertEqual(meeting.state, "agenda_approved")
            counts[size] = (add, lock)
        self.assertEqual(counts[2], counts[10], f"queries (add, lock) for 2 and 10 topics: {counts}")

    def test_query_count_of_adding_a_topic_and_locking(self):
        # warm the caches (routes, roles) with a first meeting
        warm = self.new_meeting(start=self.next_week + timedelta(days=3))
        self.add_topics(warm, self.new_topic("预热议题", attending=self.dept_finance))
        self.approve_agenda(warm)
        meeting = self.new_meeting()
        self.add_topics(meeting, self.new_topic("议题一", attending=self.dept_finance))
        topic = self.new_topic("议题二", attending=self.dept_audit)
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(ADD_TOPIC_QUERIES):
            self.add_topics(meeting, topic)
            self.env.flush_all()
        meeting.with_user(self.office).action_signoff_submit()
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(LOCK_QUERIES):
            meeting.with_user(self.head).action_signoff_approve()
            self.env.flush_all()
