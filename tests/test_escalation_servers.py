"""Scenario: two servers on one database run the escalation at the same moment (R28.3).

``tools/run_tests.py`` starts two servers with workers on the test database (``GOV_URL`` and
``GOV_URL_2``), as a district that outgrew one machine runs them. Odoo never runs one scheduled
action twice at once, but the escalation may still run twice: the scheduled action copied (say
to run at another hour), or started from a shell while the scheduler runs it. Here the scheduled
action and a copy of it are run at the same moment, one on each server: each due item must get
the step exactly once, and neither run may fail.
"""
import collections
import os
import unittest
import uuid

from tests.rpc import Client, at_once

TRIES = int(os.environ.get("GOV_ESCALATION_TRIES", "3"))
DOCUMENTS = 20


class TestEscalationOnTwoServers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.admin = Client()
        # the second server; run by hand against a single server, its second worker stands in
        cls.admin_2 = Client(url=os.environ.get("GOV_URL_2"))
        cls.clerk = Client(login="dc_drc_clerk", password="demo")
        cls.authority = cls.admin.execute("gov.issuing.authority", "search", [("prefix", "=", "东政发")])[0]
        cls.notice = cls.admin.execute("gov.document.type", "search", [("kind", "=", "notice")], limit=1)[0]
        cls.ladder = cls._xmlid("ladder_approval")
        cls.cron = cls._xmlid("ir_cron_gov_escalation")
        copy = cls.admin.execute("ir.cron", "copy", [cls.cron], {"name": "催办督办（副本，另一台服务器）"})
        cls.cron_copy = copy[0] if isinstance(copy, list) else copy
        cls.steps = []
        cls.token = uuid.uuid4().hex[:8]  # this run's reminders, whatever the database held before

    @classmethod
    def tearDownClass(cls):
        cls.admin.execute("ir.cron", "unlink", [cls.cron_copy])
        cls._drop_steps()

    @classmethod
    def _drop_steps(cls):
        # a step taken on items is archived, never deleted (the escalation log names it)
        if cls.steps:
            cls.admin.execute("gov.escalation.step", "write", cls.steps, {"active": False})
            cls.steps.clear()

    @classmethod
    def _xmlid(cls, name):
        return cls.admin.execute("ir.model.data", "search_read", [("module", "=", "gov_rules"), ("name", "=", name)],
                                 ["res_id"])[0]["res_id"]

    def _due_documents(self, number):
        """Documents just submitted, and a new first rung of the approval ladder that is due for them
        (and for every other open item on that ladder) today."""
        documents = self.clerk.execute("gov.document", "create", [
            {"name": f"关于做好第{number}批督办事项的通知（{index}）", "type_id": self.notice,
             "authority_id": self.authority} for index in range(DOCUMENTS)])
        self.clerk.execute("gov.document", "action_submit", documents)
        # an ordinary document's limit is 14 working days: a reminder 20 or more days before it is due
        step = self.admin.execute("gov.escalation.step", "create", {
            "ladder_id": self.ladder, "offset_days": -20, "summary": f"并发测试：第{number}次提前提醒（{self.token}）",
            "notify_owner": True})
        self.steps.append(step)
        return documents, step

    def test_the_escalation_run_on_two_servers_at_once_takes_each_step_once_R28_3(self):
        """R28.3: the escalation run on two servers at once reminds each item once, and both runs
        succeed (neither fails on the other's items)."""
        problems = []
        for number in range(1, TRIES + 1):
            documents, step = self._due_documents(number)
            results = at_once(lambda: self.admin.execute("ir.cron", "method_direct_trigger", [self.cron]),
                              lambda: self.admin_2.execute("ir.cron", "method_direct_trigger", [self.cron_copy]))
            problems += [f"try {number}: a run failed: {result}" for result in results if result is not True]
            entries = self.admin.execute("gov.escalation.log", "search_read", [("step_id", "=", step)],
                                         ["res_model", "res_id", "error"])
            counts = collections.Counter((entry["res_model"], entry["res_id"]) for entry in entries)
            twice = {item: count for item, count in counts.items() if count > 1}
            if twice:
                problems.append(f"try {number}: the step was taken more than once on {twice}")
            missed = [document for document in documents if counts[("gov.document", document)] != 1]
            if missed:
                problems.append(f"try {number}: the step was not taken on documents {missed}")
            errors = [entry for entry in entries if entry["error"]]
            if errors:
                problems.append(f"try {number}: the step failed on {errors}")
            summary = self.admin.execute("gov.escalation.step", "read", [step], ["summary"])[0]["summary"]
            reminders = self.admin.execute("mail.activity", "search_read",
                                           [("res_model", "=", "gov.document"), ("summary", "=", summary)],
                                           ["res_id", "user_id"])
            reminded = collections.Counter((activity["res_id"], activity["user_id"][0]) for activity in reminders)
            if any(count > 1 for count in reminded.values()):
                problems.append(f"try {number}: someone was reminded twice: {reminded}")
            if set(documents) - {document for document, _user in reminded}:
                problems.append(f"try {number}: not every document's owner was reminded")
            # the items of the next try start from this ladder again
            self._drop_steps()
        if problems:
            self.fail("\n".join(problems))


if __name__ == "__main__":
    unittest.main()
