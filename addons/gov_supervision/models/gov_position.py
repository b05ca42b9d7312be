from odoo import fields, models

# items whose leader in charge is that of their supervision item (an entrusted item's deputy, R5.2)
FOLLOWS_ITEM = ("gov.supervision.extension", "gov.supervision.coordination")


class GovPosition(models.Model):
    _inherit = "gov.position"

    role = fields.Selection(selection_add=[("supervision_officer", "Supervision office director (督查室)")],
                            ondelete={"supervision_officer": "cascade"})

    # one resolver per role added by this addon (see gov.position._role_holders): {record: users}
    def _gov_role_supervision_office(self, records, on_date, options):
        # every holder of a supervision officer's position: one query for the whole batch
        # sudo: who holds a role decides routing, whoever routes
        holders = self.sudo().search([("role", "=", "supervision_officer"), ("user_id", "!=", False)]).user_id
        return dict.fromkeys(records, holders.with_env(self.env))

    def _gov_role_responsible_unit(self, records, on_date, options):
        return {record: record._gov_lead_department().gov_principal_id for record in records}

    def _gov_role_area_leader(self, records, on_date, options):
        holders = super()._gov_role_area_leader(records, on_date, options)
        if records._name in FOLLOWS_ITEM:
            # the deputy the head entrusted with the item decides its extensions and coordination (R5.2)
            entrusted = self.env["gov.entrustment"]._entrusted_positions(records.item_id, on_date)
            for record in records:
                if record.item_id in entrusted:
                    holders[record] = entrusted[record.item_id].user_id
        return holders
