from datetime import date, datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common_org import GovOrgCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestWhoActsForWhom(GovOrgCase):
    """Positions, A/B pairs, absences and entrustment decide who acts (R4.1, R5.1–R5.4, R40.1)."""

    def _absence(self, user, start="2026-03-02", end="2026-03-06", **values):
        return self.env["gov.absence"].with_user(self.office_director).create(
            {"user_id": user.id, "date_from": start, "date_to": end, "kind": "trip", **values})

    def _to_head(self):
        document = self.new_document()
        document.action_submit()
        document.with_user(self.office_deputy).action_signoff_approve()
        document.with_user(self.deputy_a).action_signoff_approve()
        return document

    def test_positions_and_division_of_work_R4_1_R5_1(self):
        """R4.1, R5.1."""
        self.assertEqual(self.env["gov.position"]._holder("head"), self.head)
        self.assertEqual(self.area_economy._leader_position(date(2026, 3, 2)).user_id, self.deputy_a)
        self.assertEqual(self.pos_dep_a.ab_partner_id, self.pos_dep_b, "A/B pairs are symmetric")

    def test_head_away_executive_deputy_signs_with_dai_R5_3(self):
        """R5.3."""
        self._absence(self.head)
        document = self._to_head()
        task = self.pending(document)
        self.assertEqual(task.holder_id, self.head)
        self.assertEqual(task.user_ids, self.exec_deputy)
        document.with_user(self.exec_deputy).action_signoff_approve("代签")
        self.assertEqual(document.signer_id, self.exec_deputy)
        self.assertEqual(document.signed_for_id, self.head)
        self.assertIn("代", document.signer_display)
        # the latest approval (a relation created in this transaction lists its entries as they came)
        log = document.sudo().signoff_log_ids.filtered(lambda entry: entry.action == "approve").sorted("id")[-1:]
        self.assertEqual((log.user_id, log.acting_for_id), (self.exec_deputy, self.head))
        informed = document.message_ids.filtered(lambda message: self.head.partner_id in message.partner_ids)
        self.assertTrue(informed, "the head is kept informed")

    def test_deputy_away_partner_acts_R5_4(self):
        """R5.4."""
        self._absence(self.deputy_a, kind="leave")
        document = self.new_document()
        document.action_submit()
        document.with_user(self.office_deputy).action_signoff_approve()
        self.assertEqual(self.pending(document).user_ids, self.deputy_b)

    def test_absence_starting_reroutes_waiting_steps_and_tells_both_R5_4_R40_1(self):
        """R5.4, R40.1."""
        document = self.new_document()
        document.action_submit()
        document.with_user(self.office_deputy).action_signoff_approve()
        self.assertEqual(self.pending(document).user_ids, self.deputy_a)
        absence = self._absence(self.deputy_a)
        self.assertEqual(self.pending(document).user_ids, self.deputy_b)
        message = document.message_ids.filtered(lambda m: self.deputy_b.partner_id in m.partner_ids)[:1]
        self.assertIn(self.deputy_a.partner_id, message.partner_ids)
        self.assertTrue(document.sudo().activity_ids.filtered(lambda a: a.user_id == self.deputy_b))
        self.assertFalse(document.sudo().activity_ids.filtered(lambda a: a.user_id == self.deputy_a))
        absence.unlink()  # back early: the step returns to A
        self.assertEqual(self.pending(document).user_ids, self.deputy_a)

    def test_absence_cycle_is_refused_R5_4(self):
        """R5.4."""
        self._absence(self.deputy_a)
        with self.assertRaisesRegex(ValidationError, "cycle"):
            self._absence(self.deputy_b, start="2026-03-04", end="2026-03-10")
        with self.assertRaisesRegex(ValidationError, "before it starts"):
            self._absence(self.head, start="2026-03-05", end="2026-03-01")

    def test_entrusted_deputy_leads_the_area_R5_2(self):
        """R5.2."""
        self.env["gov.entrustment"].create({"name": "代管经济工作", "area_id": self.area_economy.id,
                                            "position_id": self.pos_dep_b.id, "date_from": "2026-03-01",
                                            "date_to": "2026-03-31"})
        document = self.new_document()
        document.action_submit()
        document.with_user(self.office_deputy).action_signoff_approve()
        self.assertEqual(self.pending(document).user_ids, self.deputy_b)

    def test_requester_never_approves_own_item_R18_1(self):
        """R18.1: who submits never approves; a department's document is signed by its principal (R27.3)."""
        authority = self.env["gov.issuing.authority"].create({"name": "区发改局", "kind": "department",
                                                              "prefix": "东发改发", "department_id": self.dept_drc.id})
        document = self.new_document(user=self.principal, authority_id=authority.id)
        with self.assertRaisesRegex(UserError, "R18.1"):
            document.with_user(self.principal).action_submit()
        document = self.new_document(authority_id=authority.id)
        document.with_user(self.clerk).action_submit()
        document.with_user(self.principal).action_signoff_approve("同意")
        self.assertEqual(document.signer_id, self.principal)

    def test_decision_log_is_append_only_R35_1(self):
        """R35.1."""
        document = self._to_head()
        logs = self.env["gov.signoff.log"].search([("res_model", "=", "gov.document"), ("res_id", "=", document.id)])
        self.assertEqual(len(logs), 3)
        admin = self.env.ref("base.user_admin")
        with self.assertRaisesRegex(UserError, "R35.1"):
            logs.with_user(admin).write({"opinion": "改写"})
        with self.assertRaises(AccessError):
            logs.with_user(admin).unlink()
        # not even the superuser, through the ORM
        with self.assertRaisesRegex(UserError, "R35.1"):
            logs.sudo().write({"opinion": "改写"})
        with self.assertRaisesRegex(UserError, "R35.1"):
            logs.sudo().unlink()
        self.assertEqual(len(logs.exists()), 3)

    def test_my_todo_across_models(self):
        documents = self.new_document() | self.new_document(name="关于春耕备耕的通知")
        documents.action_submit()
        mine = self.env["gov.signoff.task"].with_user(self.office_deputy).search(
            [("state", "=", "pending"), ("user_ids", "in", self.office_deputy.ids)])
        self.assertEqual(set(mine.mapped("res_id")), set(documents.ids))
        self.assertFalse(self.env["gov.signoff.task"].with_user(self.deputy_a).search(
            [("state", "=", "pending"), ("user_ids", "in", self.deputy_a.ids)]))


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestRulesAsData(GovOrgCase):
    """Rule sets, deadlines and forms are data (R11.1, R27.4, R27.7, R28.1, R42.1, R44.1)."""

    def test_issue_within_seven_working_days_of_the_meeting_R22_4(self):
        """R22.4: a document a meeting decides is issued within 7 working days (National Day skipped)."""
        policy = self.rule_set._policy("issue_after_meeting")
        self.assertEqual(policy.working_days, 7)
        self.assertEqual(policy._deadline_from(date(2026, 9, 28)), (date(2026, 10, 13), False))
        self.assertEqual(policy.ladder_id, self.env.ref("gov_rules.ladder_approval"))

    def test_lead_time_R28_1(self):
        """R28.1."""
        document = self.new_document(needed_by="2026-03-13")
        with self.assertRaisesRegex(UserError, "2026-03-20"):
            document.action_submit()
        document.needed_by = "2026-03-20"
        document.action_submit()
        self.assertEqual(document.state, "signoff")
        urgent = self.new_document(urgency="urgent", needed_by="2026-03-10")
        with self.assertRaisesRegex(UserError, "2026-03-11"):
            urgent.action_submit()

    def test_extra_urgent_needs_a_reason_R28_1(self):
        """R28.1."""
        document = self.new_document(urgency="extra_urgent")
        with self.assertRaisesRegex(UserError, "R28.1"):
            document.action_submit()

    def test_checklist_evidence_or_reason_R27_7_R11_1(self):
        """R27.7, R11.1; the legality review is recorded by the legal adviser (R11.4)."""
        normative = self.env.ref("gov_rules.document_type_normative")
        document = self.new_document(type_id=normative.id)
        self.assertEqual(len(document.checklist_ids), 8)
        with self.assertRaisesRegex(UserError, "Public participation"):
            document.action_submit()
        item = document.checklist_ids[:1]
        with self.assertRaisesRegex(ValidationError, "evidence"):
            item.write({"state": "done"})
        with self.assertRaisesRegex(ValidationError, "why"):
            item.write({"state": "skipped"})
        item.write({"state": "skipped", "skip_reason": "内部管理事项，不涉及公众"})
        self.assertEqual(item.done_by_id, self.clerk)
        legality = document.checklist_ids.filtered(lambda i: i.reviewer_role == "legal_adviser")
        self.assertEqual(len(legality), 1)
        with self.assertRaisesRegex(ValidationError, "R11.4"):
            legality.with_user(self.clerk).write({"state": "done", "note": "已审查"})
        legality.with_user(self.legal).write({"state": "done", "note": "经审查，合法"})
        self.assertEqual(legality.done_by_id, self.legal)
        for line in document.checklist_ids.filtered(lambda i: i.required and i.state == "todo"):
            line.write({"state": "done", "note": "见附件"})
        document.action_submit()
        self.assertEqual(document.state, "signoff")

    def test_one_matter_per_request_is_confirmed_by_the_office_R27_4(self):
        """R27.4."""
        request = self.new_document(type_id=self.env.ref("gov_rules.document_type_request").id)
        confirmation = request.checklist_ids.filtered(lambda i: i.kind == "confirmation")
        self.assertEqual(confirmation.rule_ref, "R27.4")
        with self.assertRaisesRegex(ValidationError, "office"):
            confirmation.with_user(self.clerk).write({"state": "done"})
        confirmation.with_user(self.office_deputy).write({"state": "done"})
        self.assertEqual(confirmation.done_by_id, self.office_deputy)

    def test_the_office_confirms_one_matter_when_it_reviews_R27_4(self):
        """R27.4: a clerk submits his request without the office's check, which only the office can make;
        the office confirms it when it reviews, and does not approve while it is open."""
        request = self.new_document(type_id=self.env.ref("gov_rules.document_type_request").id)
        attachment = request.checklist_ids.filtered(lambda i: i.kind == "attachment")
        attachment.with_user(self.clerk).write({"state": "done", "note": "局务会议纪要"})
        request.with_user(self.clerk).action_submit()
        self.assertEqual(request.state, "signoff")
        with self.assertRaisesRegex(UserError, "R27.4"):
            request.with_user(self.office_deputy).action_signoff_approve("拟同意")
        confirmation = request.checklist_ids.filtered(lambda i: i.kind == "confirmation")
        confirmation.with_user(self.office_deputy).write({"state": "done"})
        request.with_user(self.office_deputy).action_signoff_approve("一文一事，拟同意")
        self.assertEqual(self.pending(request).user_ids, self.deputy_a)

    def test_form_fields_added_without_code(self):
        request_type = self.env.ref("gov_rules.document_type_request")
        document = self.new_document(type_id=request_type.id)
        document.properties = {"amount": 120.5, "funding_source": "区本级财政"}
        self.assertEqual(document.properties["amount"], 120.5)
        request_type.properties_definition = [*request_type.properties_definition,
                                              {"name": "project_code", "string": "项目编号", "type": "char"}]
        document.properties = {**document.properties, "project_code": "DC-2026-07"}
        self.assertEqual(document.properties["project_code"], "DC-2026-07")

    def test_new_version_applies_to_new_items_only_R44_1(self):
        """R44.1."""
        old = self.new_document()
        self.assertEqual(old.rule_set_id, self.rule_set)
        action = self.rule_set.action_new_version()
        new_set = self.env["gov.rule.set"].browse(action["res_id"])
        self.assertEqual(new_set.version, 2)
        new_set.policy_ids.filtered(lambda p: p.code == "approve_ordinary").working_days = 10
        new_set.date_effective = "2026-03-02"
        self.assertEqual(new_set.policy_ids.ladder_id.rule_set_id, new_set, "the copy uses its own ladders")
        fresh = self.new_document()
        self.assertEqual(fresh.rule_set_id, new_set)
        old.action_submit()
        fresh.action_submit()
        self.assertEqual(old.deadline, date(2026, 3, 20), "the old item keeps 14 working days")
        self.assertEqual(fresh.deadline, date(2026, 3, 16))

    def test_unit_copies_and_adapts_the_rules_R42_1(self):
        """R42.1."""
        action = self.rule_set.action_copy_for_unit(self.dept_drc)
        unit_set = self.env["gov.rule.set"].browse(action["res_id"])
        self.assertEqual(unit_set.department_id, self.dept_drc)
        self.assertEqual(len(unit_set.matrix_row_ids), len(self.rule_set.matrix_row_ids))
        unit_set.policy_ids.filtered(lambda p: p.code == "consultation").working_days = 5
        self.assertEqual(self.new_document().rule_set_id, unit_set)
        other = self.new_document(user=self.finance_clerk, department_id=self.dept_finance.id)
        self.assertEqual(other.rule_set_id, self.rule_set)

    def test_government_administrator_copies_the_rules_R42_1_R44_1(self):
        """R42.1, R44.1: an administrator of the suite (not of the system) duplicates the set, makes a
        new version and copies it for a unit; each copy runs on its own ladders and policies."""
        admin = new_test_user(self.env, "t_gov_admin", groups="base.group_user,gov_rules.group_gov_admin")
        rule_set = self.rule_set.with_user(admin)
        duplicate = rule_set.copy()
        latest = max(self.env["gov.rule.set"].search([("code", "=", self.rule_set.code),
                                                        ("department_id", "=", False)]).mapped("version"))
        self.assertEqual(duplicate.version, latest, "a plain duplicate becomes the next version")
        unit_set = self.env["gov.rule.set"].browse(rule_set.action_copy_for_unit(self.dept_finance)["res_id"])
        for copy in (duplicate, unit_set):
            self.assertEqual(copy.policy_ids.ladder_id.rule_set_id, copy)
            self.assertEqual(copy.matrix_row_ids.step_ids.deadline_policy_id.rule_set_id - copy,
                             self.env["gov.rule.set"])

    def test_route_is_fixed_at_submission(self):
        document = self.new_document()
        document.action_submit()
        self.env.ref("gov_rules.matrix_government").step_ids.filtered(lambda s: s.role == "head").role = \
            "executive_deputy"
        document.with_user(self.office_deputy).action_signoff_approve()
        document.with_user(self.deputy_a).action_signoff_approve()
        self.assertEqual(self.pending(document).user_ids, self.head)

    def test_bad_configuration_is_refused(self):
        row = self.env.ref("gov_rules.matrix_government")
        with self.assertRaisesRegex(ValidationError, "not valid"):
            row.domain = "[('no_such_field', '=', 1)]"
        with self.assertRaisesRegex(ValidationError, "no step"):
            row.step_ids.unlink()
        with self.assertRaisesRegex(ValidationError, "between 1 and 365"):
            self.env.ref("gov_rules.policy_consultation").working_days = 0
        with self.assertRaisesRegex(ValidationError, "only 1 parallel approvers"):
            row.step_ids[:1].required_approvals = 2
        with self.assertRaisesRegex(ValidationError, "group"):
            row.step_ids[1:2].role = "group"

    def test_no_matching_row_is_a_clear_error(self):
        self.env["gov.signoff.matrix.row"].search([("model", "=", "gov.document")]).active = False
        with self.assertRaisesRegex(UserError, "No sign-off route"):
            self.new_document().action_submit()

    def test_provisional_deadline_recomputed_when_the_year_is_entered(self):
        with freeze_time("2026-12-24"):
            document = self.new_document()
            document.action_submit()
        self.assertTrue(document.deadline_provisional)
        self.assertEqual(document.deadline, date(2027, 1, 13))
        self.env["gov.calendar.year"].create({
            "calendar_id": self.env.ref("gov_rules.calendar_cn").id, "year": 2027,
            "day_ids": [(0, 0, {"date": "2027-01-01", "kind": "holiday", "name": "元旦"})]})
        self.assertFalse(document.deadline_provisional)
        self.assertEqual(document.deadline, date(2027, 1, 14))

    def test_base_automation_counts_chinese_working_days(self):
        bridge = self.env["resource.calendar"].create({"name": "中国工作日",
                                                       "gov_calendar_id": self.env.ref("gov_rules.calendar_cn").id})
        # Friday 13 Feb 2026 + 2 working days: Saturday 14 (makeup day), then Tuesday 24 after Spring Festival
        end = bridge.plan_days(2, datetime(2026, 2, 13, 9, 0))
        self.assertEqual(end.date(), date(2026, 2, 14))
        end = bridge.plan_days(3, datetime(2026, 2, 13, 9, 0))
        self.assertEqual(end.date(), date(2026, 2, 24))
        plain = self.env["resource.calendar"].create({"name": "Standard"})
        self.assertEqual(plain.plan_days(2, datetime(2026, 2, 13, 9, 0)).date(), date(2026, 2, 16))

    def test_automation_on_deadline_counts_working_days(self):
        """An administrator's own automation "2 working days after the deadline" fires on Tuesday
        24 February 2026 for a deadline on Friday 13 February: the makeup Saturday counts, the
        Spring Festival does not."""
        document = self.new_document()
        document.sudo().write({"deadline": "2026-02-13"})
        automation = self.env["base.automation"].create({
            "name": "逾期两个工作日提醒", "model_id": self.env["ir.model"]._get_id("gov.document"),
            "trigger": "on_time", "trg_date_id": self.env["ir.model.fields"]._get("gov.document", "deadline").id,
            "trg_date_range": 2, "trg_date_range_type": "day", "trg_date_range_mode": "after",
        })
        automation.trg_date_calendar_id = self.env.ref("gov_rules.resource_calendar_cn")
        self.assertEqual(automation.trg_date_calendar_id.gov_calendar_id, self.env.ref("gov_rules.calendar_cn"))
        found = automation._search_time_based_automation_records(until=datetime(2026, 2, 23, 10, 0))
        self.assertNotIn(document, found)
        found = automation._search_time_based_automation_records(until=datetime(2026, 2, 24, 10, 0))
        self.assertIn(document, found)
