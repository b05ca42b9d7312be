from datetime import timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common_inspection import GovInspectionOrganisation
from .common_items import SupervisionItems
from .common_public import GovPublicCase


@tagged("post_install", "-at_install")
class TestItemsWrongPerson(SupervisionItems, TransactionCase):
    """Each button of a supervision item, pressed by someone whose role it is not: refused, nothing moved."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_items()

    def test_a_unit_does_not_assign_an_item_R31_1(self):
        item = self.new_item(open_it=False)
        with self.refused(UserError, "Only the supervision office, the office or a leader assigns"):
            item.with_user(self.principal).action_open()
        self.assertEqual(item.state, "draft")

    def test_a_leader_out_of_the_items_area_does_not_assign_it_R31_1_R5_3(self):
        """A draft of the economy area is assigned by its deputy (or the leader standing in for him), the head
        or the office; the deputy of another area is not offered the button and is refused."""
        item = self.new_item(open_it=False)
        self.assertFalse(item.with_user(self.deputy_b).is_leader_in_charge, "the button is not offered")
        with self.refused(AccessError, "leader in charge"):
            item.with_user(self.deputy_b).action_open()
        self.assertEqual(item.state, "draft")
        item.with_user(self.deputy_a).action_open()
        self.assertEqual(item.state, "open")
        # while the deputy in charge is away, the leader acting for him assigns
        away = self.new_item(open_it=False)
        self.env["gov.absence"].create({"user_id": self.deputy_a.id, "substitute_id": self.deputy_b.id,
                                        "date_from": self.today(), "date_to": self.today()})
        away.with_user(self.deputy_b).action_open()
        self.assertEqual(away.state, "open")
        # an item that names neither a leader nor an area: any leader instructs it
        loose = self.new_item(open_it=False, area_id=False)
        loose.with_user(self.exec_deputy).action_open()
        self.assertEqual(loose.state, "open")

    def test_only_the_supervision_office_cancels_an_item_R31_1(self):
        item = self.new_item()
        for user in (self.clerk, self.deputy_a, self.head):
            with self.refused(UserError, "Only the supervision office or the office cancels"):
                item.with_user(user).action_cancel()
        self.assertEqual(item.state, "open")

    def test_the_party_report_is_recorded_by_the_office_or_the_leader_in_charge_R8_1(self):
        """A deputy not in charge of the item's area does not record its report to 区委; the deputy in
        charge does."""
        item = self.new_item(report_to_party_committee=True, co_units=False)
        self.assertFalse(item.with_user(self.deputy_b).is_leader_in_charge, "the button is not offered")
        with self.refused(AccessError, "leader in charge"):
            item.with_user(self.deputy_b).action_record_party_report()
        self.assertFalse(item.party_report_on)
        self.assertTrue(item.with_user(self.deputy_a).is_leader_in_charge)
        item.with_user(self.deputy_a).action_record_party_report()
        self.assertEqual(item.party_report_on, self.today())

    def test_the_leader_acting_for_the_one_in_charge_records_the_party_report_R8_1_R5_3(self):
        """While the deputy in charge is away, the leader acting for him records the report to 区委 (R5.3);
        a leader acting for nobody in charge still does not."""
        item = self.new_item(report_to_party_committee=True, co_units=False)
        self.env["gov.absence"].create({"user_id": self.deputy_a.id, "substitute_id": self.deputy_b.id,
                                        "date_from": self.today(), "date_to": self.today() + timedelta(days=2)})
        self.assertFalse(item.with_user(self.exec_deputy).is_leader_in_charge, "the button is not offered")
        with self.refused(AccessError, "leader in charge"):
            item.with_user(self.exec_deputy).action_record_party_report()
        self.assertFalse(item.party_report_on)
        self.assertTrue(item.with_user(self.deputy_b).is_leader_in_charge, "the button is offered")
        item.with_user(self.deputy_b).action_record_party_report()
        self.assertEqual(item.party_report_on, self.today())

    def test_only_the_head_entrusts_an_item_R5_2(self):
        item = self.new_item()
        self.assertFalse(item.with_user(self.deputy_a).is_head_user, "the button is not offered")
        with self.refused(AccessError, "Only the district head entrusts"):
            item.with_user(self.deputy_a).action_entrust()
        self.assertTrue(item.with_user(self.head).is_head_user)
        self.assertEqual(item.with_user(self.head).action_entrust()["res_model"], "gov.entrustment")

    def test_another_unit_neither_reports_nor_contributes_R33_1(self):
        item = self.new_item()
        with self.assertRaises(UserError):
            self.env["gov.supervision.progress"].with_user(self.audit_principal).create({
                "item_id": item.id, "part_id": self.co_part(item).id, "text": "<p>审计局代报</p>",
                "date": self.today()})
        with self.assertRaises(AccessError):
            part = self.co_part(item).with_user(self.audit_principal)
            part.contribution = "<p>审计局代交</p>"
            part.action_submit_contribution()
        self.assertEqual(self.co_part(item).state, "open")

    def test_the_leads_extension_and_coordination_go_to_the_leader_by_the_lead_only_R33_1(self):
        """A co-unit, or a deputy not asked, does not send the lead unit's draft extension or coordination
        to the leader in charge."""
        item = self.new_item()
        extension = self.env["gov.supervision.extension"].with_user(self.clerk).create({
            "item_id": item.id, "reason": "拆迁未完成", "new_deadline": item.deadline + timedelta(days=10)})
        coordination = self.env["gov.supervision.coordination"].with_user(self.clerk).create({
            "item_id": item.id, "name": "资金分担比例", "disagreements": "<p>分歧</p>",
            "proposal": "<p>区级财政承担六成。</p>", "reasons": "<p>属民生工程。</p>"})
        for user in (self.finance_clerk, self.deputy_b):
            self.assertFalse(extension.with_user(user).can_ask or coordination.with_user(user).can_submit,
                             "the buttons are not offered")
            with self.refused(UserError, "Only the lead unit"):
                extension.with_user(user).action_ask()
            with self.refused(UserError, "The lead unit .* records the coordination"):
                coordination.with_user(user).action_signoff_submit()
        self.assertEqual((extension.state, coordination.state), ("draft", "draft"))
        extension.with_user(self.clerk).action_ask()
        self.assertEqual(extension.state, "pending")


@tagged("post_install", "-at_install")
class TestPublicWrongPerson(GovPublicCase, TransactionCase):
    """Letters, suggestions and briefings: the office's buttons and the leader's, pressed by someone else."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_public()

    def test_a_letter_is_instructed_by_the_leader_it_was_given_to_R17_1(self):
        letter = self.new_letter()
        with self.refused(UserError, "Only the office"):
            letter.with_user(self.deputy_a).action_send_to_leader()
        letter.with_user(self.office).action_send_to_leader()
        letter.with_user(self.deputy_a).write({"instruction": "请区发改局牵头办理。",
                                               "lead_department_id": self.dept_drc.id})
        self.assertFalse(letter.with_user(self.deputy_b).can_instruct, "the button is not offered")
        with self.refused(AccessError, "only he instructs it"):
            letter.with_user(self.deputy_b).action_instruct()
        self.assertEqual(letter.state, "reading")
        self.assertFalse(letter.item_ids)
        self.assertTrue(letter.with_user(self.deputy_a).can_instruct)
        letter.with_user(self.deputy_a).action_instruct()
        self.assertEqual(letter.state, "instructed")

    def test_the_office_buttons_of_a_suggestion_R14_1(self):
        suggestion = self.new_suggestion()
        with self.refused(UserError, "Only the office"):
            suggestion.with_user(self.deputy_a).action_assign()
        suggestion.with_user(self.office).action_assign()
        self.reply_approved(suggestion)
        for user in (self.clerk, self.deputy_a):
            for action in ("action_basically_satisfied", "action_not_satisfied", "action_disclose",
                           "action_create_item"):
                with self.refused(UserError, "Only the office"):
                    getattr(suggestion.with_user(user), action)()
        self.assertEqual(suggestion.state, "replied")
        self.assertFalse(suggestion.item_id)
        self.assertFalse(suggestion.reply_ids.filtered("disclosed"))

    def test_only_the_lead_unit_sends_the_reply_for_review_R14_1(self):
        """The lead unit replies (its staff or the responsible person); a co-unit or a leader does not write
        the reply nor send it for review."""
        suggestion = self.new_suggestion()
        suggestion.with_user(self.office).action_assign()
        suggestion.with_user(self.clerk).write({"reply": "<p>已纳入年度改造计划。</p>", "reply_date": self.today()})
        self.assertTrue(suggestion.with_user(self.clerk).can_reply)
        for user in (self.finance_clerk, self.deputy_b):
            self.assertFalse(suggestion.with_user(user).can_reply, "the button is not offered")
            with self.refused(AccessError, "Only the lead unit"):
                suggestion.with_user(user).write({"reply": "<p>协办单位改写的答复</p>"})
            with self.refused(AccessError, "Only the lead unit"):
                suggestion.with_user(user).action_signoff_submit()
        self.assertEqual(suggestion.signoff_state, "draft")
        self.assertIn("年度改造计划", suggestion.reply)
        suggestion.with_user(self.principal).action_signoff_submit()
        self.assertEqual(suggestion.state, "review")

    def test_only_the_office_records_or_cancels_a_briefing_R14_2(self):
        briefing = self.env["gov.briefing"].with_user(self.office).create({
            "name": "向人大代表通报建议办理情况", "audience": "deputies", "date": self.today(),
            "record": "<p>通报了办理情况。</p>"})
        for user in (self.clerk, self.deputy_a):
            with self.refused(UserError, "Only the office"):
                briefing.with_user(user).action_held()
            with self.refused(UserError, "Only the office"):
                briefing.with_user(user).action_cancel()
        self.assertEqual(briefing.state, "planned")


@tagged("post_install", "-at_install")
class TestInspectionsWrongPerson(GovInspectionOrganisation, TransactionCase):
    """An inspection is run by its organising units, the office and the supervision office: not by a leader
    who reads it nor by another unit."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_inspections()

    def test_a_leader_or_another_unit_does_not_run_an_inspection_R34_1(self):
        inspection = self.planned_inspection()
        for user in (self.deputy_a, self.finance_clerk):
            with self.assertRaises(UserError):
                inspection.with_user(user).action_start()
            with self.assertRaises(UserError):
                inspection.with_user(user).action_cancel()
        self.assertEqual(inspection.state, "planned")
        inspection.with_user(self.clerk).action_start()
        inspection.with_user(self.clerk).write({"conclusion": "praise"})
        for user in (self.deputy_a, self.finance_clerk):
            with self.assertRaises(UserError):
                inspection.with_user(user).action_conclude()
        self.assertEqual(inspection.state, "in_progress")

    def test_a_leader_does_not_hand_over_rectifications_R34_2(self):
        inspection = self.planned_inspection()
        inspection.action_start()
        self.env["gov.inspection.output"].with_user(self.clerk).create({
            "inspection_id": inspection.id, "kind": "rectification", "name": "工地围挡整改",
            "department_id": self.dept_town.id})
        with self.refused(UserError, "Only the organising units"):
            inspection.with_user(self.deputy_a).action_create_items()
        self.assertFalse(inspection.item_count)

    def test_another_unit_does_not_submit_a_units_inspection_plan_R34_1(self):
        plan = self.env["gov.inspection.plan"].with_user(self.clerk).create({"name": "发改局2026年度督查计划",
                                                                             "year": 2026})
        self.new_inspection(plan_id=plan.id)
        self.assertTrue(plan.with_user(self.clerk).can_submit)
        for user in (self.finance_clerk, self.deputy_a):
            self.assertFalse(plan.with_user(user).can_submit, "the button is not offered")
            with self.assertRaises(AccessError):
                plan.with_user(user).action_signoff_submit()
        self.assertEqual(plan.signoff_state, "draft")

    def test_another_unit_or_a_leader_does_not_submit_an_inspection_R34_1(self):
        inspection = self.new_inspection()
        for user in (self.finance_clerk, self.deputy_a):
            with self.assertRaises(UserError):
                inspection.with_user(user).action_signoff_submit()
        self.assertEqual(inspection.state, "draft")

    def test_only_a_leader_instructs_a_document_R5_1(self):
        with self.assertRaises(UserError):
            self.env["gov.supervision.instruct"].with_user(self.office_director).create({
                "res_model": "res.partner", "res_id": self.office_director.partner_id.id,
                "instruction": "<p>办理</p>", "lead_department_id": self.dept_drc.id,
                "deadline": self.today() + timedelta(days=30)}).action_confirm()
