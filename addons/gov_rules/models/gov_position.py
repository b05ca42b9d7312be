from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from ..lib.checks import check_not_blank
from ..lib.district_time import district_today

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

# the roles an entrustment of an item as a task takes over (R5.2)
ENTRUSTABLE_ROLES = ("head", "area_leader")
# what decides who holds a role (_holder, cached in the registry)
HOLDER_FIELDS = {"user_id", "role", "active", "sequence", "department_id"}


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

    @api.constrains("name")
    def _check_not_blank(self):
        check_not_blank(self, "name")

    @api.constrains("ab_partner_id")
    def _check_ab_partner(self):
        for position in self:
            if position.ab_partner_id == position:
                raise ValidationError(self.env._("A position cannot be its own A/B partner."))

    @api.model_create_multi
    def create(self, vals_list):
        positions = super().create(vals_list)
        self.env.registry.clear_cache()  # who holds a role (_holder), who is in charge (gov.area)
        positions._sync_ab_partners()
        positions._check_absence_cycles(positions._stand_in_users())
        return positions

    def write(self, vals):
        if self.env.context.get("gov_ab_sync") or not {"ab_partner_id", "user_id", "role", "active"} & set(vals):
            result = super().write(vals)
            self._gov_forget_holders(vals)
            return result
        # who stands in for whom may change: the holders before and after are checked for cycles (R5.4)
        new_partner = self.browse(vals.get("ab_partner_id") or [])
        users = self._stand_in_users() | new_partner._stand_in_users()
        previous = self.ab_partner_id
        result = super().write(vals)
        self._gov_forget_holders(vals)
        if "ab_partner_id" in vals:
            # the old partners no longer point back at us
            (previous - self.ab_partner_id).filtered(lambda p: p.ab_partner_id in self).with_context(
                gov_ab_sync=True).write({"ab_partner_id": False})
            self._sync_ab_partners()
        self._check_absence_cycles(users | self._stand_in_users())
        return result

    def _gov_forget_holders(self, vals):
        if HOLDER_FIELDS & set(vals):
            # who holds a role (_holder) and who is in charge of an area (gov.area._position_users)
            self.env.registry.clear_cache()

    def _sync_ab_partners(self):
        """Keep the pairs symmetric: a position and its partner point at each other and nobody else
        points at either of them (R5.4)."""
        if self.env.context.get("gov_ab_sync"):
            return
        pairs = {}
        for position in self.filtered("ab_partner_id"):
            partner = position.ab_partner_id
            for one, other in ((position, partner), (partner, position)):
                if pairs.setdefault(one, other) != other:
                    raise ValidationError(self.env._(
                        "%(position)s cannot be the A/B partner of both %(first)s and %(second)s.",
                        position=one.display_name, first=pairs[one].display_name, second=other.display_name))
        if not pairs:
            return
        synced = self.with_context(gov_ab_sync=True, active_test=False)
        paired_ids = [position.id for position in pairs]
        # positions left pointing at someone who is now paired with another position
        synced.search([("ab_partner_id", "in", paired_ids), ("id", "not in", paired_ids)]).write(
            {"ab_partner_id": False})
        for position, partner in pairs.items():
            if position.ab_partner_id != partner:
                position.with_context(gov_ab_sync=True).write({"ab_partner_id": partner.id})

    def _stand_in_users(self):
        """The holders of these positions and of their partners: whose stand-in a change here may alter."""
        return (self | self.ab_partner_id).user_id

    @api.model
    def _check_absence_cycles(self, users):
        """A change of pairs or holders must not close a loop of stand-ins among the absences of ``users``
        that are not over yet (R5.4): the same check as when an absence is entered."""
        # who stands in for an absent person is computed from the positions just changed
        self.env["gov.absence"].invalidate_model(["effective_substitute_id"])
        if not users:
            return
        # sudo: the consistency of the stand-ins is checked on every absence, whoever may read them
        absences = self.env["gov.absence"].sudo().search([("user_id", "in", users.ids),
                                                          ("date_to", ">=", district_today(self))])
        for absence in absences:
            absence._check_no_cycle()

    # ------------------------------------------------------------------
    # Who acts for whom
    # ------------------------------------------------------------------
    @api.model
    def _holder(self, role, department=None):
        """Who holds ``role`` (in ``department``): kept in the registry's cache, cleared whenever a position
        changes, so routing asks it without a query."""
        return self.env["res.users"].browse(self._holder_id(role, department.id if department else False))

    @tools.ormcache("role", "department_id")
    def _holder_id(self, role, department_id):
        domain = [("role", "=", role), ("user_id", "!=", False)]
        if department_id:
            domain.append(("department_id", "=", department_id))
        # sudo: who holds a role decides routing, whoever routes; only an id leaves the cache
        return self.sudo().search_fetch(domain, ["user_id"], limit=1).user_id.id

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()  # who holds a role (_holder), who is in charge (gov.area)
        return result

    @api.model
    def _role_holders(self, role, records, on_date, group=None, user=None, department=None, user_field=None,
                      entrusted=None):
        """{record: users holding ``role`` (a route step's role) for it on ``on_date``}, before absences:
        who acts for them today is decided by the caller.

        Shared by the steps of a route and the rungs of an escalation ladder. Each role has one resolver,
        ``_gov_role_<role>(records, on_date, options)``: an addon adds a role with a selection entry on the
        route step and the step (``selection_add``) and that one method. A resolver works on the whole of
        ``records`` at once (one resolution per position, area and unit), so the cost does not grow with
        them. ``options``: ``group``, ``user`` (the roles "group" and "user"), ``department`` (overrides
        the record's unit: an opinion asked of a unit) and ``user_field`` (the role "user_field").
        ``entrusted``: the entrustments of these records (gov.entrustment._entrusted_positions), when the
        caller resolves several roles for them.
        """
        resolver = getattr(self, f"_gov_role_{role}", None)
        if resolver is None:
            raise UserError(self.env._("No one can be found for the role “%s”: its module is not installed.", role))
        options = {"group": group, "user": user, "department": department, "user_field": user_field}
        if role not in ENTRUSTABLE_ROLES:
            entrusted = {}
        elif entrusted is None:
            # a deputy entrusted with this very item as a task takes the head's and the leader's steps (R5.2)
            entrusted = self.env["gov.entrustment"]._entrusted_positions(records, on_date)
        else:
            entrusted = {record: position for record, position in entrusted.items() if record in records}
        holders = resolver(records.filtered(lambda record: record not in entrusted), on_date, options)
        holders.update({record: position.user_id for record, position in entrusted.items()})
        return holders

    # one resolver per role: {record: users}
    def _gov_role_head(self, records, on_date, options):
        return dict.fromkeys(records, self._holder("head"))

    def _gov_role_executive_deputy(self, records, on_date, options):
        return dict.fromkeys(records, self._holder("executive_deputy"))

    def _gov_role_office_director(self, records, on_date, options):
        return dict.fromkeys(records, self._holder("office_director"))

    def _gov_role_legal_adviser(self, records, on_date, options):
        return dict.fromkeys(records, self._holder("legal_adviser"))

    def _gov_role_area_leader(self, records, on_date, options):
        # the leader area, not the subject area: the audit bureau's items go to the head (R7.1)
        return self._by_area(records, lambda record: record._gov_signoff_leader_area(), lambda area: (
            area._leader_user(on_date) if area else self._holder("head")))

    def _gov_role_office_deputy(self, records, on_date, options):
        return self._by_area(records, lambda record: record._gov_signoff_area(), lambda area: (
            (area._office_user() if area else None) or self._holder("office_deputy_director")))

    def _gov_role_unit_principal(self, records, on_date, options):
        department = options.get("department")
        return {record: (department or self._signoff_department(record)).gov_principal_id for record in records}

    def _gov_role_group(self, records, on_date, options):
        group = options.get("group")
        members = group.all_user_ids.filtered(lambda member: not member.share) if group else self.env["res.users"]
        return dict.fromkeys(records, members)

    def _gov_role_user(self, records, on_date, options):
        return dict.fromkeys(records, options.get("user") or self.env["res.users"])

    def _gov_role_user_field(self, records, on_date, options):
        name = options.get("user_field")
        return {record: record[name] if name and name in record._fields else self.env["res.users"]
                for record in records}

    def _by_area(self, records, area_of, holder_of):
        """One resolution per area for the whole of ``records`` (items that take part in sign-off only)."""
        signoff = isinstance(records, self.pool["gov.signoff.mixin"])
        resolved = {}
        holders = {}
        for record in records:
            area = area_of(record) if signoff else self.env["gov.area"]
            if area not in resolved:
                resolved[area] = holder_of(area)
            holders[record] = resolved[area]
        return holders

    def _signoff_department(self, record):
        if isinstance(record, self.pool["gov.signoff.mixin"]):
            return record._gov_signoff_department()
        return self.env["hr.department"]

    @api.model
    def _acting_user(self, user, on_date):
        """The user who acts for ``user`` on ``on_date``: ``user`` unless away (R5.3, R5.4, R40.1)."""
        return self.env["gov.absence"]._who_acts(on_date)(user)

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
