"""Scenarios: two people decide on the same item at the same moment, over JSON-RPC against a server
with workers (``tools/run_tests.py`` starts it; every request runs in its own process and transaction).

Each scenario is tried several times on fresh documents, the two requests released together;
every try must end with exactly one transition: the next stage started, no decision lost, none
logged twice.
"""
import os
import time
import unittest

from tests.rpc import Client, RpcError, at_once

TRIES = int(os.environ.get("GOV_RACE_TRIES", "10"))
# a try takes a second or two (the loser is retried after a random pause of up to 2 s, more on a
# second conflict); past this many seconds a scenario stops starting new tries
TIME_LIMIT = float(os.environ.get("GOV_RACE_SECONDS", "30"))
MIN_TRIES = 5


class TestSimultaneousDecisions(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.admin = Client()
        cls.clerk = Client(login="dc_drc_clerk", password="demo")
        cls.users = {login: Client(login=login, password="demo")
                     for login in ("dc_dep_econ", "dc_dep_urban", "dc_fin_head", "dc_housing_head")}
        cls.authority = cls.admin.execute("gov.issuing.authority", "search", [("prefix", "=", "东政发")])[0]
        cls.notice = cls.admin.execute("gov.document.type", "search", [("kind", "=", "notice")], limit=1)[0]
        cls.consulted = [cls._xmlid("demo_dept_finance"), cls._xmlid("demo_dept_housing")]
        # an administrator adds two routes with a parallel stage (会签) of the deputies for economy
        # and urban affairs, then the head signs: one needs both deputies, the other either of them
        model = cls.admin.execute("ir.model", "search", [("model", "=", "gov.document")])
        cls.rows = [cls._parallel_row("并发测试：两位副区长均须会签", "全员会签", model[0], needed=0, priority=1),
                    cls._parallel_row("并发测试：任一副区长会签即可", "任一会签", model[0], needed=1, priority=2)]

    @classmethod
    def tearDownClass(cls):
        cls.admin.execute("gov.signoff.matrix.row", "write", cls.rows, {"active": False})

    @classmethod
    def _xmlid(cls, name):
        return cls.admin.execute("ir.model.data", "search_read", [("module", "=", "gov_rules"), ("name", "=", name)],
                                 ["res_id"])[0]["res_id"]

    @classmethod
    def _parallel_row(cls, name, marker, model_id, needed, priority):
        deputies = cls.admin.execute("res.users", "search", [("login", "in", ["dc_dep_econ", "dc_dep_urban"])])
        steps = [{"sequence": 1, "name": f"{marker}（{number}）", "role": "user", "user_id": user,
                  "required_approvals": needed} for number, user in enumerate(deputies, 1)]
        steps.append({"sequence": 2, "name": "区长签发", "role": "head", "is_signature": True})
        return cls.admin.execute("gov.signoff.matrix.row", "create", {
            "name": name, "rule_set_id": cls._xmlid("rule_set_dongchang"), "model_id": model_id,
            "priority": priority, "separation_of_duties": True, "domain": repr([("name", "like", marker)]),
            "step_ids": [(0, 0, step) for step in steps]})

    # ------------------------------------------------------------------
    def _new_document(self, name, **values):
        document = self.clerk.execute("gov.document", "create", {
            "name": name, "type_id": self.notice, "authority_id": self.authority, **values})
        self.clerk.execute("gov.document", "action_submit", [document])
        return document

    def _at_once(self, logins, method, document, *args):
        """Each of ``logins`` calls ``method`` on ``document`` at the same moment."""
        return at_once(*(lambda user=self.users[login]: user.execute("gov.document", method, [document], *args)
                         for login in logins))

    def _steps(self, document):
        return self.admin.execute("gov.signoff.task", "search_read",
                                  [("res_model", "=", "gov.document"), ("res_id", "=", document)],
                                  ["kind", "sequence", "state", "user_ids"], order="kind, sequence, id")

    def _log(self, document):
        entries = self.admin.execute("gov.signoff.log", "search_read",
                                     [("res_model", "=", "gov.document"), ("res_id", "=", document)],
                                     ["action", "task_id"], order="id")
        return [(entry["action"], entry["task_id"] and entry["task_id"][0]) for entry in entries]

    def _signature_due(self, steps):
        pending = [step["sequence"] for step in steps if step["state"] == "pending"]
        return [] if pending == [2] else [f"not (only) the signature is due: pending steps {pending}"]

    def _repeat(self, scenario):
        """Run ``scenario`` (one try; returns a list of what went wrong) several times; fail with every
        problem seen and how many tries had one."""
        problems, tries, start = [], 0, time.monotonic()
        while tries < TRIES and (tries < MIN_TRIES or time.monotonic() - start < TIME_LIMIT):
            tries += 1
            problems += [f"try {tries}: {problem}" for problem in scenario(tries)]
        failed = len({problem.split(":")[0] for problem in problems})
        if problems:
            self.fail(f"{failed} of {tries} tries went wrong:\n" + "\n".join(problems))

    # ------------------------------------------------------------------
    def test_both_approvers_of_a_parallel_stage_at_once_R28_2(self):
        """R28.2: both deputies of an all-of-2 parallel stage approve at the same moment: both
        approvals count, each once, and the head's signature is due."""
        def scenario(number):
            document = self._new_document(f"关于全员会签事项的通知（第{number}次）")
            results = self._at_once(("dc_dep_econ", "dc_dep_urban"), "action_signoff_approve", document, "同意")
            problems = [f"a deputy's approval failed: {result}" for result in results if isinstance(result, RpcError)]
            steps = self._steps(document)
            stage1 = [step["state"] for step in steps if step["sequence"] == 1]
            if stage1 != ["approved", "approved"]:
                problems.append(f"the parallel stage is {stage1}")
            problems += self._signature_due(steps)
            actions = [action for action, _task in self._log(document)]
            if actions != ["submit", "approve", "approve"]:
                problems.append(f"decision log {actions}")
            return problems

        self._repeat(scenario)

    def test_either_approver_of_a_one_of_two_stage_at_once_R28_2(self):
        """R28.2: one approval of two is enough and both deputies approve at the same moment: one
        approval is recorded, the other deputy is told clearly that the document no longer waits for
        him, and the head's signature is due."""
        def scenario(number):
            document = self._new_document(f"关于任一会签事项的通知（第{number}次）")
            results = self._at_once(("dc_dep_econ", "dc_dep_urban"), "action_signoff_approve", document, "同意")
            errors = [result for result in results if isinstance(result, RpcError)]
            problems = []
            if len(errors) != 1 or errors[0].name != "odoo.exceptions.UserError":
                problems.append(f"not one approval and one clear refusal: {results}")
            steps = self._steps(document)
            states = sorted(step["state"] for step in steps if step["sequence"] == 1)
            if states != ["approved", "skipped"]:
                problems.append(f"the parallel stage is {states}")
            problems += self._signature_due(steps)
            actions = [action for action, _task in self._log(document)]
            if actions != ["submit", "approve"]:
                problems.append(f"decision log {actions}")
            return problems

        self._repeat(scenario)

    def test_both_consulted_units_answer_at_once_R27_5_R27_6(self):
        """R27.5, R27.6: the two units consulted answer at the same moment: both answers count, each
        once, and the document goes on to sign-off (the office's review is due)."""
        def scenario(number):
            document = self._new_document(f"关于征求意见事项的通知（第{number}次）",
                                          consult_department_ids=[(6, 0, self.consulted)])
            results = self._at_once(("dc_fin_head", "dc_housing_head"), "action_consult_answer", document, True, "同意")
            problems = [f"an answer failed: {result}" for result in results if isinstance(result, RpcError)]
            state = self.admin.execute("gov.document", "read", [document], ["state"])[0]["state"]
            if state != "signoff":
                problems.append(f"the document is in {state}, not in sign-off")
            steps = self._steps(document)
            answers = [step["state"] for step in steps if step["kind"] == "consult"]
            if answers != ["approved", "approved"]:
                problems.append(f"the answers are {answers}")
            if len([step for step in steps if step["kind"] == "signoff" and step["state"] == "pending"]) != 1:
                problems.append(f"not one sign-off step due: {steps}")
            actions = [action for action, _task in self._log(document)]
            # one submission: the opinions are stage 0 of the route fixed then
            if actions != ["submit", "approve", "approve"]:
                problems.append(f"decision log {actions}")
            return problems

        self._repeat(scenario)


if __name__ == "__main__":
    unittest.main()
