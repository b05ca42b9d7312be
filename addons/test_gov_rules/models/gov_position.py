from odoo import models


class GovPosition(models.Model):
    _inherit = "gov.position"

    def _gov_role_item_checker(self, records, on_date, options):
        """The principal of the unit that checks the item (a role only this addon knows)."""
        return {record: record.checker_department_id.gov_principal_id if "checker_department_id" in record._fields
                else self.env["res.users"] for record in records}
