"""Scenario: a document goes from a department clerk to issue, each person acting over JSON-RPC
with the demo organisation (every demo user signs in with the password "demo")."""
import datetime
import re
import unittest
import zoneinfo

from tests.rpc import Client, RpcError


class TestDocumentOverRpc(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.admin = Client()
        cls.clerk = Client(login="dc_drc_clerk", password="demo")

    def _as(self, user_id):
        login = self.admin.execute("res.users", "read", [user_id], ["login"])[0]["login"]
        return Client(login=login, password="demo")

    def _pending_users(self, document_id):
        tasks = self.admin.execute("gov.signoff.task", "search_read",
                                   [("res_model", "=", "gov.document"), ("res_id", "=", document_id),
                                    ("state", "=", "pending")], ["user_ids", "name"])
        return [user for task in tasks for user in task["user_ids"]]

    def _new_document(self, **values):
        authority = self.admin.execute("gov.issuing.authority", "search", [("prefix", "=", "东政发")])[0]
        notice = self.admin.execute("gov.document.type", "search", [("kind", "=", "notice")], limit=1)[0]
        return self.clerk.execute("gov.document", "create", {
            "name": "关于做好2027年元旦春节期间安全生产工作的通知", "type_id": notice,
            "authority_id": authority, **values})

    def test_from_draft_to_issue_R28_2_R29_2(self):
        document = self._new_document()
        self.clerk.execute("gov.document", "action_submit", [document])
        for _step in range(5):
            state = self.admin.execute("gov.document", "read", [document], ["state"])[0]["state"]
            if state != "signoff":
                break
            approver = self._as(self._pending_users(document)[0])
            approver.execute("gov.document", "action_signoff_approve", [document], "同意")
        record = self.admin.execute("gov.document", "read", [document], ["state", "signer_id"])[0]
        self.assertEqual(record["state"], "approved")
        self.assertTrue(record["signer_id"])
        office = Client(login="dc_office_dir", password="demo")
        office.execute("gov.document", "action_issue", [document])
        number = self.admin.execute("gov.document", "read", [document], ["number"])[0]["number"]
        self.assertRegex(number, r"^东政发〔\d{4}〕\d+号$")
        log_ids = self.admin.execute("gov.signoff.log", "search",
                                     [("res_model", "=", "gov.document"), ("res_id", "=", document)])
        with self.assertRaisesRegex(RpcError, "R35.1"):
            self.admin.execute("gov.signoff.log", "write", log_ids, {"opinion": "改写"})

    def test_lead_time_refused_with_the_date_needed_R28_1(self):
        # "today" is the clerk's, in his time zone, as the server counts it
        tz = self.admin.execute("res.users", "read", [self.clerk.uid], ["tz"])[0]["tz"]
        today = datetime.datetime.now(zoneinfo.ZoneInfo(tz)).date().isoformat()
        too_soon = self.admin.execute("gov.calendar", "add_working_days", [], today, 3)
        document = self._new_document(needed_by=too_soon)
        earliest = self.admin.execute("gov.calendar", "add_working_days", [], today, 14)
        with self.assertRaisesRegex(RpcError, re.escape(earliest)):
            self.clerk.execute("gov.document", "action_submit", [document])
        state = self.admin.execute("gov.document", "read", [document], ["state"])[0]["state"]
        self.assertEqual(state, "draft", "nothing changed")

    def test_a_clerk_cannot_approve_or_read_other_units_drafts(self):
        document = self._new_document()
        self.clerk.execute("gov.document", "action_submit", [document])
        # R18.1: whoever submits an item never approves it, whatever the step
        with self.assertRaisesRegex(RpcError, r"may not approve it \(R18\.1\)"):
            self.clerk.execute("gov.document", "action_signoff_approve", [document], "自己批")
        finance_clerk = Client(login="dc_fin_clerk", password="demo")
        self.assertEqual(finance_clerk.execute("gov.document", "search", [("id", "=", document)]), [])
