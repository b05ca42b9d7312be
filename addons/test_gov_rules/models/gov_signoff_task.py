from odoo import fields, models


class GovSignoffTask(models.Model):
    _inherit = "gov.signoff.task"

    role = fields.Selection(selection_add=[("item_checker", "Principal of the checking unit")],
                            ondelete={"item_checker": "cascade"})
