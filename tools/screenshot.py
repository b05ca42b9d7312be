"""Take a screenshot of an Odoo window action for the documentation.

Logs in through /web/login, opens the action in headless Chromium (driven over the
DevTools protocol with websocket-client) and saves a PNG. The server must be running::

    python tools/screenshot.py --url http://127.0.0.1:8069 --db gov \\
        --action gov_rules.action_gov_calendar_day --context '{"initial_date": "2026-02-01 00:00:00"}' \\
        --wait-for '.o_calendar_renderer .fc-event' docs/calendar.png

The screenshot is in the language of the user who logs in. A page outside the web client, such as
a public one, is opened with --path, without logging in with --no-login::

    python tools/screenshot.py --url http://127.0.0.1:8069 --db gov --no-login \\
        --path /gov/replies --wait-for 'main' docs/public_replies.png
"""
import argparse
import base64
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests
import websocket

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("output", type=Path, help="PNG file to write")
    parser.add_argument("--url", default="http://127.0.0.1:8069", help="base URL of the running server")
    parser.add_argument("--db", help="database (needed when the server serves several)")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--record", help="MODEL,ID: open this record's form instead of --action")
    parser.add_argument("--action",
                        help="XML id of the window action, e.g. gov_rules.action_gov_calendar_day")
    parser.add_argument("--path", help="open this page of the server, e.g. /gov/replies, instead of --action")
    parser.add_argument("--no-login", action="store_true", help="do not log in (for a public --path)")
    parser.add_argument("--click", action="append", default=[], metavar="SELECTOR",
                        help="CSS selector to click before the screenshot, e.g. a notebook tab (repeatable)")
    parser.add_argument("--scroll-to", metavar="SELECTOR",
                        help="CSS selector to scroll to the middle of the window, e.g. a form's notebook on a phone")
    parser.add_argument("--context", default="{}", help="JSON context for the action, e.g. initial_date")
    parser.add_argument("--wait-for", default=".o_action_manager .o_view_controller",
                        help="CSS selector that must be present before the screenshot")
    parser.add_argument("--size", default="1366x800", help="window size WIDTHxHEIGHT")
    parser.add_argument("--browser", default=os.environ.get("CHROME_BIN"), help="Chromium or Chrome executable")
    parser.add_argument("--timeout", type=float, default=30)
    return parser.parse_args()


def login(base_url, db, user, password):
    """Sign in through the login form and return Odoo's login cookie."""
    browser = requests.Session()
    page = browser.get(f"{base_url}/web/login", params={"db": db} if db else None, timeout=30)
    page.raise_for_status()
    token = re.search(r'name="csrf_token"\s+value="([^"]+)"', page.text)
    if not token:
        sys.exit("No login form at /web/login (is the database selected? use --db)")
    response = browser.post(f"{base_url}/web/login", timeout=30, data={
        "login": user, "password": password, "csrf_token": token.group(1), "redirect": "/odoo"})
    response.raise_for_status()
    if "/web/login" in urlsplit(response.url).path:
        sys.exit(f"Login failed for {user!r}")
    return browser.cookies["session_id"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class DevTools:
    """Minimal synchronous DevTools client: send a command, wait for its answer."""

    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, suppress_origin=True, timeout=60)
        self.next_id = 0

    def __call__(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"].get("exception", {}).get("description", result))
        return result["result"].get("value")

    def wait(self, expression, timeout):
        deadline = time.monotonic() + timeout
        while not self.evaluate(expression):
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out waiting for {expression}")
            time.sleep(0.2)


def start_browser(executable, port, profile, width, height):
    command = [executable, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--no-first-run", "--no-default-browser-check", f"--remote-debugging-port={port}",
               f"--user-data-dir={profile}", f"--window-size={width},{height}", "about:blank"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def page_websocket(port, timeout):
    deadline = time.monotonic() + timeout
    while True:
        try:
            targets = requests.get(f"http://127.0.0.1:{port}/json", timeout=5).json()
            pages = [t for t in targets if t.get("type") == "page"]
            if pages:
                return pages[0]["webSocketDebuggerUrl"]
        except requests.ConnectionError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError("the browser did not start")
        time.sleep(0.2)


def main():
    args = parse_args()
    if not (args.action or args.record or args.path):
        sys.exit("Give --action, --record or --path")
    if args.no_login and not args.path:
        sys.exit("--no-login needs --path: the web client needs a session")
    base_url = args.url.rstrip("/")
    width, height = (int(n) for n in args.size.lower().split("x"))
    executable = args.browser or next(filter(None, map(shutil.which, BROWSERS)), None)
    if not executable:
        sys.exit("No Chromium or Chrome found; pass --browser or set CHROME_BIN")
    context = json.loads(args.context)
    session_id = None if args.no_login else login(base_url, args.db, args.login, args.password)

    port = free_port()
    with tempfile.TemporaryDirectory(prefix="odoo_screenshot_", ignore_cleanup_errors=True) as profile:
        browser = start_browser(executable, port, profile, width, height)
        try:
            devtools = DevTools(page_websocket(port, args.timeout))
            devtools("Network.enable")
            if session_id:
                devtools("Network.setCookie", name="session_id", value=session_id,
                         domain=urlsplit(base_url).hostname, path="/")
            devtools("Emulation.setDeviceMetricsOverride", width=width, height=height,
                     deviceScaleFactor=1, mobile=width < 768)
            devtools("Page.enable")
            if args.path:
                devtools("Page.navigate", url=base_url + "/" + args.path.lstrip("/"))
                devtools.wait("document.readyState === 'complete'", args.timeout)
            else:
                devtools("Page.navigate", url=f"{base_url}/odoo")
                devtools.wait("!!(window.odoo && odoo.__WOWL_DEBUG__ && document.querySelector('.o_action_manager'))",
                              args.timeout)
                action = args.action
                if args.record:
                    model, record_id = args.record.split(",")
                    action = {"type": "ir.actions.act_window", "res_model": model, "res_id": int(record_id),
                              "views": [[False, "form"]]}
                devtools.evaluate(
                    "odoo.__WOWL_DEBUG__.root.env.services.action.doAction("
                    f"{json.dumps(action)}, {{additionalContext: {json.dumps(context)}, clearBreadcrumbs: true}})"
                    ".then(() => true)")
            for selector in args.click:
                devtools.wait(f"!!document.querySelector({json.dumps(selector)})", args.timeout)
                devtools.evaluate(f"document.querySelector({json.dumps(selector)}).click(), true")
                time.sleep(0.5)
            devtools.wait(f"!!document.querySelector({json.dumps(args.wait_for)})", args.timeout)
            if args.scroll_to:
                devtools.wait(f"!!document.querySelector({json.dumps(args.scroll_to)})", args.timeout)
                devtools.evaluate(f"document.querySelector({json.dumps(args.scroll_to)})"
                                  ".scrollIntoView({block: 'center'}), true")
            time.sleep(1)  # let fonts, colours and animations settle
            shot = devtools("Page.captureScreenshot", format="png")
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_bytes(base64.b64decode(shot["data"]))
            print(f"{args.output} written")
        finally:
            browser.terminate()
            browser.wait(10)


if __name__ == "__main__":
    main()
