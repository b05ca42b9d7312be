import base64
from datetime import timedelta

from odoo import fields
from odoo.addons.gov_rules.tests.common_org import GovOrganisation


class MeetingsOrganisation(GovOrganisation):
    """The test organisation with an executive-like meeting type (members, ex officio attendees R22.1),
    rooms and topics waiting in the pool. Topics are put in the pool directly: how they get there is
    the topics part's business."""

    @classmethod
    def _setup_meetings(cls):
        cls._setup_organisation()
        cls.meeting_type = cls.env["gov.meeting.type"].create({
            "name": "区政府常务会议（测试）", "code": "t_executive", "kind": "executive", "chair_role": "head",
            "fixer_role": "head"})
        cls.other_type = cls.env["gov.meeting.type"].create({
            "name": "区政府全体会议（测试）", "code": "t_plenary", "kind": "plenary", "chair_role": "head",
            "fixer_role": "head"})
        cls._set_type_participants(cls.meeting_type)
        cls.room = cls.env["gov.meeting.room"].create({"name": "第一会议室（测试）", "capacity": 30})
        cls.room_2 = cls.env["gov.meeting.room"].create({"name": "第二会议室（测试）", "capacity": 20})
        cls.office = cls.office_director
        cls.next_week = fields.Datetime.now().replace(microsecond=0, second=0, minute=0) + timedelta(days=7)

    @classmethod
    def _set_type_participants(cls, meeting_type):
        """Members: the executive deputy and the deputies; ex officio: the office and the legal adviser (R22.1)."""
        legal = cls.env["gov.position"].search([("role", "=", "legal_adviser"), ("user_id", "=", cls.legal.id)])
        meeting_type.write({"participant_ids": [(5, 0, 0)] + [
            (0, 0, {"function": "member", "position_id": position.id})
            for position in cls.pos_exec | cls.pos_dep_a | cls.pos_dep_b] + [
            (0, 0, {"function": "ex_officio", "position_id": position.id})
            for position in cls.pos_office_dir | cls.pos_office_dep | legal]})

    @classmethod
    def new_topic(cls, name="关于城区集中供暖保障工作的请示", papers=True, attending=None, meeting_type=None,
                  department=None):
        topic = cls.env["gov.meeting.topic"].sudo().create({
            "name": name, "meeting_type_id": (meeting_type or cls.meeting_type).id,
            "department_id": (department or cls.dept_drc).id, "author_id": cls.clerk.id, "state": "pool",
            "attendee_department_ids": [(6, 0, attending.ids if attending else [])]})
        if papers:
            topic.attachment_ids = cls.env["ir.attachment"].sudo().create({
                "name": f"{name}.txt", "datas": base64.b64encode("送审稿".encode()),
                "res_model": "gov.meeting.topic", "res_id": topic.id})
        return topic.with_env(cls.env)

    def new_meeting(self, user=None, start=None, hours=2, **values):
        start = start or self.next_week
        vals = {"type_id": self.meeting_type.id, "start": start, "stop": start + timedelta(hours=hours),
                "room_id": self.room.id, **values}
        return self.env["gov.meeting"].with_user(user or self.office).create(vals)

    def add_topics(self, meeting, topics, user=None):
        Line = self.env["gov.meeting.agenda.line"].with_user(user or self.office)
        return Line.create([{"meeting_id": meeting.id, "topic_id": topic.id, "sequence": index}
                            for index, topic in enumerate(topics, 1)])

    def approve_agenda(self, meeting):
        meeting.with_user(self.office).action_signoff_submit()
        meeting.with_user(self.head).action_signoff_approve()
