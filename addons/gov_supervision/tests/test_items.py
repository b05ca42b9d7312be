from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged

from .common_items import SupervisionItems


@tagged("post_install", "-at_install")
class TestSupervisionItems(SupervisionItems, TransactionCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_items()

    # ------------------------------------------------------------------
    # Sources
    # ------------------------------------------------------------------
    def _decision(self, outcome="adopted"):
        meeting_type = self.env["gov.meeting.type"].search([("code", "=", "t_exec_meeting")]) or \
            self.env["gov.meeting.type"].create({"name": "常务会议", "code": "t_exec_meeting"})
        topic = self.env["gov.meeting.topic"].create({
            "name": "关于加快城区停车设施建设的议题", "meeting_type_id": meeting_type.id,
            "department_id": self.dept_drc.id, "area_id": self.area_economy.id})
        # a meeting is planned ahead (its date is not what these tests prove): the minutes record it afterwards
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=2)
        meeting = self.env["gov.meeting"].create({
            "name": "区政府第12次常务会议", "type_id": meeting_type.id,
            "start": start, "stop": start + timedelta(hours=2)})
        minutes = self.env["gov.meeting.minutes"].create({"name": "第12次常务会议纪要", "meeting_id": meeting.id})
        return self.env["gov.meeting.decision"].create({
            "minutes_id": minutes.id, "topic_id": topic.id, "outcome": outcome,
            "text": "<p>原则同意，由区发改局牵头落实。</p>"})

    def test_meeting_decision_becomes_an_item_and_shows_its_result_R31_1(self):
        """R31.1: a decision is put under supervision in one click; the item is linked and, once closed,
        the decision shows its result."""
        decision = self._decision()
        action = decision.with_user(self.officer).action_create_supervision_item()
        item = self.Item.browse(action["res_id"])
        self.assertEqual(item.decision_id, decision)
        self.assertEqual(item.source, "decision")
        self.assertEqual(item.lead_department_id, self.dept_drc, "the proposing unit leads")
        self.assertIn("原则同意", item.instruction)
        with self.refused(UserError, "already under supervision"):
            decision.with_user(self.officer).action_create_supervision_item()
        item.write({"responsible_id": self.clerk.id, "deadline": self.today() + timedelta(days=20)})
        item.with_user(self.officer).action_open()
        self.submit_result(item)
        item.with_user(self.officer).action_signoff_approve("同意办结")
        self.assertEqual(decision.supervision_state, "closed")
        self.assertIn("已完成改造", decision.supervision_result)
        self.assertIn("已完成改造", decision.message_ids[:1].body)

    def test_a_decision_not_adopted_is_not_supervised_R31_1(self):
        decision = self._decision(outcome="deferred")
        with self.refused(UserError, "adopted"):
            decision.with_user(self.officer).action_create_supervision_item()
        with self.refused(UserError, "supervision office"):
            self._decision().with_user(self.clerk).action_create_supervision_item()

    def test_superior_decision_to_carry_out_R31_1(self):
        """R31.1: a superior's decision is carried out under supervision, its authority and number kept."""
        item = self.new_item(source="superior", superior_authority="市人民政府",
                             superior_reference="市政发〔2026〕12号")
        self.assertEqual(item.state, "open")
        self.assertEqual(item.original_deadline, item.deadline)
        self.assertEqual(item.open_date, self.today())

    def test_leader_instructs_on_a_document(self):
        """批示交办: a leader's instruction on a document becomes an item linked to it; a clerk cannot."""
        document = self.new_document()
        document.sudo().state = "approved"
        with self.refused(UserError, "leader"):
            document.with_user(self.clerk).action_instruct_supervision()
        action = document.with_user(self.deputy_a).action_instruct_supervision()
        wizard = self.env[action["res_model"]].with_user(self.deputy_a).with_context(**action["context"]).create({
            "instruction": "<p>请区发改局牵头，区财政局配合，月底前落实。</p>",
            "lead_department_id": self.dept_drc.id, "co_department_ids": [Command.set(self.dept_finance.ids)],
            "deadline_policy_id": self.env.ref("gov_supervision.policy_supervision_ordinary").id,
            "report_cadence_id": self.weekly.id})
        result = wizard.action_confirm()
        item = self.Item.browse(result["res_id"])
        self.assertEqual(item.document_id, document)
        self.assertEqual(item.leader_id, self.deputy_a)
        self.assertEqual(item.state, "open")
        self.assertEqual(item.deadline, self.working_days(20), "20 working days from the policy")
        self.assertEqual(item.part_ids.department_id, self.dept_drc | self.dept_finance)
        self.assertEqual(document.supervision_item_count, 1)

    def test_finding_is_reported_back_when_closed_R15_1(self):
        """R15.1: an audit finding's rectification, once accepted, is reported back to the government: the
        office is told and the date recorded."""
        with self.refused(ValidationError, "R15.1"):
            self.new_item(source="finding")
        item = self.new_item(source="finding", finding_authority="audit", finding_reference="东审报〔2026〕3号",
                             co_units=False)
        self.submit_result(item)
        item.with_user(self.officer).action_signoff_approve()
        self.assertEqual(item.state, "closed")
        self.assertEqual(item.reported_back_on, self.today())
        told = item.sudo().activity_ids.filtered(lambda a: "R15.1" in (a.summary or ""))
        self.assertIn(self.office_director, told.user_id)
        self.assertTrue(item.message_ids.filtered(lambda m: "reported back" in (m.body or "")))

    def test_no_closure_before_the_report_to_the_party_committee_R8_1(self):
        """R8.1: an item reported to 区委 cannot close before the report is recorded."""
        item = self.new_item(report_to_party_committee=True, co_units=False)
        with self.refused(UserError, "R8.1"):
            self.submit_result(item)
        self.assertEqual(item.state, "open", "nothing moved")
        with self.refused(UserError, "office records"):
            item.with_user(self.clerk).action_record_party_report()
        item.with_user(self.officer).action_record_party_report()
        self.submit_result(item)
        item.with_user(self.officer).action_signoff_approve()
        self.assertEqual(item.state, "closed")

    # ------------------------------------------------------------------
    # Lead and co-units, coordination, entrustment
    # ------------------------------------------------------------------
    def test_lead_collects_the_co_units_contributions_R33_1(self):
        """R33.1: one lead part and co-unit parts, each with its person and deadline; the co-unit's
        contribution reaches the lead; the item closes only once the co-units' parts are done."""
        item = self.new_item()
        lead = item.part_ids.filtered("is_lead")
        self.assertEqual((lead.department_id, lead.responsible_id, lead.deadline),
                         (self.dept_drc, self.clerk, item.deadline))
        co_part = self.co_part(item)
        self.assertEqual(co_part.deadline, self.today() + timedelta(days=30))
        with self.refused(UserError, "parts of 区财政局 are open"):
            self.submit_result(item)
        with self.refused(UserError, "Only 区财政局"):
            co_part.with_user(self.clerk).action_submit_contribution()
        self.contribute(item)
        self.assertEqual(co_part.state, "done")
        # the lead reads what the co-unit contributed
        self.assertIn("资金已落实", self.co_part(item.with_user(self.clerk)).contribution)
        self.assertIn(self.clerk.partner_id, item.message_ids[:1].partner_ids)
        self.submit_result(item)
        self.assertEqual(item.state, "review")

    def test_co_unit_part_has_a_deadline_from_a_policy_R33_1(self):
        item = self.new_item(co_units=False)
        part = self.env["gov.supervision.part"].with_user(self.officer).create({
            "item_id": item.id, "department_id": self.dept_finance.id,
            "deadline_policy_id": self.env.ref("gov_supervision.policy_supervision_co_unit").id})
        self.assertEqual(part.deadline, self.working_days(10))

    def test_coordination_is_decided_by_the_leader_in_charge_R33_1(self):
        """R33.1: when principals disagree, the lead records the coordination and the leader in charge
        decides, as a sign-off step; another leader cannot."""
        item = self.new_item()
        coordination = self.env["gov.supervision.coordination"].with_user(self.clerk).create({
            "item_id": item.id, "name": "资金分担比例", "unit_ids": [Command.set(self.dept_finance.ids)],
            "disagreements": "<p>财政局认为应由项目单位自筹。</p>", "proposal": "<p>区级财政承担六成。</p>",
            "reasons": "<p>属民生工程。</p>"})
        with self.refused(UserError, "lead unit"):
            self.env["gov.supervision.coordination"].with_user(self.finance_clerk).create({
                "item_id": item.id, "name": "x", "disagreements": "x", "proposal": "x", "reasons": "x"})
        coordination.with_user(self.clerk).action_signoff_submit()
        self.assertEqual(coordination.state, "pending")
        self.assertEqual(coordination.signoff_user_ids, self.deputy_a)
        with self.refused(UserError, "not waiting for you"):
            coordination.with_user(self.deputy_b).action_signoff_approve()
        coordination.with_user(self.deputy_a).action_signoff_approve("同意牵头单位意见")
        self.assertEqual(coordination.state, "decided")
        self.assertEqual(coordination.decision, "同意牵头单位意见")
        self.assertIn("同意牵头单位意见", item.message_ids[:1].body)

    def test_head_entrusts_an_item_to_a_deputy_R5_2(self):
        """R5.2: the head entrusts the item to a deputy (the engine's entrustment): its extensions go to
        that deputy, not the area's leader, and the ladder escalates to him."""
        item = self.new_item()
        action = item.with_user(self.head).action_entrust()
        self.assertEqual(action["res_model"], "gov.entrustment")
        self.env["gov.entrustment"].with_user(self.head).with_context(**action["context"]).create({
            "position_id": self.pos_dep_b.id})
        self.assertEqual(item._gov_signoff_leader(), self.deputy_b)
        extension = self._ask_extension(item)
        self.assertEqual(extension.signoff_user_ids, self.deputy_b)
        with self.refused(UserError, "not waiting for you"):
            extension.with_user(self.deputy_a).action_signoff_approve()
        extension.with_user(self.deputy_b).action_signoff_approve()
        self.assertEqual(extension.state, "approved")

    # ------------------------------------------------------------------
    # Extensions
    # ------------------------------------------------------------------
    def _ask_extension(self, item, days=20, user=None):
        extension = self.env["gov.supervision.extension"].with_user(user or self.clerk).create({
            "item_id": item.id, "new_deadline": item.deadline + timedelta(days=days), "reason": "拆迁协调需要时间"})
        extension.action_ask()
        return extension

    def test_extension_moves_the_deadline_and_keeps_the_original(self):
        """延期: the leader in charge approves; the deadline moves, the original stays, and the statistics
        count against the original."""
        item = self.new_item(co_units=False, deadline=self.today() + timedelta(days=5))
        original = item.deadline
        extension = self._ask_extension(item)
        self.assertEqual(extension.signoff_user_ids, self.deputy_a, "the leader in charge of 经济发展")
        with self.refused(UserError, "not waiting for you"):
            extension.with_user(self.deputy_b).action_signoff_approve()
        self.assertEqual(item.deadline, original, "nothing moves before the approval")
        extension.with_user(self.deputy_a).action_signoff_approve("同意延期")
        self.assertEqual(item.deadline, original + timedelta(days=20))
        self.assertEqual(item.original_deadline, original)
        self.assertTrue(item.is_extended)
        self.assertEqual(item.part_ids.filtered("is_lead").deadline, item.deadline)
        # closed within the extension but after the original deadline: not on time
        self.submit_result(item)
        item.with_user(self.officer).action_signoff_approve()
        item.sudo().closed_on = original + timedelta(days=3)
        self.assertFalse(item.was_on_time)
        item.sudo().closed_on = original
        self.assertTrue(item.was_on_time)

    def test_bad_extensions_are_refused_and_nothing_saved(self):
        """Bad input: an extension after the deadline, or to an earlier date; a co-unit asking; all refused
        with a clear message and nothing saved."""
        Extension = self.env["gov.supervision.extension"]
        item = self.new_item()
        count = Extension.search_count([])
        with self.refused(ValidationError, "must be after the current one"):
            Extension.with_user(self.clerk).create({"item_id": item.id, "reason": "x",
                                                    "new_deadline": item.deadline - timedelta(days=1)})
        with self.refused(UserError, "Only the lead unit"):
            Extension.with_user(self.finance_clerk).create({"item_id": item.id, "reason": "x",
                                                            "new_deadline": item.deadline + timedelta(days=9)})
        late = self.new_item(co_units=False)
        late._gov_signoff_write({"deadline_start": self.today() - timedelta(days=10),
                                "deadline": self.today() - timedelta(days=1)})
        with self.refused(ValidationError, "before the deadline"):
            Extension.with_user(self.clerk).create({"item_id": late.id, "reason": "x",
                                                    "new_deadline": self.today() + timedelta(days=9)})
        self.assertEqual(Extension.search_count([]), count)

    def test_bad_item_input_is_refused(self):
        """Bad input: a deadline before the start, a co-unit that is also the lead, the deadline changed by
        hand once assigned."""
        Item = self.Item.with_user(self.officer)
        count = Item.search_count([])
        with self.refused(ValidationError, "before its start"):
            Item.create({"name": "x", "lead_department_id": self.dept_drc.id,
                         "deadline_start": self.today(), "deadline": self.today() - timedelta(days=1)})
        with self.refused(ValidationError, "cannot also be one of its co-units"):
            Item.create({"name": "x", "lead_department_id": self.dept_drc.id, "deadline": self.today(),
                         "part_ids": [Command.create({"department_id": self.dept_drc.id})]})
        self.assertEqual(Item.search_count([]), count)
        item = self.new_item()
        with self.refused(UserError, "set by the workflow"):
            item.with_user(self.officer).write({"deadline": item.deadline + timedelta(days=5)})
        with self.refused(UserError, "Name the lead unit"):
            Item.create({"name": "无牵头单位", "deadline": self.today()}).action_open()

    # ------------------------------------------------------------------
    # Closure (办结) and 退回重办
    # ------------------------------------------------------------------
    def test_closure_sent_back_then_accepted(self):
        """The supervision office reviews through the engine: sends the result back (退回重办, counted),
        then accepts it: closed, closed_on set."""
        item = self.new_item()
        self.contribute(item)
        self.submit_result(item)
        self.assertEqual(item.state, "review")
        self.assertEqual(item.signoff_user_ids, self.officer)
        self.assertFalse(item.deadline_open, "no reminders while the office reviews")
        # the lead unit's clerk submitted the result: he never accepts it himself (the route separates duties)
        with self.refused(UserError, r"may not approve it \(R18\.1\)"):
            item.with_user(self.clerk).action_signoff_approve()
        item.with_user(self.officer).action_signoff_return("佐证材料不全，请补充")
        self.assertEqual((item.state, item.return_count), ("open", 1))
        self.assertTrue(item.deadline_open)
        self.submit_result(item)
        item.with_user(self.officer).action_signoff_approve("同意办结")
        self.assertEqual((item.state, item.closed_on, item.return_count), ("closed", self.today(), 1))
        self.assertTrue(item.was_on_time)
        self.assertEqual(set(item.part_ids.mapped("state")), {"done"})

    def test_closure_needs_evidence_attached_to_the_item_R31_1(self):
        """R31.1: the lead unit submits its result with evidence: without an evidence file the closure is
        refused and nothing moves; the evidence is an attachment of the item, which the supervision office
        reads when it reviews the result."""
        item = self.new_item(co_units=False)
        lead = item.with_user(self.clerk)
        lead.result = "<p>已完成改造</p>"
        with self.refused(UserError, "Attach the evidence"):
            lead.action_submit_closure()
        self.assertEqual((item.state, item.signoff_state), ("open", "draft"))
        evidence = self.evidence(item, name="改造验收单.pdf")
        lead.write({"evidence_ids": [Command.link(evidence.id)]})
        # a co-unit does not attach the lead's evidence
        with self.assertRaises(AccessError):
            item.with_user(self.finance_clerk).write({"evidence_ids": [Command.clear()]})
        lead.action_submit_closure()
        self.assertEqual(item.state, "review")
        self.assertEqual(item.with_user(self.officer).evidence_ids.mapped("name"), ["改造验收单.pdf"])
        self.assertEqual(evidence.with_user(self.officer).raw, b"%PDF-1.4 acceptance")
        # under review, the evidence stays as submitted
        with self.assertRaises(UserError):
            lead.write({"evidence_ids": [Command.clear()]})
        item.with_user(self.officer).action_signoff_approve("同意办结")
        self.assertEqual((item.state, item.evidence_ids), ("closed", evidence))

    def test_creating_an_item_costs_a_fixed_number_of_queries(self):
        """Creating an item costs the same queries however many items exist (no query per existing item)."""
        counts = []
        for _round in range(3):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self.Item.with_user(self.officer).create({
                "name": "新事项", "lead_department_id": self.dept_drc.id, "responsible_id": self.clerk.id,
                "deadline": self.today() + timedelta(days=10)})
            self.env.flush_all()
            counts.append(self.env.cr.sql_log_count - before)
            # more items in between
            for _index in range(3):
                self.new_item(open_it=False, co_units=False)
        # the first round fills the caches (views, rule sets …); the next ones cost the same
        self.assertEqual(counts[1], counts[2], f"queries: {counts}")
        self.env.invalidate_all()
        with self.assertQueryCount(counts[2]):
            self.Item.with_user(self.officer).create({
                "name": "再一个事项", "lead_department_id": self.dept_drc.id, "responsible_id": self.clerk.id,
                "deadline": self.today() + timedelta(days=10)})
            self.env.flush_all()

    # ------------------------------------------------------------------
    # The ladder: 催办 before, 督办 at, escalated after the deadline
    # ------------------------------------------------------------------
    def test_ladder_reminds_supervises_and_escalates(self):
        policy = self.env.ref("gov_supervision.policy_supervision_urgent")
        item = self.new_item(co_units=False, deadline=False, deadline_policy_id=policy.id)
        deadline = item.deadline
        Ladder = self.env["gov.escalation.ladder"]

        def told(summary_start):
            return item.sudo().activity_ids.filtered(lambda a: (a.summary or "").startswith(summary_start)).user_id

        Ladder._cron_escalate(today=self.calendar.add_working_days(deadline, -3))
        self.assertEqual(told("Due in three"), self.clerk, "催办: the responsible person")
        Ladder._cron_escalate(today=deadline)
        self.assertIn(self.office_director, told("Due today"), "督办: the office too")
        Ladder._cron_escalate(today=self.calendar.add_working_days(deadline, 1))
        self.assertIn(self.deputy_a, told("Overdue"), "escalated to the leader in charge")
