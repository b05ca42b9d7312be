from datetime import datetime

from odoo import Command
from odoo.addons.gov_rules.tests.common_org import GovOrganisation
from odoo.tests import new_test_user

# the meetings of these tests take place on Tuesday 3 March 2026 (Beijing time 09:00-11:00)
MEETING_START = datetime(2026, 3, 3, 1, 0)
MEETING_STOP = datetime(2026, 3, 3, 3, 0)
BEFORE = "2026-03-02 02:00:00"
AFTER = "2026-03-04 02:00:00"


class MinutesFixture(GovOrganisation):
    """Meeting types, Party group positions, held meetings with their agenda and participants, built by
    the system as the meetings' part of the addon would leave them."""

    @classmethod
    def _setup_minutes(cls):
        cls._setup_organisation()
        Position = cls.env["gov.position"]
        # the head is the Party group's secretary, the executive deputy its deputy secretary (R21.1)
        Position.create({"name": "党组书记", "role": "party_secretary", "user_id": cls.head.id})
        Position.create({"name": "党组副书记", "role": "party_deputy_secretary", "user_id": cls.exec_deputy.id})
        cls.other_clerk = new_test_user(cls.env, "t_other_clerk", groups="gov_rules.group_gov_user",
                                        name="教育局科员 刘洋")
        cls.dept_education = cls.env["hr.department"].create({"name": "区教育局", "gov_unit_kind": "department",
                                                              "gov_area_id": cls.area_society.id})
        cls.env["hr.employee"].create({"name": cls.other_clerk.name, "user_id": cls.other_clerk.id,
                                       "department_id": cls.dept_education.id})
        cls.other_clerk.lang = "en_US"
        Type = cls.env["gov.meeting.type"]
        cls.type_executive = Type.create({"name": "常务会议", "code": "t_executive", "kind": "executive"})
        cls.type_plenary = Type.create({"name": "全体会议", "code": "t_plenary", "kind": "plenary"})
        cls.type_party = Type.create({"name": "党组会议", "code": "t_party", "kind": "party_group",
                                      "chair_role": "party_secretary", "fixer_role": "party_secretary"})
        # as the shipped special-topic type: it is where the units' disagreement is settled (R24.2)
        cls.type_special = Type.create({"name": "专题会议", "code": "t_special", "kind": "special",
                                        "chair_role": "any_leader", "needs_agreed_opinion": False})

    @classmethod
    def new_topic(cls, meeting_type, name, **values):
        # sudo: the topic went through its own route (the topics' part) and waits on an agenda
        return cls.env["gov.meeting.topic"].sudo().create({
            "name": name, "meeting_type_id": meeting_type.id, "department_id": cls.dept_drc.id,
            "area_id": cls.area_economy.id, "author_id": cls.clerk.id, "state": "scheduled",
            "proposal": f"<p>同意{name}。</p>", **values}).sudo(False)

    @classmethod
    def new_meeting(cls, meeting_type, topics, chair=None, state="held", **values):
        """A meeting held with ``topics`` on its agenda in that order; the participants: the chair, the
        executive deputy, deputy B on leave, the finance bureau's principal attending (列席)."""
        chair = chair or cls.head
        # sudo: the meeting was planned, approved and held through the meetings' part
        meeting = cls.env["gov.meeting"].sudo().create({
            "name": f"{meeting_type.name}（测试）", "type_id": meeting_type.id, "start": MEETING_START,
            "stop": MEETING_STOP, "chair_id": chair.id, "organiser_id": cls.office_director.id, **values})
        meeting.agenda_line_ids = [Command.create({"topic_id": topic.id, "sequence": position})
                                   for position, topic in enumerate(topics, 1)]
        topics.sudo().write({"meeting_id": meeting.id})
        for user, role, attendance in ((chair, "chair", "present"), (cls.exec_deputy, "member", "present"),
                                       (cls.deputy_b, "member", "leave"),
                                       (cls.finance_principal, "attending", "present")):
            attendee = meeting.attendee_ids.filtered(lambda a, u=user: a.user_id == u)
            values = {"role": role, "attendance": attendance}
            if attendee:
                attendee.write(values)
            else:
                meeting.attendee_ids = [Command.create({"user_id": user.id, **values})]
        meeting._gov_signoff_write({"state": state})
        return meeting.sudo(False)

    def draft(self, meeting, user=None):
        action = self.env["gov.meeting.minutes"].with_user(user or self.office_director)._gov_draft_for(
            meeting.with_user(user or self.office_director))
        return self.env["gov.meeting.minutes"].browse(action["res_id"])

    def sign(self, minutes, *signers):
        minutes.with_user(self.office_director).action_signoff_submit()
        for signer in signers:
            minutes.with_user(signer).action_signoff_approve()
        return minutes
