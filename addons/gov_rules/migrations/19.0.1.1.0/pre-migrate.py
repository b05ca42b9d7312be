"""Upgrade of a database made by release 19.0.1.0.x, before the module's models are updated.

Checklists and entrusted tasks are no longer the documents' alone: any model that goes through sign-off
has them.

- Checklist lines name their item by model and id (res_model, res_id) instead of document_id: the
  lines are filled from document_id now, before the new columns become required. A line that belonged
  to no document belonged to nothing the user could open: it is removed.
- The record rules of checklist lines read document_id, which goes away: they get their new domains
  now (they are marked not to update; the post-migration script loads the rules again from the file).
- The documents an entrustment names (a many2many table) become lines of gov.entrustment.item: the
  links are kept aside here and moved in the post-migration script, once the new table exists.
"""
import logging

_logger = logging.getLogger(__name__)

CHECKLIST_RULES = {
    "rule_gov_checklist_item_user": "[('item_readable', '=', True)]",
    "rule_gov_checklist_item_user_write": "[('item_writable', '=', True), ('item_open', '=', True)]",
    "rule_gov_checklist_item_reviewer": "[('reviewer_is_me', '=', True)]",
    "rule_gov_checklist_item_reviewer_write": "[('reviewer_is_me', '=', True), ('item_open', '=', True)]",
}


def _column_exists(cr, table, column):
    cr.execute("SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s",
               (table, column))
    return bool(cr.fetchone())


def _table_exists(cr, table):
    cr.execute("SELECT 1 FROM information_schema.tables WHERE table_name = %s", (table,))
    return bool(cr.fetchone())


def migrate(cr, version):
    if not version:
        return
    if _column_exists(cr, "gov_checklist_item", "document_id"):
        cr.execute("ALTER TABLE gov_checklist_item ADD COLUMN IF NOT EXISTS res_model varchar")
        cr.execute("ALTER TABLE gov_checklist_item ADD COLUMN IF NOT EXISTS res_id int4")
        cr.execute("""
            UPDATE gov_checklist_item
               SET res_model = 'gov.document', res_id = document_id
             WHERE document_id IS NOT NULL AND res_id IS NULL
        """)
        _logger.info("Checklist lines: %s lines now name their document by model and id", cr.rowcount)
        cr.execute("DELETE FROM gov_checklist_item WHERE res_id IS NULL")
        if cr.rowcount:
            _logger.warning("Checklist lines: %s lines of no document removed", cr.rowcount)
    for name, domain in CHECKLIST_RULES.items():
        cr.execute("""
            UPDATE ir_rule SET domain_force = %s
             WHERE id = (SELECT res_id FROM ir_model_data
                          WHERE module = 'gov_rules' AND name = %s AND model = 'ir.rule')
        """, (domain, name))
    if _table_exists(cr, "gov_entrustment_document_rel") and not _table_exists(cr, "gov_entrustment_document_mig"):
        cr.execute("CREATE TABLE gov_entrustment_document_mig AS SELECT * FROM gov_entrustment_document_rel")
        _logger.info("Entrustments: %s named documents kept for gov.entrustment.item", cr.rowcount)
