from odoo.addons.gov_rules.tests.common_org import GovOrganisation


class GovPublicCase(GovOrganisation):
    """The organisation of gov_rules' tests, with the office, the leaders and the units of letters and
    suggestions."""

    @classmethod
    def _setup_public(cls):
        cls._setup_organisation()
        cls.office = cls.office_director
        cls.policy_reply = cls.env.ref("gov_supervision.policy_suggestion_reply")
        # the demo's replies stay off the public page: the tests count and search what they disclose
        cls.env["gov.suggestion.reply"].search([("disclosed", "=", True)]).write({"disclosed": False})

    def new_letter(self, **values):
        return self.env["gov.public.letter"].with_user(self.office).create({
            "name": "反映金厂镇道路积水问题", "sender_name": "李建国", "content": "<p>雨后道路积水严重。</p>",
            "leader_id": self.deputy_a.id, **values})

    def new_suggestion(self, **values):
        return self.env["gov.suggestion"].with_user(self.office).create({
            "name": "关于加快老旧小区改造的建议", "kind": "deputy", "session": "区十八届人大五次会议",
            "number": "第112号", "proposer": "王代表", "content": "<p>建议加快改造进度。</p>",
            "lead_department_id": self.dept_drc.id, "co_department_ids": [(6, 0, self.dept_finance.ids)],
            "responsible_id": self.principal.id, **values})

    def reply_approved(self, suggestion, text="<p>已纳入年度改造计划。</p>"):
        """The lead unit replies and the leader in charge approves the reply (through the route)."""
        suggestion.with_user(self.clerk).write({"reply": text, "reply_date": self.today()})
        suggestion.with_user(self.clerk).action_signoff_submit()
        self.assertEqual(suggestion.state, "review")
        self.assertEqual(self.pending(suggestion).user_ids, self.deputy_a, "the leader in charge reviews the reply")
        suggestion.with_user(self.deputy_a).action_signoff_approve("同意答复")
        self.assertEqual(suggestion.state, "replied")
        return suggestion.reply_ids.sorted("round")[-1]
