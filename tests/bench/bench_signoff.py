"""Sign-off and escalation: query counts must not grow with the data (matrix rows, to-dos, open items).

Inside one transaction that is rolled back, a small organisation is built (as in
addons/gov_rules/tests/common_org.py, with logins prefixed ``bench_``, and several subject areas each
with its own deputy in charge) and three things are counted, each measurement starting cold in the
same way (flush, invalidate, count, act, flush):

1. submit (by the unit's principal, R27.3) and approve of a fresh document with 1, 10, 50 and 200
   active matrix rows for gov.document; the extra rows have relational conditions (area, authority,
   department, urgency, type), match nothing and are tried before the matching preset row;
2. with 10 … 10,000 pending steps for the unit's principal (a plain user: record rules apply), each on
   its own document: "my to-do" (the pending-list search plus res_name/deadline), and submit and
   approve with 10 vs 10,000 of them present; for comparison the per-record way (resolve each pending
   step's role, then who acts for the holder today);
3. filing (creating), submitting and approving a document whose type has 20 form fields (properties) with
   their values, against one whose type has none: the same number of queries;
4. the escalation cron over 20,000 open documents, each with a pending step of its area's deputy,
   spread over several areas, with 100, 200 (1 %), 400 and 1,000 documents due for the first step
   (in batches of 100: at least two batches per model at 1 %); and over 50, 200 and 1,000 sign-off
   steps of documents of several areas, three working days overdue (every rung, the leaders told too;
   in the scheduler's batches of 500).

Prints each count next to its target, and exits 1 when a result is wrong, a target is missed or a count
is not flat: submit above 30 or approve above 25 queries at any size, a ratio above 1.15 between the
smallest and the largest matrix or to-do size, a document with form fields costing more than one
without, more than 0.1 cron queries per due item at the largest size, or more than 0.3 more queries per
additional overdue step.
Set BENCH_SQL_TRACE=<text> to print the most repeated queries of the measurements whose label contains
<text> (BENCH_SQL_TRACE=cron: the cron runs; BENCH_SQL_TRACE=" ": all); BENCH_SQL_TOP=<n> shows n shapes.
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
MAIN_DUE = OPEN_ITEMS // 100  # 1 %
WARM_UP_DUE = 10
OVERDUE_STEPS = (50, 200, 1_000)
AREAS = 5
BATCH = 100  # the open-items run: at 1 % due each model is taken in two batches
SCHEDULER_BATCH = 500  # the overdue-steps run: the scheduler's own batch size (_cron_escalate's default)
MAX_RATIO = 1.15
SUBMIT_TARGET = 30  # queries to submit a document, whatever the size of the matrix or of the to-do lists
APPROVE_TARGET = 25  # queries to approve a step
MAX_PER_ITEM = 0.1  # escalation cron queries per due item over OPEN_ITEMS open items
MAX_PER_STEP = 0.3  # more queries per additional overdue step (every rung, leaders told)
FORM_FIELDS = 20
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_create_nosubscribe": True, "mail_notrack": True}
TRACE = os.environ.get("BENCH_SQL_TRACE", "")
TRACE_TOP = int(os.environ.get("BENCH_SQL_TOP", "8"))


class Failures(list):
    """Wrong results and counts that are not flat: either makes the benchmark fail."""

    def check(self, condition, message):
        if not condition:
            self.append(message)
            print(f"  WRONG: {message}")
        return condition

    def flat(self, value, limit, message):
        if value > limit:
            self.append(message)
            print(f"  NOT FLAT: {message} ({value:.2f} > {limit})")
        return value <= limit

    def target(self, title, counts, limit, unit):
        """Print the counts next to their target; every size must stay within it."""
        worst = max(counts.values())
        parts = ", ".join(f"{size:,} {unit} {queries}" for size, queries in counts.items())
        print(f"  {title}: {parts} — target ≤ {limit}: {'met' if worst <= limit else 'MISSED'}")
        if worst > limit:
            self.append(f"{title}: {worst} queries, target {limit}")
            print(f"  TARGET MISSED: {title} ({worst} > {limit})")
        return worst <= limit


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

    def report(self, label):
        if not self.on:
            return
        shapes = collections.Counter(re.sub(r"\s+", " ", query)[:400] for query in self.queries)
        print(f"    [trace {label}: {len(self.queries)} queries]")
        for shape, times in shapes.most_common(TRACE_TOP):
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


def flat_line(failures, title, counts, unit):
    """Print the counts and fail when the largest size costs more than MAX_RATIO times the smallest."""
    first, last = min(counts), max(counts)
    print(line(title, counts, unit, first, last))
    failures.flat(ratio(counts, first, last), MAX_RATIO, f"{title}: {first:,} vs {last:,} {unit}")


# ----------------------------------------------------------------------
# The organisation
# ----------------------------------------------------------------------
def build_org(env):
    """Users, positions, AREAS areas each with its deputy in charge, and a unit (unique bench_ logins)."""
    user_group, leader, office = (env.ref(f"gov_rules.group_gov_{name}").id for name in ("user", "leader", "office"))

    def user(login, name, *groups):
        return env["res.users"].with_context(no_reset_password=True).create({
            "login": f"bench_{login}", "name": name, "email": f"bench_{login}@example.com",
            "group_ids": [(6, 0, [user_group, *groups])]})

    org = {
        "clerk": user("clerk", "发改局科员 陈晨"), "principal": user("principal", "发改局局长 孙立"),
        "office_deputy": user("office_dep", "办公室副主任 吴刚", office),
    }
    # last in order: a role without an area still resolves to the demo organisation's holder
    position = env["gov.position"].with_context(default_sequence=10_000)
    pos_office_dep = position.create({"name": "办公室副主任（bench）", "role": "office_deputy_director",
                                      "user_id": org["office_deputy"].id})
    org["deputies"], org["areas"] = env["res.users"], env["gov.area"]
    for index in range(AREAS):
        deputy = user(f"dep_{index}", f"副区长（bench {index + 1}）", leader)
        pos_deputy = position.create({"name": f"副区长（bench {index + 1}）", "role": "deputy", "user_id": deputy.id})
        org["deputies"] |= deputy
        org["areas"] |= env["gov.area"].create({"name": f"分管领域（bench {index + 1}）", "code": f"bench_area_{index}",
                                                "leader_position_id": pos_deputy.id,
                                                "office_position_id": pos_office_dep.id})
    org["area"], org["deputy_a"] = org["areas"][0], org["deputies"][0]
    org["department"] = env["hr.department"].create({
        "name": "区发改局（bench）", "gov_unit_kind": "department", "gov_principal_id": org["principal"].id,
        "gov_area_id": org["area"].id})
    # both are of the unit: the clerk drafts, the principal submits (R27.3)
    env["hr.employee"].create([{"name": org[key].name, "user_id": org[key].id, "department_id": org["department"].id}
                               for key in ("clerk", "principal")])
    return org


def document_vals(env, org, name="关于做好2026年冬季供暖工作的通知", area=None):
    return {"name": name, "type_id": env.ref("gov_rules.document_type_notice").id,
            "authority_id": env.ref("gov_rules.authority_government").id,
            "department_id": org["department"].id, "area_id": (area or org["area"]).id}


def new_document(env, org, name="关于做好2026年冬季供暖工作的通知"):
    document = env["gov.document"].with_user(org["clerk"]).create(document_vals(env, org, name))
    env.flush_all()
    return document


def create_documents(env, org, count, prefix, **values):
    """``count`` documents under way, spread over the areas, created in chunks without mail."""
    policy = env.ref("gov_rules.policy_approve_ordinary")
    vals = {"state": "signoff", "drafter_id": org["clerk"].id, "rule_set_id": policy.rule_set_id.id, **values}
    documents = env["gov.document"]
    for start in range(0, count, 2_000):
        documents |= env["gov.document"].with_context(**QUIET).create([
            {**document_vals(env, org, f"{prefix} {i}", org["areas"][i % AREAS]), **vals}
            for i in range(start, min(start + 2_000, count))])
        env.flush_all()
    return documents


def pending_users(document):
    return document.sudo().signoff_task_ids.filtered(lambda task: task.state == "pending").user_ids


# ----------------------------------------------------------------------
# 1. submit and approve against the size of the matrix
# ----------------------------------------------------------------------
def submit_and_approve(env, org, failures, label):
    """Measure submit (by the principal) then approve on a fresh document; check who the steps wait for."""
    document = new_document(env, org, f"bench {label}")
    submit, _seconds, _result = measure(env, document.with_user(org["principal"]).action_submit, f"submit {label}")
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


def no_match_domain(i):
    """A condition on related records (area, authority, department, urgency, type) that matches nothing."""
    return [
        f"[('area_id.code', '=', 'no-match-{i}')]",
        f"[('authority_id.kind', '=', 'department'), ('urgency', '=', 'urgent'), ('name', '!=', 'x{i}')]",
        f"[('department_id.gov_area_id.leader_position_id.user_id.login', '=', 'no-match-{i}')]",
        f"[('urgency', 'in', ['extra_urgent', 'extra_urgent_important']), ('area_id.code', '!=', 'x{i}')]",
        f"[('type_id.kind', '=', 'decision'), ('department_id.name', '!=', 'x{i}')]",
    ][i % 5]


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
        "priority": 1 + i % (matching.priority - 1), "domain": no_match_domain(i),
        "active": False, "step_ids": [(0, 0, {"sequence": 1, "name": "bench step", "role": "head"})],
    } for i in range(1, max(ROW_SIZES))])
    extras.write({"active": True})
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
    flat_line(failures, "submit queries (by the principal)", submits, "rows")
    failures.target("submit queries", submits, SUBMIT_TARGET, "rows")
    flat_line(failures, "approve queries", approves, "rows")
    failures.target("approve queries", approves, APPROVE_TARGET, "rows")


# ----------------------------------------------------------------------
# 2. my to-do, submit and approve against the number of pending steps
# ----------------------------------------------------------------------
def principal_row(env, org):
    """A route whose first step is the unit's principal, for the documents named "bench principal …"."""
    matching = env.ref("gov_rules.matrix_government")
    return env["gov.signoff.matrix.row"].with_context(**QUIET).create({
        "name": "bench: the principal reviews first", "rule_set_id": matching.rule_set_id.id,
        "model_id": matching.model_id.id, "priority": 1, "separation_of_duties": True,
        "domain": "[('name', '=like', 'bench principal%')]",
        "step_ids": [(0, 0, {"sequence": 1, "name": "bench principal review", "role": "unit_principal"}),
                     (0, 0, {"sequence": 2, "name": "bench office review", "role": "office_deputy"})]})


def create_pending(env, org, documents):
    """One pending step of the principal on each of ``documents``."""
    user, today = org["principal"], context_today(env)
    return env["gov.signoff.task"].with_context(**QUIET).create([{
        "name": f"bench to-do {i}", "res_model": "gov.document", "res_id": document.id,
        "res_name": document.name, "role": "user", "role_user_id": user.id, "holder_id": user.id,
        "user_ids": [(6, 0, user.ids)], "state": "pending", "deadline": today + timedelta(days=i % 30),
    } for i, document in enumerate(documents)])


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


def submit_and_approve_among(env, org, failures, label):
    """Submit (by the principal) and approve (by the principal, on a document the clerk submitted)."""
    document = new_document(env, org, f"bench submit among {label}")
    submit, _seconds, _result = measure(env, document.with_user(org["principal"]).action_submit,
                                        f"submit among {label}")
    failures.check(pending_users(document) == org["office_deputy"], f"submit among {label} pending: wrong approver")
    document = new_document(env, org, f"bench principal approve among {label}")
    document.with_user(org["clerk"]).action_submit()
    failures.check(pending_users(document) == org["principal"],
                   f"approve among {label} pending: the principal should review first")
    approve, _seconds, _result = measure(
        env, lambda: document.with_user(org["principal"]).action_signoff_approve("ok"), f"approve among {label}")
    failures.check(pending_users(document) == org["office_deputy"],
                   f"approve among {label} pending: wrong next approver")
    return submit, approve


def bench_todo(env, org, failures):
    user = org["principal"]
    row = principal_row(env, org)
    holders = create_documents(env, org, max(TODO_SIZES), "bench to-do holder")
    todo, fetch, submit, approve, per_record, holders_only = {}, {}, {}, {}, {}, {}
    expected, created = set(), 0
    my_todo(env, user)  # fill the registry caches (this user's groups and record rules), as on a running server
    submit_and_approve_among(env, org, failures, "warm-up")
    for size in TODO_SIZES:
        expected |= set(create_pending(env, org, holders[created:size]).ids)
        created = size
        todo[size], _seconds, found = measure(env, lambda: my_todo(env, user), f"to-do {size}")
        failures.check(set(found) == expected, f"to-do with {size:,} pending: {len(found):,} found, "
                                               f"{len(set(found) ^ expected):,} differ from the pending items")
        fetch[size], _seconds, rows = measure(env, lambda: env["gov.signoff.task"].with_user(user).search_fetch(
            [("state", "=", "pending"), ("user_ids", "in", user.ids)], ["res_name", "deadline"]), f"fetch {size}")
        failures.check(set(rows.ids) == expected, f"search_fetch with {size:,} pending: wrong items")
        if size in (TODO_SIZES[0], TODO_SIZES[-1]):
            submit[size], approve[size] = submit_and_approve_among(env, org, failures, f"{size:,}")
        if size in PER_RECORD_SIZES:
            per_record[size], _seconds, found = measure(env, lambda: per_record_todo(env, user, True),
                                                        f"per-record {size}")
            failures.check(found == expected, f"per-record to-do with {size:,} pending: wrong items")
            holders_only[size], _seconds, _found = measure(env, lambda: per_record_todo(env, user, False))
    row.active = False
    first, last = TODO_SIZES[0], TODO_SIZES[-1]
    print(line("my to-do queries as the principal (search + read res_name/deadline)", todo, "pending", first, last))
    print("  (reading every field of N records takes one query per 1,000 of them, the ORM's prefetch size)")
    flat_line(failures, "my to-do queries as the principal (search_fetch res_name/deadline)", fetch, "pending")
    flat_line(failures, "submit queries (by the principal)", submit, "pending")
    failures.target("submit queries", submit, SUBMIT_TARGET, "pending")
    flat_line(failures, "approve queries (by the principal)", approve, "pending")
    failures.target("approve queries", approve, APPROVE_TARGET, "pending")
    first, last = PER_RECORD_SIZES
    print(line("per-record to-do queries (_resolve_holders + _acting_user per step)", per_record, "pending",
               first, last))
    print(f"  ({(per_record[last] - per_record[first]) / (last - first):.2f} more queries per pending step: "
          f"gov.position._acting_user searches the day's absences once per step)")
    print(line("per-record to-do queries (_resolve_holders only)", holders_only, "pending", first, last))
    print("  (flat: role 'user' reads a prefetched field, and who holds a position is kept in the registry's cache)")


# ----------------------------------------------------------------------
# 3. a document with form fields (properties) against one without
# ----------------------------------------------------------------------
PROPERTY_TYPES = ("char", "integer", "float", "boolean", "date")


def form_field_values(index):
    kind = PROPERTY_TYPES[index % len(PROPERTY_TYPES)]
    return kind, {"char": f"值 {index}", "integer": index, "float": index + 0.5, "boolean": True,
                  "date": "2026-03-02"}[kind]


def bench_form_fields(env, org, failures):
    """File (create as the clerk), submit (as the principal) and approve a document of a type with
    FORM_FIELDS form fields, all filled in, and of a type with none: the counts must be the same."""
    notice = env.ref("gov_rules.document_type_notice")
    definition = [{"name": f"bench_field_{i}", "string": f"字段 {i}", "type": form_field_values(i)[0]}
                  for i in range(FORM_FIELDS)]
    types = {count: notice.copy({"name": f"bench {count} form fields", "checklist_template_ids": False,
                                 "properties_definition": definition[:count]})
             for count in (0, FORM_FIELDS)}
    env.flush_all()

    def file_one(count, label):
        vals = {**document_vals(env, org, f"bench form fields {label}"), "type_id": types[count].id}
        if count:
            vals["properties"] = {f"bench_field_{i}": form_field_values(i)[1] for i in range(count)}
        Documents = env["gov.document"].with_user(org["clerk"])
        created, _seconds, document = measure(env, lambda: Documents.create(vals), f"file {label}")
        submit, _seconds, _result = measure(env, document.with_user(org["principal"]).action_submit,
                                            f"submit {label}")
        approve, _seconds, _result = measure(
            env, lambda: document.with_user(org["office_deputy"]).action_signoff_approve("ok"), f"approve {label}")
        failures.check(len(document.properties or []) == count and pending_users(document) == org["deputy_a"],
                       f"form fields ({label}): {len(document.properties or [])} values kept, waiting for "
                       f"{pending_users(document).mapped('login')}")
        return created, submit, approve

    file_one(FORM_FIELDS, "warm-up")
    file_one(0, "warm-up")
    counts = {count: file_one(count, f"{count} fields") for count in (0, FORM_FIELDS)}
    for index, action in enumerate(("file", "submit", "approve")):
        without, with_fields = counts[0][index], counts[FORM_FIELDS][index]
        print(f"{action} queries, type without / with {FORM_FIELDS} form fields: {without} / {with_fields} — "
              f"target: the same")
        failures.check(with_fields <= without, f"{action} costs {with_fields - without} more queries with "
                                               f"{FORM_FIELDS} form fields")


# ----------------------------------------------------------------------
# 4. the escalation cron over many open items
# ----------------------------------------------------------------------
def create_pending_steps(env, org, documents, by_leaders, **values):
    """On each document a pending step on the approval limit: of the deputy in charge of its area
    (``by_leaders``), or the office review."""
    policy = env.ref("gov_rules.policy_approve_ordinary")
    leader_of = dict(zip(org["areas"], org["deputies"], strict=True))
    role, name = ("area_leader", "Review by the leader in charge") if by_leaders else ("office_deputy", "Office review")
    tasks = env["gov.signoff.task"]
    for start in range(0, len(documents), 2_000):
        tasks |= env["gov.signoff.task"].with_context(**QUIET).create([{
            "name": name, "res_model": "gov.document", "res_id": document.id, "res_name": document.name,
            "role": role, "holder_id": user.id, "user_ids": [(6, 0, user.ids)], "state": "pending",
            "deadline_open": True, "deadline_policy_id": policy.id, **values}
            for document in documents[start:start + 2_000]
            for user in [leader_of[document.area_id] if by_leaders else org["office_deputy"]]])
        env.flush_all()
    return tasks


def set_due(env, documents, due, not_due, count):
    """The first ``count`` documents and their steps are due for the first step only; the rest are not
    due; none escalated and none followed yet (so that every run subscribes the same number of people)."""
    env.flush_all()
    env.cr.execute("DELETE FROM mail_followers WHERE res_model = 'gov.document' AND res_id = ANY(%s)",
                   [documents.ids])
    params = [documents[:count].ids, due, not_due, documents.ids]
    env.cr.execute("UPDATE gov_document SET escalation_offset_done = -1000, "
                   "deadline = CASE WHEN id = ANY(%s) THEN %s ELSE %s END WHERE id = ANY(%s)", params)
    env.cr.execute("UPDATE gov_signoff_task SET escalation_offset_done = -1000, "
                   "deadline = CASE WHEN res_id = ANY(%s) THEN %s ELSE %s END "
                   "WHERE res_model = 'gov.document' AND res_id = ANY(%s)", params)
    env.invalidate_all()


def run_cron(env, today, label, batch_size=BATCH):
    ladder = env["gov.escalation.ladder"]
    logs_before = env["gov.escalation.log"].search_count([])
    queries, seconds, _result = measure(env, lambda: ladder._cron_escalate(batch_size=batch_size, today=today),
                                        label)
    return queries, seconds, env["gov.escalation.log"].search_count([]) - logs_before


def check_escalated(env, items, count, first_step, failures, label):
    """Exactly the first ``count`` of ``items`` (documents or steps, in order) had the first step."""
    env.invalidate_all()
    done = items.filtered(lambda item: item.escalation_offset_done == first_step.offset_days)
    untouched = items.filtered(lambda item: item.escalation_offset_done == -1000)
    failures.check(done == items[:count] and len(untouched) == len(items) - count,
                   f"cron ({label}, {items._name}): {len(done):,} escalated, {len(untouched):,} untouched; "
                   f"expected exactly the {count:,} due")
    return env["gov.escalation.log"].search_count([("res_model", "=", items._name), ("res_id", "in", items.ids),
                                                   ("step_id", "=", first_step.id), ("error", "=", False)])


def bench_cron(env, org, failures):
    started = time.perf_counter()
    documents = create_documents(env, org, OPEN_ITEMS, "bench open", deadline_open=True,
                                 deadline_policy_id=env.ref("gov_rules.policy_approve_ordinary").id)
    tasks = create_pending_steps(env, org, documents, by_leaders=True)
    print(f"  (created {len(documents):,} open documents over {AREAS} areas, each with a pending step of its area's "
          f"deputy, in {time.perf_counter() - started:.1f} s)")
    ladder = env.ref("gov_rules.ladder_approval")
    first_step = ladder.step_ids.sorted("offset_days")[:1]
    today = context_today(env)
    calendar = ladder.rule_set_id.calendar_id
    # due for the first step (deadline <= today + 1 working day) but not for the next (deadline <= today)
    due = calendar.add_working_days(today, -first_step.offset_days)
    failures.check(due > calendar.add_working_days(today, 0), "the due date must be due for the first step only")
    not_due = today + timedelta(days=90)
    counts = {}
    for count in (WARM_UP_DUE, *DUE_SIZES):  # the first run fills the registry caches, as on a running server
        set_due(env, documents, due, not_due, count)
        before = sum(check_escalated(env, items, 0, first_step, failures, f"{count:,} due, before the run")
                     for items in (documents, tasks))
        queries, seconds, new_logs = run_cron(env, today, f"cron {count} due")
        after = sum(check_escalated(env, items, count, first_step, failures, f"{count:,} due")
                    for items in (documents, tasks))
        # the first run also escalates what was already due before the benchmark (overdue demo items)
        failures.check(after - before == 2 * count and (new_logs == 2 * count or count == WARM_UP_DUE),
                       f"cron ({count:,} due): {after - before:,} log rows for these items, "
                       f"{new_logs:,} in all; expected {2 * count:,}")
        if count == WARM_UP_DUE:
            print(f"  (first run, unmeasured: {new_logs - 2 * count:,} steps taken on items due before the benchmark)")
            continue
        counts[count] = queries
        if count == MAIN_DUE:
            batches = 2 * -(-count // BATCH)
            print(f"escalation cron over {len(documents):,} open documents and their {len(tasks):,} steps, "
                  f"{count:,} of each due (1 %, batch {BATCH}: {batches} batches): {queries} queries in "
                  f"{seconds:.1f} s = {queries / batches:.0f} per batch, {queries / (2 * count):.2f} per due item")
            failures.check(batches >= 4, "at 1 % due, each model is taken in at least two batches")
            again, _seconds, again_logs = run_cron(env, today, "cron rerun")
            failures.check(again_logs == 0, f"cron rerun: {again_logs:,} new escalation log rows, expected 0")
            print(f"escalation cron rerun: {again} queries, {again_logs} new escalation log rows")
    first, last = DUE_SIZES[0], DUE_SIZES[-1]
    print(line("escalation cron queries (documents + their steps due)", counts, "due", first, last))
    print("escalation cron queries per batch / per due item: " + ", ".join(
        f"{count:,} due {queries / (2 * -(-count // BATCH)):.0f} / {queries / (2 * count):.2f}"
        for count, queries in counts.items()))
    per_item = counts[last] / (2 * last)
    print(f"  escalation cron queries per due item at {last:,} due: {per_item:.3f} — target ≤ {MAX_PER_ITEM}: "
          f"{'met' if per_item <= MAX_PER_ITEM else 'MISSED'}")
    failures.flat(per_item, MAX_PER_ITEM, f"escalation cron queries per due item at {last:,} due")


def bench_cron_steps(env, org, failures):
    """Overdue sign-off steps of different documents and areas: every rung of the ladder, leaders included."""
    today = context_today(env)
    offsets = env.ref("gov_rules.policy_approve_ordinary").ladder_id.step_ids.mapped("offset_days")
    counts = {}
    for count in OVERDUE_STEPS:
        documents = create_documents(env, org, count, "bench overdue")
        tasks = create_pending_steps(env, org, documents, by_leaders=False, deadline=today - timedelta(days=30))
        counts[count], _seconds, new_logs = run_cron(env, today, f"cron {count} overdue steps", SCHEDULER_BATCH)
        done = tasks.filtered(lambda task: task.escalation_offset_done == max(offsets))
        failures.check(len(done) == count and new_logs == count * len(offsets),
                       f"cron ({count} overdue steps): {len(done)} at the last rung, {new_logs} log rows; "
                       f"expected {count} and {count * len(offsets)}")
        # the office reviews; the deputy in charge of each document's area is told at the last rung
        told = env["mail.activity"].search([("res_model", "=", "gov.document"), ("res_id", "in", documents.ids),
                                            ("user_id", "in", org["deputies"].ids)])
        failures.check(len(told) == count and all(
            dict(zip(org["deputies"], org["areas"], strict=True))[activity.user_id].id
            == env["gov.document"].browse(activity.res_id).area_id.id for activity in told),
            f"cron ({count} overdue steps): {len(told)} activities for the deputies in charge, expected one "
            f"per document, for the deputy of its area")
    first, last = OVERDUE_STEPS[0], OVERDUE_STEPS[-1]
    print(line(f"escalation cron queries, sign-off steps overdue over {AREAS} areas ({len(offsets)} rungs each, "
               f"batch {SCHEDULER_BATCH})", counts, "steps", first, last))
    within = (counts[OVERDUE_STEPS[1]] - counts[first]) / (OVERDUE_STEPS[1] - first)
    growth = (counts[last] - counts[first]) / (last - first)
    print(f"  ({within:.2f} more queries per overdue step within one batch per rung, {growth:.2f} from {first:,} to "
          f"{last:,} steps (two batches per rung), {counts[last] / last:.2f} per step at {last:,}: the rows "
          f"(activities, followers, log, progress) are written 100 per query by the ORM, and each batch subscribes "
          f"each person told once)")
    print(f"  more queries per additional overdue step: {growth:.2f} — limit ≤ {MAX_PER_STEP}")
    failures.flat(growth, MAX_PER_STEP, "escalation cron: more queries per additional overdue step")


def main():
    failures = Failures()
    started = time.perf_counter()
    with odoo_env() as superuser_env:
        env = superuser_env(context={"tracking_disable": False, "mail_notrack": True, "mail_create_nolog": True})
        org = build_org(env)
        bench_matrix(env, org, failures)
        bench_todo(env, org, failures)
        bench_form_fields(env, org, failures)
        bench_cron(env, org, failures)
        bench_cron_steps(env, org, failures)
    print(f"results: {'all correct and flat' if not failures else f'{len(failures)} WRONG or NOT FLAT'} "
          f"({time.perf_counter() - started:.0f} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
