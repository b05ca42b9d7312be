"""Supervision at scale: 100,000 items cost the same queries as 100, and about the same server time (issue 10, §8).

In a copy of the database, dropped at the end, a small organisation is built (BENCH_UNITS units,
BENCH_LEADERS leaders, logins prefixed ``bsup_``) and supervision items are inserted in SQL (as a data
migration would), first SMALL of them, then up to LARGE; each time they are committed and vacuumed, as
autovacuum does after a bulk insert on a running server. At each size the same operations are measured,
each started cold in the same way (flush, invalidate, count, act, flush), REPEAT times (the fastest run's
time is kept):

1. the list of items filtered by light and unit, as the web client asks for it (web_search_read of a page,
   with the count) by a unit's user;
2. the dashboard's aggregates: the figures of the units (gov.supervision.figure) grouped by unit as the
   pivot and the graph ask (formatted_read_group), the lights' totals, and the ranking's page
   (web_search_read) — the figures are stored aggregates, recomputed by the scheduler in one statement;
3. creating an item (ORM create by the office);
4. the scheduler's recomputation of the figures: one statement whatever the number of items (its time
   grows with the items, as a scan must; printed, not compared);
5. the lights cron of the items (the scheduled action on gov.supervision.item), if the addon has one:
   queries per batch, not per item (at most MAX_PER_ITEM queries per item at the large size).

Prints each count and each time ratio (large/small, target ≤ 2×), and exits 1 when a result is wrong or a
count is not the same at both sizes (the lights cron: not per batch). Times are printed, never failed on
(DESIGN.md: benchmarks print ratios, they never fail on time).
"""
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.bench.bench_signoff import Failures  # noqa: E402
from tests.bench.odoo_env import odoo_env, vacuum_analyze  # noqa: E402

SMALL, LARGE = 100, 100_000
BENCH_UNITS, BENCH_LEADERS = 20, 5
REPEAT = 5
MAX_TIME_RATIO = 2.0
MAX_PER_ITEM = 0.05  # lights cron queries per item at the large size
INSERT_CHUNK = 25_000
LIST_SPEC = {"name": {}, "light": {}, "state": {}, "deadline": {}, "original_deadline": {},
             "lead_department_id": {"fields": {"display_name": {}}}, "leader_id": {"fields": {"display_name": {}}}}
FIGURE_MEASURES = ["item_count:sum", "on_time_rate:avg", "overdue_count:sum", "avg_handling_days:avg",
                   "extension_count:sum", "return_count:sum"]
LIGHT_MEASURES = ["red_count:sum", "yellow_count:sum", "green_count:sum"]
RANKING_SPEC = {"rank": {}, "on_time_rate": {}, "item_count": {}, "overdue_count": {}, "avg_handling_days": {},
                "extension_count": {}, "return_count": {}, "department_id": {"fields": {"display_name": {}}}}


def measure(env, function, repeat=REPEAT):
    """(queries of the first run, fastest seconds, result of the last run), each run started cold."""
    counts, times, result = [], [], None
    for _run in range(repeat):
        env.flush_all()
        env.invalidate_all()
        before, started = env.cr.sql_log_count, time.perf_counter()
        result = function()
        env.flush_all()
        times.append(time.perf_counter() - started)
        counts.append(env.cr.sql_log_count - before)
    return counts[0], min(times), result, counts


def build_org(env):
    user_group, office, leader = (env.ref(f"gov_rules.group_gov_{name}").id for name in ("user", "office", "leader"))

    def user(login, name, *groups):
        return env["res.users"].with_context(no_reset_password=True).create({
            "login": f"bsup_{login}", "name": name, "email": f"bsup_{login}@example.com",
            "group_ids": [(6, 0, [user_group, *groups])]})

    org = {"office": user("office", "督查室（bench）", office), "clerk": user("clerk", "住建局科员（bench）")}
    org["leaders"] = env["res.users"]
    for index in range(BENCH_LEADERS):
        org["leaders"] |= user(f"leader_{index}", f"副区长（bench {index + 1}）", leader)
    org["units"] = env["hr.department"].create([
        {"name": f"区直单位（bench {index + 1}）", "gov_unit_kind": "department"} for index in range(BENCH_UNITS)])
    org["unit"] = org["units"][0]
    env["hr.employee"].create({"name": org["clerk"].name, "user_id": org["clerk"].id, "department_id": org["unit"].id})
    return org


def insert_items(env, org, first, last, today):
    """Items number ``first`` to ``last - 1``, in SQL: every light, open, under review and closed (some late,
    some extended), spread over the units and the leaders, each with its lead unit's part."""
    units, leaders = org["units"].ids, org["leaders"].ids
    start = today - timedelta(days=200)
    for chunk in range(first, last, INSERT_CHUNK):
        env.cr.execute("""
            INSERT INTO gov_supervision_item (
                name, source, state, signoff_state, light, lead_department_id, leader_id, deadline_start, deadline,
                original_deadline, closed_on, handling_days, deadline_open, escalation_offset_done,
                create_uid, write_uid, create_date, write_date)
            SELECT 'bench item ' || g, 'instruction',
                   CASE WHEN g %% 20 < 12 THEN 'open' WHEN g %% 20 < 13 THEN 'review' ELSE 'closed' END, 'draft',
                   (ARRAY['green', 'yellow', 'red'])[g %% 3 + 1],
                   (%(units)s::integer[])[g %% %(unit_count)s + 1], (%(leaders)s::integer[])[g %% %(leader_count)s + 1],
                   %(start)s::date + (g %% 300), %(start)s::date + (g %% 300) + 30,
                   %(start)s::date + (g %% 300) + 30 - CASE WHEN g %% 10 = 0 THEN 10 ELSE 0 END,
                   CASE WHEN g %% 20 >= 13 THEN %(start)s::date + (g %% 300) + 20 + (g %% 17) END,
                   CASE WHEN g %% 20 >= 13 THEN 14 + g %% 12 END,
                   false, -1000, 1, 1, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM generate_series(%(first)s, %(last)s) AS g
        """, {"units": units, "unit_count": len(units), "leaders": leaders, "leader_count": len(leaders),
              "start": start, "first": chunk, "last": min(chunk + INSERT_CHUNK, last) - 1})
    # each item has its lead unit's part (R33.1), as the items' create makes it: the units see their items
    # through their parts (the items' statistics first, else the parts are matched to 100,000 items as if
    # there were still 100, one scan of the parts per item)
    env.cr.execute("ANALYZE gov_supervision_item")
    env.cr.execute("""
        INSERT INTO gov_supervision_part (
            item_id, department_id, is_lead, item_state, state, light, deadline_start, deadline, deadline_open,
            escalation_offset_done, create_uid, write_uid, create_date, write_date)
        SELECT item.id, item.lead_department_id, true, item.state,
               CASE WHEN item.state = 'closed' THEN 'done' ELSE 'open' END, item.light, item.deadline_start,
               item.deadline, false, -1000, 1, 1, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
          FROM gov_supervision_item item
         WHERE item.lead_department_id = ANY(%s)
           AND NOT EXISTS (SELECT 1 FROM gov_supervision_part part WHERE part.item_id = item.id AND part.is_lead)
    """, [units])
    vacuum_analyze(env, "gov_supervision_item", "gov_supervision_part")
    env.invalidate_all()


def bench_items(env, org):
    return env["gov.supervision.item"].search([("lead_department_id", "in", org["units"].ids)])


def list_page(env, org):
    # counted at both sizes, as the web client counts a full page (a page that is not full needs no count)
    items = env["gov.supervision.item"].with_user(org["clerk"]).with_context(force_search_count=True)
    return items.web_search_read([("light", "=", "red"), ("lead_department_id", "=", org["unit"].id)],
                                 LIST_SPEC, limit=80, count_limit=10001)


def dashboard(env, org):
    figures = env["gov.supervision.figure"].with_user(org["clerk"])
    domain = [("scope", "=", "unit")]
    return (figures.formatted_read_group(domain, ["department_id"], FIGURE_MEASURES),
            figures.formatted_read_group(domain, [], LIGHT_MEASURES),
            figures.web_search_read(domain, RANKING_SPEC, limit=80, order="rank"))


def create_item(env, org, index):
    return env["gov.supervision.item"].with_user(org["office"]).create({
        "name": f"bench new item {index}", "source": "instruction", "lead_department_id": org["unit"].id,
        "leader_id": org["leaders"][0].id})


def expected_list(env, org):
    env.flush_all()
    env.cr.execute("SELECT count(*) FROM gov_supervision_item WHERE light = 'red' AND lead_department_id = %s",
                   [org["unit"].id])
    return env.cr.fetchone()[0]


def expected_unit_total(env, org):
    env.flush_all()
    env.cr.execute("SELECT count(*) FROM gov_supervision_item WHERE lead_department_id = ANY(%s) "
                   "AND state NOT IN ('draft', 'cancelled')", [org["units"].ids])
    return env.cr.fetchone()[0]


def lights_cron(env):
    """The scheduled action that recomputes the items' lights (the items' part of the addon), if there is one."""
    model = env["ir.model"]._get("gov.supervision.item")
    return env["ir.cron"].with_context(active_test=False).search(
        [("model_id", "=", model.id), ("code", "ilike", "light")], limit=1)


def run_cron(env, cron):
    """Run the cron's code as the scheduler would, without committing its batches: measured as one run."""
    commit = env.cr.commit
    env.cr.commit = lambda: None
    try:
        return cron.ir_actions_server_id.with_user(cron.user_id).run()
    finally:
        env.cr.commit = commit


def measure_size(env, org, size, failures, new_items):
    results = {}
    expected = expected_list(env, org)
    results["list"] = measure(env, lambda: list_page(env, org))
    page = results["list"][2]
    failures.check(page["length"] == min(expected, 10001) and len(page["records"]) == min(expected, 80)
                   and all(record["light"] == "red" for record in page["records"]),
                   f"list at {size:,} items: {page['length']} found, {expected} expected")
    results["refresh"] = measure(env, env["gov.supervision.figure"]._refresh, repeat=2)
    results["dashboard"] = measure(env, lambda: dashboard(env, org))
    groups, lights, ranking = results["dashboard"][2]
    bench_groups = [group for group in groups
                    if group["department_id"] and group["department_id"][0] in org["units"].ids]
    total = sum(group["item_count:sum"] for group in bench_groups)
    failures.check(total == expected_unit_total(env, org) and len(bench_groups) == BENCH_UNITS,
                   f"dashboard at {size:,} items: {total:,} items in {len(bench_groups)} units, "
                   f"expected {expected_unit_total(env, org):,} in {BENCH_UNITS}")
    failures.check(lights[0]["red_count:sum"] > 0 and ranking["length"] >= BENCH_UNITS,
                   f"dashboard at {size:,} items: lights {lights}, ranking of {ranking['length']} units")
    create_item(env, org, f"warm-up {size}")  # the registry's caches, as on a running server

    def create():
        new_items.append(create_item(env, org, f"{size}-{len(new_items)}"))
        return new_items[-1]

    results["create"] = measure(env, create)
    failures.check(all(item.exists() and item.lead_department_id == org["unit"] for item in new_items),
                   f"create at {size:,} items: the new items are not as created")
    cron = lights_cron(env)
    if cron:
        items = len(bench_items(env, org))
        results["lights cron"] = measure(env, lambda: run_cron(env, cron), repeat=1)
        results["lights cron"] = (*results["lights cron"][:3], items)
    return results


def main():
    failures = Failures()
    started = time.perf_counter()
    with odoo_env(scratch_copy=True) as superuser_env:
        env = superuser_env(context={"tracking_disable": True, "mail_notrack": True, "mail_create_nolog": True,
                                     "mail_create_nosubscribe": True})
        from odoo.addons.gov_rules.lib.district_time import district_today  # noqa: PLC0415

        today = district_today(env)
        org = build_org(env)
        org["today"] = today
        new_items = []
        sizes = {}
        insert_items(env, org, 0, SMALL, today)
        env["gov.supervision.figure"]._refresh()
        # the registry's caches, as on a running server
        list_page(env, org)
        dashboard(env, org)
        sizes[SMALL] = measure_size(env, org, SMALL, failures, new_items)
        inserted = time.perf_counter()
        insert_items(env, org, SMALL, LARGE, today)
        print(f"  (inserted {LARGE - SMALL:,} more items in {time.perf_counter() - inserted:.1f} s)")
        sizes[LARGE] = measure_size(env, org, LARGE, failures, new_items)

        small, large = sizes[SMALL], sizes[LARGE]
        for label in ("list", "dashboard", "create"):
            queries_small, seconds_small = small[label][0], small[label][1]
            queries_large, seconds_large = large[label][0], large[label][1]
            ratio = seconds_large / seconds_small if seconds_small else float("inf")
            verdict = "within 2×" if ratio <= MAX_TIME_RATIO else "ABOVE 2×"
            print(f"{label}: {SMALL:,} items {queries_small} queries {seconds_small * 1000:.1f} ms, "
                  f"{LARGE:,} items {queries_large} queries {seconds_large * 1000:.1f} ms "
                  f"(time ratio {ratio:.2f}, {verdict})")
            failures.check(queries_small == queries_large,
                           f"{label}: {queries_small} queries at {SMALL:,} items, {queries_large} at {LARGE:,}")
            failures.check(len(set(small[label][3])) == 1 and len(set(large[label][3])) == 1 or label == "create",
                           f"{label}: the query count varies between runs: {small[label][3]} / {large[label][3]}")
        print(f"figures recomputed (scheduler, one statement): {small['refresh'][0]} queries "
              f"{small['refresh'][1] * 1000:.0f} ms at {SMALL:,} items, {large['refresh'][0]} queries "
              f"{large['refresh'][1] * 1000:.0f} ms at {LARGE:,} (a scan of the items: its time grows with them)")
        failures.check(small["refresh"][0] == large["refresh"][0],
                       f"figures: {small['refresh'][0]} queries at {SMALL:,} items, {large['refresh'][0]} at {LARGE:,}")
        if "lights cron" in large:
            queries, seconds, _result, items = large["lights cron"]
            per_item = queries / items if items else float("inf")
            print(f"lights cron over {items:,} items: {queries} queries in {seconds:.1f} s = {per_item:.4f} per item "
                  f"(at {SMALL:,} items: {small['lights cron'][0]} queries)")
            failures.check(per_item <= MAX_PER_ITEM, f"lights cron: {per_item:.4f} queries per item > {MAX_PER_ITEM}")
        else:
            print("lights cron: the addon has no scheduled action on the items yet; not measured")
        median = statistics.median(small["list"][3])
        print(f"  (list queries per run at {SMALL:,} items: {small['list'][3]}, median {median})")
    print(f"results: {'all correct and flat' if not failures else f'{len(failures)} WRONG or NOT FLAT'} "
          f"({time.perf_counter() - started:.0f} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
