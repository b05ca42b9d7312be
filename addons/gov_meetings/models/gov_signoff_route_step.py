from odoo import fields, models

# roles this addon adds to routes (resolvers on gov.position)
MEETING_SIGNOFF_ROLES = [
    ("party_secretary", "Party group secretary"),
    ("party_deputy_secretary", "Party group deputy secretary"),
    ("meeting_fixer", "Who fixes the meeting type's topics"),
    ("meeting_chair", "Chair of the meeting (or the leader who delegated it)"),
]


class GovSignoffRouteStep(models.Model):
    _inherit = "gov.signoff.route.step"

    role = fields.Selection(selection_add=MEETING_SIGNOFF_ROLES,
                            ondelete={role: "cascade" for role, _label in MEETING_SIGNOFF_ROLES})
