from odoo import api, fields, models
from odoo.exceptions import ValidationError

FUNCTIONS = [
    ("member", "Member"),
    ("ex_officio", "Attends Ex Officio"),
    ("proposer", "Proposes Topics"),
]


class GovMeetingTypeRole(models.Model):
    """One line of who takes part in a meeting type: a position role (every holder of it, e.g. all the
    deputies or all unit principals), one position, or one user; as a member, an ex officio attendee
    (R22.1) or a proposer of topics (R21.1, R22.2)."""

    _name = "gov.meeting.type.role"
    _description = "Meeting Type Participant"
    _order = "type_id, function, sequence, id"

    type_id = fields.Many2one("gov.meeting.type", required=True, index=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    function = fields.Selection(FUNCTIONS, required=True, default="member", index=True)
    role = fields.Selection(selection="_selection_role", string="Every Holder of",
                            help="Whoever holds a position of this role, as positions change.")
    position_id = fields.Many2one("gov.position", ondelete="cascade")
    user_id = fields.Many2one("res.users", ondelete="cascade")

    @api.model
    def _selection_role(self):
        return self.env["gov.position"]._fields["role"]._description_selection(self.env)

    @api.constrains("role", "position_id", "user_id")
    def _check_one_target(self):
        for line in self:
            if len([value for value in (line.role, line.position_id, line.user_id) if value]) != 1:
                raise ValidationError(self.env._(
                    "A participant line of “%s” names one role, one position or one user.", line.type_id.name))

    @api.depends("role", "position_id", "user_id", "function")
    def _compute_display_name(self):
        functions = dict(self._fields["function"]._description_selection(self.env))
        roles = dict(self._fields["role"]._description_selection(self.env))
        for line in self:
            target = roles.get(line.role) or line.position_id.display_name or line.user_id.display_name or ""
            line.display_name = f"{functions.get(line.function, '')}: {target}"

    def _users(self):
        """The users these lines name today: one search of the positions for all the roles."""
        users = self.env["res.users"]
        roles = set(self.filtered("role").mapped("role"))
        if roles:
            # sudo: positions are configuration; who holds one decides who takes part
            positions = self.env["gov.position"].sudo().search([("role", "in", list(roles)), ("user_id", "!=", False)])
            users |= positions.user_id
            if "unit_principal" in roles:
                # the units' principals are named on the units (R20.1: all department heads)
                users |= self.env["hr.department"].sudo().search([("gov_principal_id", "!=", False)]).gov_principal_id
        users |= self.sudo().position_id.filtered("active").user_id
        users |= self.sudo().user_id
        return users.filtered("active").with_env(self.env)
