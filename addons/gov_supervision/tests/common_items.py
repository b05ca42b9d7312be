from datetime import timedelta

from odoo import Command
from odoo.addons.gov_rules.tests.common_org import GovOrganisation
from odoo.tests import new_test_user


class SupervisionItems(GovOrganisation):
    """The test organisation with a supervision office (督查室) and helpers to make items."""

    @classmethod
    def _setup_items(cls):
        cls._setup_organisation()
        cls.officer = new_test_user(cls.env, "t_sup_officer", name="督查室主任 林峰",
                                    groups="gov_rules.group_gov_user,gov_supervision.group_supervision_office")
        cls.officer_b = new_test_user(cls.env, "t_sup_officer_b", name="督查室副主任 白洁",
                                      groups="gov_rules.group_gov_user,gov_supervision.group_supervision_office")
        (cls.officer | cls.officer_b).write({"lang": "en_US"})
        Position = cls.env["gov.position"]
        Position.create({"name": "督查室主任", "role": "supervision_officer", "user_id": cls.officer.id})
        cls.Item = cls.env["gov.supervision.item"]
        cls.weekly = cls.env.ref("gov_supervision.cadence_weekly")
        cls.calendar = cls.rule_set.calendar_id

    def working_days(self, days, start=None):
        return self.calendar.add_working_days(start or self.today(), days)

    def new_item(self, user=None, open_it=True, co_units=True, **values):
        vals = {"name": "推进老旧小区改造", "source": "instruction", "area_id": self.area_economy.id,
                "lead_department_id": self.dept_drc.id, "responsible_id": self.clerk.id,
                "deadline": self.today() + timedelta(days=40), **values}
        if not vals["deadline"]:
            del vals["deadline"]
        if co_units:
            vals.setdefault("part_ids", [Command.create({
                "department_id": self.dept_finance.id, "responsible_id": self.finance_clerk.id,
                "deadline": self.today() + timedelta(days=30)})])
        item = self.Item.with_user(user or self.officer).create(vals)
        if open_it:
            item.action_open()
        return item

    def co_part(self, item):
        return item.part_ids.filtered(lambda part: not part.is_lead)

    def contribute(self, item, user=None):
        part = self.co_part(item).with_user(user or self.finance_clerk)
        part.contribution = "<p>资金已落实</p>"
        part.action_submit_contribution()

    def evidence(self, item, user=None, name="验收报告.pdf"):
        """The lead unit's evidence file, attached to the item as the form's upload does."""
        return self.env["ir.attachment"].with_user(user or self.clerk).create({
            "name": name, "raw": b"%PDF-1.4 acceptance", "res_model": item._name, "res_id": item.id})

    def submit_result(self, item, user=None):
        item = item.with_user(user or self.clerk)
        values = {"result": "<p>已完成改造</p>"}
        if not item.evidence_ids:
            values["evidence_ids"] = [Command.link(self.evidence(item, user).id)]
        item.write(values)
        item.action_submit_closure()
        return item
