from odoo import api, fields, models
from odoo.exceptions import AccessError

UNIT_KINDS = [
    ("department", "Component department"),
    ("township", "Township"),
    ("subdistrict", "Sub-district"),
    ("zone", "Development zone"),
    ("institution", "Public institution"),
    ("office", "Government office"),
]


class HrDepartment(models.Model):
    """Units of the district (R4.1): departments, townships, sub-districts, the zone, the office."""

    _inherit = "hr.department"

    gov_unit_kind = fields.Selection(UNIT_KINDS, string="Unit Kind", index=True)
    gov_principal_id = fields.Many2one("res.users", string="Principal", index=True,
                                       help="The unit's principal (主要负责人).")
    gov_deputy_ids = fields.Many2many("res.users", "hr_department_gov_deputy_rel", "department_id", "user_id",
                                      string="Deputy Principals",
                                      help="The first acts for the principal while the principal is away.")
    gov_area_id = fields.Many2one("gov.area", string="Subject Area", index=True,
                                  help="The area of work, and so the deputy head in charge of this unit (R5.1).")
    gov_reports_to_head = fields.Boolean(
        string="Reports to the Head Only",
        help="Its reports go to the district head and never through another leader (R7.1, the audit bureau).")

    @api.model_create_multi
    def create(self, vals_list):
        self._check_gov_fields({name for vals in vals_list for name in vals})
        departments = super().create(vals_list)
        self.env["gov.position"]._check_absence_cycles(departments.gov_principal_id)
        return departments

    def write(self, vals):
        self._check_gov_fields(set(vals))
        if not {"gov_principal_id", "gov_deputy_ids"} & set(vals):
            return super().write(vals)
        # a principal's first deputy stands in for him: a change may close a loop of stand-ins (R5.4)
        principals = self.gov_principal_id
        result = super().write(vals)
        self.env["gov.position"]._check_absence_cycles(principals | self.gov_principal_id)
        return result

    def _check_gov_fields(self, names):
        """Principals, areas and reporting lines decide who approves: only Government administrators
        change them, not every HR officer."""
        if any(name.startswith("gov_") for name in names) and not (
                self.env.su or self.env.user.has_group("gov_rules.group_gov_admin")):
            raise AccessError(self.env._("Only Government administrators change a unit's principal, "
                                         "subject area or reporting line."))
