from datetime import date
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, freeze_time, new_test_user, tagged

from .common_org import GovOrgCase

STEP_LOGGER = "odoo.addons.gov_rules.models.gov_escalation_step"


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")  # a Monday
class TestEscalationLadder(GovOrgCase):
    """Escalation ladders: what a ladder must keep (R27.6), what its terminal actions do to an item
    (R28.3), and a cron that neither stops on a broken item nor grows in cost with the items."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.gov_admin = new_test_user(cls.env, "t_gov_admin", groups="gov_rules.group_gov_admin",
                                      name="系统管理员 林森")
        cls.ladder_approval = cls.env.ref("gov_rules.ladder_approval")
        cls.ladder_consultation = cls.env.ref("gov_rules.ladder_consultation")
        cls.policy_consultation = cls.env.ref("gov_rules.policy_consultation")
        cls.policy_urgent = cls.env.ref("gov_rules.policy_approve_urgent")

    def _cron(self, day, **kwargs):
        with freeze_time(day):
            self.env["gov.escalation.ladder"]._cron_escalate(**kwargs)
        self.env.invalidate_all()

    def _ladder(self, name, *steps):
        """A ladder of the district's rules made by the administrator; steps are (offset, summary, action)."""
        return self.env["gov.escalation.ladder"].with_user(self.gov_admin).create({
            "name": name, "rule_set_id": self.rule_set.id,
            "step_ids": [(0, 0, {"offset_days": offset, "summary": summary, "terminal_action": action})
                         for offset, summary, action in steps]})

    def _submitted(self, count=1, **values):
        documents = self.env["gov.document"]
        for index in range(count):
            documents |= self.new_document(name=f"关于春季防火工作的通知（{index + 1}）", **values)
        documents.action_submit()
        return documents

    def _only_open(self, documents):
        """Only these documents and their steps wait, whatever else the database holds (demo data)."""
        others = self.env["gov.document"].search([("deadline_open", "=", True), ("id", "not in", documents.ids)])
        tasks = self.env["gov.signoff.task"].search([("deadline_open", "=", True), "!", "&",
                                                     ("res_model", "=", "gov.document"),
                                                     ("res_id", "in", documents.ids)])
        others.sudo().write({"deadline_open": False})
        tasks.sudo().write({"deadline_open": False})

    def _logs(self, documents, step=None, failed=False):
        domain = [("res_model", "=", "gov.document"), ("res_id", "in", documents.ids), ("error", "!=", False)
                  if failed else ("error", "=", False)]
        if step:
            domain.append(("step_id", "=", step.id))
        return self.env["gov.escalation.log"].search(domain)

    # ------------------------------------------------------------------
    # G7: what a ladder must keep
    # ------------------------------------------------------------------
    def test_a_ladder_in_use_keeps_a_step(self):
        """A time limit cannot use a ladder without steps, nor can its ladder lose its last step."""
        empty = self.env["gov.escalation.ladder"].with_user(self.gov_admin).create(
            {"name": "空阶梯", "rule_set_id": self.rule_set.id})  # allowed while nothing uses it
        with self.refused(ValidationError, "has no step"):
            self.policy_urgent.with_user(self.gov_admin).ladder_id = empty
        with self.refused(ValidationError, "has no step"):
            self.ladder_approval.step_ids.with_user(self.gov_admin).unlink()
        self.assertEqual(len(self.ladder_approval.step_ids), 4, "nothing was deleted")
        with self.refused(UserError, "is used by the time limits"):
            self.ladder_approval.with_user(self.gov_admin).unlink()
        # one step less is fine
        self.ladder_approval.step_ids.sorted("offset_days")[:1].with_user(self.gov_admin).unlink()
        self.assertEqual(len(self.ladder_approval.step_ids), 3)

    def test_consultation_ladder_keeps_silence_as_consent_R27_6(self):
        """R27.6: no answer by the deadline counts as no objection; the consultation limit's ladder keeps
        that step whatever the administrator edits."""
        consent = self.ladder_consultation.step_ids.filtered(lambda step: step.terminal_action == "consent")
        admin_consent = consent.with_user(self.gov_admin)
        with self.refused(ValidationError, "R27.6"):
            admin_consent.unlink()
        with self.refused(ValidationError, "R27.6"):
            admin_consent.terminal_action = "none"
        with self.refused(ValidationError, "R27.6"):
            admin_consent.ladder_id = self._ladder("别的阶梯", (3, "提醒", "none"))
        policy = self.policy_consultation.with_user(self.gov_admin)
        with self.refused(ValidationError, "R27.6"):
            policy.ladder_id = self.ladder_approval
        with self.refused(ValidationError, "R27.6"):
            policy.ladder_id = False
        self.assertEqual(self.policy_consultation.ladder_id.step_ids.filtered(
            lambda step: step.terminal_action == "consent"), consent)
        # consent may move to another day: a new consent step first, then the old one goes
        self.env["gov.escalation.step"].with_user(self.gov_admin).create({
            "ladder_id": self.ladder_consultation.id, "offset_days": 2, "summary": "逾期两日视为无异议",
            "terminal_action": "consent"})
        admin_consent.unlink()
        self.assertEqual(self.ladder_consultation.step_ids.filtered(
            lambda step: step.terminal_action == "consent").offset_days, 2)

    def test_a_time_limit_uses_a_ladder_of_its_own_rule_set_R42_1(self):
        """R42.1: a unit's copy of the rules has its own ladders; a time limit never borrows another set's."""
        # the system administrator copies (the routes' editable fields are technical records)
        system_admin = self.env.ref("base.user_admin")
        unit_set = self.env["gov.rule.set"].browse(
            self.rule_set.with_user(system_admin).action_copy_for_unit(self.dept_finance)["res_id"])
        with_ladders = unit_set.policy_ids.filtered("ladder_id")
        self.assertTrue(with_ladders)
        self.assertEqual(with_ladders.ladder_id.rule_set_id, unit_set, "the copy is linked to its own ladders")
        unit_ladder = unit_set.ladder_ids.filtered(lambda ladder: ladder.name == self.ladder_approval.name)
        with self.refused(ValidationError, "belongs to the rule set"):
            self.policy_urgent.with_user(self.gov_admin).ladder_id = unit_ladder
        with self.refused(ValidationError, "belongs to the rule set"):
            self.ladder_approval.with_user(self.gov_admin).rule_set_id = unit_set
        # a new version too
        version = self.env["gov.rule.set"].browse(self.rule_set.with_user(system_admin).action_new_version()["res_id"])
        self.assertEqual(version.policy_ids.filtered("ladder_id").ladder_id.rule_set_id, version)

    def test_consent_never_ends_an_approval_limit_R27_6(self):
        """R27.6 concerns consultations: silence never approves or signs a document."""
        last = self.ladder_approval.step_ids.sorted("offset_days")[-1:].with_user(self.gov_admin)
        with self.refused(ValidationError, "applies only to consultations"):
            last.terminal_action = "consent"
        with self.refused(ValidationError, "applies only to consultations"):
            self.policy_urgent.with_user(self.gov_admin).ladder_id = self.ladder_consultation
        # nor the time limit of a sign-off step of a route
        ladder = self._ladder("审核时限", (1, "逾期提醒", "none"))
        policy = self.env["gov.deadline.policy"].with_user(self.gov_admin).create({
            "name": "办公室审核时限", "code": "office_review", "working_days": 2, "rule_set_id": self.rule_set.id,
            "ladder_id": ladder.id})
        route_step = self.env.ref("gov_rules.matrix_government").step_ids.sorted("sequence")[:1]
        route_step.with_user(self.gov_admin).deadline_policy_id = policy
        with self.refused(ValidationError, "limits the sign-off step"):
            ladder.step_ids.with_user(self.gov_admin).terminal_action = "consent"
        # return and close do apply
        ladder.step_ids.with_user(self.gov_admin).terminal_action = "close"
        last.terminal_action = "return"

    # ------------------------------------------------------------------
    # G7: terminal actions
    # ------------------------------------------------------------------
    def test_close_cancels_the_lapsed_document_R28_3(self):
        """R28.3: a ladder ending with "Close automatically" closes the document nobody decided on:
        cancelled, with the reason in its log and a note to the drafter."""
        self.policy_urgent.with_user(self.gov_admin).ladder_id = self._ladder(
            "逾期自动关闭", (2, "逾期两个工作日：自动关闭", "close"))
        document = self._submitted(urgency="urgent")  # deadline 2026-03-11
        self._cron("2026-03-12")
        self.assertEqual(document.state, "signoff")
        self._cron("2026-03-13")
        self.assertEqual(document.state, "cancelled")
        self.assertFalse(document.deadline_open)
        self.assertFalse(self.pending(document), "no step waits any more")
        cancel = document.sudo().signoff_log_ids.filtered(lambda log: log.action == "lapse")
        self.assertEqual(len(cancel), 1, "closed once, though the document and its step both lapsed")
        self.assertNotIn("withdraw", document.sudo().signoff_log_ids.mapped("action"), "a lapse is nobody's withdrawal")
        self.assertIn("lapsed", cancel.opinion)
        note = document.message_ids.filtered(lambda m: "closed as lapsed" in (m.body or ""))
        self.assertIn(self.clerk.partner_id, note.partner_ids, "the drafter is told")
        self.assertFalse(document.sudo().activity_ids.filtered(lambda a: a.user_id == self.office_deputy),
                         "the office review is no longer asked")
        with self.refused(UserError, "cannot be cancelled"):
            document.with_user(self.office_director).action_cancel("再次取消")

    def test_close_on_the_documents_own_deadline_R28_3(self):
        """R28.3: the document's own approval limit acts too, not only its steps' limits: here it lapses
        while the units consulted still have time to answer (R27.6)."""
        self.env.ref("gov_rules.policy_approve_extra_urgent_important").with_user(self.gov_admin).ladder_id = \
            self._ladder("特急重要：逾期关闭", (1, "逾期一个工作日：自动关闭", "close"))
        document = self.new_document(urgency="extra_urgent_important", urgency_reason="防汛紧急",
                                     consult_department_ids=[self.dept_finance.id])
        document.action_submit()  # approval limit 2026-03-05; the consultation runs until 2026-03-11
        self.assertEqual(document.state, "consultation")
        self._cron("2026-03-06")
        self.assertEqual(document.state, "cancelled")
        self.assertEqual(document.consult_task_ids.state, "cancelled", "the opinion is no longer asked")

    def test_return_on_the_documents_own_deadline_R28_3(self):
        """R28.3: "Return to the drafter" on the document's own approval limit sends it back."""
        self.env.ref("gov_rules.policy_approve_extra_urgent_important").with_user(self.gov_admin).ladder_id = \
            self._ladder("特急重要：逾期退回", (1, "逾期一个工作日：退回", "return"))
        document = self.new_document(urgency="extra_urgent_important", urgency_reason="防汛紧急",
                                     consult_department_ids=[self.dept_finance.id])
        document.action_submit()
        self._cron("2026-03-06")
        self.assertEqual(document.state, "draft")
        self.assertTrue(document.sudo().activity_ids.filtered(lambda a: a.user_id == self.clerk))

    def test_silence_never_signs_a_signoff_step_R27_6(self):
        """R27.6: a route step cannot take a time limit that ends in consent; should consent still reach a
        sign-off step (a step's limit set in the database by hand), the step stays open and the office is
        told, instead of the action being dropped silently or approving."""
        ladder = self._ladder("审核时限（同意）", (1, "视为同意", "consent"))
        policy = self.env["gov.deadline.policy"].with_user(self.gov_admin).create({
            "name": "审核时限", "code": "office_review", "working_days": 2, "rule_set_id": self.rule_set.id,
            "ladder_id": ladder.id})
        route_step = self.env.ref("gov_rules.matrix_government").step_ids.sorted("sequence")[:1]
        with self.assertRaises(ValidationError):
            route_step.with_user(self.gov_admin).deadline_policy_id = policy
        document = self._submitted()
        task = self.pending(document)
        task.sudo().deadline_policy_id = policy
        self.assertEqual(task.deadline, date(2026, 3, 4))
        self._cron("2026-03-06")
        self.assertEqual(task.state, "pending", "silence never approves")
        note = document.message_ids.filtered(lambda m: "does not apply" in (m.body or ""))
        self.assertEqual(len(note), 1)
        self.assertIn(self.office_director.partner_id, note.partner_ids)

    # ------------------------------------------------------------------
    # G8: a broken item neither stops nor holds up the cron
    # ------------------------------------------------------------------
    def test_cron_takes_the_items_in_batches(self):
        documents = self._submitted(5, urgency="urgent")  # deadline 2026-03-11
        self._only_open(documents)
        step_class = self.registry["gov.escalation.step"]
        original, batches = step_class._execute, []

        def execute(step, records, *args, **kwargs):
            batches.append((records._name, len(records)))
            return original(step, records, *args, **kwargs)

        with patch.object(step_class, "_execute", execute):
            self._cron("2026-03-10", batch_size=2)  # "due tomorrow" for the documents and their steps
        self.assertEqual([size for name, size in batches if name == "gov.document"], [2, 2, 1])
        self.assertEqual([size for name, size in batches if name == "gov.signoff.task"], [2, 2, 1])
        self.assertEqual(len(self._logs(documents)), 5)

    def test_a_failing_item_does_not_hold_up_the_others(self):
        """A fault that is not a UserError on one item: the others get the step exactly once, the broken
        one is logged and the office told once; once the fault is gone it gets the step exactly once."""
        documents = self._submitted(5, urgency="urgent")
        self._only_open(documents)
        broken, others = documents[2], documents - documents[2]
        step = self.ladder_approval.step_ids.filtered(lambda s: s.offset_days == -1)
        document_class = self.registry["gov.document"]
        original = document_class._gov_escalation_notify

        def notify(records, ladder_step):
            if broken in records:
                raise RuntimeError("the mail gateway is down")
            return original(records, ladder_step)

        with patch.object(document_class, "_gov_escalation_notify", notify):
            for _run in range(2):  # it fails again at the next run
                with self.assertLogs(STEP_LOGGER, level="ERROR") as logged:
                    self._cron("2026-03-10", batch_size=2)
                self.assertIn("the mail gateway is down", logged.output[0])
        for document in others:
            self.assertEqual(len(self._logs(document, step)), 1, "the others got the step exactly once")
            self.assertEqual(document.escalation_offset_done, -1)
        self.assertFalse(self._logs(broken, step))
        self.assertEqual(broken.escalation_offset_done, -1000, "nothing of the step was done on it")
        self.assertEqual(len(self._logs(broken, step, failed=True)), 2)
        notes = broken.message_ids.filtered(lambda m: "failed on this item" in (m.body or ""))
        self.assertEqual(len(notes), 1, "the office is told once")
        self.assertIn(self.office_director.partner_id, notes.partner_ids)
        reminders = {document: len(document.sudo().activity_ids) for document in others}

        self._cron("2026-03-10", batch_size=2)  # the fault is gone
        self.assertEqual(len(self._logs(broken, step)), 1)
        self.assertEqual(broken.escalation_offset_done, -1)
        self.assertIn("Due tomorrow", broken.sudo().activity_ids.mapped("summary"))
        for document in others:
            self.assertEqual(len(self._logs(document, step)), 1, "never the same step twice")
            self.assertEqual(len(document.sudo().activity_ids), reminders[document])
        self._cron("2026-03-10", batch_size=2)
        self.assertEqual(len(self._logs(documents, step)), 5)

    def test_a_run_catching_up_sends_no_stale_reminder_R28_3(self):
        """R28.3: a run that finds an item three working days late takes every step of the ladder (each
        logged once) but reminds of the latest only: no "due tomorrow" on an overdue document."""
        document = self._submitted(urgency="extra_urgent_important", urgency_reason="防汛紧急")
        self._only_open(document)
        self._cron("2026-03-10")  # deadline 2026-03-05: -1, 0, +1 and +3 are all due
        self.assertEqual(len(self._logs(document)), 4)
        deadline_type = self.env.ref("gov_rules.mail_activity_type_gov_deadline")
        reminders = document.sudo().activity_ids.filtered(lambda a: a.activity_type_id == deadline_type)
        # the reminders' rung, whatever language each person reads its summary in
        self.assertEqual(reminders.gov_escalation_step_id, self.env.ref("gov_rules.ladder_approval_step_supervise"))
        self.assertIn(self.clerk, reminders.user_id, "the drafter is still told")

    # ------------------------------------------------------------------
    # G6: the leader in charge per batch, absences honoured
    # ------------------------------------------------------------------
    def test_overdue_steps_reach_the_leaders_stand_in_R5_4(self):
        """R5.4, R28.3: the supervised rung reaches the leader in charge, or his A/B partner while he is
        away, for steps of documents in different areas."""
        economy = self._submitted(2, urgency="extra_urgent_important", urgency_reason="防汛紧急")
        society = self._submitted(2, urgency="extra_urgent_important", urgency_reason="防汛紧急",
                                  area_id=self.area_society.id)
        self._only_open(economy | society)
        self.env["gov.absence"].with_user(self.office_director).create({
            "user_id": self.deputy_b.id, "date_from": "2026-03-09", "date_to": "2026-03-13"})
        self._cron("2026-03-10")  # three working days after 2026-03-05: supervised (督办)
        # economy: its leader deputy A; society: deputy B is away, so his A/B partner deputy A
        for document in economy | society:
            supervised = document.sudo().activity_ids.filtered(lambda a: a.summary.startswith("Overdue three"))
            self.assertIn(self.deputy_a, supervised.user_id)
            self.assertNotIn(self.deputy_b, supervised.user_id, "the absent leader is not asked")

    def test_leaders_cost_does_not_grow_with_the_steps(self):
        """The leaders of a batch of steps are found with a fixed number of queries, not one per step."""
        documents = self._submitted(8, urgency="urgent")
        documents[4:].sudo().area_id = self.area_society
        tasks = self.env["gov.signoff.task"].search([("res_model", "=", "gov.document"),
                                                     ("res_id", "in", documents.ids), ("state", "=", "pending")])
        self.assertEqual(len(tasks), 8)
        counts = []
        for batch in (tasks[:2] | tasks[4:5], tasks):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            leaders = self.env["gov.signoff.task"].browse(batch.ids)._gov_escalation_leaders()
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual({task.res_id: user for task, user in leaders.items()},
                             {task.res_id: self.deputy_a if task.res_id in documents[:4].ids else self.deputy_b
                              for task in batch})
        self.assertEqual(counts[0], counts[1], f"queries for 3 and for 8 steps: {counts}")


@tagged("post_install", "-at_install")
class TestEscalationBesideAnotherRun(TransactionCase):
    """Two runs of the escalation at the same moment (two servers, or the scheduled action and a
    copy of it): a run leaves alone what the other holds or has just done. The two-server scenario
    over JSON-RPC is tests/test_escalation_servers.py; here the other run is a second connection,
    so that what it holds and when it commits are certain."""

    def test_a_run_leaves_the_items_another_run_holds_R28_3(self):
        """R28.3: a run neither waits for, nor fails on, nor repeats the step of items another run
        holds or changed since it began; it takes the step on the others, and the next run on those."""
        ladder = self.env.ref("gov_rules.ladder_approval")
        step = self.env["gov.escalation.step"].create({"ladder_id": ladder.id, "offset_days": -60,
                                                       "summary": "提前六十个工作日提醒"})
        due = self.env["gov.document"].search(step._due_domain(fields.Date.context_today(step)), order="id")
        self.assertGreaterEqual(len(due), 3, "the demo documents under way, never escalated in a fresh test database, "
                                             "are due for a step 60 working days ahead")
        changed, held, free = due[0], due[1], due[2:]
        connection = db_connect(self.env.cr.dbname)
        # the other run took a step on `changed` and committed after this run began (here a write
        # that changes nothing, committed for good)...
        with connection.cursor() as other:
            other.execute("UPDATE gov_document SET write_date = write_date WHERE id = %s", [changed.id])
        # ...and is taking one on `held` now
        other = connection.cursor()
        try:
            other.execute("SELECT id FROM gov_document WHERE id = %s FOR NO KEY UPDATE", [held.id])
            # without the claim, this run would wait for `held`: a failure after 5 s, not a hung test
            self.env.cr.execute("SET LOCAL lock_timeout = '5s'")
            self.env["gov.escalation.ladder"]._cron_escalate()
        finally:
            other.rollback()
            other.close()
            self.env.cr.execute("SET LOCAL lock_timeout = DEFAULT")
        logged = self.env["gov.escalation.log"].search([("step_id", "=", step.id), ("res_model", "=", "gov.document")])
        self.assertEqual(sorted(logged.mapped("res_id")), free.ids)
        self.assertFalse(logged.filtered("error"), "leaving an item to the other run is not a failure")
        self.assertEqual((changed | held).mapped("escalation_offset_done"), [-1000, -1000], "the next run takes them")

