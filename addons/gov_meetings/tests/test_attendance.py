from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common_attendance import GovAttendanceOrganisation


@tagged("post_install", "-at_install")
class TestAttendance(GovAttendanceOrganisation, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_attendance()
        cls.read_type = cls.env.ref("gov_meetings.mail_activity_type_gov_read_papers")

    def reading_activities(self, meeting=None):
        return self.env["mail.activity"].search([
            ("res_model", "=", "gov.meeting"), ("res_id", "=", (meeting or self.meeting).id),
            ("activity_type_id", "=", self.read_type.id)])

    # ------------------------------------------------------------------
    # Papers (R22.3)
    # ------------------------------------------------------------------
    def test_papers_delivered_to_every_participant_R22_3(self):
        """Sending the papers delivers every paper of the agenda to every participant, with one to-do each."""
        self.send_papers()
        rows = self.env["gov.meeting.paper.read"].search([("meeting_id", "=", self.meeting.id)])
        self.assertEqual(len(rows), 5 * 3, "five participants, three papers")
        self.assertEqual(set(rows.attachment_id.ids), {self.paper_a1.id, self.paper_a2.id, self.paper_b.id})
        self.assertFalse(rows.filtered("read_on"))
        self.assertTrue(all(self.meeting.attendee_ids.mapped("papers_delivered_on")))
        activities = self.reading_activities()
        self.assertEqual(sorted(activities.user_id.ids), sorted(self.meeting.attendee_ids.user_id.ids))
        self.assertEqual(len(activities), 5, "one to-do per participant")
        self.assertIn(self.meeting.name, activities[0].summary)
        self.assertEqual(self.meeting.papers_unread_count, 5)

    def test_reading_activity_in_the_participants_language_R22_3(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.deputy_a.lang = "zh_CN"
        self.send_papers()
        summary = self.reading_activities().filtered(lambda a: a.user_id == self.deputy_a).summary
        english = self.reading_activities().filtered(lambda a: a.user_id == self.deputy_b).summary
        self.assertEqual(english, f"Read the papers of {self.meeting.name}")
        self.assertNotEqual(summary, english, "the Chinese participant reads his to-do in Chinese")
        self.assertIn(self.meeting.name, summary)

    def test_opening_all_papers_is_reading_them_R22_3(self):
        """Opening a paper records the first opening; once all are opened the participant has read them
        and his to-do is done; opening again changes nothing."""
        self.send_papers()
        mine = self.env["gov.meeting.paper.read"].with_user(self.deputy_a).search([])
        self.assertEqual(len(mine), 3, "a participant sees his own papers only")
        mine[0]._mark_read()
        attendee = self.attendee(self.deputy_a)
        self.assertTrue(mine[0].read_on)
        self.assertFalse(attendee.papers_read_on, "one paper of three is not reading the papers")
        first = mine[0].read_on
        (mine[1] | mine[2])._mark_read()
        mine[0]._mark_read()
        self.assertEqual(mine[0].read_on, first, "the first opening is kept")
        self.assertTrue(attendee.papers_read_on)
        self.assertFalse(self.reading_activities().filtered(lambda a: a.user_id == self.deputy_a))
        self.assertEqual(len(self.reading_activities()), 4)
        self.assertEqual(attendee.paper_unread_count, 0)
        self.assertEqual(attendee.paper_count, 3)

    def test_papers_readings_access_R22_3(self):
        """A participant sees only his own readings; the chair those of his meeting; the office all;
        nobody but the system writes them."""
        self.send_papers()
        Read = self.env["gov.meeting.paper.read"]
        self.assertEqual(Read.with_user(self.clerk).search_count([]), 0, "another unit's clerk sees none")
        self.assertEqual(Read.with_user(self.head).search_count([("meeting_id", "=", self.meeting.id)]), 15)
        self.assertEqual(Read.with_user(self.office_deputy).search_count([("meeting_id", "=", self.meeting.id)]), 15)
        mine = Read.with_user(self.deputy_b).search([], limit=1)
        with self.assertRaises(AccessError):
            mine.write({"read_on": fields.Datetime.now()})
        someone_else = Read.search([("user_id", "=", self.deputy_a.id)], limit=1)
        with self.assertRaises(AccessError):
            someone_else.with_user(self.deputy_b).read(["read_on"])

    def test_papers_to_read_lists_my_unread_papers_R22_3(self):
        self.send_papers()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_meetings.action_gov_meeting_papers_to_read")
        Read = self.env["gov.meeting.paper.read"].with_user(self.deputy_b)
        domain = [*eval(action["domain"], {"uid": self.deputy_b.id}), ("read_on", "=", False)]  # noqa: S307
        self.assertEqual(Read.search_count(domain), 3)
        Read.search(domain, limit=1)._mark_read()
        self.assertEqual(Read.search_count(domain), 2)

    def test_papers_to_read_query_count_is_flat_R22_3(self):
        """Opening "papers to read" costs the same with 100 papers to read as with 600."""
        fields_spec = {"meeting_id": {"fields": {"display_name": {}}}, "meeting_start": {},
                       "topic_id": {"fields": {"display_name": {}}}, "name": {}, "read_on": {}}
        Read = self.env["gov.meeting.paper.read"].with_user(self.deputy_b)
        domain = [("user_id", "=", self.deputy_b.id), ("read_on", "=", False)]

        def open_list():
            self.env.invalidate_all()
            return Read.web_search_read(domain, fields_spec, limit=80)

        def add_meeting(days, papers):
            topic = self._pool_topic(f"议题 {days}")
            attachments = self.env["ir.attachment"].create([
                {"name": f"材料 {days}-{i}", "type": "url", "url": f"/paper/{days}/{i}", "res_model": topic._name,
                 "res_id": topic.id} for i in range(papers)])
            topic.attachment_ids = attachments
            self.send_papers(self._meeting(topic, days=days, participants=((self.head, "chair"),
                                                                           (self.deputy_b, "member"))))

        self.send_papers()
        add_meeting(10, 97)
        open_list()
        with self.assertQueryCount(6):
            result = open_list()
        self.assertEqual(result["length"], 100)
        add_meeting(11, 500)
        open_list()
        with self.assertQueryCount(6):
            result = open_list()
        self.assertEqual(result["length"], 600)

    def test_unread_papers_warn_the_office_the_working_day_before_R22_3(self):
        """The cron tells the meeting's organiser, the working day before, who has not read: one to-do per
        meeting, once."""
        calendar = self.env["gov.rule.set"]._current().calendar_id
        from odoo.addons.gov_rules.lib.district_time import district_today  # noqa: PLC0415

        today = district_today(self.env)
        meeting_day = calendar.add_working_days(today, 1)
        start = fields.Datetime.to_datetime(meeting_day) + timedelta(hours=2)  # 10:00 in Beijing
        self.meeting.write({"start": start, "stop": start + timedelta(hours=2)})
        topic_c = self._pool_topic("关于背街小巷整治的议题")
        self._paper(topic_c, "整治方案.txt")
        later = self._meeting(topic_c, days=10)
        self.send_papers()
        self.send_papers(later)
        (self.env["gov.meeting.paper.read"].search([("user_id", "=", self.deputy_a.id)])._mark_read())
        warn_type = self.env.ref("gov_meetings.mail_activity_type_gov_unread_papers")
        self.env["gov.meeting"]._cron_warn_unread_papers()
        self.env["gov.meeting"]._cron_warn_unread_papers()
        warnings = self.env["mail.activity"].search([("activity_type_id", "=", warn_type.id),
                                                     ("res_id", "in", (self.meeting | later).ids)])
        self.assertEqual(len(warnings), 1, "one to-do, for the meeting of the next working day, once")
        self.assertEqual(warnings.res_id, self.meeting.id)
        self.assertEqual(warnings.user_id, self.office_director)
        self.assertIn("4", warnings.summary)
        self.assertIn(self.deputy_b.name, warnings.note)
        self.assertNotIn(self.deputy_a.name, warnings.note)

    def test_substitute_gets_the_papers_R22_3(self):
        self.send_papers()
        leave = self.env["gov.meeting.leave"].with_user(self.deputy_a).create({
            "meeting_id": self.meeting.id, "reason": "外出调研", "substitute_id": self.legal.id})
        leave.with_user(self.head).action_grant()
        rows = self.env["gov.meeting.paper.read"].search([("user_id", "=", self.legal.id)])
        self.assertEqual(len(rows), 3)

    # ------------------------------------------------------------------
    # Leave (R25.1)
    # ------------------------------------------------------------------
    def test_leader_asks_the_chair_who_grants_with_substitute_R25_1(self):
        leave = self.env["gov.meeting.leave"].with_user(self.deputy_a).create({
            "meeting_id": self.meeting.id, "reason": "同一时间须出席市政府会议", "substitute_id": self.legal.id})
        self.assertEqual(leave.decider, "chair")
        leave_type = self.env.ref("gov_meetings.mail_activity_type_gov_leave")
        todo = leave.activity_ids.filtered(lambda a: a.activity_type_id == leave_type)
        self.assertEqual(todo.user_id, self.head, "the chair decides a leader's leave")
        self.assertTrue(leave.with_user(self.head).can_decide)
        self.assertFalse(leave.with_user(self.deputy_a).can_decide)
        leave.with_user(self.head).action_grant()
        self.assertEqual(leave.state, "granted")
        self.assertEqual(leave.decided_by_id, self.head)
        attendee = self.attendee(self.deputy_a)
        self.assertEqual(attendee.attendance, "substitute")
        self.assertEqual(attendee.substitute_id, self.legal)
        substitute = self.attendee(self.legal)
        self.assertEqual(substitute.role, "substitute")
        self.assertEqual(substitute.substitute_for_id, attendee)
        self.assertFalse(leave.activity_ids.filtered(lambda a: a.activity_type_id == leave_type))

    def test_leave_without_substitute_R25_1(self):
        leave = self.env["gov.meeting.leave"].with_user(self.deputy_b).create({
            "meeting_id": self.meeting.id, "reason": "病假"})
        leave.with_user(self.head).action_grant()
        self.assertEqual(self.attendee(self.deputy_b).attendance, "leave")
        self.assertEqual(len(self.meeting.attendee_ids), 5, "no one added")

    def test_others_ask_through_the_office_R25_1(self):
        leave = self.env["gov.meeting.leave"].with_user(self.principal).create({
            "meeting_id": self.meeting.id, "reason": "局内紧急事务", "substitute_id": self.clerk.id})
        self.assertEqual(leave.decider, "office")
        self.assertEqual(leave.activity_ids.user_id, self.office_director, "the meeting's organiser decides")
        with self.assertRaises(AccessError):
            leave.with_user(self.head).action_grant()
        leave.refusal_reason = "议题由贵局汇报，须主要负责人出席"
        leave.with_user(self.office_deputy).action_refuse()
        self.assertEqual(leave.state, "refused")
        self.assertEqual(self.attendee(self.principal).attendance, "invited")

    def test_leave_asked_after_the_start_is_refused_R25_1(self):
        """Bad input: leave asked after the meeting's start gets a clear error and nothing is saved."""
        self.started()
        Leave = self.env["gov.meeting.leave"].with_user(self.deputy_a)
        with self.assertRaisesRegex(UserError, "has started"):
            Leave.create({"meeting_id": self.meeting.id, "reason": "迟到"})
        self.assertFalse(self.env["gov.meeting.leave"].search([("meeting_id", "=", self.meeting.id)]))

    def test_leave_bad_input_R25_1(self):
        Leave = self.env["gov.meeting.leave"]
        with self.assertRaisesRegex(UserError, "not a participant"):
            Leave.with_user(self.clerk).create({"meeting_id": self.meeting.id, "reason": "x"})
        with self.assertRaisesRegex(UserError, "already takes part"):
            Leave.with_user(self.deputy_a).create({"meeting_id": self.meeting.id, "reason": "x",
                                                   "substitute_id": self.deputy_b.id})
        with self.assertRaisesRegex(UserError, "for yourself"):
            Leave.with_user(self.deputy_b).create({"meeting_id": self.meeting.id, "reason": "x",
                                                   "user_id": self.deputy_a.id})
        Leave.with_user(self.deputy_a).create({"meeting_id": self.meeting.id, "reason": "x"})
        with self.assertRaisesRegex(UserError, "already asked"):
            Leave.with_user(self.deputy_a).create({"meeting_id": self.meeting.id, "reason": "y"})
        self.assertEqual(Leave.search_count([("meeting_id", "=", self.meeting.id)]), 1)

    def test_wrong_person_decides_leave_R25_1(self):
        """A clerk, a leader who is not the chair, the requester himself: none may decide a leader's leave."""
        leave = self.env["gov.meeting.leave"].with_user(self.deputy_a).create({
            "meeting_id": self.meeting.id, "reason": "出差"})
        for user in (self.deputy_b, self.deputy_a, self.office_director):
            with self.assertRaises(AccessError):
                leave.with_user(user).action_grant()
        with self.assertRaises(AccessError):
            leave.with_user(self.clerk).action_grant()
        self.assertEqual(leave.state, "requested")
        self.assertEqual(self.attendee(self.deputy_a).attendance, "invited")
        with self.assertRaises(UserError):
            leave.with_user(self.deputy_a).write({"state": "granted"})

    def test_refusal_needs_a_reason_R25_1(self):
        leave = self.env["gov.meeting.leave"].with_user(self.deputy_a).create({
            "meeting_id": self.meeting.id, "reason": "出差"})
        with self.assertRaisesRegex(UserError, "reason"):
            leave.with_user(self.head).action_refuse()
        self.assertEqual(leave.state, "requested")

    def test_leave_requests_visibility_R25_1(self):
        Leave = self.env["gov.meeting.leave"]
        mine = Leave.with_user(self.deputy_a).create({"meeting_id": self.meeting.id, "reason": "出差",
                                                      "substitute_id": self.legal.id})
        Leave.with_user(self.principal).create({"meeting_id": self.meeting.id, "reason": "局务会"})
        self.assertEqual(Leave.with_user(self.deputy_a).search([]), mine)
        self.assertEqual(Leave.with_user(self.legal).search([]), mine, "the substitute sees the request naming him")
        self.assertEqual(Leave.with_user(self.head).search_count([]), 2, "the chair sees those of his meeting")
        self.assertEqual(Leave.with_user(self.deputy_b).search_count([]), 0)
        self.assertEqual(Leave.with_user(self.clerk).search_count([]), 0)
        self.assertEqual(Leave.with_user(self.office_deputy).search_count([]), Leave.search_count([]),
                         "the office sees all")

    def test_attendance_recorded_by_the_office_at_the_meeting_R25_1(self):
        attendee = self.attendee(self.deputy_b).with_user(self.office_director)
        with self.assertRaisesRegex(UserError, "not started"):
            attendee.attendance = "present"
        self.started()
        self.assertTrue(self.meeting.attendance_open)
        with self.assertRaisesRegex(UserError, "office"):
            self.attendee(self.deputy_b).with_user(self.deputy_b).attendance = "present"
        attendee.attendance = "present"
        self.attendee(self.deputy_a).with_user(self.office_director).attendance = "absent"
        self.assertEqual(self.attendee(self.deputy_b).attendance, "present")
        self.assertEqual(self.attendee(self.deputy_a).attendance, "absent")
        with self.assertRaises(UserError):
            attendee.attendance = "invited"

    # ------------------------------------------------------------------
    # Written opinions
    # ------------------------------------------------------------------
    def test_written_opinions_beside_the_topic_R25_1(self):
        Opinion = self.env["gov.meeting.opinion"]
        opinion = Opinion.with_user(self.deputy_b).create({"topic_id": self.topic_b.id,
                                                           "body": "<p>同意，建议压减一般性支出。</p>"})
        self.assertEqual(opinion.meeting_id, self.meeting)
        self.assertEqual(opinion.author_id, self.deputy_b)
        line_b = self.meeting.agenda_line_ids.filtered(lambda line: line.topic_id == self.topic_b)
        line_a = self.meeting.agenda_line_ids - line_b
        self.assertEqual(line_b.with_user(self.head).opinion_count, 1)
        self.assertEqual(line_a.with_user(self.head).opinion_count, 0)
        self.assertEqual(self.topic_b.with_user(self.head).opinion_count, 1)
        action = line_b.with_user(self.head).action_view_opinions()
        self.assertEqual(Opinion.with_user(self.head).search(action["domain"]), opinion)
        self.assertFalse(Opinion.with_user(self.deputy_a).search([]), "another participant does not see it")
        with self.assertRaisesRegex(UserError, "Only the participants"):
            Opinion.with_user(self.clerk).create({"topic_id": self.topic_b.id, "body": "<p>x</p>"})
        with self.assertRaises(UserError):
            opinion.with_user(self.head).write({"body": "<p>改写</p>"})
        self.started()
        with self.assertRaisesRegex(UserError, "has started"):
            Opinion.with_user(self.deputy_a).create({"topic_id": self.topic_a.id, "body": "<p>迟到的意见</p>"})

    # ------------------------------------------------------------------
    # Research visits (R38.1)
    # ------------------------------------------------------------------
    def new_visit(self, leader, place, start, days=1):
        today = fields.Date.today()
        return self.env["gov.research.visit"].with_user(leader).create({
            "name": f"{place}调研", "leader_id": leader.id, "place": place,
            "date_start": today + timedelta(days=start), "date_stop": today + timedelta(days=start + days - 1)})

    def test_research_visit_is_a_calendar_entry_R38_1(self):
        visit = self.new_visit(self.deputy_a, "东昌街道 社区服务中心", 5, days=2)
        event = visit.sudo().calendar_event_id
        self.assertTrue(event)
        self.assertEqual(event.location, "东昌街道 社区服务中心")
        self.assertTrue(event.allday)
        self.assertEqual(event.start_date, visit.date_start)
        self.assertEqual(event.stop_date, visit.date_stop)
        self.assertIn(self.deputy_a.partner_id, event.partner_ids)
        visit.write({"place": "开发区管委会"})
        self.assertEqual(event.location, "开发区管委会")

    def test_research_visits_clash_warns_the_office_R38_1(self):
        """Two leaders at the same place within the configured days: each office user gets one to-do for
        the clash, in his language, and both visits show it; a third leader far later does not clash."""
        self.env["ir.config_parameter"].set_param("gov_meetings.research_visit_clash_days", "3")
        clash_type = self.env.ref("gov_meetings.mail_activity_type_gov_visit_clash")
        office = self.env.ref("gov_rules.group_gov_office").all_user_ids.filtered(lambda u: u.active and not u.share)
        first = self.new_visit(self.deputy_a, "东昌街道社区服务中心", 5)
        self.assertFalse(first.has_clash)
        second = self.new_visit(self.deputy_b, " 东昌街道 社区服务中心 ", 7)
        self.assertEqual(second.clash_ids, first)
        self.assertEqual(first.clash_ids, second)
        warnings = self.env["mail.activity"].search([("activity_type_id", "=", clash_type.id),
                                                     ("res_id", "in", (first | second).ids)])
        self.assertEqual(warnings.user_id, office)
        self.assertEqual(len(warnings), len(office), "one to-do per office user for the clash")
        self.assertIn("东昌街道", warnings[0].summary)
        # changing the visit again warns no more for the same clash
        second.write({"name": "东昌街道养老服务调研"})
        self.assertEqual(self.env["mail.activity"].search_count([("activity_type_id", "=", clash_type.id),
                                                                 ("res_id", "in", (first | second).ids)]),
                         len(office))
        later = self.new_visit(self.exec_deputy, "东昌街道社区服务中心", 20)
        self.assertFalse(later.has_clash)
        # the same leader twice is no clash; a setting of 0 days means only overlapping visits clash
        self.assertFalse(self.new_visit(self.exec_deputy, "东昌街道社区服务中心", 22).has_clash)
        self.env["ir.config_parameter"].set_param("gov_meetings.research_visit_clash_days", "0")
        self.assertFalse(self.new_visit(self.head, "东昌街道社区服务中心", 9).has_clash)

    def test_research_visit_bad_input_R38_1(self):
        with self.assertRaises(ValidationError):
            self.env["gov.research.visit"].with_user(self.office_director).create({
                "name": "调研", "leader_id": self.clerk.id, "place": "开发区", "date_start": fields.Date.today(),
                "date_stop": fields.Date.today()})
        with self.assertRaisesRegex(ValidationError, "ends on or after"):
            self.new_visit(self.deputy_a, "开发区", 5, days=-2)
        with self.assertRaises(AccessError):
            self.new_visit(self.deputy_a, "开发区", 5).with_user(self.deputy_b).write({"place": "高新区"})
        with self.assertRaises(AccessError):
            self.new_visit(self.clerk, "开发区", 5)
