"""A database made by the previous release keeps its data through the upgrade, and still works.

The upgrade stage of ``make test`` (tools/run_tests.py, README "Tests") installs the previous release
with its demo data, moves it on there (tools/upgrade_seed.py), records a snapshot of what must be kept,
upgrades the database to this release and runs this class on it. It is not part of the normal run
(``-standard``): it needs that database, and the snapshot's path in ``$GOV_UPGRADE_SNAPSHOT``. Without
them it fails, it never skips. By hand::

    GOV_UPGRADE_SNAPSHOT=/path/snapshot.json .venv/bin/python -m odoo -c odoo.conf -d DB \
        -u gov_rules --test-enable --test-tags=gov_upgrade --stop-after-init
"""
import json
import os
from datetime import timedelta

from odoo.addons.gov_rules.lib.district_time import district_today
from odoo.tests import TransactionCase, freeze_time, tagged

from .upgrade_snapshot import differences, take


@tagged("-standard", "gov_upgrade", "post_install", "-at_install")
class TestUpgradeKept(TransactionCase):
    """Upgrade from the previous release (R35.1: the decision log and the escalation log are kept for good;
    R44.1: items keep the rule set they started under; the rules and settings are the administrators' data)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        path = os.environ.get("GOV_UPGRADE_SNAPSHOT")
        if not path or not os.path.isfile(path):
            raise AssertionError(
                "GOV_UPGRADE_SNAPSHOT names no snapshot file: run this class through the upgrade stage of "
                "tools/run_tests.py (--upgrade-only), on a database upgraded from the previous release.")
        with open(path, encoding="utf-8") as file:
            snapshot = json.load(file)
        cls.before = snapshot["records"]
        cls.moves = snapshot["moves"]
        # what the upgrade left, before any test moves anything
        cls.after = take(cls.env)
        cls.Document = cls.env["gov.document"]
        cls.Task = cls.env["gov.signoff.task"]
        cls.Log = cls.env["gov.signoff.log"]

    def _steps(self, document, state=None):
        domain = [("res_model", "=", "gov.document"), ("res_id", "=", document.id), ("kind", "=", "signoff")]
        return self.Task.search(domain + ([("state", "=", state)] if state else []), order="round, sequence, id")

    def _step_activities(self, step):
        return self.env["mail.activity"].search([("res_model", "=", "gov.document"), ("res_id", "=", step.res_id),
                                                 ("gov_signoff_task_id", "=", step.id)])

    def test_data_kept_R35_1_R44_1(self):
        """Every record of the snapshot is there: documents, steps, the decision and escalation logs, activities,
        rule sets, settings; with the same values, but for the work in progress that a migration moved on
        (upgrade_snapshot.py says which); none of what the users made was added but by a migration."""
        problems = differences(self.before, self.after)
        if problems:
            migrated = self.before["versions"] != self.after["versions"]
            self.fail(f"The upgrade ({'with' if migrated else 'without'} migrations: versions "
                      f"{self.before['versions']} before, {self.after['versions']} after) lost or changed data:\n"
                      + "\n".join(problems))
        # the snapshot proves something only if the database had all of it before the upgrade
        documents = self.before["gov.document"].values()
        self.assertGreaterEqual(len({document["state"] for document in documents}), 4,
                                "The documents were in too few states before the upgrade.")
        self.assertTrue(any(step["state"] == "pending" for step in self.before["gov.signoff.task"].values()))
        self.assertTrue(self.before["versions"].get("gov_rules"), "The snapshot has no version of gov_rules.")
        for model_name in ("gov.signoff.log", "gov.escalation.log", "mail.activity", "gov.rule.set",
                           "gov.signoff.matrix.row", "gov.deadline.policy"):
            self.assertTrue(self.before[model_name], f"No {model_name} before the upgrade: nothing was compared.")
        # the settings an administrator changed in the previous release
        params = {values["key"]: values["value"] for values in self.after["ir.config_parameter"].values()}
        self.assertEqual(params.get("gov_rules.district_lang"), "zh_CN")
        self.assertEqual(self.env.ref("gov_rules.ir_cron_gov_escalation").interval_number, 2)
        # what was moved there is where it was left: submitted, and one step approved
        submitted = self.Document.browse(self.moves["submitted"])
        self.assertIn(submitted.state, ("consultation", "signoff"))
        approved = self.Document.browse(self.moves["approved"])
        self.assertTrue(self.Log.search_count([("res_model", "=", "gov.document"), ("res_id", "=", approved.id),
                                               ("action", "=", "approve"),
                                               ("opinion", "=", "Seen before the upgrade.")]))

    def test_pending_steps_approved_after_upgrade(self):
        """A step that waited before the upgrade is approved by the person it waits for; his activity is done and
        the next step waits for its approver with an activity, or the document is signed."""
        documents = self.Document.browse(self.moves["in_signoff"])
        self.assertTrue(documents, "No document was under sign-off before the upgrade.")
        moved = 0
        for document in documents:
            step = self._steps(document, "pending")
            if len(step) != 1 or document.state != "signoff":
                continue
            self.assertTrue(step.user_ids, f"Step {step.name} of {document.name} waits for nobody after the upgrade.")
            self.assertTrue(self._step_activities(step), f"The activity of step {step.name} is gone.")
            approver = step.user_ids[0]
            logs = self.Log.search_count([("res_model", "=", "gov.document"), ("res_id", "=", document.id)])
            if document.sudo()._gov_checklist_open_lines().filtered(lambda item: item.kind == "confirmation"):
                continue  # the office's checks come first (R27.4): not what the upgrade is about
            document.with_user(approver).action_signoff_approve("Approved after the upgrade.")
            self.assertEqual(step.state, "approved")
            self.assertEqual(step.decided_by_id, approver)
            self.assertFalse(self._step_activities(step).filtered(lambda activity, a=approver: activity.user_id == a),
                             "The approver's activity stays open after his decision.")
            self.assertEqual(self.Log.search_count([("res_model", "=", "gov.document"),
                                                    ("res_id", "=", document.id)]), logs + 1)
            following = self._steps(document, "pending")
            if following:
                self.assertTrue(following.user_ids and all(self._step_activities(task) for task in following))
            else:
                self.assertEqual(document.state, "approved")
            moved += 1
            if moved == 2:
                break
        self.assertEqual(moved, 2, "Fewer than two pending documents could be approved after the upgrade.")

    def test_draft_submitted_after_upgrade(self):
        """A draft of the previous release is submitted by its drafter: it gets its route, under the rule set it
        was created with (R44.1), and the first step waits for someone who has an activity."""
        draft = self.Document.browse(self.moves["drafts"][0])
        self.assertEqual(draft.state, "draft")
        rule_set = draft.rule_set_id
        self.assertTrue(rule_set)
        draft.with_user(draft.drafter_id).action_submit()
        self.assertIn(draft.state, ("consultation", "signoff"))
        self.assertEqual(draft.rule_set_id, rule_set)
        self.assertTrue(self.Log.search_count([("res_model", "=", "gov.document"), ("res_id", "=", draft.id),
                                               ("action", "=", "submit")]))
        if draft.state == "signoff":
            self.assertTrue(draft.signoff_row_id, "The draft got no route.")
            self.assertEqual(draft.signoff_row_id.rule_set_id, rule_set)
            self.assertEqual(len(self._steps(draft)), len(draft.signoff_row_id.step_ids))
        pending = self.Task.search([("res_model", "=", "gov.document"), ("res_id", "=", draft.id),
                                    ("state", "=", "pending")])
        self.assertTrue(pending and pending.user_ids, "Nobody is asked to act on the submitted draft.")
        for step in pending:
            self.assertEqual(self._step_activities(step).user_id, step.user_ids)

    def test_scheduled_actions_run_after_upgrade(self):
        """The scheduled actions, as the previous release stored them (their code is not updated), run on the
        upgraded data: a month later the escalation takes its steps on the overdue items (R28.1, R28.3), and
        none fails on an item."""
        crons = self.env["ir.cron"].search([("model_id.model", "=like", "gov.%")])
        self.assertIn(self.env.ref("gov_rules.ir_cron_gov_escalation"), crons)
        escalation_logs = self.env["gov.escalation.log"]
        before = escalation_logs.search([]).ids
        with freeze_time(district_today(self.env) + timedelta(days=30)):
            for cron in crons:
                cron.ir_actions_server_id.run()
            self.env.flush_all()
        new = escalation_logs.search([("id", "not in", before)])
        self.assertTrue(new, "The escalation took no step on the overdue items of the previous release.")
        self.assertFalse(new.filtered("error"), "\n".join(new.filtered("error").mapped("error")))
