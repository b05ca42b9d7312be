"""Sign-off activities created before they carried their step: link the open ones to their pending step,
so that deciding the step closes them (they are found by the step, no longer by their summary)."""


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
