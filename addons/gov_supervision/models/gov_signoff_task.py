from odoo import fields, models

from .gov_signoff_route_step import SUPERVISION_SIGNOFF_ROLES


class GovSignoffTask(models.Model):
    _inherit = "gov.signoff.task"

    role = fields.Selection(selection_add=SUPERVISION_SIGNOFF_ROLES,
                            ondelete={role: "cascade" for role, _label in SUPERVISION_SIGNOFF_ROLES})
