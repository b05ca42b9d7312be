"""Upgrade of a database made by release 19.0.1.0.1: consultation becomes stage 0 of the route.

Before, a document asked its units for their opinion in a round of its own and matched its sign-off
route only once they had answered. Now the route is fixed at submission, with the opinions as its
first stage, and the document is under sign-off throughout. A document caught in consultation by the
upgrade gets, in the round of its opinions, the route its matrix gives now (the route it would have
got when the opinions were in), its steps waiting for the opinions as any new submission's do.
"""
from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    # the opinions are stage 0 of the route now, before its first step
    cr.execute("UPDATE gov_signoff_task SET sequence = 0 WHERE kind = 'consult'")
    env = api.Environment(cr, SUPERUSER_ID, {})
    Task = env["gov.signoff.task"]
    for document in env["gov.document"].search([("state", "=", "consultation")]):
        opinions = Task.search([("res_model", "=", "gov.document"), ("res_id", "=", document.id),
                                ("kind", "=", "consult")], order="round desc")
        round_number = opinions[:1].round or document.signoff_round + 1
        row = env["gov.signoff.matrix.row"]._match(document)
        vals = {"signoff_state": "pending", "signoff_round": round_number}
        if row:
            vals["signoff_row_id"] = row.id
            Task.create([{**step._snapshot(), "res_model": document._name, "res_id": document.id,
                          "res_name": document.display_name, "round": round_number, "kind": "signoff",
                          "requester_id": document.requester_id.id, "separation_of_duties": row.separation_of_duties}
                         for step in row.step_ids])
        document.with_context(tracking_disable=True).write(vals)
        # opinions already in: the route starts now (as the last answer would have started it)
        if not opinions.filtered(lambda task, number=round_number: task.round == number
                                 and task.state in ("waiting", "pending")):
            document._gov_signoff_start_stage(Task.search([("res_model", "=", "gov.document"),
                                                           ("res_id", "=", document.id),
                                                           ("round", "=", round_number)]))
