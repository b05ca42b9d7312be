"""Run the whole test suite against a throwaway database.

1. install the three addons with Odoo's tests enabled (at_install, post_install, browser tours);
2. serve that database as in production (README, "Deploying with workers"): two servers, each
   with HTTP workers and its websocket process, and run the project-level scenario tests in
   ``tests/`` against them over JSON-RPC (races between two users need real parallel requests;
   the escalation is run on both servers at once);
3. run the benchmarks in ``tests/bench`` (they print ratios; they fail on wrong results or counts that stop being flat);
4. drop the database.

Exits non-zero on any failure, error or skipped test; the last line is ``N passed, N failed``.
"""
import argparse
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import unittest
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADDONS = "gov_rules,gov_meetings,gov_supervision"
# the engine's tests also run on a model that opts in by class attributes alone (installed for the tests only)
TEST_ADDONS = f"{ADDONS},test_gov_rules"
# tools/odoo-bin, not ``-m odoo``: with workers, Odoo starts its websocket process by running its own script again
ODOO = [sys.executable, str(REPO / "tools" / "odoo-bin"), "-c", str(REPO / "odoo.conf"),
        *shlex.split(os.environ.get("GOV_DB_ARGS", ""))]
# the scenario servers: as README's "Deploying with workers", scaled down to the CI's two cores
WORKERS = 2

RESULT_RE = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")
SKIP_RE = re.compile(r" INFO \S+ \S+: skipped ")
LEVEL_RE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (\w+) ")


class StageError(Exception):
    """A stage of the run could not take place (install, server start)."""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def drop_database(db):
    cmd = ["psql", "-h", os.environ["GOV_DB_HOST"], "-p", os.environ["GOV_DB_PORT"], "-U", os.environ["GOV_DB_USER"],
           "-d", "postgres", "-qc", f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)']
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL)
    shutil.rmtree(Path.home() / ".local/share/Odoo/filestore" / db, ignore_errors=True)


def run_odoo_tests(db, log_path):
    """Install the addons with tests; return (run, failed, skipped)."""
    # test tags keep Odoo's own modules' tests (installed as dependencies) out of the run
    tags = ",".join(f"/{addon}" for addon in TEST_ADDONS.split(","))
    cmd = [*ODOO, "-d", db, "-i", TEST_ADDONS, "--test-enable", f"--test-tags={tags}", "--stop-after-init",
           f"--http-port={free_port()}", "--max-cron-threads=0", f"--db-filter=^{db}$"]
    failed = skipped = 0
    run = None
    problems = 0
    with open(log_path, "w", encoding="utf-8") as log, \
            subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as proc:
        for line in proc.stdout:
            log.write(line)
            level = LEVEL_RE.match(line)
            level = level.group(1) if level else None
            if SKIP_RE.search(line):
                skipped += 1
                print(line, end="")
            elif level in ("WARNING", "ERROR", "CRITICAL") or not level or "odoo.tests.result" in line:
                print(line, end="")
            if level in ("ERROR", "CRITICAL") or "failed to install" in line:
                problems += 1
            match = RESULT_RE.search(line)
            if match and "when loading database" in line:
                failed = int(match.group(1)) + int(match.group(2))
                run = int(match.group(3))
    if run is None or proc.returncode:
        print(f"Odoo exited with code {proc.returncode} before reporting its test results (log: {log_path}).")
        return (run or 0), max(failed, 1), skipped
    if problems and not failed:
        print(f"{problems} error(s) were logged outside any test (log: {log_path}).")
        failed = problems
    return run, failed, skipped


class _Server:
    """Odoo serving the test database as in production: HTTP workers, and the websocket (gevent)
    process on its own port. No cron thread: the scenarios run the scheduled actions themselves."""

    def __init__(self, db):
        self.db = db
        self.port = free_port()
        self.gevent_port = free_port()
        self.proc = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        cmd = [*ODOO, "-d", self.db, f"--http-port={self.port}", f"--gevent-port={self.gevent_port}",
               f"--workers={WORKERS}", "--max-cron-threads=0", f"--db-filter=^{self.db}$", "--log-level=warn"]
        # its own process group: the workers and the websocket process go with it
        self.proc = subprocess.Popen(cmd, cwd=REPO, start_new_session=True)

    def wait(self):
        """Until the HTTP workers and the websocket process both answer."""
        for url in (f"{self.url}/web/login", f"http://127.0.0.1:{self.gevent_port}/web/login"):
            for _attempt in range(180):
                try:
                    with urllib.request.urlopen(url, timeout=5) as response:
                        if response.status == 200:
                            break
                except OSError:
                    time.sleep(1)
                if self.proc.poll() is not None:
                    raise StageError(f"The Odoo server for the scenario tests stopped (code {self.proc.returncode}).")
            else:
                raise StageError(f"The Odoo server for the scenario tests did not answer on {url}.")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                pass
        if self.proc:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass  # the group is gone already
            self.proc.wait()


def run_scenarios(db):
    """Run tests/test_*.py against two servers on the database; return (run, failed, skipped)."""
    suite = unittest.defaultTestLoader.discover(str(REPO / "tests"), pattern="test_*.py", top_level_dir=str(REPO))
    if not suite.countTestCases():
        return 0, 0, 0
    servers = [_Server(db), _Server(db)]
    try:
        for server in servers:
            server.start()
        for server in servers:
            server.wait()
        os.environ.update(GOV_URL=servers[0].url, GOV_URL_2=servers[1].url, GOV_DB=db,
                          GOV_WEBSOCKET_URL=f"ws://127.0.0.1:{servers[0].gevent_port}/websocket",
                          GOV_LOGIN="admin", GOV_PASSWORD="admin")
        result = unittest.TextTestRunner(verbosity=2, stream=sys.stdout).run(suite)
    finally:
        for server in servers:
            server.stop()
    return result.testsRun, len(result.failures) + len(result.errors), len(result.skipped)


def run_benchmarks(db):
    """Run every tests/bench/bench_*.py; a benchmark fails on wrong results or query counts that grow."""
    failed = 0
    benches = sorted((REPO / "tests" / "bench").glob("bench_*.py"))
    for bench in benches:
        print(f"== {bench.relative_to(REPO)}", flush=True)
        env = dict(os.environ, GOV_DB=db)
        if subprocess.run([sys.executable, str(bench)], cwd=REPO, env=env, check=False).returncode:
            failed += 1
    return len(benches), failed, 0


def install_for_benchmarks(db):
    """Install the addons without tests, for ``--bench-only``."""
    install = [*ODOO, "-d", db, "-i", ADDONS, "--stop-after-init", "--log-level=warn"]
    if subprocess.run(install, cwd=REPO, check=False).returncode:
        raise StageError(f"Installing {ADDONS} for the benchmarks failed (see the messages above).")
    return 0, 0, 0


def guarded(stage, *args):
    """Run a stage; if it cannot take place, say why in one sentence and count one failure, so that
    the summary line is still printed last."""
    try:
        return stage(*args)
    except StageError as error:
        print(error, flush=True)
    except Exception as error:  # noqa: BLE001 - any breakdown of a stage is one failure, reported
        print(f"The stage {stage.__name__} broke down: {error!r}.", flush=True)
    return 1, 1, 0


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--keep", action="store_true", help="keep the test database")
    parser.add_argument("--bench-only", action="store_true", help="install without tests and run the benchmarks")
    args = parser.parse_args()
    db = f"gov_test_{os.getpid()}"
    log_path = REPO / ".odoo" / "test.log"
    totals = {"passed": 0, "failed": 0, "skipped": 0}

    def add(run, failed, skipped):
        totals["passed"] += run - failed - skipped
        totals["failed"] += failed
        totals["skipped"] += skipped

    try:
        if args.bench_only:
            installed = guarded(install_for_benchmarks, db)
            add(*installed)
            if not installed[1]:
                add(*guarded(run_benchmarks, db))
        else:
            add(*guarded(run_odoo_tests, db, log_path))
            add(*guarded(run_scenarios, db))
            add(*guarded(run_benchmarks, db))
    finally:
        if not args.keep:
            try:
                drop_database(db)
            except (OSError, KeyError) as error:
                print(f"The test database {db} could not be dropped: {error!r}.")
    line = f"{totals['passed']} passed, {totals['failed']} failed"
    if totals["skipped"]:
        line += f", {totals['skipped']} skipped"
    print(line)
    return 1 if totals["failed"] or totals["skipped"] else 0


if __name__ == "__main__":
    sys.exit(main())
