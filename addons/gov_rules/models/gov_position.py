from odoo import api, fields, models
from odoo.exceptions import ValidationError

POSITION_ROLES = [
    ("head", "District head"),
    ("executive_deputy", "Executive deputy head"),
    ("deputy", "Deputy head"),
    ("office_director", "Office director"),
    ("office_deputy_director", "Office deputy director"),
    ("legal_adviser", "Legal adviser"),
    ("unit_principal", "Unit principal"),
    ("unit_deputy", "Unit deputy principal"),
]


class GovPosition(models.Model):
    """A position of the government (R4.1) held by a user: 区长, 常务副区长, 副区长, 办公室主任 …

    Deputies work in A/B pairs (AB岗, R5.4): ``ab_partner_id`` is kept symmetric.
    """

    _name = "gov.position"
    _description = "Government Position"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    role = fields.Selection(POSITION_ROLES, required=True, index=True, tracking=True)
    user_id = fields.Many2one("res.users", string="Held by", index=True, tracking=True)
    department_id = fields.Many2one("hr.department", string="Unit", index=True)
    ab_partner_id = fields.Many2one("gov.position", string="A/B Partner", tracking=True,
                                    help="Acts for this position while its holder is away, and the other way round.")
    area_ids = fields.One2many("gov.area", "leader_position_id", string="Areas in Charge")

    @api.constrains("ab_partner_id")
    def _check_ab_partner(self):
        for position in self:
            if position.ab_partner_id == position:
                raise ValidationError(self.env._("A position cannot be its own A/B partner."))

    @api.model_create_multi
    def create(self, vals_list):
        positions = super().create(vals_list)
        positions._sync_ab_partners()
        return positions

    def write(self, vals):
        if "ab_partner_id" not in vals or self.env.context.get("gov_ab_sync"):
            return super().write(vals)
        previous = self.ab_partner_id
        result = super().write(vals)
        # the old partners no longer point back at us
        (previous - self.ab_partner_id).filtered(lambda p: p.ab_partner_id in self).with_context(
            gov_ab_sync=True).write({"ab_partner_id": False})
        self._sync_ab_partners()
        return result

    def _sync_ab_partners(self):
        if self.env.context.get("gov_ab_sync"):
            return
        for position in self.filtered("ab_partner_id"):
            if position.ab_partner_id.ab_partner_id != position:
                position.ab_partner_id.with_context(gov_ab_sync=True).write({"ab_partner_id": position.id})

    # ------------------------------------------------------------------
    # Who acts for whom
    # ------------------------------------------------------------------
    @api.model
    def _holder(self, role, department=None):
        domain = [("role", "=", role), ("user_id", "!=", False)]
        if department:
            domain.append(("department_id", "=", department.id))
        return self.search(domain, limit=1).user_id

    @api.model
    def _role_holders(self, role, records, on_date, group=None, user=None, department=None, user_field=None):
        """{record: users holding ``role`` (a route step's role, SIGNOFF_ROLES) for it on ``on_date``},
        before absences: who acts for them today is decided by the caller.

        Shared by the steps of a route and the rungs of an escalation ladder. One resolution per
        position, area and unit for the whole of ``records`` and one search of the entrustments, so
        the cost does not grow with the records. ``department`` overrides the record's unit (an
        opinion asked of a unit), ``user_field`` names the record's field for the role "user_field".
        """
        users = self.env["res.users"]
        signoff = isinstance(records, self.pool["gov.signoff.mixin"])
        entrusted = {}
        if role in ("head", "area_leader"):
            # a deputy entrusted with this very item as a task takes the head's and the leader's steps (R5.2)
            entrusted = self.env["gov.entrustment"]._entrusted_positions(records, on_date)
        resolved = {}

        def once(key, resolve):
            if key not in resolved:
                resolved[key] = resolve()
            return resolved[key]

        holders = {}
        for record in records:
            if record in entrusted:
                holders[record] = entrusted[record].user_id
            elif role in ("head", "executive_deputy", "office_director", "legal_adviser"):
                holders[record] = once(role, lambda: self._holder(role))
            elif role == "area_leader":
                # the leader area, not the subject area: the audit bureau's items go to the head (R7.1)
                area = record._gov_signoff_leader_area() if signoff else self.env["gov.area"]
                holders[record] = once(("area_leader", area), lambda area=area: (
                    area._leader_position(on_date).user_id if area else self._holder("head")))
            elif role == "office_deputy":
                area = record._gov_signoff_area() if signoff else self.env["gov.area"]
                holders[record] = once(("office_deputy", area), lambda area=area: (
                    (area.office_position_id.user_id if area else None) or self._holder("office_deputy_director")))
            elif role == "unit_principal":
                unit = department or (record._gov_signoff_department() if signoff else self.env["hr.department"])
                holders[record] = unit.gov_principal_id
            elif role == "group":
                holders[record] = once("group", lambda: group.all_user_ids.filtered(lambda member: not member.share)
                                       if group else users)
            elif role == "user":
                holders[record] = user or users
            else:
                holders[record] = record[user_field] if user_field and user_field in record._fields else users
        return holders

    @api.model
    def _acting_user(self, user, on_date):
        """The user who acts for ``user`` on ``on_date``: ``user`` unless away (R5.3, R5.4, R40.1)."""
        seen = [user]
        current = user
        while True:
            substitute = self.env["gov.absence"]._substitute_of(current, on_date)
            if not substitute:
                return current
            if substitute in seen:  # absences are checked for cycles; never loop at run time
                return current
            seen.append(substitute)
            current = substitute

    @api.model
    def _default_substitute(self, user):
        """Who stands in for ``user`` when nobody is named: the A/B partner, the executive deputy for
        the head (R5.3), or a unit principal's first deputy principal."""
        positions = self.search([("user_id", "=", user.id)])
        partner = positions.ab_partner_id.user_id[:1]
        if partner:
            return partner
        if "head" in positions.mapped("role"):
            return self._holder("executive_deputy")
        # sudo: who deputises in a unit decides routing, whatever the reader's HR rights
        units = self.env["hr.department"].sudo().search([("gov_principal_id", "=", user.id)], order="id")
        return (units.gov_deputy_ids - user)[:1].with_env(self.env)
