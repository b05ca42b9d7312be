from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .common_org import GovOrgCase

LEADER_ROLES = {"head", "area_leader", "executive_deputy"}


class DocumentRulesCase(GovOrgCase):
    """The organisation, a department's own issuing authority and the request type."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.authority_drc = cls.env["gov.issuing.authority"].create({
            "name": "区发改局", "kind": "department", "prefix": "东发改规测", "department_id": cls.dept_drc.id})
        cls.type_request = cls.env.ref("gov_rules.document_type_request")
        cls.admin = cls.env.ref("base.user_admin")

    def new_request(self, user=None, **values):
        """A department's request to the government, its own checklist line done by the clerk."""
        document = self.new_document(user=user, **{
            "type_id": self.type_request.id, "authority_id": self.authority_drc.id,
            "name": "区发改局关于申请拨付价格监测经费的请示", **values})
        minutes = document.checklist_ids.filtered(lambda item: item.kind == "attachment")
        minutes.with_user(user or self.clerk).write({"state": "done", "note": "局党组会议纪要〔2026〕3号"})
        return document

    def first_stage_roles(self, document):
        steps = document.sudo().signoff_task_ids.filtered(lambda task: task.round == document.signoff_round)
        first = min(steps.mapped("sequence"))
        return set(steps.filtered(lambda task: task.sequence == first).mapped("role"))


@tagged("post_install", "-at_install")
class TestOwnPowersAndNoLeaderFirst(DocumentRulesCase):
    """R27.1: matters within a unit's own powers go back to the unit; nothing goes to a leader personally."""

    def _at_office_review(self):
        request = self.new_request()
        request.with_user(self.clerk).action_submit()
        self.assertEqual(request.signoff_row_id, self.env.ref("gov_rules.matrix_department_request"))
        self.assertEqual(self.pending(request).user_ids, self.principal)
        request.with_user(self.principal).action_signoff_approve("同意上报")
        self.assertEqual(self.pending(request).user_ids, self.office_deputy)
        return request

    def _reasons_offered(self, user):
        Decision = self.env["gov.signoff.decision"].with_user(user)
        return self.env["gov.return.reason"].with_user(user).search(
            Decision.fields_get(["return_reason_id"])["return_reason_id"]["domain"])

    def test_office_returns_a_matter_within_the_units_own_powers_R27_1(self):
        """R27.1: the office returns the request as within the unit's own powers; the drafter reads the
        reason and what to do on his form and in his to-do, and the decision log keeps it."""
        request = self._at_office_review()
        own_powers = self.env.ref("gov_rules.return_reason_own_powers")
        # the office's decision dialog, as the form sends it
        decision = Form(self.env["gov.signoff.decision"].with_user(self.office_deputy).with_context(
            default_res_model="gov.document", default_res_id=request.id, default_decision="return"))
        decision.return_reason_id = own_powers
        decision.opinion = "价格监测经费属局预算内事项"
        decision.save().action_confirm()

        seen = request.with_user(self.clerk)
        self.assertEqual((seen.state, seen.signoff_state), ("draft", "returned"))
        self.assertEqual(seen.return_reason_id, own_powers)
        self.assertIn("do not submit it to the government", seen.return_guidance)
        last = seen.signoff_log_ids.sorted("id")[-1]
        self.assertEqual((last.action, last.user_id), ("return", self.office_deputy))
        self.assertIn(own_powers.name, last.opinion)
        self.assertIn("价格监测经费属局预算内事项", last.opinion)
        todo = self.env.ref("mail.mail_activity_data_todo")
        note = request.activity_ids.filtered(
            lambda act: act.activity_type_id == todo and act.user_id == self.clerk).note
        self.assertIn(own_powers.name, str(note))

        # submitted again (say, as a report of what the unit decided), the old reason is gone
        seen.action_submit()
        self.assertFalse(request.return_reason_id)

    def test_only_the_office_returns_for_the_offices_reasons_R27_1(self):
        """R27.1: the unit's principal cannot use the office's reason; the step stays with him."""
        request = self.new_request()
        request.with_user(self.clerk).action_submit()
        own_powers = self.env.ref("gov_rules.return_reason_own_powers")
        self.assertIn(own_powers, self._reasons_offered(self.office_deputy))
        self.assertNotIn(own_powers, self._reasons_offered(self.principal))
        with self.refused(UserError, "Only the office.*R27.1"):
            request.with_user(self.principal).action_signoff_return_for(own_powers, "本局可定")
        self.assertEqual(request.signoff_state, "pending")
        self.assertEqual(self.pending(request).user_ids, self.principal)
        # nor does a clerk set the reason by hand
        with self.refused(UserError, "workflow"):
            request.with_user(self.clerk).write({"return_reason_id": own_powers.id})

    def test_a_request_never_goes_to_a_leader_first_R27_1(self):
        """R27.1, R27.2: whatever a clerk ticks, a request reaches a leader only through the office; no
        preset route starts at a leader; and a clerk cannot pick a route or make a step himself."""
        for flags in ({}, {"within_division": True}, {"major_matter": True}, {"to_higher_authority": True},
                      {"is_directive": True}, {"urgency": "urgent"}):
            request = self.new_request(**flags)
            request.with_user(self.clerk).action_submit()
            roles = self.first_stage_roles(request)
            self.assertFalse(roles & LEADER_ROLES, flags)
            self.assertNotIn(self.pending(request).user_ids, self.head | self.deputy_a | self.exec_deputy)
        in_the_governments_name = self.new_request(authority_id=self.authority_government.id, within_division=True)
        in_the_governments_name.with_user(self.clerk).action_submit()
        self.assertEqual(self.first_stage_roles(in_the_governments_name), {"office_deputy"})

        rows = self.env["gov.signoff.matrix.row"].search([("rule_set_id", "=", self.rule_set.id),
                                                          ("model", "=", "gov.document")])
        for row in rows:
            first = min(row.step_ids.mapped("sequence"))
            self.assertFalse(set(row.step_ids.filtered(lambda s, n=first: s.sequence == n).mapped("role"))
                             & LEADER_ROLES, row.name)

        draft = self.new_request()
        leader_first = self.env.ref("gov_rules.matrix_own_division")
        with self.refused(UserError, "workflow"):
            draft.with_user(self.clerk).write({"signoff_row_id": leader_first.id})
        with self.assertRaises(AccessError):
            self.env["gov.signoff.matrix.row"].with_user(self.clerk).create({
                "name": "直送区长", "rule_set_id": self.rule_set.id, "priority": 1,
                "model_id": self.env["ir.model"]._get_id("gov.document"), "domain": "[]",
                "step_ids": [(0, 0, {"sequence": 1, "name": "区长", "role": "head", "is_signature": True})]})
        with self.assertRaises(AccessError):
            self.env["gov.signoff.task"].with_user(self.clerk).create({
                "res_model": "gov.document", "res_id": draft.id, "name": "区长", "role": "head",
                "kind": "signoff", "sequence": 1, "round": 1, "user_ids": [(6, 0, self.head.ids)]})
        self.assertEqual(draft.signoff_state, "draft")


@tagged("post_install", "-at_install")
class TestJointIssuingWithTheParty(DocumentRulesCase):
    """R27.8: a joint document first asks the Party committee office named in the rules."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.party_head = new_test_user(cls.env, "t_party", groups="gov_rules.group_gov_user",
                                       name="区委办主任 马文", lang="en_US")
        cls.party_office = cls.env["hr.department"].create({"name": "中共东昌区委办公室",
                                                            "gov_principal_id": cls.party_head.id})
        cls.rule_set.party_office_id = cls.party_office

    def test_a_joint_document_asks_the_party_office_first_R27_8(self):
        """R27.8: submitted, the joint draft waits for the Party committee office's opinion; sign-off
        starts only after it."""
        document = self.new_document(name="关于联合印发乡村振兴工作要点的通知", joint_with_party=True)
        document.with_user(self.clerk).action_submit()
        self.assertEqual(document.state, "consultation")
        self.assertIn(self.party_office, document.consult_department_ids)
        asked = document.consult_task_ids.filtered(lambda task: task.state == "pending")
        self.assertEqual((asked.department_id, asked.user_ids), (self.party_office, self.party_head))
        self.assertFalse(self.pending(document), "no sign-off step is open before the opinion")

        document.with_user(self.party_head).action_consult_answer(True, "同意联合印发")
        self.assertEqual(document.state, "signoff")
        self.assertEqual(self.pending(document).user_ids, self.office_deputy)

    def test_the_form_shows_the_party_office_when_the_box_is_ticked_R27_8(self):
        """R27.8: ticking the box on the form adds the Party committee office to the units consulted."""
        form = Form(self.env["gov.document"].with_user(self.clerk))
        form.name = "关于联合开展作风建设的通知"
        form.type_id = self.type_notice
        form.authority_id = self.authority_government
        form.joint_with_party = True
        self.assertIn(self.party_office, form.consult_department_ids)

    def test_no_joint_document_without_a_party_office_in_the_rules_R27_8(self):
        """R27.8: while the rules name no Party committee office, a joint draft is not submitted."""
        self.rule_set.party_office_id = False
        document = self.new_document(joint_with_party=True)
        with self.refused(UserError, "R27.8"):
            document.with_user(self.clerk).action_submit()
        self.assertEqual(document.state, "draft")
        self.assertFalse(document.consult_task_ids)

    def test_a_document_not_joint_asks_no_party_office_R27_8(self):
        document = self.new_document()
        document.with_user(self.clerk).action_submit()
        self.assertEqual(document.state, "signoff")
        self.assertNotIn(self.party_office, document.consult_department_ids)


@tagged("post_install", "-at_install")
class TestDocumentPlan(DocumentRulesCase):
    """R30.1: the units' annual document plans, and documents outside them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        year = cls.env["gov.document.plan"]._fields["year"].default(cls.env["gov.document.plan"])
        cls.plan = cls.env["gov.document.plan"].with_user(cls.office_deputy).create({
            "department_id": cls.dept_drc.id, "year": year,
            "line_ids": [(0, 0, {"name": "关于开展价格监测工作的通知", "month": "6"}),
                         (0, 0, {"name": "关于做好冬季供暖保障工作的通知", "month": "10"})]})
        cls.planned_item = cls.plan.line_ids[0]

    def test_the_office_keeps_the_plans_R30_1(self):
        """R30.1: the office enters a unit's plan; a clerk reads it but cannot change it."""
        self.assertEqual(len(self.plan.line_ids), 2)
        self.assertIn("区发改局", self.plan.display_name)
        seen = self.plan.with_user(self.clerk)
        self.assertEqual(seen.line_ids.mapped("name"), self.plan.line_ids.mapped("name"))
        with self.assertRaises(AccessError):
            seen.write({"line_ids": [(0, 0, {"name": "自行增加的计划", "month": "12"})]})
        with self.assertRaises(AccessError):
            self.env["gov.document.plan"].with_user(self.clerk).create({"department_id": self.dept_drc.id,
                                                                          "year": self.plan.year + 1})
        self.assertEqual(len(self.plan.line_ids), 2)

    def test_a_document_outside_the_plan_goes_through_the_office_R30_1(self):
        """R30.1: a department document in its plan is signed by the principal; one outside it is approved
        by the office first, and its form says it is not in the plan."""
        planned = self.new_document(name="区发改局关于开展价格监测工作的通知", authority_id=self.authority_drc.id,
                                    plan_line_id=self.planned_item.id)
        self.assertEqual(planned.plan_status, "in_plan")
        planned.with_user(self.clerk).action_submit()
        self.assertEqual(planned.signoff_row_id, self.env.ref("gov_rules.matrix_department"))
        self.assertEqual(self.pending(planned).user_ids, self.principal)

        # the picker offers the unit's items of this year's plan, not another unit's
        self.env["gov.document.plan"].create({"department_id": self.dept_finance.id, "year": self.plan.year,
                                              "line_ids": [(0, 0, {"name": "关于做好预算编制工作的通知"})]})
        draft = self.env["gov.document"].with_user(self.clerk).new({"department_id": self.dept_drc.id})
        picker = safe_eval(draft.fields_get(["plan_line_id"])["plan_line_id"]["domain"],
                           {"department_id": draft.department_id.id, "plan_year": draft.plan_year})
        self.assertEqual(self.env["gov.document.plan.line"].with_user(self.clerk).search(picker), self.plan.line_ids)
        form = Form(self.env["gov.document"].with_user(self.clerk))
        form.name = "区发改局关于临时开展粮油价格专项检查的通知"
        form.type_id = self.type_notice
        form.authority_id = self.authority_drc
        self.assertEqual(form.plan_status, "outside_plan")
        unplanned = form.save()
        self.assertIn(unplanned, self.env["gov.document"].search([("plan_status", "=", "outside_plan")]))
        self.assertNotIn(planned, self.env["gov.document"].search([("plan_status", "=", "outside_plan")]))
        unplanned.with_user(self.clerk).action_submit()
        self.assertEqual(unplanned.signoff_row_id, self.env.ref("gov_rules.matrix_department_unplanned"))
        self.assertEqual(self.pending(unplanned).user_ids, self.office_deputy)
        unplanned.with_user(self.office_deputy).action_signoff_approve("同意计划外发文")
        self.assertEqual(self.pending(unplanned).user_ids, self.principal)
        unplanned.with_user(self.principal).action_signoff_approve("签发")
        self.assertEqual((unplanned.state, unplanned.signer_id), ("approved", self.principal))

    def test_a_unit_without_a_plan_is_not_held_to_one_R30_1(self):
        """R30.1 as preset: the office's step is for units that keep a plan (the row's condition says so)."""
        self.plan.active = False
        self.plan.unlink()
        document = self.new_document(authority_id=self.authority_drc.id)
        self.assertEqual(document.plan_status, "no_plan")
        document.with_user(self.clerk).action_submit()
        self.assertEqual(document.signoff_row_id, self.env.ref("gov_rules.matrix_department"))

    def test_a_document_issues_its_own_units_plan_only_R30_1(self):
        """R30.1: another unit's plan item is refused, nothing saved; a drafted item stays in the plan."""
        finance_plan = self.env["gov.document.plan"].with_user(self.office_deputy).create({
            "department_id": self.dept_finance.id, "year": self.plan.year,
            "line_ids": [(0, 0, {"name": "关于做好年度预算编制工作的通知", "month": "9"})]})
        with self.refused(ValidationError, "区财政局"):
            self.new_document(name="借用财政局计划的通知", plan_line_id=finance_plan.line_ids.id)
        self.assertFalse(self.env["gov.document"].search([("name", "=", "借用财政局计划的通知")]))
        self.new_document(plan_line_id=self.planned_item.id)
        with self.refused(UserError, "stays in the plan"):
            self.planned_item.with_user(self.office_deputy).unlink()
        self.assertEqual(self.planned_item.document_count, 1)


@tagged("post_install", "-at_install")
class TestDepartmentDocuments(DocumentRulesCase):
    """R30.2: a department's document issued with the government's consent, and its directives."""

    def test_consent_is_stated_in_the_text_R30_2(self):
        """R30.2: the text states the rule set's wording, or the document is not submitted."""
        document = self.new_document(authority_id=self.authority_drc.id, government_consent=True,
                                     body="<p>现将有关事项通知如下：</p>")
        with self.refused(UserError, "经区政府同意.*R30.2"):
            document.with_user(self.clerk).action_submit()
        self.assertEqual(document.state, "draft")
        document.with_user(self.clerk).write({"body": "<p>经区政府同意，现将有关事项通知如下：</p>"})
        # the wording is the rules' data: an administrator changes it, and the check follows
        self.rule_set.with_user(self.admin).consent_wording = "经区人民政府同意"
        with self.refused(UserError, "经区人民政府同意"):
            document.with_user(self.clerk).action_submit()
        self.rule_set.with_user(self.admin).consent_wording = "经区政府同意"
        document.with_user(self.clerk).action_submit()
        self.assertEqual(document.state, "signoff")

    def test_a_directive_to_other_units_needs_approval_R30_2(self):
        """R30.2: a department's directive document goes through the office to the leader in charge
        before its principal signs it."""
        document = self.new_document(name="区发改局关于各乡镇报送价格监测数据的通知",
                                     authority_id=self.authority_drc.id, is_directive=True)
        document.with_user(self.clerk).action_submit()
        self.assertEqual(document.signoff_row_id, self.env.ref("gov_rules.matrix_department_directive"))
        self.assertEqual(self.pending(document).user_ids, self.office_deputy)
        document.with_user(self.office_deputy).action_signoff_approve()
        self.assertEqual(self.pending(document).user_ids, self.deputy_a)
        document.with_user(self.deputy_a).action_signoff_approve("同意")
        self.assertEqual(self.pending(document).user_ids, self.principal)
        document.with_user(self.principal).action_signoff_approve("签发")
        self.assertEqual((document.state, document.signer_id), ("approved", self.principal))

        plain = self.new_document(authority_id=self.authority_drc.id)
        plain.with_user(self.clerk).action_submit()
        self.assertEqual(self.pending(plain).user_ids, self.principal)


@tagged("post_install", "-at_install")
class TestPublicInstitutions(DocumentRulesCase):
    """R43.1: public institutions directly under the government apply the district's rules."""

    def test_a_public_institution_applies_the_district_rules_R43_1(self):
        """R43.1 (with R42.1, R44.1): an institution's documents take the district's rules until it has
        its own copy; then new ones take the copy and earlier ones keep theirs."""
        district = self.env["gov.rule.set"]._current()
        archives_clerk = new_test_user(self.env, "t_archives", groups="gov_rules.group_gov_user",
                                       name="档案馆科员 林雪", lang="en_US")
        archives = self.env["hr.department"].create({"name": "区档案馆", "gov_unit_kind": "institution",
                                                     "gov_area_id": self.area_society.id})
        self.env["hr.employee"].create({"name": archives_clerk.name, "user_id": archives_clerk.id,
                                        "department_id": archives.id})
        self.assertEqual(self.env["gov.rule.set"]._current(archives), district)
        before = self.new_document(user=archives_clerk, department_id=archives.id, area_id=self.area_society.id)
        self.assertEqual(before.rule_set_id, district)

        action = district.with_user(self.admin).action_copy_for_unit(archives)
        own = self.env["gov.rule.set"].browse(action["res_id"])
        self.assertEqual(own.department_id, archives)
        self.assertEqual(self.env["gov.rule.set"]._current(archives), own)
        after = self.new_document(user=archives_clerk, department_id=archives.id, area_id=self.area_society.id)
        self.assertEqual(after.rule_set_id, own)
        self.assertEqual(before.rule_set_id, district)
        # other units keep the district's rules
        self.assertEqual(self.env["gov.rule.set"]._current(self.dept_drc), district)
