from odoo.exceptions import AccessError, UserError
from odoo.modules.migration import load_script
from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, new_test_user, tagged

from .common_items import SupervisionItems


@tagged("post_install", "-at_install")
class TestSupervisionSecurity(SupervisionItems, TransactionCase):
    """Who sees and changes what: a unit sees the items where it has a part; the lead changes the result;
    a co-unit only its part; the supervision office, the office and leaders see all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_items()
        cls.outsider = new_test_user(cls.env, "t_housing_clerk", groups="gov_rules.group_gov_user",
                                     name="住建局科员 马骏")
        cls.dept_housing = cls.env["hr.department"].create({"name": "区住建局", "gov_unit_kind": "department",
                                                            "gov_area_id": cls.area_society.id})
        cls.env["hr.employee"].create({"name": cls.outsider.name, "user_id": cls.outsider.id,
                                       "department_id": cls.dept_housing.id})

    def test_another_units_clerk_sees_nothing(self):
        item = self.new_item()
        item.message_post(body="内部讨论：资金缺口两百万", message_type="comment")
        Item = self.Item.with_user(self.outsider)
        self.assertFalse(Item.search([("id", "=", item.id)]))
        with self.assertRaises(AccessError):
            item.with_user(self.outsider).read(["name"])
        with self.assertRaises(AccessError):
            self.env["gov.supervision.part"].with_user(self.outsider).browse(item.part_ids.ids).read(["state"])
        # the item's messages follow it
        messages = self.env["mail.message"].with_user(self.outsider).search([
            ("model", "=", item._name), ("res_id", "=", item.id)])
        self.assertFalse(messages)
        # the units taking part, the office and leaders see it
        for user in (self.clerk, self.finance_clerk, self.officer, self.office_director, self.deputy_b):
            self.assertEqual(self.Item.with_user(user).search([("id", "=", item.id)]), item, user.name)

    def test_a_co_unit_cannot_close_nor_change_the_item(self):
        item = self.new_item()
        self.contribute(item)
        co_item = item.with_user(self.finance_clerk)
        with self.assertRaises(AccessError):
            co_item.write({"result": "<p>财政局写的结果</p>"})
        with self.refused(UserError, "Only the lead unit"):
            co_item.action_submit_closure()
        self.assertEqual(item.state, "open")

    def test_a_co_unit_changes_only_its_own_part(self):
        item = self.new_item()
        lead = item.part_ids.filtered("is_lead")
        co_part = self.co_part(item)
        co_part.with_user(self.finance_clerk).write({"contribution": "<p>进度过半</p>"})
        with self.assertRaises(AccessError):
            lead.with_user(self.finance_clerk).write({"contribution": "<p>x</p>"})
        with self.refused(UserError, "supervision office changes the rest"):
            co_part.with_user(self.finance_clerk).write({"deadline": co_part.deadline})
        with self.assertRaises(AccessError):
            self.env["gov.supervision.part"].with_user(self.finance_clerk).create({
                "item_id": item.id, "department_id": self.dept_audit.id})

    def test_the_lead_changes_the_result_not_the_rest(self):
        item = self.new_item()
        item.with_user(self.clerk).write({"result": "<p>进行中</p>"})
        with self.refused(UserError, "supervision office changes the rest"):
            item.with_user(self.clerk).write({"name": "改个名字"})
        with self.assertRaises(AccessError):
            self.Item.with_user(self.clerk).create({"name": "自己建的事项"})

    def test_progress_is_reported_by_the_units_own_part(self):
        item = self.new_item()
        Progress = self.env["gov.supervision.progress"]
        lead = item.part_ids.filtered("is_lead")
        Progress.with_user(self.finance_clerk).create({"item_id": item.id, "part_id": self.co_part(item).id,
                                                       "text": "<p>资金拨付中</p>"})
        with self.assertRaises(AccessError):
            Progress.with_user(self.finance_clerk).create({"item_id": item.id, "part_id": lead.id, "text": "x"})
        with self.assertRaises(AccessError):
            Progress.with_user(self.outsider).create({"item_id": item.id, "part_id": lead.id, "text": "x"})

    def test_a_leader_out_of_his_area_cannot_approve_an_extension(self):
        item = self.new_item()
        extension = self.env["gov.supervision.extension"].with_user(self.clerk).create({
            "item_id": item.id, "new_deadline": item.deadline.replace(day=28) if item.deadline.day < 28
            else item.deadline.replace(day=28, month=item.deadline.month % 12 + 1), "reason": "需要协调"})
        extension.action_ask()
        for wrong in (self.deputy_b, self.clerk, self.officer):
            with self.refused(UserError, "not waiting for you|may not approve"):
                extension.with_user(wrong).action_signoff_approve()
        self.assertEqual(extension.state, "pending")

    def test_the_upgrade_names_the_lead_unit_first_and_keeps_who_sees_what_R33_1(self):
        """R33.1: a database of release 19.0.1.1.0 gets the rule that names the lead unit first; the units
        taking part still see the item and another unit does not; a rule an administrator changed is kept."""
        script = load_script(f"{get_module_path('gov_supervision')}/migrations/19.0.1.1.1/"
                             "post-item_rule_lead_unit.py", "gov_supervision_item_rule_lead_unit")
        rule = self.env.ref("gov_supervision.rule_gov_supervision_item_user")
        rule.domain_force = script.OLD_DOMAIN
        item = self.new_item()
        script.migrate(self.env.cr, "19.0.1.1.0")
        self.assertTrue(rule.domain_force.startswith("['|', '|', '|',\n    ('lead_department_id', 'in'"))
        self.env.invalidate_all()
        for user in (self.clerk, self.finance_clerk):
            self.assertEqual(self.Item.with_user(user).search([("id", "=", item.id)]), item, user.name)
        self.assertFalse(self.Item.with_user(self.outsider).search([("id", "=", item.id)]))
        changed = "[('part_ids.department_id', 'in', user.employee_ids.department_id.ids)]"
        rule.domain_force = changed
        script.migrate(self.env.cr, "19.0.1.1.0")
        self.assertEqual(rule.domain_force, changed)
