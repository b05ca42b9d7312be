from odoo import fields, models


class GovSignoffLog(models.Model):
    _inherit = "gov.signoff.log"

    # an approved agenda opened again for a change, with its reason (R22.2)
    action = fields.Selection(selection_add=[("reopen", "Opened again for a change")],
                              ondelete={"reopen": "cascade"})
