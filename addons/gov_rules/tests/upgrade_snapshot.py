"""What an upgrade must keep: a snapshot of the data, taken before and after (``make test``, upgrade stage).

``take(env)`` runs twice on the same database: in the previous release (tools/upgrade_seed.py, piped
into its ``odoo shell``) just before the upgrade, and in the upgraded database (test_upgrade_kept)
just after it. So it reads only models and fields that both releases have. A release that renames or
removes one of them says here, in the same commit as its migration, where the data went.

The snapshot holds, per model, every record's id and the values listed in ``KEPT``: the ids show that
no record was lost (nor, for what the users made, added), the values that the upgrade changed none.
"""

# model: (fields whose values must be kept, domain, whether the upgrade may add records)
# What the users made (documents, steps, logs, activities) neither appears nor disappears in an
# upgrade; configuration is the administrators' (a rule is data): it is all kept with the values
# they gave it, and a release may add to it (a new preset record of a noupdate data file).
KEPT = {
    # what the users made
    "gov.document": (["name", "number", "state", "signoff_state", "signoff_round", "type_id", "authority_id",
                      "department_id", "drafter_id", "requester_id", "urgency", "deadline", "rule_set_id",
                      "signoff_row_id", "signer_id", "issue_date", "consult_department_ids", "attachment_ids"],
                     [], False),
    "gov.signoff.task": (["res_model", "res_id", "kind", "round", "state", "user_ids", "decided_by_id"], [], False),
    "gov.signoff.log": (["res_model", "res_id", "task_id", "action", "user_id", "opinion"], [], False),
    "gov.escalation.log": (["res_model", "res_id", "step_id", "summary"], [], False),
    "gov.checklist.item": (["name"], [], False),
    "gov.absence": (["user_id", "substitute_id", "date_from", "date_to"], [], False),
    "gov.entrustment": (["name", "position_id", "date_from", "date_to", "document_ids"], [], False),
    "mail.activity": (["res_model", "res_id", "user_id", "activity_type_id", "summary", "date_deadline"],
                      [("res_model", "=like", "gov.%")], False),
    "ir.attachment": (["res_model", "res_id", "name", "checksum"], [("res_model", "=like", "gov.%")], False),
    # the rules and the organisation: configuration
    "gov.rule.set": (["name", "code", "version", "active", "department_id", "calendar_id"], [], True),
    "gov.signoff.matrix.row": (["name", "rule_set_id", "priority", "domain", "active"], [], True),
    "gov.signoff.route.step": (["name", "row_id", "sequence", "role", "deadline_policy_id"], [], True),
    "gov.deadline.policy": (["name", "code", "working_days", "ladder_id"], [], True),
    "gov.escalation.ladder": (["name", "rule_set_id"], [], True),
    "gov.escalation.step": (["ladder_id", "offset_days", "active"], [], True),
    "gov.document.type": (["name", "kind", "active"], [], True),
    "gov.checklist.template": (["name", "type_id"], [], True),
    "gov.issuing.authority": (["name", "prefix", "sequence_id"], [], True),
    "gov.position": (["name", "role", "user_id", "active"], [], True),
    "gov.area": (["name", "code"], [], True),
    "gov.calendar": (["name"], [], True),
    "gov.calendar.day": (["date"], [], True),
    # settings: the system parameters and the scheduled actions an administrator tunes
    "ir.config_parameter": (["key", "value"], [("key", "=like", "gov_rules.%")], True),
    "ir.cron": (["active", "interval_number", "interval_type"], [("model_id.model", "=like", "gov.%")], True),
}


def _plain(value):
    """A value of ``read()`` as JSON keeps it: a many2one as its id, a many2many as its sorted ids."""
    if isinstance(value, tuple):
        return value[0]
    if isinstance(value, list):
        return sorted(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def take(env):
    """{model: {id (as text): {field: value}}} for every model of ``KEPT`` this database has."""
    # as the system, archived records included, names read in one fixed language
    lang = "zh_CN" if "zh_CN" in dict(env["res.lang"].get_installed()) else "en_US"
    env = env(su=True, context={"active_test": False, "lang": lang})
    snapshot = {}
    for model_name, (field_names, domain, _may_add) in KEPT.items():
        if model_name not in env:
            continue
        records = env[model_name].search(domain, order="id")
        names = [name for name in field_names if name in records._fields]
        snapshot[model_name] = {str(row["id"]): {name: _plain(row[name]) for name in names}
                                for row in records.read(names)}
    return snapshot


def differences(before, after):
    """What ``after`` lost or changed of ``before``, one sentence per model, with the records' counts."""
    problems = []
    for model_name, records in before.items():
        if model_name not in after:
            problems.append(f"{model_name}: the model is gone ({len(records)} records before)")
            continue
        kept = after[model_name]
        lost = sorted(set(records) - set(kept), key=int)
        added = sorted(set(kept) - set(records), key=int)
        changed = [(record_id, name, values[name], kept[record_id].get(name, "(no such field)"))
                   for record_id, values in records.items() if record_id in kept
                   for name in values if kept[record_id].get(name, "(no such field)") != values[name]]
        may_add = KEPT.get(model_name, ((), (), False))[2]
        if lost or changed or (added and not may_add):
            details = [f"{model_name}: {len(records)} records before, {len(kept)} after"]
            if lost:
                details.append(f"lost ids {lost[:20]}")
            if added and not may_add:
                details.append(f"new ids {added[:20]}")
            details += [f"#{record_id} {name} was {old!r}, is {new!r}" for record_id, name, old, new in changed[:10]]
            problems.append("; ".join(details))
    return problems
