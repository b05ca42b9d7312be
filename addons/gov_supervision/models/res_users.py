from odoo import fields, models

# the supervision office's group, where the addon defines one (its members are the supervision office)
SUPERVISION_GROUP = "gov_supervision.group_supervision_office"


class ResUsers(models.Model):
    _inherit = "res.users"

    # read by the record rules: the supervision office (督查室) reads and runs every inspection
    gov_supervision_officer = fields.Boolean(string="Supervision Officer", compute="_compute_gov_supervision_officer",
                                             search="_search_gov_supervision_officer",
                                             help="Holds the supervision office's position, or is in its group.")

    def _compute_gov_supervision_officer(self):
        # the holder is cached in the registry (gov.position._holder): no query per user
        officer = self.env["gov.position"]._holder("supervision_officer")
        group = self.env.ref(SUPERVISION_GROUP, raise_if_not_found=False)
        for user in self:
            user.gov_supervision_officer = user == officer or bool(group and group in user.sudo().all_group_ids)

    def _search_gov_supervision_officer(self, operator, value):
        # searched by the routes: the supervision office's own inspections go to the leader in charge (R34.2)
        if operator not in ("in", "not in"):
            return NotImplemented
        officer = self.env["gov.position"]._holder("supervision_officer")
        group = self.env.ref(SUPERVISION_GROUP, raise_if_not_found=False)
        domain = [("id", "in", officer.ids)]
        if group:
            domain = ["|", *domain, ("all_group_ids", "in", group.ids)]
        positive = (operator == "in") == (True in value)
        return domain if positive else ["!", *domain]
