"""A minimal JSON-RPC client, as an external system would talk to the server."""
import json
import os
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor


class RpcError(Exception):
    def __init__(self, error):
        data = error.get("data", {})
        super().__init__(data.get("message") or error.get("message"))
        self.name = data.get("name", "")


class Client:
    def __init__(self, url=None, db=None, login=None, password=None):
        self.url = (url or os.environ["GOV_URL"]).rstrip("/") + "/jsonrpc"
        self.db = db or os.environ["GOV_DB"]
        self.password = password or os.environ.get("GOV_PASSWORD", "admin")
        self.uid = self.call("common", "login", self.db, login or os.environ.get("GOV_LOGIN", "admin"),
                             self.password)
        if not self.uid:
            raise RpcError({"message": "login refused"})

    def call(self, service, method, *args):
        payload = {"jsonrpc": "2.0", "method": "call", "id": 1,
                   "params": {"service": service, "method": method, "args": args}}
        request = urllib.request.Request(self.url, json.dumps(payload).encode(),
                                         {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            body = json.load(response)
        if "error" in body:
            raise RpcError(body["error"])
        return body["result"]

    def execute(self, model, method, *args, **kwargs):
        return self.call("object", "execute_kw", self.db, self.uid, self.password, model, method, list(args), kwargs)


def at_once(*calls):
    """Run ``calls`` in threads released together; return each one's result or RpcError."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait()
        try:
            return call()
        except RpcError as error:
            return error

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))
