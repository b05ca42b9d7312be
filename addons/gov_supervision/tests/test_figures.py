from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import TransactionCase, tagged

from .common_inspection import GovInspectionOrganisation


@tagged("post_install", "-at_install")
class TestFigures(GovInspectionOrganisation, TransactionCase):
    """Figures per unit and per leader (R35.1, R32.1) and accountability records of major decisions (R35.1)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_inspections()
        cls.env["gov.supervision.item"].search([]).sudo().write({"state": "cancelled"})

    def item(self, **values):
        return self.env["gov.supervision.item"].create({
            "name": "督办事项", "source": "instruction", "lead_department_id": self.dept_drc.id,
            "leader_id": self.deputy_a.id, "state": "open", "deadline_start": date(2026, 1, 2), **values})

    def figure(self, scope, record):
        field = "department_id" if scope == "unit" else "user_id"
        return self.env["gov.supervision.figure"].search([("scope", "=", scope), (field, "=", record.id)])

    def test_figures_count_against_the_original_deadline_R35_1_R32_1(self):
        # closed on time; closed within its extended deadline but after the original one; open and overdue;
        # open and not due yet; a draft (not counted)
        self.item(state="closed", original_deadline=date(2026, 6, 30), deadline=date(2026, 6, 30),
                  deadline_start=date(2026, 6, 1), closed_on=date(2026, 6, 5))
        late = self.item(state="closed", original_deadline=date(2026, 9, 30), deadline=date(2026, 9, 30),
                         deadline_start=date(2026, 9, 30), closed_on=date(2026, 10, 12))
        late.write({"deadline": date(2026, 10, 20)})  # extended: the original deadline stays
        self.item(original_deadline=date(2026, 1, 31), deadline=date(2026, 1, 31), light="red")
        self.item(original_deadline=date(2099, 1, 31), deadline=date(2099, 1, 31), light="yellow")
        self.item(state="draft")
        self.item(lead_department_id=self.dept_finance.id, leader_id=self.deputy_b.id, state="closed",
                  original_deadline=date(2026, 6, 30), deadline=date(2026, 6, 30), closed_on=date(2026, 6, 1),
                  deadline_start=date(2026, 5, 29))
        # the closure of the late item was sent back once (退回重办): the engine's log says so
        self.env["gov.signoff.log"].create({"res_model": late._name, "res_id": late.id, "action": "return",
                                            "user_id": self.office_deputy.id, "opinion": "材料不全"})
        if "return_count" in late._fields:  # where the items count their returns themselves
            late.return_count = 1
        # one extension: the item's own count where it keeps one, else its deadline moved past the original
        extensions = late.extension_count if "extension_count" in late._fields else 1
        # working days by the Chinese calendar: 1-7 October 2026 are holidays, Saturday 10 October a workday
        self.assertEqual(late.handling_days, 4)
        self.env["gov.supervision.figure"]._refresh()
        drc = self.figure("unit", self.dept_drc)
        self.assertRecordValues(drc, [{
            "item_count": 4, "open_count": 2, "closed_count": 2, "due_count": 3, "on_time_count": 1,
            "on_time_rate": 33.3, "overdue_count": 2, "avg_handling_days": 4.0, "extension_count": extensions,
            "return_count": 1, "red_count": 1, "yellow_count": 1, "green_count": 0, "rank": 2}])
        finance = self.figure("unit", self.dept_finance)
        self.assertRecordValues(finance, [{"item_count": 1, "on_time_rate": 100.0, "overdue_count": 0, "rank": 1,
                                           "avg_handling_days": 1.0}])
        self.assertRecordValues(self.figure("leader", self.deputy_a), [{"item_count": 4, "on_time_rate": 33.3}])
        # the ranking: best on-time rate first
        ranking = self.env["gov.supervision.figure"].search([("scope", "=", "unit")])
        self.assertEqual(ranking.department_id[:2], self.dept_finance | self.dept_drc)

    def test_dashboard_reads_stored_aggregates_R32_1(self):
        self.item()
        self.env["gov.supervision.figure"]._refresh()
        groups = self.env["gov.supervision.figure"].with_user(self.clerk).formatted_read_group(
            [("scope", "=", "unit")], ["department_id"], ["item_count:sum", "on_time_rate:avg"])
        self.assertEqual(sum(group["item_count:sum"] for group in groups), 1)
        with self.assertRaises(AccessError):
            self.env["gov.supervision.figure"].with_user(self.clerk).create({"scope": "unit"})

    def test_figures_refresh_is_one_statement_R35_1(self):
        for index in range(30):
            self.item(name=f"事项 {index}", original_deadline=date(2026, 1, 31))
        self.env.flush_all()
        with self.assertQueryCount(3):  # the district's time zone, the delete, the insert
            self.env["gov.supervision.figure"]._refresh()

    # ------------------------------------------------------------------
    # Accountability records (R35.1)
    # ------------------------------------------------------------------
    def decided_inspection(self):
        inspection = self.new_inspection(is_major=True)
        inspection.with_user(self.clerk).action_signoff_submit()
        inspection.with_user(self.principal).action_signoff_approve("符合年度计划")
        inspection.with_user(self.supervisor).action_signoff_approve("同意")
        return inspection

    def test_accountability_record_from_the_decision_log_R35_1(self):
        inspection = self.decided_inspection()
        action = self.env["gov.accountability.record"].with_user(self.office_deputy).action_record_for(
            inspection._name, inspection.ids)
        record = self.env["gov.accountability.record"].search(action["domain"])
        self.assertRecordValues(record, [{"res_model": "gov.inspection", "res_id": inspection.id,
                                          "proposed_by_id": self.clerk.id, "decided_by_id": self.supervisor.id}])
        self.assertEqual(record.reviewer_ids, self.principal)
        self.assertEqual(sorted(record.log_ids.mapped("action")), ["approve", "approve", "submit"])
        # whoever it names reads it; another unit's clerk does not
        self.assertTrue(record.with_user(self.clerk).read(["res_name"]))
        with self.assertRaises(AccessError):
            record.with_user(self.finance_clerk).read(["res_name"])

    def test_accountability_record_is_permanent_R35_1(self):
        record = self.env["gov.accountability.record"]._gov_record_for(self.decided_inspection())
        for user in (self.clerk, self.office_deputy):
            with self.assertRaises(AccessError):
                record.with_user(user).unlink()
        # nobody, the administrator included, deletes or changes it through the ORM
        with self.refused(UserError, "permanent"):
            record.sudo().unlink()
        with self.refused(UserError, "permanent"):
            record.sudo().write({"decided_by_id": self.head.id})
        self.assertTrue(record.exists())

    def test_accountability_record_needs_a_decision_and_the_office(self):
        draft = self.new_inspection()
        with self.refused(UserError, "never submitted"):
            self.env["gov.accountability.record"]._gov_record_for(draft)
        with self.refused(UserError, "office"):
            self.env["gov.accountability.record"].with_user(self.clerk).action_record_for(draft._name, draft.ids)
