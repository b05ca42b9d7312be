"""What an upgrade must keep: a snapshot of the data, taken before and after (``make test``, upgrade stage).

``take(env)`` runs twice on the same database: in the previous release (tools/upgrade_seed.py, piped
into its ``odoo shell``) just before the upgrade, and in the upgraded database (test_upgrade_kept)
just after it. So it reads only models and fields that both releases have. A release that renames or
removes one of them says here, in the same commit as its migration, where the data went.

The snapshot holds, per model of ``KEPT``, every record's id and the values of its listed fields:

- ``kept``: what no upgrade changes: who wrote, decided or configured what (R35.1, R44.1);
- ``moved``: where the work in progress stands (a document's state, who a step waits for). A plain
  update keeps it too; a migration (the manifest version changed, so Odoo ran the scripts of
  ``migrations/``) may move it on, as the new release's rules would have, e.g. give a document the
  route its consultation now starts with;
- ``added``: whether the upgrade may add records: ``never`` (what the users made), ``migration`` (a
  migration may, e.g. the steps of a route it sets up, and their activities), ``always`` (a release's
  data files may add preset configuration);
- ``derived``: {name: function(records) -> {id: value}} for what a release stores another way: the
  function reads it as either release stores it (kept, like ``kept``).

No record is ever lost, and a step that was decided (``FINAL``) is never changed: the log names it.
"""

# the fields of a step, or a log entry, that say what was decided, by whom: never changed once decided
FINAL = {"gov.signoff.task": ("state", ("approved", "objected", "consented", "rejected", "returned", "skipped",
                                        "cancelled"))}



def _checklist_document(lines):
    """The document of each checklist line: document_id before 19.0.1.1.0, res_model and res_id since."""
    if "res_model" in lines._fields:
        return {line.id: line.res_id if line.res_model == "gov.document" else False for line in lines}
    return {line.id: line.document_id.id for line in lines}


def _entrusted_documents(entrustments):
    """The documents an entrustment names as its task: document_ids before 19.0.1.1.0, its items since."""
    if "item_ids" in entrustments._fields:
        return {entrustment.id: sorted(line.res_id for line in entrustment.item_ids if line.res_model == "gov.document")
                for entrustment in entrustments}
    return {entrustment.id: sorted(entrustment.document_ids.ids) for entrustment in entrustments}


# model: {"domain": [...], "kept": [...], "moved": [...], "added": "never" | "migration" | "always", "derived": {}}
KEPT = {
    # what the users made
    "gov.document": {
        "kept": ["name", "number", "type_id", "authority_id", "department_id", "drafter_id", "urgency",
                 "rule_set_id", "signer_id", "issue_date", "consult_department_ids", "attachment_ids"],
        "moved": ["state", "signoff_state", "signoff_round", "signoff_row_id", "requester_id", "deadline"],
        "added": "never"},
    "gov.signoff.task": {
        "kept": ["res_model", "res_id", "kind", "round", "name", "requester_id"],
        "moved": ["state", "user_ids", "holder_id", "decided_by_id", "acting_for_id", "opinion"],
        "added": "migration"},
    "gov.signoff.log": {
        "kept": ["res_model", "res_id", "task_id", "action", "user_id", "acting_for_id", "opinion", "date", "round"],
        "added": "never"},
    "gov.escalation.log": {"kept": ["res_model", "res_id", "step_id", "summary", "date", "error"], "added": "never"},
    "gov.checklist.item": {"kept": ["name"], "derived": {"document": _checklist_document}, "moved": ["state"],
                           "added": "never"},
    "gov.absence": {"kept": ["user_id", "substitute_id", "date_from", "date_to"], "added": "never"},
    "gov.entrustment": {"kept": ["name", "position_id", "date_from", "date_to"],
                        "derived": {"documents": _entrusted_documents}, "added": "never"},
    "mail.activity": {"domain": [("res_model", "=like", "gov.%")],
                      "kept": ["res_model", "res_id", "user_id", "activity_type_id", "summary", "date_deadline"],
                      "added": "migration"},
    "ir.attachment": {"domain": [("res_model", "=like", "gov.%")], "kept": ["res_model", "res_id", "name", "checksum"],
                      "added": "never"},
    # the rules and the organisation: configuration, the administrators' data
    "gov.rule.set": {"kept": ["name", "code", "version", "active", "department_id", "calendar_id"], "added": "always"},
    "gov.signoff.matrix.row": {"kept": ["name", "rule_set_id", "priority", "domain", "active"], "added": "always"},
    "gov.signoff.route.step": {"kept": ["name", "row_id", "sequence", "role", "deadline_policy_id"], "added": "always"},
    "gov.deadline.policy": {"kept": ["name", "code", "working_days", "ladder_id"], "added": "always"},
    "gov.escalation.ladder": {"kept": ["name", "rule_set_id"], "added": "always"},
    "gov.escalation.step": {"kept": ["ladder_id", "offset_days", "active"], "added": "always"},
    "gov.document.type": {"kept": ["name", "kind", "active"], "added": "always"},
    "gov.checklist.template": {"kept": ["name", "type_id"], "added": "always"},
    "gov.issuing.authority": {"kept": ["name", "prefix", "sequence_id"], "added": "always"},
    "gov.position": {"kept": ["name", "role", "user_id", "active"], "added": "always"},
    "gov.area": {"kept": ["name", "code"], "added": "always"},
    "gov.calendar": {"kept": ["name"], "added": "always"},
    "gov.calendar.day": {"kept": ["date"], "added": "always"},
    # settings: the system parameters and the scheduled actions an administrator tunes
    "ir.config_parameter": {"domain": [("key", "=like", "gov_rules.%")], "kept": ["key", "value"], "added": "always"},
    "ir.cron": {"domain": [("model_id.model", "=like", "gov.%")],
                "kept": ["active", "interval_number", "interval_type"], "added": "always"},
}
# the addons whose versions tell whether a migration ran
ADDONS = ("gov_rules", "gov_meetings", "gov_supervision")


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
    """{"versions": {addon: version}, model: {id (as text): {field: value}}} for the models of ``KEPT``
    this database has."""
    # as the system, archived records included, names read in one fixed language
    lang = "zh_CN" if "zh_CN" in dict(env["res.lang"].get_installed()) else "en_US"
    env = env(su=True, context={"active_test": False, "lang": lang})
    modules = env["ir.module.module"].search([("name", "in", ADDONS), ("state", "=", "installed")])
    snapshot = {"versions": {module.name: module.latest_version for module in modules}}
    for model_name, spec in KEPT.items():
        if model_name not in env:
            continue
        records = env[model_name].search(spec.get("domain", []), order="id")
        names = [name for name in spec["kept"] + spec.get("moved", []) if name in records._fields]
        snapshot[model_name] = {str(row["id"]): {name: _plain(row[name]) for name in names}
                                for row in records.read(names)}
        for name, read in spec.get("derived", {}).items():
            for record_id, value in read(records).items():
                snapshot[model_name][str(record_id)][name] = _plain(value)
    return snapshot


def differences(before, after):
    """What ``after`` lost or changed of ``before`` (see the module's docstring), one sentence per model."""
    migrated = before.get("versions") != after.get("versions")
    problems = []
    for model_name, records in before.items():
        if model_name == "versions":
            continue
        if model_name not in after:
            problems.append(f"{model_name}: the model is gone ({len(records)} records before)")
            continue
        spec = KEPT.get(model_name, {"kept": [], "added": "never"})
        kept = after[model_name]
        final_field, final_values = FINAL.get(model_name, (None, ()))
        lost = sorted(set(records) - set(kept), key=int)
        added = sorted(set(kept) - set(records), key=int)
        may_add = spec["added"] == "always" or (spec["added"] == "migration" and migrated)
        changed = []
        for record_id, values in records.items():
            if record_id not in kept:
                continue
            final = final_field and values.get(final_field) in final_values
            for name, old in values.items():
                new = kept[record_id].get(name, "(no such field)")
                if new != old and (name not in spec.get("moved", []) or not migrated or final):
                    changed.append(f"#{record_id} {name} was {old!r}, is {new!r}")
        if lost or changed or (added and not may_add):
            details = [f"{model_name}: {len(records)} records before, {len(kept)} after"]
            if lost:
                details.append(f"lost ids {lost[:20]}")
            if added and not may_add:
                details.append(f"new ids {added[:20]}")
            problems.append("; ".join(details + changed[:10]))
    return problems
