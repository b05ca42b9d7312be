from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, new_test_user, tagged

from .common_inspection import GovInspectionOrganisation


@tagged("post_install", "-at_install")
class TestInspections(GovInspectionOrganisation, TransactionCase):
    """Inspections (督查): planned, without duplicates (R34.1), of a kind, with outputs and conclusions,
    approved by a leader when in the government's name (R34.2)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_inspections()

    def count(self, name):
        return self.env["gov.inspection"].search_count([("name", "=", name)])

    # ------------------------------------------------------------------
    # R34.1: duplicates
    # ------------------------------------------------------------------
    def test_duplicate_is_refused_naming_the_other_inspection_R34_1(self):
        planned = self.planned_inspection()
        with self.refused(ValidationError, "建筑施工安全专项督查.*区发改局"):
            self.new_inspection(self.finance_clerk, name="工地安全检查（财政局）", organiser_id=self.dept_finance.id,
                                target_ids=[(6, 0, self.dept_town.ids)], date_from=date(2026, 3, 20),
                                date_to=date(2026, 4, 10))
        self.assertEqual(self.count("工地安全检查（财政局）"), 0, "a refused duplicate is not saved")
        self.assertEqual(planned.state, "planned")

    def test_duplicate_of_an_inspection_under_approval_or_held_R34_1(self):
        pending = self.new_inspection()
        pending.action_signoff_submit()
        self.assertEqual(pending.state, "pending")
        with self.refused(ValidationError, "建筑施工安全专项督查"):
            self.new_inspection(name="重复督查")
        # the same subject and units in another period, another subject, other units: no duplicate
        self.new_inspection(name="四月督查", date_from=date(2026, 4, 1), date_to=date(2026, 4, 30))
        self.new_inspection(name="营商环境督查", subject_id=self.subject_business.id)
        self.new_inspection(name="审计局督查", target_ids=[(6, 0, self.dept_audit.ids)])

    def test_drafts_and_cancelled_inspections_do_not_block_R34_1(self):
        draft = self.new_inspection()
        second = self.new_inspection(name="另一份草稿")
        self.assertFalse(second.duplicate_ids, "a draft is not planned yet")
        draft.action_cancel()
        self.assertEqual(draft.state, "cancelled")

    def test_submission_checks_again_R34_1(self):
        """Two drafts of the same scope: once one is submitted, the other cannot be."""
        first, second = self.new_inspection(), self.new_inspection(name="第二份")
        first.action_signoff_submit()
        with self.refused(ValidationError, "建筑施工安全专项督查"):
            second.action_signoff_submit()
        self.assertEqual(second.state, "draft")

    def test_duplicate_needs_approval_when_the_rules_say_so_R34_1(self):
        self.rule_set.inspection_duplicates = "approve"
        planned = self.planned_inspection()
        duplicate = self.new_inspection(self.finance_clerk, name="联合检查", organiser_id=self.dept_finance.id,
                                        target_ids=[(6, 0, self.dept_town.ids)])
        self.assertEqual(duplicate.duplicate_ids, planned)
        duplicate.with_user(self.finance_clerk).action_signoff_submit()
        self.assertEqual(duplicate.signoff_row_id, self.env.ref("gov_supervision.matrix_inspection_duplicate"))
        self.assertEqual(self.pending(duplicate).user_ids, self.supervisor)
        duplicate.with_user(self.supervisor).action_signoff_approve()
        self.assertEqual(self.pending(duplicate).user_ids, self.head)
        duplicate.with_user(self.head).action_signoff_approve("同意联合开展")
        self.assertEqual(duplicate.state, "planned")

    def test_duplicates_are_found_in_one_query_R34_1(self):
        self.planned_inspection()
        drafts = self.env["gov.inspection"]
        for index in range(20):
            drafts |= self.new_inspection(name=f"草稿 {index}", date_from=date(2026, 5, 1), date_to=date(2026, 5, 2))
        self.env.flush_all()
        drafts.invalidate_recordset()
        with self.assertQueryCount(1):
            found = drafts._gov_find_duplicates()
        self.assertFalse(found)
        # an inspection of the same scope held in May (recorded by the system): every draft overlaps it
        held = self.env["gov.inspection"].create({
            "name": "五月督查", "organiser_id": self.dept_finance.id, "subject_id": self.subject_safety.id,
            "target_ids": [(6, 0, self.dept_town.ids)], "date_from": date(2026, 5, 2), "date_to": date(2026, 5, 9),
            "state": "in_progress"})
        self.env.flush_all()
        drafts.invalidate_recordset()
        with self.assertQueryCount(1):
            found = drafts._gov_find_duplicates()
        self.assertEqual(set(found), set(drafts))
        self.assertTrue(all(list(others) == [held] for others in found.values()))

    # ------------------------------------------------------------------
    # R34.2: kinds, approval in the government's name, joint, outputs, conclusion
    # ------------------------------------------------------------------
    def test_government_name_needs_the_leader_in_charge_R34_2(self):
        inspection = self.new_inspection(in_government_name=True)
        # another unit's clerk drafted it in the government's name: it does not start without approval
        with self.refused(UserError, "not approved"):
            inspection.with_user(self.clerk).action_start()
        with self.refused(UserError, "workflow"):
            inspection.with_user(self.clerk).write({"state": "planned"})
        inspection.with_user(self.clerk).action_signoff_submit()
        self.assertEqual(inspection.signoff_row_id, self.env.ref("gov_supervision.matrix_inspection_government"))
        self.assertEqual(self.pending(inspection).user_ids, self.deputy_a)
        with self.refused(UserError, "not approved"):
            inspection.with_user(self.clerk).action_start()
        inspection.with_user(self.deputy_a).action_signoff_approve()
        self.assertEqual(inspection.state, "planned")
        inspection.with_user(self.clerk).action_start()
        self.assertEqual(inspection.state, "in_progress")

    def test_supervision_offices_own_inspection_goes_to_the_leader_in_charge_R34_1_R34_2_R18_1(self):
        """R34.1, R34.2: the supervision office's own inspection, in the government's name, is approved by
        the leader in charge, never routed back to the office that drafted it; R18.1: the office still
        cannot approve it itself."""
        office_unit = self.env["hr.department"].create({"name": "区政府督查室", "gov_unit_kind": "department",
                                                        "gov_area_id": self.area_economy.id})
        self.env["hr.employee"].create({"name": self.supervisor.name, "user_id": self.supervisor.id,
                                        "department_id": office_unit.id})
        inspection = self.new_inspection(self.supervisor, organiser_id=office_unit.id, in_government_name=True)
        inspection.with_user(self.supervisor).action_signoff_submit()
        self.assertEqual(inspection.signoff_row_id, self.env.ref("gov_supervision.matrix_inspection_office"))
        steps = inspection.sudo().signoff_task_ids.filtered(lambda task: task.kind == "signoff")
        self.assertEqual(steps.mapped("role"), ["area_leader"], "one step: the office is not a step of its own")
        self.assertTrue(steps.separation_of_duties)
        self.assertEqual(self.pending(inspection).user_ids, self.deputy_a)
        with self.refused(UserError, r"R18\.1"):
            inspection.with_user(self.supervisor).action_signoff_approve()
        inspection.with_user(self.deputy_a).action_signoff_approve("同意以区政府名义开展")
        self.assertEqual(inspection.state, "planned")
        # another member of the supervision office's group drafts one: the same route
        colleague = new_test_user(self.env, "t_sup_colleague", name="督查室科员 方圆", lang="en_US",
                                  groups="gov_rules.group_gov_user,gov_supervision.group_supervision_office")
        other = self.new_inspection(colleague, name="营商环境督查", subject_id=self.subject_business.id,
                                    organiser_id=office_unit.id)
        other.with_user(colleague).action_signoff_submit()
        self.assertEqual(self.pending(other).user_ids, self.deputy_a)
        with self.refused(UserError, r"R18\.1"):
            other.with_user(colleague).action_signoff_approve()

    def test_supervision_offices_overlapping_inspection_goes_to_the_leader_and_the_head_R34_1_R18_1(self):
        """R34.1: the office's own inspection overlapping another one: the leader in charge reviews and the
        head decides; the office is no step of it (R18.1)."""
        self.rule_set.inspection_duplicates = "approve"
        self.planned_inspection()
        duplicate = self.new_inspection(self.supervisor, name="联合安全检查", in_government_name=True,
                                        target_ids=[(6, 0, self.dept_town.ids)])
        duplicate.with_user(self.supervisor).action_signoff_submit()
        self.assertEqual(duplicate.signoff_row_id,
                         self.env.ref("gov_supervision.matrix_inspection_office_duplicate"))
        self.assertEqual(self.pending(duplicate).user_ids, self.deputy_a)
        with self.refused(UserError, r"R18\.1"):
            duplicate.with_user(self.supervisor).action_signoff_approve()
        duplicate.with_user(self.deputy_a).action_signoff_approve()
        self.assertEqual(self.pending(duplicate).user_ids, self.head)
        duplicate.with_user(self.head).action_signoff_approve("同意联合开展")
        self.assertEqual(duplicate.state, "planned")

    def test_a_units_inspection_still_separates_duties_R18_1(self):
        """R18.1 for everyone else: a unit's inspection goes to its principal, then to the supervision
        office; the clerk who submitted it approves no step of it."""
        inspection = self.new_inspection()
        inspection.with_user(self.clerk).action_signoff_submit()
        self.assertEqual(inspection.signoff_row_id, self.env.ref("gov_supervision.matrix_inspection_unit"))
        with self.refused(UserError, r"R18\.1"):
            inspection.with_user(self.clerk).action_signoff_approve()
        inspection.with_user(self.principal).action_signoff_approve()
        self.assertEqual(self.pending(inspection).user_ids, self.supervisor)
        with self.refused(UserError, r"R18\.1"):
            inspection.with_user(self.clerk).action_signoff_approve()
        inspection.with_user(self.supervisor).action_signoff_approve()
        self.assertEqual(inspection.state, "planned")
        # the government's name, drafted by a unit: the leader in charge, and the drafter is no approver
        named = self.new_inspection(name="以政府名义督查", subject_id=self.subject_business.id,
                                    in_government_name=True)
        named.with_user(self.clerk).action_signoff_submit()
        self.assertEqual(named.signoff_row_id, self.env.ref("gov_supervision.matrix_inspection_government"))
        with self.refused(UserError, r"R18\.1"):
            named.with_user(self.clerk).action_signoff_approve()

    def test_scope_is_fixed_once_approved_R34_1(self):
        inspection = self.planned_inspection()
        with self.refused(UserError, "approved as planned"):
            inspection.with_user(self.clerk).write({"date_to": date(2026, 4, 30)})

    def test_joint_only_when_major_R34_2(self):
        with self.refused(ValidationError, "major"):
            self.new_inspection(co_organiser_ids=[(6, 0, self.dept_finance.ids)])
        joint = self.new_inspection(is_major=True, co_organiser_ids=[(6, 0, self.dept_finance.ids)])
        self.assertEqual(joint.co_organiser_ids, self.dept_finance)
        # a co-organising unit runs it too
        self.assertTrue(joint.with_user(self.finance_clerk).can_manage)

    def test_outputs_rectification_becomes_an_item_and_conclusion_R34_2(self):
        inspection = self.planned_inspection()
        inspection.action_start()
        Output = self.env["gov.inspection.output"].with_user(self.clerk)
        Output.create({"inspection_id": inspection.id, "kind": "report", "name": "督查报告"})
        rectification = Output.create({"inspection_id": inspection.id, "kind": "rectification",
                                       "name": "工地围挡整改", "department_id": self.dept_town.id,
                                       "deadline": date(2027, 6, 30)})
        with self.refused(ValidationError, "not a target unit"):
            Output.create({"inspection_id": inspection.id, "kind": "rectification", "name": "错误",
                           "department_id": self.dept_audit.id})
        inspection.with_user(self.clerk).action_create_items()
        item = rectification.item_id
        self.assertRecordValues(item, [{"source": "inspection", "inspection_id": inspection.id,
                                        "lead_department_id": self.dept_town.id, "name": "工地围挡整改"}])
        self.assertEqual(inspection.item_count, 1)
        # from the inspection to its items and back from the item to its inspection
        self.assertEqual(self.env["gov.supervision.item"].search(
            inspection.with_user(self.supervisor).action_view_items()["domain"]), item)
        back = item.with_user(self.supervisor).action_open_source()
        self.assertEqual((back["res_model"], back["res_id"]), ("gov.inspection", inspection.id))
        with self.refused(UserError, "already a supervision item"):
            rectification.action_create_item()
        with self.refused(UserError, "conclusion"):
            inspection.with_user(self.clerk).action_conclude()
        inspection.with_user(self.clerk).write({"conclusion": "accountability"})
        inspection.with_user(self.clerk).action_conclude()
        self.assertEqual(inspection.state, "done")

    def test_plan_approved_with_its_inspections_R34_1(self):
        office_director = self.office_director
        plan = self.env["gov.inspection.plan"].with_user(self.supervisor).create(
            {"name": "2026年度督查计划", "year": 2026})
        first = self.new_inspection(self.supervisor, plan_id=plan.id)
        second = self.new_inspection(self.supervisor, name="营商环境督查", plan_id=plan.id,
                                     subject_id=self.subject_business.id)
        plan.with_user(self.supervisor).action_signoff_submit()
        self.assertEqual(self.pending(plan).user_ids, office_director)
        plan.with_user(office_director).action_signoff_approve()
        plan.with_user(self.head).action_signoff_approve()
        self.assertEqual(plan.state, "approved")
        self.assertEqual((first | second).mapped("state"), ["planned", "planned"])
        self.assertIn("2026年度督查计划", first.sudo().signoff_log_ids.sorted()[:1].opinion)

    # ------------------------------------------------------------------
    # Bad input, wrong persons, access
    # ------------------------------------------------------------------
    def test_period_ending_before_it_starts_is_refused_bad_input(self):
        with self.refused(ValidationError, "ends .* before it starts"):
            self.new_inspection(name="倒置的期间", date_from=date(2026, 3, 31), date_to=date(2026, 3, 1))
        self.assertEqual(self.count("倒置的期间"), 0)

    def test_a_unit_organises_only_its_own_inspections(self):
        with self.refused(ValidationError, "your own unit"):
            self.new_inspection(self.finance_clerk)
        # the supervision office organises any
        self.new_inspection(self.supervisor, organiser_id=self.dept_finance.id)

    def test_access_organising_target_units_office_supervision_leaders_R34_1(self):
        inspection = self.new_inspection(name="可见性")
        town_clerk = new_test_user(self.env, "t_town_clerk", groups="gov_rules.group_gov_user", name="街道科员")
        self.env["hr.employee"].create({"name": "街道科员", "user_id": town_clerk.id,
                                        "department_id": self.dept_town.id})
        for user in (self.clerk, town_clerk, self.supervisor, self.office_deputy, self.deputy_b):
            self.assertEqual(inspection.with_user(user).read(["name"])[0]["name"], "可见性", user.name)
        with self.assertRaises(AccessError):
            inspection.with_user(self.audit_principal).read(["name"])
        # a target unit reads it, but does not run it
        with self.assertRaises(AccessError):
            inspection.with_user(town_clerk).write({"name": "改名"})
