"""Upgrade of a database made by release 19.0.1.0.0.

- Sign-off activities created before they carried their step: link the open ones to their pending step,
  so that deciding the step closes them (they are found by the step, no longer by their summary).
- The record rules are marked not to update, but this release changes them (a submitted document is
  locked in the access rules; the escalation log follows the item; a drafter sees what was returned
  to him): load them again from the module's file.
- An archived escalation step leaves its day free for a new one: the old unique constraint over every
  step of a ladder gives way to the partial index that covers active steps only.
"""
from odoo import SUPERUSER_ID, api
from odoo.tools.convert import convert_file


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        UPDATE mail_activity activity
           SET gov_signoff_task_id = task.id
          FROM gov_signoff_task task, ir_model_data xmlid
         WHERE xmlid.module = 'gov_rules' AND xmlid.name = 'mail_activity_type_gov_signoff'
           AND activity.activity_type_id = xmlid.res_id
           AND activity.gov_signoff_task_id IS NULL
           AND task.state = 'pending'
           AND activity.res_model = task.res_model AND activity.res_id = task.res_id
           AND activity.summary = task.name
           AND EXISTS (SELECT 1 FROM gov_signoff_task_user_rel can_act
                        WHERE can_act.task_id = task.id AND can_act.user_id = activity.user_id)
    """)
    env = api.Environment(cr, SUPERUSER_ID, {})
    # mode "init" writes records that exist already, which an update of a noupdate file skips
    convert_file(env, "gov_rules", "security/gov_rules_rules.xml", {}, mode="init", noupdate=True)
    cr.execute("ALTER TABLE gov_escalation_step DROP CONSTRAINT IF EXISTS gov_escalation_step_offset_uniq")
