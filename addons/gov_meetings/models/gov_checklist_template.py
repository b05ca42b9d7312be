from odoo import api, fields, models


class GovChecklistTemplate(models.Model):
    _inherit = "gov.checklist.template"

    topic_type_id = fields.Many2one("gov.meeting.topic.type", ondelete="cascade", index=True)

    @api.model
    def _type_fields(self):
        return [*super()._type_fields(), "topic_type_id"]
