"""The attendance part of a meeting (R22.3, R25.1): papers delivered and read, leave requests and
written opinions, counted on the meeting, on its agenda entries and on the topics."""
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.addons.gov_rules.lib.district_time import district_today, district_tz

STARTED_STATES = ("held", "minutes", "closed")


class GovMeeting(models.Model):
    _inherit = "gov.meeting"

    leave_ids = fields.One2many("gov.meeting.leave", "meeting_id", string="Leave Requests")
    opinion_ids = fields.One2many("gov.meeting.opinion", "meeting_id", string="Written Opinions")
    paper_read_ids = fields.One2many("gov.meeting.paper.read", "meeting_id", string="Papers Delivered")
    attendance_open = fields.Boolean(compute="_compute_attendance_open",
                                     help="The meeting has started or is held: the office records attendance.")
    leave_count = fields.Integer(compute="_compute_attendance_counts")
    opinion_count = fields.Integer(compute="_compute_attendance_counts")
    papers_unread_count = fields.Integer(string="Participants Who Have Not Read", compute="_compute_attendance_counts")
    # the office was warned the working day before that some participants had not read the papers
    papers_unread_warned = fields.Boolean(readonly=True, copy=False)

    @api.depends("state", "start")
    def _compute_attendance_open(self):
        now = fields.Datetime.now()
        for meeting in self:
            meeting.attendance_open = meeting.state in STARTED_STATES or bool(
                meeting.state != "cancelled" and meeting.start and meeting.start <= now)

    def _compute_attendance_counts(self):
        # one grouped query per count for all the meetings shown
        leaves = dict(self.env["gov.meeting.leave"]._read_group(
            [("meeting_id", "in", self.ids)], ["meeting_id"], ["__count"]))
        opinions = dict(self.env["gov.meeting.opinion"]._read_group(
            [("meeting_id", "in", self.ids)], ["meeting_id"], ["__count"]))
        unread = dict(self.env["gov.meeting.attendee"]._read_group(
            [("meeting_id", "in", self.ids), ("papers_delivered_on", "!=", False), ("papers_read_on", "=", False)],
            ["meeting_id"], ["__count"]))
        for meeting in self:
            meeting.leave_count = leaves.get(meeting, 0)
            meeting.opinion_count = opinions.get(meeting, 0)
            meeting.papers_unread_count = unread.get(meeting, 0)

    def _gov_has_started(self):
        self.ensure_one()
        return self.state in STARTED_STATES or self.state == "cancelled" or self.start <= fields.Datetime.now()

    # ------------------------------------------------------------------
    # Papers (R22.3)
    # ------------------------------------------------------------------
    def _deliver_papers(self):
        """Each participant (not those on leave or substituted) gets the papers of the agenda's topics:
        a delivery row per paper and one to-do to read them, in his language."""
        res = super()._deliver_papers()
        for meeting in self:
            meeting._gov_deliver_papers_to(meeting.attendee_ids.filtered(
                lambda attendee: attendee.attendance not in ("leave", "substitute")))
        return res

    def _gov_papers(self):
        """{topic: its papers} of the meeting's agenda, in the agenda's order."""
        self.ensure_one()
        # sudo: the system reads the topics' papers to deliver them, whoever sends them
        return {line.topic_id: line.topic_id.attachment_ids for line in self.sudo().agenda_line_ids}

    def _gov_deliver_papers_to(self, attendees):
        self.ensure_one()
        papers = self._gov_papers()
        if not attendees or not any(papers.values()):
            return
        now = fields.Datetime.now()
        # sudo: the system records the delivery (participants may not write these rows)
        Read = self.env["gov.meeting.paper.read"].sudo()
        existing = {(row.attendee_id.id, row.attachment_id.id) for row in Read.search(
            [("attendee_id", "in", attendees.ids)])}
        Read.create([{"meeting_id": self.id, "attendee_id": attendee.id, "user_id": attendee.user_id.id,
                      "attachment_id": attachment.id, "topic_id": topic.id, "delivered_on": now}
                     for attendee in attendees for topic, attachments in papers.items() for attachment in attachments
                     if (attendee.id, attachment.id) not in existing])
        attendees.sudo().write({"papers_delivered_on": now, "papers_read_on": False})
        activity_type = self.env.ref("gov_meetings.mail_activity_type_gov_read_papers")
        deadline = fields.Date.to_date(self.start) if self.start else district_today(self)
        # sudo: the system gives each participant his to-do, in his own language
        Activity = self.env["mail.activity"].sudo()
        model_id = self.env["ir.model"]._get_id(self._name)
        Activity.create([{
            "res_model_id": model_id, "res_id": self.id, "activity_type_id": activity_type.id,
            "user_id": attendee.user_id.id, "date_deadline": deadline,
            "summary": self.with_context(lang=attendee.user_id.lang or self.env.lang).env._(
                "Read the papers of %s", self.name),
        } for attendee in attendees])

    def _gov_papers_read_activities_done(self, attendees):
        """The to-do of the participants who opened all their papers is done."""
        activity_type = self.env.ref("gov_meetings.mail_activity_type_gov_read_papers")
        # sudo: the system closes the to-dos it gave
        activities = self.env["mail.activity"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", attendees.meeting_id.ids),
            ("activity_type_id", "=", activity_type.id), ("user_id", "in", attendees.user_id.ids)])
        pairs = {(attendee.meeting_id.id, attendee.user_id.id) for attendee in attendees}
        activities.filtered(lambda activity: (activity.res_id, activity.user_id.id) in pairs).action_done()

    @api.model
    def _cron_warn_unread_papers(self):
        """The working day before a meeting, its organiser (the office) is told who has not read the
        papers yet: one to-do per meeting, in his language; all the meetings in one pass."""
        today = district_today(self)
        calendar = self.env["gov.rule.set"]._current().calendar_id
        next_working_day = calendar.add_working_days(today, 1) if calendar else today + timedelta(days=1)
        tz = pytz.timezone(district_tz(self.env))

        def utc(day):
            return tz.localize(datetime.combine(day, time.min)).astimezone(pytz.utc).replace(tzinfo=None)

        # meetings after today, up to the next working day (a Monday meeting is announced on Friday)
        unread = self.env["gov.meeting.attendee"].sudo()._read_group([
            ("meeting_start", ">=", utc(today + timedelta(days=1))),
            ("meeting_start", "<", utc(next_working_day + timedelta(days=1))),
            ("meeting_id.state", "not in", ("cancelled", *STARTED_STATES)),
            ("meeting_id.papers_unread_warned", "=", False),
            ("papers_delivered_on", "!=", False), ("papers_read_on", "=", False)],
            ["meeting_id"], ["user_id:array_agg"])
        if not unread:
            return
        activity_type = self.env.ref("gov_meetings.mail_activity_type_gov_unread_papers")
        model_id = self.env["ir.model"]._get_id(self._name)
        users = self.env["res.users"].browse({uid for _meeting, uids in unread for uid in uids})
        users.fetch(["name"])
        values = []
        for meeting, uids in unread:
            organiser = meeting.organiser_id
            env = meeting.with_context(lang=organiser.lang or self.env.lang).env
            names = ", ".join(users.browse(uids).mapped("name"))
            values.append({
                "res_model_id": model_id, "res_id": meeting.id, "activity_type_id": activity_type.id,
                "user_id": organiser.id, "date_deadline": today,
                "summary": env._("%(count)s participants have not read the papers", count=len(uids)),
                "note": env._("Not read yet: %s", names)})
        # sudo: the scheduler writes the office's to-dos and marks the meetings warned
        self.env["mail.activity"].sudo().create(values)
        self.browse([meeting.id for meeting, _uids in unread]).sudo().write({"papers_unread_warned": True})

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    def _gov_action(self, xmlid, domain):
        action = self.env["ir.actions.act_window"]._for_xml_id(xmlid)
        action.update(domain=domain, context={"default_meeting_id": self.id, "search_default_meeting_id": self.id})
        return action

    def action_view_leave_requests(self):
        self.ensure_one()
        return self._gov_action("gov_meetings.action_gov_meeting_leave", [("meeting_id", "=", self.id)])

    def action_view_opinions(self):
        self.ensure_one()
        return self._gov_action("gov_meetings.action_gov_meeting_opinion", [("meeting_id", "=", self.id)])

    def action_view_readings(self):
        self.ensure_one()
        return self._gov_action("gov_meetings.action_gov_meeting_attendee_readings", [("meeting_id", "=", self.id)])

    def action_view_attendance(self):
        self.ensure_one()
        return self._gov_action("gov_meetings.action_gov_meeting_attendance", [("meeting_id", "=", self.id)])


class GovMeetingAgendaLine(models.Model):
    """The chair sees the written opinions beside each topic of the agenda (R25.1)."""

    _inherit = "gov.meeting.agenda.line"

    opinion_count = fields.Integer(string="Written Opinions", compute="_compute_opinion_count")

    def _compute_opinion_count(self):
        counts = defaultdict(int)
        for meeting, topic, count in self.env["gov.meeting.opinion"]._read_group(
                [("meeting_id", "in", self.meeting_id.ids), ("topic_id", "in", self.topic_id.ids)],
                ["meeting_id", "topic_id"], ["__count"]):
            counts[meeting.id, topic.id] = count
        for line in self:
            line.opinion_count = counts[line.meeting_id.id, line.topic_id.id]

    def action_view_opinions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_meetings.action_gov_meeting_opinion")
        action.update(domain=[("meeting_id", "=", self.meeting_id.id), ("topic_id", "=", self.topic_id.id)],
                      context={"default_meeting_id": self.meeting_id.id, "default_topic_id": self.topic_id.id})
        return action


class GovMeetingTopic(models.Model):
    _inherit = "gov.meeting.topic"

    opinion_ids = fields.One2many("gov.meeting.opinion", "topic_id", string="Written Opinions")
    opinion_count = fields.Integer(string="Written Opinions Count", compute="_compute_opinion_count")

    def _compute_opinion_count(self):
        counts = dict(self.env["gov.meeting.opinion"]._read_group([("topic_id", "in", self.ids)], ["topic_id"],
                                                                  ["__count"]))
        for topic in self:
            topic.opinion_count = counts.get(topic, 0)

    def action_view_opinions(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_meetings.action_gov_meeting_opinion")
        action.update(domain=[("topic_id", "=", self.id)],
                      context={"default_topic_id": self.id, "default_meeting_id": self.meeting_id.id})
        return action
