from datetime import timedelta

from odoo import Command, api
from odoo.addons.gov_rules.lib.district_time import district_today
from odoo.exceptions import UserError
from odoo.service.model import retrying
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestSupervisionRace(TransactionCase):
    """The supervision office accepts a result (办结) at the moment the lead unit withdraws it, and the office
    and the leader in charge assign (交办) the same draft at once, in real parallel transactions committed to
    the database: exactly one of them happens; the other is told why.
    The data is made and removed in transactions of their own (on the demo organisation)."""

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            clerk = env.ref("gov_rules.demo_user_drc_clerk")
            self.clerk_id = clerk.id
            item = env["gov.supervision.item"].create({
                "name": "并发审核测试事项", "lead_department_id": env.ref("gov_rules.demo_dept_drc").id,
                "responsible_id": clerk.id, "area_id": env.ref("gov_rules.demo_area_economy").id,
                "deadline": district_today(env) + timedelta(days=30)})
            item.action_open()
            evidence = env["ir.attachment"].with_user(clerk).create({
                "name": "验收报告.pdf", "raw": b"%PDF-1.4", "res_model": item._name, "res_id": item.id})
            item.with_user(clerk).write({"result": "<p>已完成</p>", "evidence_ids": [Command.link(evidence.id)]})
            item.with_user(clerk).action_submit_closure()
            self.item_id = item.id
            self.officer_id = item.signoff_user_ids[:1].id
        self.addCleanup(self._remove_item, self.item_id)

    def _remove_item(self, item_id):
        with self.registry.cursor() as cr:
            # the decision log and steps are append-only for users: the test removes what it made by SQL
            for table, model_column in (("gov_signoff_log", "res_model"), ("gov_signoff_task", "res_model"),
                                        ("mail_activity", "res_model"), ("mail_message", "model"),
                                        ("mail_followers", "res_model"), ("ir_attachment", "res_model")):
                cr.execute(SQL("DELETE FROM %s WHERE %s = 'gov.supervision.item' AND res_id = %s",
                               SQL.identifier(table), SQL.identifier(model_column), item_id))
            cr.execute("DELETE FROM gov_supervision_item WHERE id = %s", [item_id])

    def test_accept_and_withdraw_at_the_same_moment(self):
        """Both transactions start and read the item under review; the supervision office accepts it and
        commits while the lead unit's withdrawal is still open; the withdrawal then meets the acceptance (a
        serialization failure, retried as Odoo's RPC layer retries it) and is refused: one outcome only."""
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, self.officer_id, {})
            env_b = api.Environment(cr_b, self.clerk_id, {})
            # both transactions take their snapshot: each sees the item under review
            for env in (env_a, env_b):
                item = env["gov.supervision.item"].browse(self.item_id)
                self.assertEqual((item.state, item.signoff_state), ("review", "pending"))
            self.assertTrue(env_a["gov.supervision.item"].browse(self.item_id).signoff_can_act)
            self.assertTrue(env_b["gov.supervision.item"].browse(self.item_id).signoff_can_withdraw)
            env_a["gov.supervision.item"].browse(self.item_id).action_signoff_approve("同意办结")
            cr_a.commit()

            def withdraw():
                env_b["gov.supervision.item"].browse(self.item_id).action_signoff_withdraw("还要补充材料")

            with self.assertRaisesRegex(UserError, "Only an item under sign-off"):
                retrying(withdraw, env_b)
            cr_b.rollback()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            item = env["gov.supervision.item"].browse(self.item_id)
            decisions = item.signoff_log_ids.filtered(lambda log: log.action in ("approve", "withdraw"))
            self.assertEqual(decisions.mapped("action"), ["approve"], "one decision in the log")
            self.assertEqual((item.state, item.return_count), ("closed", 0))

    def test_office_and_leader_assign_the_same_draft_at_the_same_moment_R31_1(self):
        """Both read the draft; the office assigns it and commits while the leader in charge's assignment is
        still open; his then meets the office's (retried as Odoo's RPC layer retries it) and is refused: the
        item is assigned once, its first deadline and its lead unit's to-do set once."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            draft = env["gov.supervision.item"].create({
                "name": "并发交办测试事项", "lead_department_id": env.ref("gov_rules.demo_dept_drc").id,
                "responsible_id": self.clerk_id, "area_id": env.ref("gov_rules.demo_area_economy").id,
                "leader_id": env.ref("gov_rules.demo_user_dep_econ").id,
                "deadline": district_today(env) + timedelta(days=20)})
            draft_id, deadline = draft.id, draft.deadline
            office_id = env.ref("gov_rules.demo_user_office_clerk").id
            leader_id = env.ref("gov_rules.demo_user_dep_econ").id
        self.addCleanup(self._remove_item, draft_id)
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, office_id, {})
            env_b = api.Environment(cr_b, leader_id, {})
            for env in (env_a, env_b):
                self.assertEqual(env["gov.supervision.item"].browse(draft_id).state, "draft")
            env_a["gov.supervision.item"].browse(draft_id).action_open()
            cr_a.commit()

            def assign():
                env_b["gov.supervision.item"].browse(draft_id).action_open()

            with self.assertRaisesRegex(UserError, "already assigned"):
                retrying(assign, env_b)
            cr_b.rollback()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, api.SUPERUSER_ID, {})
            item = env["gov.supervision.item"].browse(draft_id)
            self.assertEqual((item.state, item.original_deadline), ("open", deadline))
            self.assertEqual(len(item.part_ids.filtered("is_lead")), 1)
            self.assertEqual(len(item.activity_ids), len(item.activity_ids.user_id), "one to-do per person")
