"""Scenario: with workers, the web client's live updates come through the websocket process
(``gevent_port``; behind the proxy, ``/websocket`` goes there). A user connected to it sees a new
to-do the moment someone gives him one."""
import json
import os
import time
import unittest
import urllib.request
from datetime import UTC, datetime

import websocket

from tests.rpc import Client

VERSION = "19.0-2"  # the bus's websocket protocol version in Odoo 19


class TestLiveUpdates(unittest.TestCase):
    def _session(self, login, password):
        """Sign in as a browser does; return the session cookie."""
        payload = {"jsonrpc": "2.0", "method": "call",
                   "params": {"db": os.environ["GOV_DB"], "login": login, "password": password}}
        request = urllib.request.Request(os.environ["GOV_URL"].rstrip("/") + "/web/session/authenticate",
                                         json.dumps(payload).encode(), {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            self.assertNotIn("error", json.load(response))
            cookie = response.headers["Set-Cookie"]
        return cookie.split(";")[0]

    def _receive(self, ws, seconds, until=None):
        """The types of the notifications that arrive within ``seconds``, or until one of type ``until``."""
        types, end = [], time.monotonic() + seconds
        while until not in types and (left := end - time.monotonic()) > 0:
            ws.settimeout(left)
            try:
                types += [notification["message"]["type"] for notification in json.loads(ws.recv())]
            except websocket.WebSocketTimeoutException:
                break
        return types

    def test_a_new_todo_reaches_the_open_web_client(self):
        url = os.environ.get("GOV_WEBSOCKET_URL") or os.environ["GOV_URL"].replace("http", "ws", 1) + "/websocket"
        origin = url.replace("ws", "http", 1).removesuffix("/websocket")
        ws = websocket.create_connection(f"{url}?version={VERSION}", origin=origin, timeout=60,
                                         cookie=self._session("dc_drc_head", "demo"))
        try:
            ws.send(json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": 0}}))
            self._receive(ws, 3)  # what was sent to him before
            admin = Client()
            head = admin.execute("res.users", "search", [("login", "=", "dc_drc_head")])
            document = admin.execute("gov.document", "search", [], limit=1)
            admin.execute("mail.activity", "create", {
                "res_model_id": admin.execute("ir.model", "search", [("model", "=", "gov.document")])[0],
                "res_id": document[0], "user_id": head[0], "summary": "请阅：实时提醒测试",
                # Due on the server's today (UTC): Odoo pushes only to-dos due by then, and the default
                # deadline is the creator's local date, which in Beijing is tomorrow after 16:00 UTC.
                "date_deadline": datetime.now(UTC).date().isoformat()})
            types = self._receive(ws, 30, until="mail.activity/updated")
        finally:
            ws.close()
        self.assertIn("mail.activity/updated", types)


if __name__ == "__main__":
    unittest.main()
