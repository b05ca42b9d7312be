"""Run the whole test suite against a throwaway database.

1. install the three addons with Odoo's tests enabled (at_install, post_install, browser tours);
2. serve that database as in production (README, "Deploying with workers"): two servers, each
   with HTTP workers and its websocket process, and run the project-level scenario tests in
   ``tests/`` against them over JSON-RPC (races between two users need real parallel requests;
   the escalation is run on both servers at once);
3. run the benchmarks in ``tests/bench`` (they print ratios; they fail on wrong results or counts that stop being flat);
4. drop the database;
5. upgrade (``--upgrade-only`` runs this stage alone): prove that a database made by the previous release
   upgrades to the working tree and keeps its data, on a database of its own:

   - take the previous release's addons (the commit in ``tools/previous_release``, updated at each release)
     out of git into a temporary folder (``git archive``; a clone needs that commit: not shallow);
   - check the migrations: a folder ``addons/<addon>/migrations/<version>/`` added since that release
     runs on its databases only if ``previous version < <version> <= manifest version``; one that would
     not run (the manifest version was not bumped, or not far enough) is a failure. While the version
     equals the previous release's, Odoo runs no migration at all, and the stage proves that the plain
     update keeps the data; once it is bumped (say to 19.0.1.1.0), the stage runs the new migrations
     exactly as a production upgrade does;
   - install that release's addons from the old tree with its demo data (an addon it shipped as an
     empty shell, without demo data, is marked to get none on the upgrade, as on a production
     database); pipe ``tools/upgrade_seed.py`` into its ``odoo shell``: the escalation runs, a drafter
     submits, an approver approves a step, an administrator changes settings, and the snapshot of
     ``addons/gov_rules/tests/upgrade_snapshot.py`` (every record's id and key values: documents, steps,
     the decision and escalation logs, activities, rule sets, settings) is written to a file;
   - upgrade the database with the working tree (``-u``; ``-i`` for an addon the previous release did not
     have), which runs the migrations, and in the same run the test class tagged ``gov_upgrade``
     (``TestUpgradeKept``, excluded from stage 1): no record of the snapshot lost, nothing changed but the
     work in progress a migration moved on (see upgrade_snapshot.py), pending steps approved by whom they
     wait for, a draft submitted gets its route, the scheduled actions run.
     An error logged, a failed or skipped test, or no test run, fails the stage;
   - drop the database and the temporary folder.

Exits non-zero on any failure, error or skipped test; the last line is ``N passed, N failed``.
"""
import argparse
import ast
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADDONS = "gov_rules,gov_meetings,gov_supervision"
# the engine's tests also run on a model that opts in by class attributes alone (installed for the tests only)
TEST_ADDONS = f"{ADDONS},test_gov_rules"
# tools/odoo-bin, not ``-m odoo``: with workers, Odoo starts its websocket process by running its own script again
ODOO_BIN = [sys.executable, str(REPO / "tools" / "odoo-bin")]
ODOO_OPTIONS = ["-c", str(REPO / "odoo.conf"), *shlex.split(os.environ.get("GOV_DB_ARGS", ""))]
ODOO = [*ODOO_BIN, *ODOO_OPTIONS]
# the scenario servers: as README's "Deploying with workers", scaled down to the CI's two cores
WORKERS = 2

RESULT_RE = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")
# the upgrade stage: the commit of the previous release, the seed run in it and the test run after
PREVIOUS_RELEASE = REPO / "tools" / "previous_release"
UPGRADE_SEED = REPO / "tools" / "upgrade_seed.py"
UPGRADE_SNAPSHOT_CODE = REPO / "addons" / "gov_rules" / "tests" / "upgrade_snapshot.py"
UPGRADE_TAG = "gov_upgrade"
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
    return run_odoo_with_tests(cmd, log_path)


def run_odoo_with_tests(cmd, log_path, env=None):
    """Run Odoo with ``--test-enable``; return (run, failed, skipped). Warnings are shown; an error
    logged outside any test counts as a failure."""
    failed = skipped = 0
    run = None
    problems = 0
    with open(log_path, "w", encoding="utf-8") as log, \
            subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             env=env) as proc:
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
        if run is None:
            print(f"Odoo exited with code {proc.returncode} before reporting its test results (log: {log_path}).")
        elif not failed:
            print(f"Odoo exited with code {proc.returncode} (log: {log_path}).")
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


def previous_release():
    """The commit named in tools/previous_release (its first line that is not a comment)."""
    lines = [line.strip() for line in PREVIOUS_RELEASE.read_text(encoding="utf-8").splitlines()]
    commits = [line for line in lines if line and not line.startswith("#")]
    if len(commits) != 1 or not re.fullmatch(r"[0-9a-f]{40}", commits[0]):
        raise StageError(f"{PREVIOUS_RELEASE.relative_to(REPO)} must hold one full commit id (40 hex digits).")
    return commits[0]


def extract_release(commit, folder):
    """The addons of ``commit``, out of git into ``folder``/addons."""
    def git(*args, **kwargs):
        return subprocess.run(["git", "-C", str(REPO), *args], check=False, capture_output=True, **kwargs)

    if git("cat-file", "-e", f"{commit}^{{commit}}").returncode:
        raise StageError(f"The previous release {commit} is not in this clone: the upgrade stage needs the "
                         "history (git fetch --unshallow, or a full clone).")
    archive = git("archive", "--format=tar", commit, "addons")
    if archive.returncode:
        raise StageError(f"git archive {commit} failed: {archive.stderr.decode(errors='replace').strip()}")
    untar = subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=False, capture_output=True)
    if untar.returncode:
        raise StageError(f"The previous release could not be unpacked: {untar.stderr.decode(errors='replace')}")
    return Path(folder) / "addons"


def _manifest_version(addon_dir):
    manifest = ast.literal_eval((addon_dir / "__manifest__.py").read_text(encoding="utf-8"))
    return manifest.get("version", "1.0")


def _version_key(version, serie):
    """As Odoo compares versions (odoo/modules/migration.py): a version of three parts or fewer is
    prefixed with the series (19.0)."""
    parts = [int(part) for part in re.findall(r"\d+", version)]
    if len(version.split(".")) <= 3:
        parts = [*serie, *parts]
    return tuple(parts)


def _tail(log_path, lines=30):
    return "\n".join(log_path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def _scripts(folder):
    return {path.name: path.read_bytes() for path in folder.glob("*.py")}


def check_migrations(old_addons):
    """Problems with the migrations of the working tree for an upgrade from ``old_addons``."""
    problems = []
    for addon in ADDONS.split(","):
        new_dir, old_dir = REPO / "addons" / addon, old_addons / addon
        if not old_dir.is_dir():
            continue  # new since the previous release: installed, not upgraded
        new_version, old_version = _manifest_version(new_dir), _manifest_version(old_dir)
        serie = tuple(int(part) for part in new_version.split(".")[:2])
        new_key, old_key = _version_key(new_version, serie), _version_key(old_version, serie)
        if new_key < old_key:
            problems.append(f"{addon}: the manifest version {new_version} is below the previous release's "
                            f"{old_version}.")
        migrations = new_dir / "migrations"
        for folder in sorted(migrations.iterdir() if migrations.is_dir() else []):
            if not folder.is_dir() or not re.fullmatch(r"\d+(\.\d+)+", folder.name):
                continue
            old_folder = old_dir / "migrations" / folder.name
            if old_folder.is_dir():
                if _scripts(folder) != _scripts(old_folder):
                    # a fix for databases of an older release, perhaps: it never runs on the previous one's
                    print(f"{addon}: migrations/{folder.name} changed since the previous release; it does not run "
                          f"on that release's databases (version {old_version}).")
                continue
            if folder.name == "0.0.0":  # Odoo runs it on every upgrade that changes the version
                if new_key <= old_key:
                    problems.append(f"{addon}: migrations/0.0.0 is new since the previous release, but Odoo runs it "
                                    f"only when the version changes (it is {new_version}, as in that release): bump "
                                    "the manifest version.")
                continue
            version = _version_key(folder.name, serie)
            if version <= old_key:
                problems.append(
                    f"{addon}: migrations/{folder.name} is new since the previous release, whose databases are at "
                    f"version {old_version} already: Odoo never runs it on them. Move it to a folder named after "
                    f"the new version and bump the manifest version to it.")
            elif version > new_key:
                problems.append(
                    f"{addon}: migrations/{folder.name} runs only once the manifest version reaches {folder.name} "
                    f"(it is {new_version}): bump the manifest version.")
        if new_key == old_key:
            print(f"{addon}: version {new_version}, as in the previous release: the upgrade runs no migration.")
    return problems


def run_upgrade(db):
    """Install the previous release with demo data, move it on, upgrade it to the working tree and run
    TestUpgradeKept on it; return (run, failed, skipped). The migration check counts as one test."""
    commit = previous_release()
    started = time.monotonic()
    folder = Path(tempfile.mkdtemp(prefix="gov_previous_release_"))
    install_log, upgrade_log = REPO / ".odoo" / "upgrade-install.log", REPO / ".odoo" / "upgrade.log"
    snapshot = folder / "snapshot.json"
    env = dict(os.environ, GOV_UPGRADE_SNAPSHOT=str(snapshot), GOV_UPGRADE_SNAPSHOT_CODE=str(UPGRADE_SNAPSHOT_CODE))
    try:
        old_addons = extract_release(commit, folder)
        print(f"== upgrade from the previous release {commit[:10]}", flush=True)
        problems = check_migrations(old_addons)
        for problem in problems:
            print(problem)
        old = [addon for addon in ADDONS.split(",") if (old_addons / addon / "__manifest__.py").is_file()]
        new = [addon for addon in ADDONS.split(",") if addon not in old]
        # Odoo's own addons come with it; only ours are the previous release's
        options = ["-d", db, "--max-cron-threads=0", f"--db-filter=^{db}$"]
        old_tree = [*ODOO_OPTIONS, f"--addons-path={old_addons}", *options]
        with open(install_log, "w", encoding="utf-8") as log:
            install = subprocess.run([*ODOO_BIN, *old_tree, "-i", ",".join(old), "--stop-after-init",
                                      f"--http-port={free_port()}", "--log-level=warn"],
                                     cwd=REPO, stdout=log, stderr=subprocess.STDOUT, check=False)
        errors = [line for line in install_log.read_text(encoding="utf-8", errors="replace").splitlines()
                  if (level := LEVEL_RE.match(line)) and level.group(1) in ("ERROR", "CRITICAL")]
        if install.returncode or errors:
            print(_tail(install_log))
            raise StageError(f"Installing the previous release failed (log: {install_log}).")
        with open(UPGRADE_SEED, encoding="utf-8") as seed, open(install_log, "a", encoding="utf-8") as log:
            moved = subprocess.run([*ODOO_BIN, "shell", *old_tree, "--log-level=warn"], stdin=seed,
                                   stdout=subprocess.PIPE, stderr=log, cwd=REPO, env=env, text=True, check=False)
        print(moved.stdout, end="")
        if moved.returncode or not snapshot.is_file():
            print(_tail(install_log))
            raise StageError(f"Moving the previous release's demo data on failed (log: {install_log}).")
        print(f"Previous release installed and moved on in {time.monotonic() - started:.0f} s.", flush=True)
        # An addon the previous release shipped as an empty shell (no demo data) gets no demo data on the
        # upgrade, as on a production database: Odoo would load the new demo files of an installed addon in
        # update mode, which skips their <function> steps, and demo built on those steps cannot load so.
        shells = [addon for addon in old if not ast.literal_eval(
            (old_addons / addon / "__manifest__.py").read_text(encoding="utf-8")).get("demo")]
        if shells:
            script = ("env.cr.execute('UPDATE ir_module_module SET demo = false WHERE name IN %s', "
                      f"[{tuple(shells)!r}])\nenv.cr.commit()\n")
            subprocess.run([*ODOO_BIN, "shell", *old_tree, "--log-level=warn"], input=script, text=True,
                           stdout=subprocess.DEVNULL, cwd=REPO, check=True)
        cmd = [*ODOO, *options, "-u", ",".join(old), *(["-i", ",".join(new)] if new else []), "--test-enable",
               f"--test-tags={UPGRADE_TAG}", "--stop-after-init", f"--http-port={free_port()}"]
        run, failed, skipped = run_odoo_with_tests(cmd, upgrade_log, env=env)
        if not run and not failed:
            print(f"No test tagged {UPGRADE_TAG} ran on the upgraded database (log: {upgrade_log}).")
            failed = 1
        print(f"Upgrade stage: {time.monotonic() - started:.0f} s.", flush=True)
        return run + 1, failed + bool(problems), skipped
    finally:
        drop_database(db)
        shutil.rmtree(folder, ignore_errors=True)


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
    parser.add_argument("--upgrade-only", action="store_true",
                        help="only upgrade a database of the previous release and check it kept its data")
    args = parser.parse_args()
    db = f"gov_test_{os.getpid()}"
    log_path = REPO / ".odoo" / "test.log"
    totals = {"passed": 0, "failed": 0, "skipped": 0}

    def add(run, failed, skipped):
        totals["passed"] += run - failed - skipped
        totals["failed"] += failed
        totals["skipped"] += skipped

    try:
        if args.upgrade_only:
            add(*guarded(run_upgrade, f"{db}_upgrade"))
        elif args.bench_only:
            installed = guarded(install_for_benchmarks, db)
            add(*installed)
            if not installed[1]:
                add(*guarded(run_benchmarks, db))
        else:
            add(*guarded(run_odoo_tests, db, log_path))
            add(*guarded(run_scenarios, db))
            add(*guarded(run_benchmarks, db))
            # a database of its own, dropped at its end
            add(*guarded(run_upgrade, f"{db}_upgrade"))
    finally:
        if not args.keep and not args.upgrade_only:
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
