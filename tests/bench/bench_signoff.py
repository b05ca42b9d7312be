"""Sign-off and escalation: query counts must not grow with the data (matrix rows, to-dos, open items).

Inside one transaction that is rolled back, a small organisation is built (as in
addons/gov_rules/tests/common_org.py, with logins prefixed ``bench_``) and three things are counted,
each measurement starting cold in the same way (flush, invalidate, count, act, flush):

1. submit and approve of a fresh document with 1, 10, 50 and 200 active matrix rows for gov.document
   (the extra rows match nothing and are tried before the matching preset row);
2. "my to-do" (the pending-list search plus res_name/deadline) with 10 … 10,000 pending steps for one
   user, approve with 10 vs 10,000 of them present, and for comparison the per-record way (resolve each
   pending step's role, then who acts for the holder today);
3. the escalation cron over 20,000 open documents with 100, 200, 400 and 1,000 due for the first step,
   and over 50 vs 200 sign-off steps three working days overdue (every rung, the leader told too).

Prints the counts and ratios (targets: flat). Exits 1 only when a result is wrong.
Set BENCH_SQL_TRACE=<text> to print the most repeated queries of the measurements whose label contains
<text> (BENCH_SQL_TRACE=cron: the cron runs; BENCH_SQL_TRACE=" ": all).
"""
import collections
import os
import re
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.bench.odoo_env import odoo_env  # noqa: E402

ROW_SIZES = (1, 10, 50, 200)
TODO_SIZES = (10, 100, 1_000, 10_000)
PER_RECORD_SIZES = (10, 1_000)
OPEN_ITEMS = 20_000
DUE_SIZES = (100, 200, 400, 1_000)
MAIN_DUE = 200
WARM_UP_DUE = 10
OVERDUE_STEPS = (50, 200)
BATCH = 500
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True, "mail_create_nosubscribe": True}
TRACE = os.environ.get("BENCH_SQL_TRACE", "")


class Failures(list):
    def check(self, condition, message):
        if not condition:
            self.append(message)
            print(f"  WRONG: {message}")
        return condition


class Trace:
    """With BENCH_SQL_TRACE set: collect the queries run while measuring, to find the repeated ones."""

    def __init__(self, cr, label):
        self.cr, self.queries, self.on = cr, [], bool(TRACE and label and TRACE in label)

    def __enter__(self):
        if self.on:
            self.original = self.cr.execute

            def execute(query, params=None, log_exceptions=True):
                self.queries.append(str(getattr(query, "code", query)))
                return self.original(query, params, log_exceptions)

            self.cr.execute = execute
        return self

    def __exit__(self, *exc):
        if self.on:
            del self.cr.execute

    def report(self, label, top=8):
        if not self.on:
            return
        shapes = collections.Counter(re.sub(r"\s+", " ", query)[:400] for query in self.queries)
        print(f"    [trace {label}: {len(self.queries)} queries]")
        for shape, times in shapes.most_common(top):
            print(f"      {times:6} × {shape}")


def measure(env, function, label=""):
    """(queries, seconds, result) of ``function()``, started cold and flushed at the end."""
    env.flush_all()
    env.invalidate_all()
    with Trace(env.cr, label) as trace:
        before, started = env.cr.sql_log_count, time.perf_counter()
        result = function()
        env.flush_all()
        queries, seconds = env.cr.sql_log_count - before, time.perf_counter() - started
    trace.report(label)
    return queries, seconds, result


def context_today(env):
    from odoo import fields  # noqa: PLC0415

    return fields.Date.context_today(env["gov.document"])


def ratio(counts, first, last):
    return counts[last] / counts[first] if counts[first] else float("inf")


def line(title, counts, unit, first, last):
    parts = ", ".join(f"{size:,} {unit} {queries}" for size, queries in counts.items())
    return f"{title}: {parts} (ratio {ratio(counts, first, last):.2f})"


# ----------------------------------------------------------------------
# The organisation
# ----------------------------------------------------------------------
def build_org(env):
    """Users, positions, an area and a unit, like GovOrgCase (unique bench_ logins)."""
    user_group, leader, office = (env.ref(f"gov_rules.group_gov_{name}").id for name in ("user", "leader", "office"))

    def user(login, name, *groups):
        return env["res.users"].with_context(no_reset_password=True).create({
            "login": f"bench_{login}", "name": name, "email": f"bench_{login}@example.com",
            "group_ids": [(6, 0, [user_group, *groups])]})

    org = {
        "clerk": user("clerk", "发改局科员 陈晨"), "principal": user("principal", "发改局局长 孙立"),
        "deputy_a": user("dep_a", "副区长 张华", leader),
        "office_deputy": user("office_dep", "办公室副主任 吴刚", office),
    }
    # last in order: a role without an area still resolves to the demo organisation's holder
    position = env["gov.position"].with_context(default_sequence=10_000)
    pos_dep_a = position.create({"name": "副区长（bench）", "role": "deputy", "user_id": org["deputy_a"].id})
    pos_office_dep = position.create({"name": "办公室副主任（bench）", "role": "office_deputy_director",
                                      "user_id": org["office_deputy"].id})
    org["area"] = env["gov.area"].create({"name": "经济发展（bench）", "code": "bench_economy",
                                          "leader_position_id": pos_dep_a.id,
                                          "office_position_id": pos_office_dep.id})
    org["department"] = env["hr.department"].create({
        "name": "区发改局（bench）", "gov_unit_kind": "department", "gov_principal_id": org["principal"].id,
        "gov_area_id": org["area"].id})
    env["hr.employee"].create({"name": org["clerk"].name, "user_id": org["clerk"].id,
                               "department_id": org["department"].id})
    return org


def document_vals(env, org, name="关于做好2026年冬季供暖工作的通知"):
    return {"name": name, "type_id": env.ref("gov_rules.document_type_notice").id,
            "authority_id": env.ref("gov_rules.authority_government").id,
            "department_id": org["department"].id, "area_id": org["area"].id}


def new_document(env, org, name="关于做好2026年冬季供暖工作的通知"):
    document = env["gov.document"].with_user(org["clerk"]).create(document_vals(env, org, name))
    env.flush_all()
    return document


def pending_users(document):
    return document.sudo().signoff_task_ids.filtered(lambda task: task.state == "pending").user_ids


# ----------------------------------------------------------------------
# 1. submit and approve against the size of the matrix
# ----------------------------------------------------------------------
def submit_and_approve(env, org, failures, label):
    """Measure submit then approve on a fresh document; check who the steps wait for."""
    document = new_document(env, org, f"bench {label}")
    submit, _seconds, _result = measure(env, document.with_user(org["clerk"]).action_submit, f"submit {label}")
    failures.check(document.state == "signoff" and document.signoff_row_id == env.ref("gov_rules.matrix_government")
                   and pending_users(document) == org["office_deputy"],
                   f"submit ({label}): expected the government route waiting for the office deputy director, got "
                   f"{document.state}/{document.signoff_row_id.name}/{pending_users(document).mapped('login')}")
    approve, _seconds, _result = measure(
        env, lambda: document.with_user(org["office_deputy"]).action_signoff_approve("ok"), f"approve {label}")
    failures.check(pending_users(document) == org["deputy_a"],
                   f"approve ({label}): expected the deputy in charge next, got "
                   f"{pending_users(document).mapped('login')}")
    return submit, approve


def bench_matrix(env, org, failures):
    rows = env["gov.signoff.matrix.row"]
    probe = new_document(env, org, "bench probe")
    rule_set, matching = probe.rule_set_id, env.ref("gov_rules.matrix_government")
    presets = rows.search([("rule_set_id", "=", rule_set.id), ("model", "=", "gov.document")])
    (presets - matching).write({"active": False})
    model_id = env["ir.model"]._get_id("gov.document")
    # every extra row is tried before the matching one (priority 40) and matches nothing
    extras = rows.with_context(**QUIET).create([{
        "name": f"bench no-match {i}", "rule_set_id": rule_set.id, "model_id": model_id,
        "priority": 1 + i % (matching.priority - 1), "domain": f"[('name', '=', 'no-match-{i}')]",
        "active": False, "step_ids": [(0, 0, {"sequence": 1, "name": "bench step", "role": "head"})],
    } for i in range(1, max(ROW_SIZES))])
    submit_and_approve(env, org, failures, "warm-up")  # fill the registry caches, as on a running server
    submits, approves = {}, {}
    for size in ROW_SIZES:
        extras.write({"active": False})
        extras[:size - 1].write({"active": True})
        active = rows.search_count([("rule_set_id", "=", rule_set.id), ("model", "=", "gov.document")])
        failures.check(active == size, f"{size} matrix rows expected, {active} active")
        submits[size], approves[size] = submit_and_approve(env, org, failures, f"{size} rows")
    extras.write({"active": False})
    (presets - matching).write({"active": True})
    first, last = ROW_SIZES[0], ROW_SIZES[-1]
    print(line("submit queries", submits, "rows", first, last))
    print(line("approve queries", approves, "rows", first, last))


# ----------------------------------------------------------------------
# 2. my to-do against the number of pending steps
# ----------------------------------------------------------------------
def create_pending(env, org, document, start, stop):
    user, today = org["office_deputy"], context_today(env)
    return env["gov.signoff.task"].with_context(**QUIET).create([{
        "name": f"bench to-do {i}", "res_model": "gov.document", "res_id": document.id,
        "res_name": f"{document.name} {i}", "role": "user", "role_user_id": user.id, "holder_id": user.id,
        "user_ids": [(6, 0, user.ids)], "state": "pending", "deadline": today + timedelta(days=i % 30),
    } for i in range(start, stop)])


def my_todo(env, user):
    tasks = env["gov.signoff.task"].with_user(user).search([("state", "=", "pending"), ("user_ids", "in", user.ids)])
    return {task.id: (task.res_name, task.deadline) for task in tasks}


def per_record_todo(env, user, with_absences):
    """The per-record way: every pending step's role resolved again to see who may act on it now."""
    positions, mine, day = env["gov.position"], [], context_today(env)
    for task in env["gov.signoff.task"].sudo().search([("state", "=", "pending"), ("res_model", "=", "gov.document")]):
        holders = task._resolve_holders(task._record())
        acting = positions._acting_user(holders[:1], day) if with_absences else holders
        if user in acting:
            mine.append(task.id)
    return set(mine)


def bench_todo(env, org, failures):
    user, holder_document = org["office_deputy"], new_document(env, org, "bench to-do holder")
    todo, fetch, approve, per_record, holders_only = {}, {}, {}, {}, {}
    expected, created = set(), 0
    my_todo(env, user)  # fill the registry caches (this user's groups and record rules), as on a running server
    for size in TODO_SIZES:
        expected |= set(create_pending(env, org, holder_document, created, size).ids)
        created = size
        todo[size], _seconds, found = measure(env, lambda: my_todo(env, user), f"to-do {size}")
        failures.check(set(found) == expected, f"to-do with {size:,} pending: {len(found):,} found, "
                                               f"{len(set(found) ^ expected):,} differ from the pending items")
        fetch[size], _seconds, rows = measure(env, lambda: env["gov.signoff.task"].with_user(user).search_fetch(
            [("state", "=", "pending"), ("user_ids", "in", user.ids)], ["res_name", "deadline"]), f"fetch {size}")
        failures.check(set(rows.ids) == expected, f"search_fetch with {size:,} pending: wrong items")
        if size in (TODO_SIZES[0], TODO_SIZES[-1]):
            document = new_document(env, org, f"bench approve among {size}")
            document.with_user(org["clerk"]).action_submit()
            approve[size], _seconds, _result = measure(
                env, lambda d=document: d.with_user(user).action_signoff_approve("ok"), f"approve among {size}")
            failures.check(pending_users(document) == org["deputy_a"],
                           f"approve among {size:,} pending: wrong next approver")
        if size in PER_RECORD_SIZES:
            per_record[size], _seconds, found = measure(env, lambda: per_record_todo(env, user, True),
                                                        f"per-record {size}")
            failures.check(found == expected, f"per-record to-do with {size:,} pending: wrong items")
            holders_only[size], _seconds, _found = measure(env, lambda: per_record_todo(env, user, False))
    first, last = TODO_SIZES[0], TODO_SIZES[-1]
    print(line("my to-do queries (search + read res_name/deadline)", todo, "pending", first, last))
    print("  (reading every field of N records takes one query per 1,000 of them, the ORM's prefetch size)")
    print(line("my to-do queries (search_fetch res_name/deadline)", fetch, "pending", first, last))
    print(line("approve queries", approve, "pending", first, last))
    first, last = PER_RECORD_SIZES
    print(line("per-record to-do queries (_resolve_holders + _acting_user per step)", per_record, "pending",
               first, last))
    print(f"  ({(per_record[last] - per_record[first]) / (last - first):.2f} more queries per pending step: "
          f"gov.absence._substitute_of searches once per step)")
    print(line("per-record to-do queries (_resolve_holders only)", holders_only, "pending", first, last))
    print("  (flat only because role 'user' reads a prefetched field; head, executive_deputy, office_director and "
          "legal_adviser search gov.position once per step)")


# ----------------------------------------------------------------------
# 3. the escalation cron over many open items
# ----------------------------------------------------------------------
def create_open_documents(env, org):
    policy = env.ref("gov_rules.policy_approve_ordinary")
    vals = {**document_vals(env, org), "state": "signoff", "deadline_open": True, "deadline_policy_id": policy.id,
            "drafter_id": org["clerk"].id, "rule_set_id": policy.rule_set_id.id}
    started, documents = time.perf_counter(), env["gov.document"]
    for start in range(0, OPEN_ITEMS, 2_000):
        documents |= env["gov.document"].with_context(**QUIET).create([
            {**vals, "name": f"bench open {i}"} for i in range(start, min(start + 2_000, OPEN_ITEMS))])
        env.flush_all()
    print(f"  (created {len(documents):,} open documents in {time.perf_counter() - started:.1f} s)")
    return documents


def set_due(env, documents, due, not_due, count):
    """The first ``count`` documents are due for the first step only; the rest are not due; none escalated
    and none followed yet (so that every run subscribes the owners to the same number of items)."""
    env.flush_all()
    env.cr.execute("DELETE FROM mail_followers WHERE res_model = 'gov.document' AND res_id = ANY(%s)",
                   [documents.ids])
    env.cr.execute("UPDATE gov_document SET escalation_offset_done = -1000, "
                   "deadline = CASE WHEN id = ANY(%s) THEN %s ELSE %s END WHERE id = ANY(%s)",
                   [documents[:count].ids, due, not_due, documents.ids])
    env.invalidate_all()


def run_cron(env, today, label):
    ladder = env["gov.escalation.ladder"].with_context(gov_escalation_no_commit=True)
    logs_before = env["gov.escalation.log"].search_count([])
    queries, seconds, _result = measure(env, lambda: ladder._cron_escalate(batch_size=BATCH, today=today), label)
    return queries, seconds, env["gov.escalation.log"].search_count([]) - logs_before


def check_escalated(env, documents, count, first_step, failures, label):
    env.invalidate_all()
    done = documents.filtered(lambda document: document.escalation_offset_done == first_step.offset_days)
    untouched = documents.filtered(lambda document: document.escalation_offset_done == -1000)
    failures.check(done == documents[:count] and len(untouched) == len(documents) - count,
                   f"cron ({label}): {len(done):,} escalated, {len(untouched):,} untouched; "
                   f"expected exactly the {count:,} due")
    logs = env["gov.escalation.log"].search_count([("res_model", "=", "gov.document"),
                                                   ("res_id", "in", documents.ids), ("step_id", "=", first_step.id)])
    return logs


def bench_cron(env, org, failures):
    documents = create_open_documents(env, org)
    ladder = env.ref("gov_rules.ladder_approval")
    first_step = ladder.step_ids.sorted("offset_days")[:1]
    today = context_today(env)
    calendar = ladder.rule_set_id.calendar_id
    # due for the first step (deadline <= today + 1 working day) but not for the next (deadline <= today)
    due = calendar.add_working_days(today, -first_step.offset_days)
    failures.check(due > calendar.add_working_days(today, 0), "the due date must be due for the first step only")
    not_due = today + timedelta(days=90)
    counts = {}
    for count in (WARM_UP_DUE, *DUE_SIZES):  # the first run fills the registry caches, as on a running server,
        set_due(env, documents, due, not_due, count)
        logs_before = check_escalated(env, documents, 0, first_step, failures, f"{count:,} due, before the run")
        queries, seconds, new_logs = run_cron(env, today, f"cron {count} due")
        logs_after = check_escalated(env, documents, count, first_step, failures, f"{count:,} due")
        # the first run also escalates what was already due before the benchmark (overdue demo items)
        failures.check(logs_after - logs_before == count and count in (new_logs, WARM_UP_DUE),
                       f"cron ({count:,} due): {logs_after - logs_before:,} log rows for these items, "
                       f"{new_logs:,} in all; expected {count:,}")
        if count == WARM_UP_DUE:
            print(f"  (first run, unmeasured: {new_logs - count:,} steps taken on items due before the benchmark)")
            continue
        counts[count] = queries
        if count == MAIN_DUE:
            batches = -(-count // BATCH)
            print(f"escalation cron over {len(documents):,} open items, {count:,} due (batch {BATCH}): "
                  f"{queries} queries in {seconds:.1f} s = {queries / batches:.0f} per batch, "
                  f"{queries / count:.2f} per item")
            again, _seconds, again_logs = run_cron(env, today, "cron rerun")
            failures.check(again_logs == 0, f"cron rerun: {again_logs:,} new escalation log rows, expected 0")
            print(f"escalation cron rerun: {again} queries, {again_logs} new escalation log rows")
    first, last = DUE_SIZES[0], DUE_SIZES[-1]
    print(line("escalation cron queries", counts, "due", first, last))
    print("escalation cron queries per batch / per item: " + ", ".join(
        f"{count:,} due {queries / -(-count // BATCH):.0f} / {queries / count:.2f}"
        for count, queries in counts.items()))
    print(f"  (growth {(counts[last] - counts[first]) / (last - first) * 100:.1f} queries per 100 due items: "
          f"the ORM writes INSERT/UPDATE in chunks of 100 rows)")

def bench_cron_steps(env, org, failures):
    """Overdue sign-off steps of different documents: every rung of the ladder, the leader included."""
    policy, today = env.ref("gov_rules.policy_approve_ordinary"), context_today(env)
    offsets = policy.ladder_id.step_ids.mapped("offset_days")
    counts = {}
    for count in OVERDUE_STEPS:
        documents = env["gov.document"].with_context(**QUIET).create([
            {**document_vals(env, org, f"bench overdue {i}"), "rule_set_id": policy.rule_set_id.id,
             "state": "signoff", "drafter_id": org["clerk"].id} for i in range(count)])
        user = org["office_deputy"]
        tasks = env["gov.signoff.task"].with_context(**QUIET).create([{
            "name": "Office review", "res_model": "gov.document", "res_id": document.id, "res_name": document.name,
            "role": "user", "role_user_id": user.id, "holder_id": user.id, "user_ids": [(6, 0, user.ids)],
            "state": "pending", "deadline_open": True, "deadline_policy_id": policy.id,
            "deadline": today - timedelta(days=30)} for document in documents])
        counts[count], _seconds, new_logs = run_cron(env, today, f"cron {count} overdue steps")
        done = tasks.filtered(lambda task: task.escalation_offset_done == max(offsets))
        failures.check(len(done) == count and new_logs == count * len(offsets),
                       f"cron ({count} overdue steps): {len(done)} at the last rung, {new_logs} log rows; "
                       f"expected {count} and {count * len(offsets)}")
    first, last = OVERDUE_STEPS
    print(line(f"escalation cron queries, sign-off steps overdue ({len(offsets)} rungs each)", counts, "steps",
               first, last))
    print(f"  ({(counts[last] - counts[first]) / (last - first):.2f} more queries per overdue step)")


def main():
    failures = Failures()
    started = time.perf_counter()
    with odoo_env() as superuser_env:
        env = superuser_env(context={"tracking_disable": False, "mail_notrack": True, "mail_create_nolog": True})
        org = build_org(env)
        bench_matrix(env, org, failures)
        bench_todo(env, org, failures)
        bench_cron(env, org, failures)
        bench_cron_steps(env, org, failures)
    print(f"results: {'all correct' if not failures else f'{len(failures)} WRONG'} "
          f"({time.perf_counter() - started:.0f} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
