"""Papers to read (R22.3): the query count of opening the list must not grow with the data.

Inside one transaction that is rolled back, a participant (a plain user: the record rules apply) and
other participants take part in meetings whose agendas hold 10, 100, 1,000 and 10,000 topics in all,
ten topics a meeting, each topic with one paper, so each participant has one paper to read per topic.
The first meeting's papers go through the meetings' delivery (gov.meeting._gov_deliver_papers_to,
with its to-dos); the others' delivery rows are written in bulk, the same rows without the to-dos,
to keep the run short.
Each measurement starts cold (flush, invalidate, count, act, flush) and opens "papers to read" as the
web client does (web_search_read of the list's fields, 80 rows); then the participant opens one paper
(the reading recorded, as the controller does) with 10 vs 10,000 papers delivered.

Prints each count next to its target, and exits 1 when a result is wrong or a count is not flat:
opening the list above 8 queries at any size, or more than one query more (the count of rows, once
there is more than one page) between the smallest and the largest size; opening a paper above 12
queries or growing with the number of papers.
"""
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.bench.bench_signoff import Failures, measure  # noqa: E402
from tests.bench.odoo_env import odoo_env  # noqa: E402

TOPIC_SIZES = (10, 100, 1_000, 10_000)
PER_MEETING = 10
OPEN_TARGET = 8
READ_TARGET = 12
QUIET = {"tracking_disable": True, "mail_create_nolog": True, "mail_create_nosubscribe": True, "mail_notrack": True}
FIELDS_SPEC = {"meeting_id": {"fields": {"display_name": {}}}, "meeting_start": {},
               "topic_id": {"fields": {"display_name": {}}}, "name": {}, "user_id": {"fields": {"display_name": {}}},
               "delivered_on": {}, "read_on": {}}


def build(env):
    user_group = env.ref("gov_rules.group_gov_user").id
    leader_group = env.ref("gov_rules.group_gov_leader").id

    def user(login, name, *groups):
        return env["res.users"].with_context(no_reset_password=True).create({
            "login": f"bench_att_{login}", "name": name, "group_ids": [(6, 0, [user_group, *groups])]})

    org = {"reader": user("reader", "副区长（bench）", leader_group),
           "chair": user("chair", "区长（bench）", leader_group),
           "other": user("other", "办公室主任（bench）")}
    org["type"] = env["gov.meeting.type"].create({"name": "常务会议（bench）", "code": "bench_att_executive",
                                                  "kind": "executive"})
    return org


def add_meetings(env, org, count, start_index):
    """``count`` topics with one paper each, on meetings of PER_MEETING topics, papers delivered."""
    Topic = env["gov.meeting.topic"].with_context(**QUIET)
    topics = Topic.create([{"name": f"bench 议题 {start_index + i}", "meeting_type_id": org["type"].id,
                            "state": "pool"} for i in range(count)])
    papers = env["ir.attachment"].create([{"name": f"材料 {topic.id}", "type": "url", "url": f"/bench/{topic.id}",
                                           "res_model": topic._name, "res_id": topic.id} for topic in topics])
    for topic, paper in zip(topics, papers, strict=True):
        topic.attachment_ids = [(6, 0, paper.ids)]
    now = env.cr.now()
    meetings = env["gov.meeting"].with_context(**QUIET).create([{
        "name": f"bench 会议 {start_index + chunk}", "type_id": org["type"].id,
        "start": now + timedelta(days=3, minutes=start_index + chunk),
        "stop": now + timedelta(days=3, hours=2, minutes=start_index + chunk), "chair_id": org["chair"].id,
        "agenda_line_ids": [(0, 0, {"topic_id": topic.id}) for topic in topics[chunk:chunk + PER_MEETING]],
    } for chunk in range(0, count, PER_MEETING)])
    # the meeting invites its chair itself; the other two take part as a type's members would
    env["gov.meeting.attendee"].create([{"meeting_id": meeting.id, "user_id": org[key].id, "role": role}
                                        for meeting in meetings
                                        for key, role in (("reader", "member"), ("other", "ex_officio"))])
    if not start_index:
        meetings._gov_deliver_papers_to(meetings.attendee_ids)
    else:
        env["gov.meeting.paper.read"].create([{
            "meeting_id": meeting.id, "attendee_id": attendee.id, "user_id": attendee.user_id.id,
            "attachment_id": line.topic_id.attachment_ids.id, "topic_id": line.topic_id.id, "delivered_on": now}
            for meeting in meetings for attendee in meeting.attendee_ids for line in meeting.agenda_line_ids])
        meetings.attendee_ids.write({"papers_delivered_on": now})
    env.flush_all()


def main():
    failures = Failures()
    started = time.perf_counter()
    with odoo_env() as superuser_env:
        env = superuser_env(context=QUIET)
        org = build(env)
        Read = env["gov.meeting.paper.read"].with_user(org["reader"])
        domain = [("user_id", "=", org["reader"].id), ("read_on", "=", False)]
        opens, reads = {}, {}
        add_meetings(env, org, PER_MEETING, 0)
        total = PER_MEETING
        measure(env, lambda: Read.web_search_read(domain, FIELDS_SPEC, limit=80))  # warm-up
        for size in TOPIC_SIZES:
            add_meetings(env, org, size - total, total)
            total = size
            opens[size], _seconds, result = measure(
                env, lambda: Read.web_search_read(domain, FIELDS_SPEC, limit=80), f"open {size}")
            expected = size - len(reads)
            failures.check(result["length"] == expected and len(result["records"]) == min(80, expected),
                           f"papers to read ({size} topics): {result['length']} listed, expected {size - len(reads)}")
            row = Read.search(domain, limit=1)
            reads[size], _seconds, _result = measure(env, row._mark_read, f"read {size}")
            failures.check(bool(row.read_on), f"opening a paper ({size} topics): its reading was not recorded")
        parts = ", ".join(f"{size:,} topics {queries}" for size, queries in opens.items())
        print(f"  opening papers to read: {parts} — target ≤ {OPEN_TARGET}, at most one more query (the count "
              f"of rows past the first page) from {TOPIC_SIZES[0]:,} to {TOPIC_SIZES[-1]:,}")
        failures.target("opening papers to read", opens, OPEN_TARGET, "topics")
        failures.check(max(opens.values()) - min(opens.values()) <= 1, "opening papers to read is not flat")
        parts = ", ".join(f"{size:,} topics {queries}" for size, queries in reads.items())
        print(f"  opening a paper (reading recorded): {parts} — target ≤ {READ_TARGET}, the same at every size")
        failures.target("opening a paper", reads, READ_TARGET, "topics")
        failures.check(reads[TOPIC_SIZES[-1]] <= reads[TOPIC_SIZES[0]], "opening a paper grows with the papers")
    print(f"results: {'all correct and flat' if not failures else f'{len(failures)} WRONG or NOT FLAT'} "
          f"({time.perf_counter() - started:.0f} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
