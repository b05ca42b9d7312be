from odoo import fields, models

# roles this addon adds to routes (resolvers on gov.position)
SUPERVISION_SIGNOFF_ROLES = [
    ("supervision_office", "Supervision office (督查室)"),
    ("responsible_unit", "Principal of the lead unit"),
]


class GovSignoffRouteStep(models.Model):
    _inherit = "gov.signoff.route.step"

    role = fields.Selection(selection_add=SUPERVISION_SIGNOFF_ROLES,
                            ondelete={role: "cascade" for role, _label in SUPERVISION_SIGNOFF_ROLES})
