"""Upgrade of a database made by release 19.0.1.0.x, after the module's models are updated.

- The documents an entrustment named (kept aside by the pre-migration script) become its items
  (gov.entrustment.item, model and id), so the entrusted tasks go on as before; the old link table goes.
- The record rules are marked not to update, but this release changes those of checklist lines (they
  follow their item, of whichever model) and adds those of entrusted items: load them again from the
  module's file.
"""
import logging

from odoo import SUPERUSER_ID, api
from odoo.tools.convert import convert_file

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    cr.execute("SELECT 1 FROM information_schema.tables WHERE table_name = 'gov_entrustment_document_mig'")
    if cr.fetchone():
        cr.execute("""
            INSERT INTO gov_entrustment_item (entrustment_id, res_model, res_id, create_uid, create_date,
                                              write_uid, write_date)
            SELECT link.entrustment_id, 'gov.document', link.document_id, %s, now() AT TIME ZONE 'UTC', %s,
                   now() AT TIME ZONE 'UTC'
              FROM gov_entrustment_document_mig link
              JOIN gov_entrustment entrustment ON entrustment.id = link.entrustment_id
              JOIN gov_document document ON document.id = link.document_id
            ON CONFLICT DO NOTHING
        """, (SUPERUSER_ID, SUPERUSER_ID))
        _logger.info("Entrustments: %s named documents moved to their items", cr.rowcount)
        cr.execute("DROP TABLE gov_entrustment_document_mig")
        # the documents' own link table has no field any more
        cr.execute("DROP TABLE IF EXISTS gov_entrustment_document_rel")
    env = api.Environment(cr, SUPERUSER_ID, {})
    # mode "init" writes records that exist already, which an update of a noupdate file skips
    convert_file(env, "gov_rules", "security/gov_rules_rules.xml", {}, mode="init", noupdate=True)
