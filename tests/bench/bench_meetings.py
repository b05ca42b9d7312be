"""Meetings: query counts must not grow with the number of topics (R22.2, R22.3).

Inside one transaction that is rolled back, a small organisation is built (an office user, a unit and
its principal, a meeting type; the head who approves agendas is the one holding the position, or one
made here; whoever acts for him approves) and, with 10, 100, 1,000 and 10,000 topics waiting in the
type's pool (each with its papers and a unit attending it), each measure is taken on a fresh meeting
that already has a few topics on its agenda, starting cold in the same way (flush, invalidate, count, act, flush):

1. adding a topic to the agenda (its unit joins the participants and the calendar event);
2. locking the agenda: the head approves it (after the office submitted it, not counted).

More measures are added to MEASURES (name, target, function(env, org, meeting, topic) -> queries), e.g.
opening "papers to read". Prints each count next to its target and exits 1 when a result is wrong, a
target is missed or a count is not flat (a ratio above 1.15 between 10 and 10,000 topics).
"""
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.bench.bench_signoff import QUIET, Failures, flat_line, measure  # noqa: E402
from tests.bench.odoo_env import odoo_env  # noqa: E402

POOL_SIZES = (10, 100, 1_000, 10_000)
ON_AGENDA = 3  # topics already on the agenda of each measured meeting
ADD_TARGET = 25  # queries to add a topic to an agenda
LOCK_TARGET = 35  # queries to lock an agenda (the head approves it)
CHUNK = 2_000


# ----------------------------------------------------------------------
# The organisation
# ----------------------------------------------------------------------
def build_org(env):
    """An office user, a unit with its principal, another unit attending topics, a meeting type; the head."""
    user_group, office = (env.ref(f"gov_rules.group_gov_{name}").id for name in ("user", "office"))

    def user(login, name, *groups):
        return env["res.users"].with_context(no_reset_password=True).create({
            "login": f"bench_meet_{login}", "name": name, "email": f"bench_meet_{login}@example.com",
            "group_ids": [(6, 0, [user_group, *groups])]})

    org = {"office": user("office", "办公室秘书（bench）", office),
           "principal": user("principal", "住建局局长（bench）"),
           "attending_principal": user("fin", "财政局局长（bench）")}
    org["head"] = env["gov.position"]._holder("head")
    if not org["head"]:
        org["head"] = user("head", "区长（bench）", env.ref("gov_rules.group_gov_leader").id)
        env["gov.position"].create({"name": "区长（bench）", "role": "head", "user_id": org["head"].id})
    Department = env["hr.department"]
    org["department"] = Department.create({"name": "区住建局（bench）", "gov_unit_kind": "department",
                                           "gov_principal_id": org["principal"].id})
    org["attending"] = Department.create({"name": "区财政局（bench）", "gov_unit_kind": "department",
                                          "gov_principal_id": org["attending_principal"].id})
    org["type"] = env["gov.meeting.type"].create({"name": "区政府常务会议（bench）", "code": "bench_executive",
                                                  "kind": "executive", "chair_role": "head", "fixer_role": "head"})
    # one paper shared by the topics, attached to the type: whoever reads the type reads it
    org["paper"] = env["ir.attachment"].create({"name": "会议材料（bench）.txt", "raw": b"bench",
                                                "res_model": "gov.meeting.type", "res_id": org["type"].id})
    org["topics"] = env["gov.meeting.topic"]
    org["meetings"] = 0
    return org


def fill_pool(env, org, size):
    """Topics waiting in the pool, with their papers and an attending unit, until there are ``size``."""
    missing = size - len(org["topics"])
    for start in range(0, missing, CHUNK):
        org["topics"] |= env["gov.meeting.topic"].with_context(**QUIET).create([{
            "name": f"议题（bench {len(org['topics']) + i}）", "meeting_type_id": org["type"].id,
            "department_id": org["department"].id, "state": "pool",
            "attendee_department_ids": [(6, 0, org["attending"].ids)],
            "attachment_ids": [(6, 0, org["paper"].ids)],
        } for i in range(min(CHUNK, missing - start))])
        env.flush_all()


def free_topics(env, org, count):
    pool = org["topics"].filtered(lambda topic: topic.state == "pool")
    return pool[:count]


def new_meeting(env, org):
    """A meeting of the type with ON_AGENDA topics of the pool on its agenda."""
    org["meetings"] += 1
    start = env.cr.now().replace(tzinfo=None, microsecond=0) + timedelta(days=30 + org["meetings"])
    meeting = env["gov.meeting"].with_user(org["office"]).create({
        "name": f"常务会议（bench {org['meetings']}）", "type_id": org["type"].id, "start": start,
        "stop": start + timedelta(hours=2)})
    env["gov.meeting.agenda.line"].with_user(org["office"]).create([
        {"meeting_id": meeting.id, "topic_id": topic.id} for topic in free_topics(env, org, ON_AGENDA)])
    env.flush_all()
    return meeting


# ----------------------------------------------------------------------
# The measures: each gets a fresh meeting and a topic of the pool, returns its queries and checks its result
# ----------------------------------------------------------------------
def measure_add_topic(env, org, meeting, topic, failures, label):
    queries, _seconds, _result = measure(env, lambda: env["gov.meeting.agenda.line"].with_user(org["office"]).create(
        {"meeting_id": meeting.id, "topic_id": topic.id}), f"add {label}")
    failures.check(topic.state == "scheduled" and topic.meeting_id == meeting
                   and org["attending_principal"] in meeting.attendee_ids.user_id
                   and org["attending_principal"].partner_id in meeting.calendar_event_id.partner_ids,
                   f"add ({label}): the topic is not scheduled or its unit not invited")
    return queries


def measure_lock(env, org, meeting, topic, failures, label):
    meeting.with_user(org["office"]).action_signoff_submit()
    env.flush_all()
    # the head, or whoever acts for him today (demo absences)
    approver = meeting.sudo().signoff_user_ids[:1]
    failures.check(approver, f"lock ({label}): the agenda waits for nobody")
    queries, _seconds, _result = measure(env, lambda: meeting.with_user(approver).action_signoff_approve(),
                                         f"lock {label}")
    failures.check(meeting.state == "agenda_approved", f"lock ({label}): the agenda is {meeting.state}")
    return queries


MEASURES = [
    ("adding a topic to an agenda", ADD_TARGET, measure_add_topic),
    ("locking an agenda", LOCK_TARGET, measure_lock),
]


def bench_meetings(env, org, failures):
    # a first round fills the caches (routes, roles, views): not counted
    fill_pool(env, org, POOL_SIZES[0])
    for _name, _target, function in MEASURES:
        function(env, org, new_meeting(env, org), free_topics(env, org, 1), Failures(), "warm-up")
    counts = {name: {} for name, _target, _function in MEASURES}
    for size in POOL_SIZES:
        fill_pool(env, org, size + len(org["topics"].filtered(lambda topic: topic.state != "pool")))
        for name, _target, function in MEASURES:
            meeting = new_meeting(env, org)
            counts[name][size] = function(env, org, meeting, free_topics(env, org, 1), failures,
                                          f"{size:,} topics")
    for name, target, _function in MEASURES:
        failures.target(name, counts[name], target, "topics")
        flat_line(failures, name, counts[name], "topics")


def main():
    failures = Failures()
    started = time.perf_counter()
    with odoo_env() as superuser_env:
        env = superuser_env(context={"tracking_disable": False, "mail_notrack": True, "mail_create_nolog": True})
        org = build_org(env)
        bench_meetings(env, org, failures)
    print(f"results: {'all correct and flat' if not failures else f'{len(failures)} WRONG or NOT FLAT'} "
          f"({time.perf_counter() - started:.0f} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
