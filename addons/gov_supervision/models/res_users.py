from odoo import fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    # read by the record rules: whoever holds the supervision office's position reads every inspection
    gov_supervision_officer = fields.Boolean(string="Supervision Officer", compute="_compute_gov_supervision_officer")

    def _compute_gov_supervision_officer(self):
        # the holder is cached in the registry (gov.position._holder): no query per user
        officer = self.env["gov.position"]._holder("supervision_officer")
        for user in self:
            user.gov_supervision_officer = user == officer
