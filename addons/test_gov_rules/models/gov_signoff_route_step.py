from odoo import fields, models


class GovSignoffRouteStep(models.Model):
    _inherit = "gov.signoff.route.step"

    # a role an addon adds: a selection entry here and on the step, and one resolver on gov.position
    role = fields.Selection(selection_add=[("item_checker", "Principal of the checking unit")],
                            ondelete={"item_checker": "cascade"})
