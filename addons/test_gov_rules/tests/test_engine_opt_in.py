from datetime import date

from odoo import Command
from odoo.addons.gov_rules.tests.common_org import GovOrgCase
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")  # a Monday
class TestEngineOnAnotherModel(GovOrgCase):
    """The engine on a model that opts in by class attributes alone (test.gov.item): the route from the
    matrix, consultation as stage 0, escalation, re-routing and the protections, as on documents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.model = cls.env["ir.model"]._get("test.gov.item")
        cls.row = cls.env["gov.signoff.matrix.row"].create({
            "name": "Test items: the leader in charge, then the head", "rule_set_id": cls.rule_set.id,
            "model_id": cls.model.id, "priority": 1, "separation_of_duties": True, "domain": "[]",
            "step_ids": [Command.create({"sequence": 1, "name": "Leader in charge", "role": "area_leader"}),
                         Command.create({"sequence": 2, "name": "Head", "role": "head", "is_signature": True})],
        })

    def new_item(self, user=None, **values):
        return self.env["test.gov.item"].with_user(user or self.clerk).create({
            "name": "Winter heating subsidy", "area_id": self.area_economy.id, "department_id": self.dept_drc.id,
            **values})

    def _cron(self, day):
        with freeze_time(day):
            self.env["gov.escalation.ladder"]._cron_escalate()
        self.env.invalidate_all()

    def test_the_route_moves_the_models_own_state_R28_2(self):
        """R28.2: the matrix row of the model routes it; its own state field follows the outcome."""
        item = self.new_item()
        self.assertEqual(item.rule_set_id, self.rule_set, "the rules in force when it was created (R44.1)")
        item.action_signoff_submit()
        self.assertEqual((item.state, item.signoff_state), ("review", "pending"))
        self.assertEqual(self.pending(item).user_ids, self.deputy_a, "the leader of the item's area")
        item.with_user(self.deputy_a).action_signoff_approve("同意")
        self.assertEqual(self.pending(item).user_ids, self.head)
        item.with_user(self.head).action_signoff_approve("同意")
        self.assertEqual((item.state, item.signoff_state), ("done", "approved"))
        self.assertEqual(item.sudo().signoff_log_ids.sorted("id").mapped("action"), ["submit", "approve", "approve"])

    def test_the_unit_area_stands_in_for_a_missing_area_R7_1(self):
        """R7.1: an item of a unit that reports to the head alone goes to the head, no area leader between."""
        item = self.new_item(area_id=False, department_id=self.dept_audit.id)
        item.action_signoff_submit()
        self.assertEqual(self.pending(item).user_ids, self.head)

    def test_whoever_wrote_it_never_approves_it_R18_1(self):
        """R18.1: the author field declared by the model counts, not only the submitter."""
        item = self.new_item(user=self.deputy_a)
        item.with_user(self.clerk).action_signoff_submit()
        self.assertNotIn(self.deputy_a, self.pending(item).user_ids)
        self.assertEqual(self.pending(item).user_ids, self.deputy_b, "his A/B partner decides (R5.4)")
        with self.refused(UserError, "may not approve"):
            item.with_user(self.deputy_a).action_signoff_approve()

    def test_the_wrong_person_cannot_decide_or_change_a_locked_item_R35_1(self):
        """R35.1: nobody but the step's approver decides; the item under way is locked for its authors."""
        item = self.new_item()
        item.action_signoff_submit()
        for user in (self.finance_clerk, self.deputy_b, self.head):
            with self.refused(UserError, "not waiting for you"):
                item.with_user(user).action_signoff_approve()
        with self.refused(UserError, "cannot be changed now"):
            item.with_user(self.clerk).write({"amount": 10})
        with self.refused(UserError, "set by the workflow"):
            item.with_user(self.clerk).write({"state": "done"})
        with self.refused(UserError, "set by the workflow"):
            self.new_item(state="done")

    def test_consultation_is_stage_zero_of_the_route_R27_5(self):
        """R27.5: the units consulted answer first, then the route's first step is due."""
        item = self.new_item(consult_department_ids=[Command.set(self.dept_finance.ids)])
        item.action_signoff_submit()
        self.assertEqual((item.state, item.signoff_state), ("consulting", "pending"))
        self.assertEqual(item.consult_task_ids.user_ids, self.finance_principal)
        self.assertEqual(item.consult_task_ids.deadline, date(2026, 3, 11), "7 working days (R27.6)")
        self.assertFalse(self.pending(item), "no decision is asked before the opinions are in")
        with self.refused(UserError, "not waiting for you"):
            item.with_user(self.finance_principal).action_signoff_approve()
        item.with_user(self.finance_principal).action_consult_answer(agree=False, opinion="经费来源不明确")
        self.assertEqual(item.state, "review")
        self.assertEqual(self.pending(item).user_ids, self.deputy_a)
        self.assertEqual(item.sudo().signoff_log_ids.sorted("id").mapped("action"), ["submit", "object"])

    def test_silence_is_consent_then_the_route_goes_on_R27_6(self):
        """R27.6: no answer by the deadline counts as consent, and the route's first step becomes due."""
        item = self.new_item(consult_department_ids=[Command.set(self.dept_finance.ids)])
        item.action_signoff_submit()
        self._cron("2026-03-11")
        self.assertEqual(item.state, "consulting")
        self._cron("2026-03-12")
        self.assertEqual(item.consult_task_ids.state, "consented")
        self.assertEqual(item.state, "review")
        self.assertEqual(self.pending(item).user_ids, self.deputy_a)

    def test_a_route_nobody_can_take_stops_the_submission_not_the_consulted_unit_R27_5(self):
        """R27.5: the error about the route reaches the submitter when he submits."""
        self.pos_head.user_id = False
        item = self.new_item(consult_department_ids=[Command.set(self.dept_finance.ids)])
        with self.refused(UserError, "Nobody holds the role of step “Head”"):
            item.action_signoff_submit()
        self.assertEqual(item.state, "draft")
        self.assertFalse(item.sudo().consult_task_ids, "nothing was asked of the finance bureau")

    def test_no_matrix_row_for_the_model_is_said_at_submission_R28_2(self):
        """R28.2."""
        self.row.active = False
        item = self.new_item()
        with self.refused(UserError, "No sign-off route"):
            item.action_signoff_submit()

    def test_the_items_own_limit_closes_it_as_lapsed_R28_3(self):
        """R28.3: a ladder that closes the item records a lapse, not a withdrawal, in the model's own state."""
        ladder = self.env["gov.escalation.ladder"].create({
            "name": "Close after 2 days", "rule_set_id": self.rule_set.id,
            "step_ids": [Command.create({"offset_days": 2, "summary": "Lapsed", "terminal_action": "close"})]})
        policy = self.env["gov.deadline.policy"].create({
            "name": "3 working days", "code": "test_item_limit", "rule_set_id": self.rule_set.id, "working_days": 3,
            "ladder_id": ladder.id})
        item = self.new_item()
        item.sudo().deadline_policy_id = policy
        item.action_signoff_submit()
        self.assertEqual(item.deadline, date(2026, 3, 5))
        self._cron("2026-03-09")
        self.assertEqual((item.state, item.signoff_state), ("lapsed", "draft"))
        self.assertEqual(item.sudo().signoff_log_ids.sorted("id").mapped("action"), ["submit", "lapse"])
        self.assertFalse(self.pending(item))
        self.assertTrue(item.message_ids.filtered(lambda m: "closed as lapsed" in (m.body or "")))

    def test_an_absence_reroutes_the_waiting_step_R5_4(self):
        """R5.4: the step waiting for deputy A goes to his A/B partner when A's absence is recorded."""
        item = self.new_item()
        item.action_signoff_submit()
        self.env["gov.absence"].create({"user_id": self.deputy_a.id, "date_from": "2026-03-02",
                                        "date_to": "2026-03-06"})
        self.assertEqual(self.pending(item).user_ids, self.deputy_b)
        item.with_user(self.deputy_b).action_signoff_approve("同意")
        self.assertEqual(item.sudo().signoff_log_ids.sorted("id")[-1].acting_for_id, self.deputy_a)

    def test_withdraw_and_return_go_back_to_the_models_draft(self):
        item = self.new_item()
        item.action_signoff_submit()
        item.with_user(self.clerk).action_signoff_withdraw("补充材料")
        self.assertEqual((item.state, item.signoff_state), ("draft", "draft"))
        item.action_signoff_submit()
        item.with_user(self.deputy_a).action_signoff_return("数字有误")
        self.assertEqual((item.state, item.signoff_state), ("draft", "returned"))
        item.with_user(self.clerk).write({"amount": 12})
        item.action_signoff_submit()
        self.assertEqual(item.signoff_round, 3)

    def test_the_signoff_state_follows_the_steps_and_the_decisions_R28_2(self):
        """R28.2, R35.1: the model opts in with its own state field only; ``signoff_state`` is derived from
        the item's steps and its decision log, never written: here returned, withdrawn and rejected all map
        to the model's "draft", and the sign-off state still tells them apart."""
        field = self.env["test.gov.item"]._fields["signoff_state"]
        self.assertTrue(field.compute and field.store, "stored (lists and record rules filter on it), computed")
        item = self.new_item()
        self.assertEqual((item.state, item.signoff_state), ("draft", "draft"), "no decision yet")
        with self.refused(UserError, "set by the workflow"):
            item.with_user(self.clerk).write({"signoff_state": "approved"})
        item.action_signoff_submit()
        self.assertEqual((item.state, item.signoff_state), ("review", "pending"))
        item.with_user(self.deputy_a).action_signoff_return("补充测算依据")
        self.assertEqual((item.state, item.signoff_state), ("draft", "returned"))
        item.action_signoff_submit()
        self.assertEqual((item.signoff_round, item.signoff_state), (2, "pending"), "the new round's steps wait")
        item.action_signoff_withdraw("撤回修改")
        self.assertEqual((item.state, item.signoff_state), ("draft", "draft"))
        item.action_signoff_submit()
        item.with_user(self.deputy_a).action_signoff_reject("不予同意")
        self.assertEqual((item.state, item.signoff_state), ("draft", "rejected"))
        item.action_signoff_submit()
        item.with_user(self.deputy_a).action_signoff_approve("同意")
        self.assertEqual((item.state, item.signoff_state), ("review", "pending"), "the head's step still waits")
        item.with_user(self.head).action_signoff_approve("同意")
        self.assertEqual((item.state, item.signoff_state), ("done", "approved"))
        self.assertEqual(item.sudo().signoff_log_ids.sorted("id").mapped("action"), [
            "submit", "return", "submit", "withdraw", "submit", "reject", "submit", "approve", "approve"])
        # stored: read back from the database as it was derived, and searched on
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(item.signoff_state, "approved")
        self.assertEqual(item.search([("id", "=", item.id), ("signoff_state", "=", "approved")]), item)

    def test_steps_and_decisions_follow_the_items_readability_R35_1(self):
        """R35.1: a user who cannot read the item cannot read its steps or its log either."""
        item = self.new_item()
        item.action_signoff_submit()
        portal = self.env["res.users"].create({"name": "Portal", "login": "t_portal_item",
                                               "group_ids": [Command.set(self.env.ref("base.group_portal").ids)]})
        with self.assertRaises(AccessError):
            item.with_user(portal).read(["name"])
        with self.assertRaises(AccessError):
            self.env["gov.signoff.log"].with_user(portal).search([("res_id", "=", item.id)]).read(["action"])

    def test_an_addon_adds_a_role_with_one_resolver_R28_2(self):
        """R28.2: a route step names a role this addon added; who acts for its holder is found as for any role."""
        row = self.env["gov.signoff.matrix.row"].create({
            "name": "Checked items", "rule_set_id": self.rule_set.id, "model_id": self.model.id, "priority": 0,
            "domain": "[('checker_department_id', '!=', False)]",
            "step_ids": [Command.create({"sequence": 1, "name": "Check", "role": "item_checker"})]})
        item = self.new_item(checker_department_id=self.dept_finance.id)
        item.action_signoff_submit()
        self.assertEqual(item.signoff_row_id, row)
        self.assertEqual(self.pending(item).user_ids, self.finance_principal)
        item.with_user(self.finance_principal).action_signoff_approve()
        self.assertEqual(item.state, "done")

    def test_an_item_once_submitted_is_never_deleted_R35_1(self):
        """R35.1: the engine keeps what went through sign-off; a draft never submitted may go."""
        item = self.new_item()
        item.action_signoff_submit()
        item.with_user(self.clerk).action_signoff_withdraw("补充材料")
        with self.refused(UserError, "never submitted"):
            item.with_user(self.clerk).unlink()
        self.new_item().with_user(self.clerk).unlink()
