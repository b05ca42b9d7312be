from datetime import timedelta

from odoo import fields
from odoo.addons.gov_rules.tests.common_org import GovOrganisation
from odoo.tests import TransactionCase


class GovMeetingsOrganisation(GovOrganisation):
    """The engine's small organisation (GovOrganisation) with the Party group's positions (R21.1: the head is
    its secretary, the executive deputy its deputy secretary, the deputies its members), the shipped
    meeting and topic types, and helpers to propose topics and take them through their route."""

    @classmethod
    def _setup_meetings(cls):
        cls._setup_organisation()
        Position = cls.env["gov.position"]
        cls.pos_party_secretary = Position.create({"name": "党组书记", "role": "party_secretary",
                                                   "user_id": cls.head.id})
        cls.pos_party_deputy = Position.create({"name": "党组副书记", "role": "party_deputy_secretary",
                                                "user_id": cls.exec_deputy.id})
        cls.pos_party_members = Position.create([
            {"name": "党组成员", "role": "party_member", "user_id": user.id}
            for user in (cls.deputy_a, cls.deputy_b)])
        ref = cls.env.ref
        cls.type_plenary = ref("gov_meetings.meeting_type_plenary")
        cls.type_party = ref("gov_meetings.meeting_type_party_group")
        cls.type_executive = ref("gov_meetings.meeting_type_executive")
        cls.type_special = ref("gov_meetings.meeting_type_special")
        cls.topic_ordinary = ref("gov_meetings.topic_type_ordinary")
        cls.topic_major = ref("gov_meetings.topic_type_major_decision")

    def new_topic(self, user=None, **values):
        vals = {"name": "关于促进民营经济高质量发展若干措施的议题", "meeting_type_id": self.type_executive.id,
                "type_id": self.topic_ordinary.id, "department_id": self.dept_drc.id, "area_id": self.area_economy.id,
                "proposal": "<p>建议审议通过。</p>", **values}
        return self.env["gov.meeting.topic"].with_user(user or self.clerk).create(vals)

    def decide(self, topic, user, approve=True, opinion=None):
        """``user`` decides the step of ``topic`` that waits for him."""
        record = topic.with_user(user)
        return record.action_signoff_approve(opinion) if approve else record.action_signoff_return(opinion)

    def to_pool(self, topic):
        """Submit ``topic`` as its author and take it through the executive route to the pool."""
        topic.with_user(topic.author_id).action_signoff_submit()
        for user in (self.deputy_a, self.office_deputy, self.head):
            self.decide(topic, user)
        return topic

    def new_meeting(self, meeting_type, days=7, **values):
        start = fields.Datetime.now() + timedelta(days=days)
        # sudo: the meetings are the office's; the topics' tests only need one to put topics on
        return self.env["gov.meeting"].sudo().create({
            "name": f"{meeting_type.name} {days}", "type_id": meeting_type.id, "start": start,
            "stop": start + timedelta(hours=2), **values})


class GovMeetingsCase(GovMeetingsOrganisation, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_meetings()
