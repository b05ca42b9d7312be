"""Move a database of the previous release on, then record what its upgrade must keep.

Part of the upgrade stage of ``make test`` (tools/run_tests.py): piped into the previous release's
``odoo shell`` on a fresh database with its demo data, so it uses only what that release has. As the
users would, with their own rights:

- the scheduler runs the escalation (the demo's overdue items get their reminders, consent, ...);
- a drafter submits a draft (it gets its route, its first step waits for someone, who has an activity);
- the person a step of another document waits for approves it (the decision log grows, the next step
  waits);
- an administrator changes a setting (a system parameter, the escalation's schedule).

At least one other draft and pending steps stay for the upgraded release to move on. Then the
snapshot of addons/gov_rules/tests/upgrade_snapshot.py (``$GOV_UPGRADE_SNAPSHOT_CODE``) is written
as JSON to ``$GOV_UPGRADE_SNAPSHOT`` (``records``), with the documents moved here and those the
upgraded release moves next (``moves``), and all of it is committed.
"""
import json
import os
import runpy

# the upgraded release moves this one on (a draft nobody has submitted yet, kept a draft here)
KEEP_DRAFTS = 1


def _first_that_moves(records, move):
    """Apply ``move`` to the first record it succeeds on; the others are left as they were."""
    for record in records:
        try:
            with record.env.cr.savepoint():
                move(record)
        except Exception:  # noqa: BLE001, S112 - a demo record that cannot move is simply not the one chosen
            continue
        return record
    raise RuntimeError(f"None of {records} could be moved on: the demo data no longer has what the upgrade "
                       "stage needs (tools/upgrade_seed.py).")


def seed(env):
    take = runpy.run_path(os.environ["GOV_UPGRADE_SNAPSHOT_CODE"])["take"]
    # the scheduler takes the steps of the escalation that are due (the demo has overdue items): the
    # escalation log gets its entries
    env["gov.escalation.ladder"]._cron_escalate()
    documents = env["gov.document"]
    drafts = documents.search([("state", "=", "draft"), ("signoff_round", "=", 0)], order="id")
    if len(drafts) <= KEEP_DRAFTS:
        raise RuntimeError("The demo data has too few drafts for the upgrade stage (tools/upgrade_seed.py).")

    # a drafter submits his draft
    submitted = _first_that_moves(drafts[KEEP_DRAFTS:], lambda doc: doc.with_user(doc.drafter_id).action_submit())

    # someone approves the step that waits for him, on a document that has more steps to go
    def approve(document):
        step = env["gov.signoff.task"].search([("res_model", "=", "gov.document"), ("res_id", "=", document.id),
                                               ("state", "=", "pending"), ("kind", "=", "signoff")])
        waiting = env["gov.signoff.task"].search_count([
            ("res_model", "=", "gov.document"), ("res_id", "=", document.id), ("state", "=", "waiting")])
        if len(step) != 1 or not step.user_ids or not waiting:
            raise ValueError("not a document with one pending step and more to go")
        document.with_user(step.user_ids[0]).action_signoff_approve("Seen before the upgrade.")

    in_signoff = documents.search([("state", "=", "signoff"), ("id", "!=", submitted.id)], order="id")
    approved = _first_that_moves(in_signoff, approve)

    # an administrator tunes the settings: an upgrade keeps them
    env["ir.config_parameter"].set_param("gov_rules.district_lang", "zh_CN")
    env.ref("gov_rules.ir_cron_gov_escalation").interval_number = 2

    env.flush_all()
    snapshot = {"records": take(env), "moves": {
        "submitted": submitted.id,
        "approved": approved.id,
        # for the upgraded release to move on
        "drafts": drafts[:KEEP_DRAFTS].ids,
        "in_signoff": documents.search([("state", "=", "signoff")], order="id").ids,
    }}
    with open(os.environ["GOV_UPGRADE_SNAPSHOT"], "w", encoding="utf-8") as file:
        json.dump(snapshot, file, ensure_ascii=False, indent=1, sort_keys=True)
    env.cr.commit()
    print(f"Moved on: submitted #{submitted.id}, approved a step of #{approved.id}; snapshot of "
          f"{sum(len(records) for records in snapshot['records'].values())} records.")


if __name__ == "__main__":
    seed(env)  # noqa: F821 - ``odoo shell`` runs this with its environment as ``env``
