from odoo import fields, models


class GovPosition(models.Model):
    _inherit = "gov.position"

    role = fields.Selection(selection_add=[("supervision_officer", "Supervision office director (督查室)")],
                            ondelete={"supervision_officer": "cascade"})

    # one resolver per role added by this addon (see gov.position._role_holders): {record: users}
    def _gov_role_supervision_office(self, records, on_date, options):
        return dict.fromkeys(records, self._holder("supervision_officer"))

    def _gov_role_responsible_unit(self, records, on_date, options):
        return {record: record._gov_lead_department().gov_principal_id for record in records}
