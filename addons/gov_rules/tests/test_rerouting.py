from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import freeze_time, new_test_user, tagged

from .common_org import GovOrgCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")
class TestRerouting(GovOrgCase):
    """Who acts is re-decided whenever an absence or an entrustment starts, changes or ends
    (R5.2, R5.3, R5.4, R7.1, R40.1)."""

    def _absence(self, user, start="2026-03-02", end="2026-03-06", by=None, **values):
        return self.env["gov.absence"].with_user(by or self.office_director).create(
            {"user_id": user.id, "date_from": start, "date_to": end, "kind": "trip", **values})

    def _waiting(self, document):
        return self.env["gov.signoff.task"].search([("res_model", "=", "gov.document"), ("res_id", "=", document.id),
                                                    ("state", "=", "pending")])

    def _reroutes(self, document):
        return self.env["gov.signoff.log"].search_count([("res_model", "=", "gov.document"),
                                                         ("res_id", "=", document.id), ("action", "=", "reroute")])

    def _at_leader(self, user=None, **values):
        """A document of the economy area waiting for its leader in charge (张华, deputy A)."""
        document = self.new_document(user=user, **values)
        document.with_user(user or self.clerk).action_submit()
        document.with_user(self.office_deputy).action_signoff_approve()
        return document

    def _row(self, name, domain, role="area_leader", **values):
        return self.env["gov.signoff.matrix.row"].create({
            "name": name, "rule_set_id": self.rule_set.id, "model_id": self.env["ir.model"]._get_id("gov.document"),
            "priority": 1, "domain": domain, **values,
            "step_ids": [Command.create({"name": "Review by the leader in charge", "sequence": 1, "role": role})]})

    # ------------------------------------------------------------------
    # G1: the scheduler catches up with absences that start or end by date
    # ------------------------------------------------------------------
    def test_absence_starting_later_is_applied_by_a_late_run_and_only_once_R5_4_R40_1(self):
        """R5.4, R40.1: an absence recorded a week ahead re-routes the waiting step when it starts,
        even if the scheduler missed that day; running again changes nothing; after it ends the step
        goes back."""
        document = self._at_leader()
        self._absence(self.deputy_a, start="2026-03-09", end="2026-03-11", kind="leave")
        self.assertEqual(self._waiting(document).user_ids, self.deputy_a, "not away yet")
        Absence = self.env["gov.absence"]
        with freeze_time("2026-03-08 15:30:00"):  # 23:30 on 8 March in Beijing: not yet
            Absence._cron_reroute()
        self.assertEqual(self._waiting(document).user_ids, self.deputy_a)
        with freeze_time("2026-03-10 02:00:00"):  # the runs of 9 March were missed
            Absence._cron_reroute()
        task = self._waiting(document)
        self.assertEqual(task.user_ids, self.deputy_b, "the A/B partner acts")
        told = document.message_ids.filtered(lambda m: self.deputy_b.partner_id in m.partner_ids)[:1]
        self.assertIn(self.deputy_a.partner_id, told.partner_ids, "both people are told")
        self.assertTrue(document.sudo().activity_ids.filtered(lambda a: a.user_id == self.deputy_b))
        messages, reroutes = len(document.message_ids), self._reroutes(document)
        with freeze_time("2026-03-10 05:00:00"):
            Absence._cron_reroute()
        self.assertEqual((len(document.message_ids), self._reroutes(document)), (messages, reroutes),
                         "a second run does nothing")
        with freeze_time("2026-03-11 16:30:00"):  # 00:30 on 12 March in Beijing: back at work
            Absence._cron_reroute()
        self.assertEqual(self._waiting(document).user_ids, self.deputy_a)
        self.assertEqual(self._reroutes(document), reroutes + 1)

    # ------------------------------------------------------------------
    # G2: chains of stand-ins
    # ------------------------------------------------------------------
    def test_step_returns_along_the_chain_when_a_stand_in_comes_back_R5_3(self):
        """R5.3, R5.4: head away → the executive deputy; he is away too → his named stand-in. When the
        executive deputy's absence is removed, the head's step returns to him."""
        self._absence(self.head)
        exec_absence = self._absence(self.exec_deputy, substitute_id=self.deputy_b.id)
        document = self._at_leader()
        document.with_user(self.deputy_a).action_signoff_approve()
        task = self._waiting(document)
        self.assertEqual((task.holder_id, task.user_ids), (self.head, self.deputy_b))
        exec_absence.unlink()
        self.assertEqual(self._waiting(document).user_ids, self.exec_deputy)
        self.assertFalse(document.sudo().activity_ids.filtered(lambda a: a.user_id == self.deputy_b))

    def test_chain_ending_by_date_is_applied_by_the_scheduler_R5_3(self):
        """R5.3: the executive deputy's own trip ends before the head's: the next run gives him the
        head's step back from his stand-in."""
        self._absence(self.head, end="2026-03-10")
        self._absence(self.exec_deputy, end="2026-03-04", substitute_id=self.deputy_b.id)
        document = self._at_leader()
        document.with_user(self.deputy_a).action_signoff_approve()
        self.assertEqual(self._waiting(document).user_ids, self.deputy_b)
        with freeze_time("2026-03-05 03:00:00"):
            self.env["gov.absence"]._cron_reroute()
        self.assertEqual(self._waiting(document).user_ids, self.exec_deputy)

    # ------------------------------------------------------------------
    # G3: one step that cannot move never blocks the others
    # ------------------------------------------------------------------
    def _own_item_of_deputy_b(self):
        """An item under separation of duties submitted by deputy B, waiting for deputy A (R18.1)."""
        self._row("Separated duties", "[('name', '=', '区级资金安排请示')]", separation_of_duties=True)
        document = self.new_document(user=self.deputy_b, name="区级资金安排请示")
        document.with_user(self.deputy_b).action_submit()
        self.assertEqual(self._waiting(document).user_ids, self.deputy_a)
        return document

    def test_leader_records_his_leave_even_if_a_step_cannot_move_R18_1_R40_1(self):
        """R40.1, R18.1: deputy A records his own leave; his partner B submitted one of the waiting
        items and may not approve it, so that step stays with A and the office gets a note; the
        other steps go to B."""
        blocked = self._own_item_of_deputy_b()
        other = self._at_leader()
        absence = self._absence(self.deputy_a, by=self.deputy_a, kind="leave")
        self.assertTrue(absence.exists())
        self.assertEqual(self._waiting(other).user_ids, self.deputy_b)
        self.assertEqual(self._waiting(blocked).user_ids, self.deputy_a, "B may not approve his own item")
        note = blocked.message_ids.filtered(lambda m: "could not be re-routed" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn("R18.1", note.body)

    def test_scheduler_goes_on_past_a_step_that_cannot_move_R18_1(self):
        """R18.1, R5.4: in the scheduler too, the blocked step stays and the others move."""
        blocked = self._own_item_of_deputy_b()
        other = self._at_leader()
        self._absence(self.deputy_a, start="2026-03-04", end="2026-03-05")
        with freeze_time("2026-03-04 01:00:00"):
            self.env["gov.absence"]._cron_reroute()
        self.assertEqual(self._waiting(other).user_ids, self.deputy_b)
        self.assertEqual(self._waiting(blocked).user_ids, self.deputy_a)
        self.assertTrue(blocked.message_ids.filtered(lambda m: "could not be re-routed" in (m.body or "")))

    # ------------------------------------------------------------------
    # G4: the head entrusts a deputy with a task
    # ------------------------------------------------------------------
    def test_head_entrusts_a_task_and_its_steps_follow_R5_2(self):
        """R5.2: the head himself entrusts deputy B with one document: its leader's and head's steps go
        to B, other documents of the area stay with A; when the head ends it, the step comes back."""
        document = self._at_leader()
        untouched = self._at_leader(name="关于春耕备耕的通知")
        entrustment = self.env["gov.entrustment"].with_user(self.head).create({
            "name": "牵头办理冬季供暖工作", "position_id": self.pos_dep_b.id, "date_from": "2026-02-20",
            "item_ids": [Command.create({"res_model": document._name, "res_id": document.id})]})
        self.assertEqual(entrustment.entrusted_by_id, self.pos_head)
        self.assertEqual(self._waiting(document).user_ids, self.deputy_b, "re-routed at once")
        self.assertEqual(self._waiting(untouched).user_ids, self.deputy_a, "a task is not the whole area")
        document.with_user(self.deputy_b).action_signoff_approve()
        self.assertEqual(self._waiting(document).user_ids, self.deputy_b, "the head's step too")
        entrustment.with_user(self.head).write({"date_to": "2026-03-01"})
        self.assertEqual(self._waiting(document).user_ids, self.head, "ended: back to the head")

    def test_only_the_head_records_his_entrustments_R5_2(self):
        """R5.2: a deputy can neither entrust nor change the head's entrustments."""
        entrustment = self.env["gov.entrustment"].with_user(self.head).create(
            {"name": "专项督导", "position_id": self.pos_dep_b.id})
        with self.assertRaises(AccessError):
            self.env["gov.entrustment"].with_user(self.deputy_a).create(
                {"name": "自我委托", "position_id": self.pos_dep_a.id})
        with self.assertRaises(AccessError):
            entrustment.with_user(self.deputy_b).write({"date_to": "2026-12-31"})
        with self.assertRaisesRegex(ValidationError, "deputy head"):
            entrustment.with_user(self.head).write({"position_id": self.pos_office_dir.id})

    def test_task_entrustment_ending_by_date_is_applied_by_the_scheduler_R5_2(self):
        """R5.2: the entrustment ends on 4 March; the next run hands the step back to A."""
        document = self._at_leader()
        self.env["gov.entrustment"].with_user(self.head).create({
            "name": "牵头办理冬季供暖工作", "position_id": self.pos_dep_b.id, "date_to": "2026-03-04",
            "item_ids": [Command.create({"res_model": document._name, "res_id": document.id})]})
        self.assertEqual(self._waiting(document).user_ids, self.deputy_b)
        with freeze_time("2026-03-06 01:00:00"):
            self.env["gov.absence"]._cron_reroute()
        self.assertEqual(self._waiting(document).user_ids, self.deputy_a)

    # ------------------------------------------------------------------
    # G10, G11, G12a
    # ------------------------------------------------------------------
    def test_deputy_principal_answers_for_an_absent_unit_principal_R40_1(self):
        """R40.1, R27.5: the finance bureau's principal is away; its first deputy principal receives and
        gives the unit's opinion."""
        deputy = new_test_user(self.env, "t_fin_deputy", groups="gov_rules.group_gov_user", name="财政局副局长 林峰")
        self.dept_finance.gov_deputy_ids = [Command.set(deputy.ids)]
        document = self.new_document(consult_department_ids=[self.dept_finance.id])
        document.action_submit()
        self.assertEqual(document.consult_task_ids.user_ids, self.finance_principal)
        absence = self._absence(self.finance_principal, kind="meeting")
        self.assertEqual(absence.effective_substitute_id, deputy)
        self.assertEqual(document.consult_task_ids.user_ids, deputy)
        document.with_user(deputy).action_consult_answer(agree=True, opinion="无意见")
        self.assertEqual(document.state, "signoff")
        self.assertEqual(document.consult_task_ids.acting_for_id, self.finance_principal)

    def test_audit_bureau_area_leader_step_goes_to_the_head_R7_1(self):
        """R7.1: a route with a leader-in-charge step sends the audit bureau's report to the head, even
        when the report names a subject area."""
        self._row("Audit reports", f"[('department_id', '=', {self.dept_audit.id})]")
        report = self.new_document(user=self.audit_principal, department_id=self.dept_audit.id,
                                   area_id=self.area_economy.id, name="关于区财政预算执行情况的审计报告")
        report.with_user(self.audit_principal).action_submit()
        self.assertEqual(self._waiting(report).user_ids, self.head)

    def test_overlapping_absences_of_one_person_are_refused_R5_4(self):
        """R5.4, R40.1: one absence per person per day, so who acts never depends on which is read."""
        self._absence(self.deputy_a)
        self._absence(self.deputy_a, start="2026-03-07", end="2026-03-09")  # the next trip, right after
        with self.assertRaisesRegex(ValidationError, "already away"), self.env.cr.savepoint():
            self._absence(self.deputy_a, start="2026-03-05", end="2026-03-08", substitute_id=self.exec_deputy.id)
        with self.assertRaisesRegex(ValidationError, "already away"), self.env.cr.savepoint():
            self._absence(self.deputy_a, start="2026-03-01", end="2026-03-12", kind="leave")
        self.assertEqual(self.env["gov.absence"].search_count([("user_id", "=", self.deputy_a.id)]), 2)
