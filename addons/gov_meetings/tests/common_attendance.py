import base64
from datetime import timedelta

from odoo import fields
from odoo.addons.gov_rules.tests.common_org import GovOrganisation


class GovAttendanceOrganisation(GovOrganisation):
    """The engine's organisation, a meeting type of its own and a meeting with two topics and their
    papers on its agenda: the chair (the head), two deputies and the office director take part."""

    @classmethod
    def _setup_attendance(cls):
        cls._setup_organisation()
        cls.meeting_type = cls.env["gov.meeting.type"].create({
            "name": "区政府常务会议（测试）", "code": "t_att_executive", "kind": "executive"})
        cls.topic_a = cls._pool_topic("关于老旧小区改造的议题", cls.dept_drc, cls.clerk)
        cls.topic_b = cls._pool_topic("关于区级财政预算调整的议题", cls.dept_finance, cls.finance_clerk)
        cls.paper_a1, cls.paper_a2 = cls._paper(cls.topic_a, "改造方案.txt"), cls._paper(cls.topic_a, "资金测算.txt")
        cls.paper_b = cls._paper(cls.topic_b, "预算调整说明.txt")
        cls.meeting = cls._meeting(cls.topic_a | cls.topic_b, days=3)

    @classmethod
    def _pool_topic(cls, name, department=None, author=None):
        """A topic of the meeting type waiting in its pool, as its route (the topics' part) leaves it."""
        # sudo: the topic went through its own route; only a topic in the pool goes on an agenda (R22.2)
        return cls.env["gov.meeting.topic"].sudo().create({
            "name": name, "meeting_type_id": cls.meeting_type.id, "department_id": (department or cls.dept_drc).id,
            "author_id": (author or cls.clerk).id, "state": "pool"}).sudo(False)

    @classmethod
    def _paper(cls, topic, name):
        attachment = cls.env["ir.attachment"].create({
            "name": name, "res_model": topic._name, "res_id": topic.id, "mimetype": "text/plain",
            "datas": base64.b64encode(f"{name}: 会议材料".encode())})
        topic.attachment_ids = [fields.Command.link(attachment.id)]
        return attachment

    @classmethod
    def _meeting(cls, topics, days=3, participants=None):
        start = fields.Datetime.now() + timedelta(days=days)
        meeting = cls.env["gov.meeting"].create({
            "name": f"第{days}次区政府常务会议", "type_id": cls.meeting_type.id, "start": start,
            "stop": start + timedelta(hours=2), "chair_id": cls.head.id, "organiser_id": cls.office_director.id,
            "agenda_line_ids": [fields.Command.create({"topic_id": topic.id, "sequence": index})
                                for index, topic in enumerate(topics)]})
        # the type and the agenda gave the meeting its first participants: give each his role here
        for user, role in participants or ((cls.head, "chair"), (cls.deputy_a, "member"), (cls.deputy_b, "member"),
                                           (cls.office_director, "ex_officio"), (cls.principal, "attending")):
            attendee = meeting.attendee_ids.filtered(lambda a, u=user: a.user_id == u)
            if attendee:
                attendee.role = role
            else:
                meeting.attendee_ids = [fields.Command.create({"user_id": user.id, "role": role})]
        meeting.state = "agenda_approved"
        return meeting

    def send_papers(self, meeting=None):
        (meeting or self.meeting).with_user(self.office_director).action_send_papers()

    def attendee(self, user, meeting=None):
        return (meeting or self.meeting).attendee_ids.filtered(lambda attendee: attendee.user_id == user)

    def started(self, meeting=None):
        """The meeting began an hour ago."""
        meeting = meeting or self.meeting
        meeting.write({"start": fields.Datetime.now() - timedelta(hours=1),
                       "stop": fields.Datetime.now() + timedelta(hours=1)})
