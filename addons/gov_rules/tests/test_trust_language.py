from odoo.tests import freeze_time, new_test_user, tagged

from .common_org import GovOrgCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-02")  # a Monday
class TestTrustLanguage(GovOrgCase):
    """What the scheduler writes, and for whom: in each person's language what is written for that person,
    in the district's language what everyone reads (the item's chatter, the decision and escalation logs);
    one activity per person and rung (R28.3); a rung tells any role of the routes, absences honoured (R5.3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # no setting: the district writes in Chinese, the language installed for it
        cls.env["ir.config_parameter"].sudo().set_param("gov_rules.district_lang", False)
        cls.people = (cls.head | cls.exec_deputy | cls.deputy_a | cls.deputy_b | cls.office_director
                      | cls.office_deputy | cls.legal | cls.clerk | cls.principal | cls.finance_principal
                      | cls.finance_clerk | cls.audit_principal)
        cls._read_in_chinese(["gov_rules"], cls.people)
        cls.gov_admin = new_test_user(cls.env, "t_lang_admin", groups="gov_rules.group_gov_admin", name="管理员 林森")
        cls.deadline_type = cls.env.ref("gov_rules.mail_activity_type_gov_deadline")

    def _cron(self, day, method="_cron_escalate", model="gov.escalation.ladder"):
        """The scheduler's run: as OdooBot, in English."""
        self.env.flush_all()
        self.env.cr.precommit.run()  # what the users did before is tracked in their own transaction
        with freeze_time(day):
            scheduler = self.env[model].with_user(self.env.ref("base.user_root"))
            getattr(scheduler.with_context(lang="en_US", mail_notrack=False), method)()
            self.env.flush_all()
            self.env.cr.precommit.run()  # the run's tracking, as its commit writes it
        self.env.invalidate_all()

    def _overdue_document(self, **values):
        document = self.new_document(urgency="extra_urgent_important", urgency_reason="防汛紧急", **values)
        document.action_submit()  # deadline 2026-03-05
        return document

    def _reminders(self, document, user=None):
        # read as the system: the drafting unit no longer lists the to-dos of others on a submitted document
        activities = document.sudo().activity_ids.filtered(lambda act: act.activity_type_id == self.deadline_type)
        return activities.filtered(lambda act: act.user_id == user) if user else activities

    def test_reminders_are_in_each_persons_language_R28_3(self):
        """R28.3: the rung "supervised" reaches each person in his own language, though the scheduler runs
        in English."""
        self.clerk.lang = "en_US"
        document = self._overdue_document()
        self._cron("2026-03-10")  # three working days late
        self.assertEqual(self._reminders(document, self.office_director).summary, "逾期三个工作日：督办")
        self.assertEqual(self._reminders(document, self.deputy_a).summary, "逾期三个工作日：督办")
        self.assertEqual(self._reminders(document, self.clerk).summary, "Overdue three working days: supervised (督办)")

    def test_one_activity_per_person_and_rung_R28_3(self):
        """R28.3: the document's own limit and its pending step's lapse the same day; each person still gets
        one reminder of the rung on the document, not one per deadline."""
        document = self._overdue_document()
        self._cron("2026-03-10")
        reminders = self._reminders(document)
        told = reminders.user_id
        self.assertIn(self.office_deputy, told, "the step's approver")
        self.assertIn(self.clerk, told, "the drafter")
        self.assertIn(self.deputy_a, told, "the leader in charge")
        self.assertIn(self.office_director, told, "the office")
        self.assertEqual(len(reminders), len(told), {user.name: len(self._reminders(document, user)) for user in told})
        self._cron("2026-03-11")
        self.assertEqual(len(self._reminders(document)), len(told), "a rerun adds nothing")

    def test_consent_is_logged_in_the_districts_language_R27_6(self):
        """R27.6: silence recorded as consent by the scheduler: the decision log, the chatter, the tracked
        state and the escalation log read in Chinese, the district's language."""
        document = self.new_document(consult_department_ids=[self.dept_finance.id])
        document.action_submit()
        self._cron("2026-03-12")
        self.assertEqual(document.signoff_state, "pending", "consent sent the document on to sign-off")
        consent = document.sudo().signoff_log_ids.filtered(lambda log: log.action == "consent")
        self.assertEqual(consent.opinion, "逾期未答复，视为无异议（R27.6）。")
        bodies = " ".join(document.message_ids.mapped("body"))
        self.assertIn("逾期未复视为无异议", bodies, "the chatter names the decision in Chinese")
        self.assertNotIn("Consent by silence", bodies)
        # the scheduler moved the document from its consultation to its sign-off
        tracked = document.message_ids.sudo().tracking_value_ids.filtered(
            lambda value: value.field_id.name == "state" and value.old_value_char == "征求意见")
        self.assertEqual(tracked.mapped("new_value_char"), ["签批"])
        steps = self.env["gov.escalation.log"].search([("res_model", "=", "gov.signoff.task"),
                                                       ("res_id", "in", document.consult_task_ids.ids)])
        self.assertIn("逾期未答复，记为无异议", steps.mapped("summary"))

    def test_tracked_state_reads_in_the_districts_language(self):
        """The states the system sets when a user submits are tracked in the district's language, whatever
        the user's own."""
        self.clerk.lang = "en_US"
        document = self.new_document().with_context(mail_notrack=False)
        self.env.flush_all()
        self.env.cr.precommit.run()
        document.action_submit()
        self.env.flush_all()
        self.env.cr.precommit.run()
        tracked = document.message_ids.sudo().tracking_value_ids.filtered(
            lambda value: value.field_id.name == "signoff_state")
        self.assertEqual(tracked.mapped("new_value_char"), ["签批中"])

    def test_return_by_the_deadline_R28_3(self):
        """R28.3: a document nobody decided on goes back to its drafter: the log in the district's language,
        the drafter's to-do in his own (English here)."""
        self.clerk.lang = "en_US"
        self.env.ref("gov_rules.policy_approve_urgent").with_user(self.gov_admin).ladder_id = \
            self.env["gov.escalation.ladder"].with_user(self.gov_admin).create({
                "name": "逾期退回", "rule_set_id": self.rule_set.id,
                "step_ids": [(0, 0, {"offset_days": 2, "summary": "逾期两个工作日：退回拟稿人",
                                     "terminal_action": "return", "notify_owner": False})]})
        document = self.new_document(urgency="urgent")
        document.action_submit()  # deadline 2026-03-11
        self._cron("2026-03-13")
        self.assertEqual(document.signoff_state, "returned")
        returned = document.sudo().signoff_log_ids.filtered(lambda log: log.action == "return")
        self.assertEqual(returned.opinion, "逾期未作决定：已自动退回拟稿人。")
        todo = document.activity_ids.filtered(lambda act: act.user_id == self.clerk)
        self.assertEqual(todo.summary, "Returned for Changes")
        self.assertIn("No decision by the deadline: returned to the drafter automatically.", str(todo.note))

    def test_rerouting_by_the_scheduler_is_noted_in_the_districts_language_R5_4(self):
        """R5.4: the scheduler re-routes a step when an absence starts; its note reads in Chinese."""
        document = self.new_document()
        document.action_submit()
        self.env["gov.absence"].with_user(self.office_director).create({
            "user_id": self.office_deputy.id, "substitute_id": self.office_director.id,
            "date_from": "2026-03-03", "date_to": "2026-03-06"})
        self._cron("2026-03-03", method="_cron_reroute", model="gov.absence")
        self.assertEqual(self.pending(document).user_ids, self.office_director)
        self.assertTrue(document.message_ids.filtered(lambda message: "已改由" in (message.body or "")))
        self.assertFalse(document.message_ids.filtered(lambda message: "now goes to" in (message.body or "")))

    def test_a_step_finds_its_activities_by_itself_not_their_summary(self):
        """The approver's to-do goes away once he decides, whatever its summary now reads."""
        document = self.new_document()
        document.action_submit()
        todo = document.sudo().activity_ids.filtered(lambda act: act.user_id == self.office_deputy)
        self.assertEqual(len(todo), 1)
        todo.with_user(self.office_deputy).summary = "审核供暖通知"
        document.with_user(self.office_deputy).action_signoff_approve("同意")
        self.assertFalse(document.sudo().activity_ids.filtered(lambda act: act.user_id == self.office_deputy))

    # ------------------------------------------------------------------
    # A rung tells any role of the routes
    # ------------------------------------------------------------------
    def _report_to_head_rung(self):
        return self.env["gov.escalation.step"].with_user(self.gov_admin).create({
            "ladder_id": self.env.ref("gov_rules.ladder_approval").id, "offset_days": 5,
            "summary": "逾期五个工作日：报区长", "notify_owner": False, "notify_role": "head"})

    def test_a_rung_reports_to_the_head_R28_3(self):
        """R28.3: a rung "报区长" reaches the district head, not only the owner, the office and the leader."""
        rung = self._report_to_head_rung()
        document = self._overdue_document()
        self._cron("2026-03-12")  # five working days late
        told = self._reminders(document).filtered(lambda act: act.summary == rung.summary)
        self.assertEqual(told.user_id, self.head)

    def test_a_rung_reaches_whoever_acts_for_the_head_R5_3(self):
        """R5.3: while the head is away, the executive deputy acts for him and is told instead."""
        rung = self._report_to_head_rung()
        document = self._overdue_document()
        self.env["gov.absence"].with_user(self.head).create({
            "user_id": self.head.id, "date_from": "2026-03-12", "date_to": "2026-03-13"})
        self._cron("2026-03-12")
        told = self._reminders(document).filtered(lambda act: act.summary == rung.summary)
        self.assertEqual(told.user_id, self.exec_deputy)

    def test_rungs_roles_cost_does_not_grow_with_the_steps(self):
        """Whom a rung's role names is found for a batch of steps with a fixed number of queries."""
        rung = self._report_to_head_rung().with_env(self.env)  # as the scheduler reads it
        rung.notify_role = "office_deputy"
        documents = self.env["gov.document"]
        for index in range(8):
            documents |= self.new_document(name=f"关于春季防火工作的通知（{index + 1}）")
        documents[4:].sudo().area_id = self.area_society
        documents.action_submit()
        tasks = self.env["gov.signoff.task"].search([("res_model", "=", "gov.document"),
                                                     ("res_id", "in", documents.ids), ("state", "=", "pending")])
        self.assertEqual(len(tasks), 8)
        tasks._gov_escalation_told(rung)  # caches filled once (models, languages), as in any run
        counts = []
        for batch in (tasks[:2] | tasks[4:5], tasks):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            told = self.env["gov.signoff.task"].browse(batch.ids)._gov_escalation_told(rung)
            counts.append(self.env.cr.sql_log_count - before)
            self.assertEqual(set(told.values()), {self.office_deputy})
        self.assertEqual(counts[0], counts[1], f"queries for 3 and for 8 steps: {counts}")
