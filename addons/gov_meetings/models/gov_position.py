from odoo import fields, models

# positions of the Party group (党组, R21.1): its secretary fixes topics and signs the minutes (R21.2)
MEETING_POSITION_ROLES = [
    ("party_secretary", "Party group secretary"),
    ("party_deputy_secretary", "Party group deputy secretary"),
    ("party_member", "Party group member"),
]


class GovPosition(models.Model):
    _inherit = "gov.position"

    role = fields.Selection(selection_add=MEETING_POSITION_ROLES,
                            ondelete={role: "cascade" for role, _label in MEETING_POSITION_ROLES})

    # one resolver per role added by this addon (see gov.position._role_holders): {record: users}
    def _gov_role_party_secretary(self, records, on_date, options):
        return dict.fromkeys(records, self._holder("party_secretary"))

    def _gov_role_party_deputy_secretary(self, records, on_date, options):
        return dict.fromkeys(records, self._holder("party_deputy_secretary"))

    def _gov_role_meeting_fixer(self, records, on_date, options):
        """Who fixes a topic for its meeting type (R21.1, R22.2): the head, or the Party group's secretary;
        for a special-topic meeting, the leader in charge who convenes it (R23.1)."""
        by_leader = records.filtered(lambda record: record._gov_meeting_type().fixer_role == "area_leader")
        holders = self._gov_role_area_leader(by_leader, on_date, options) if by_leader else {}
        holders.update({record: self._holder(record._gov_meeting_type().fixer_role)
                        for record in records - by_leader})
        return holders

    def _gov_role_meeting_chair(self, records, on_date, options):
        """Who signs the minutes of a special-topic meeting (R23.1): the leader who delegated it, else its chair."""
        return {record: record._gov_meeting_signer() for record in records}
