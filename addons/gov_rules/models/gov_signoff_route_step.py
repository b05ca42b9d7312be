from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.checks import check_not_blank

SIGNOFF_ROLES = [
    ("head", "District head"),
    ("area_leader", "Leader in charge of the area"),
    ("executive_deputy", "Executive deputy head"),
    ("office_deputy", "Office deputy director in charge"),
    ("office_director", "Office director"),
    ("legal_adviser", "Legal adviser"),
    ("unit_principal", "Principal of the unit"),
    ("group", "Any member of a group"),
    ("user", "A named user"),
    ("user_field", "A user named on the record"),
]


class GovSignoffRouteStep(models.Model):
    """A step of a route: a role resolved when the step becomes due. Steps with the same number
    run in parallel (会签) and need ``required_approvals`` of them (0: all)."""

    _name = "gov.signoff.route.step"
    _description = "Sign-off Route Step"
    _order = "sequence, id"

    row_id = fields.Many2one("gov.signoff.matrix.row", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(string="Step", default=1, required=True,
                              help="Steps with the same number run in parallel.")
    name = fields.Char(required=True, translate=True)
    role = fields.Selection(SIGNOFF_ROLES, required=True, default="area_leader")
    group_id = fields.Many2one("res.groups")
    user_id = fields.Many2one("res.users")
    user_field_id = fields.Many2one("ir.model.fields", ondelete="cascade",
                                    domain="[('model_id', '=', parent.model_id), ('relation', '=', 'res.users'),"
                                           " ('ttype', '=', 'many2one')]")
    required_approvals = fields.Integer(string="Approvals Needed", default=0,
                                        help="For parallel steps: how many of them must approve (0: all).")
    deadline_policy_id = fields.Many2one("gov.deadline.policy", string="Time Limit",
                                         help="Empty: the item's own time limit.")
    allow_delegate = fields.Boolean(string="May Be Delegated")
    is_signature = fields.Boolean(string="Signature (签发)", help="The person who approves this step signs the item.")
    editable_field_ids = fields.Many2many("ir.model.fields", string="Editable During This Step",
                                          domain="[('model_id', '=', parent.model_id), ('store', '=', True)]")

    @api.constrains("name")
    def _check_not_blank(self):
        check_not_blank(self, "name")

    @api.constrains("role", "group_id", "user_id", "user_field_id", "required_approvals")
    def _check_role(self):
        for step in self:
            missing = {"group": not step.group_id, "user": not step.user_id,
                       "user_field": not step.user_field_id}.get(step.role)
            if missing:
                raise ValidationError(self.env._("Step “%s” needs the group, user or field its role names.",
                                                 step.name))
            if step.required_approvals < 0:
                raise ValidationError(self.env._("The number of approvals needed cannot be negative."))
        self.row_id._check_route()
        self._check_user_field()

    def _check_user_field(self):
        """A user field names a user on the very item the row applies to (R28.2)."""
        for step in self.filtered(lambda s: s.role == "user_field"):
            field = step.user_field_id
            if field.model_id != step.row_id.model_id or field.ttype != "many2one" or field.relation != "res.users":
                raise ValidationError(self.env._(
                    "Step “%(step)s” needs a user field of %(model)s (a link to one user); “%(field)s” is not one.",
                    step=step.name, model=step.row_id.model_id.name, field=field.field_description))

    @api.constrains("deadline_policy_id")
    def _check_time_limit(self):
        """Silence never signs (R27.6): a sign-off step cannot take a time limit whose ladder ends in
        consent, such as the consultation's."""
        for step in self.filtered("deadline_policy_id"):
            policy = step.deadline_policy_id
            if "consent" in policy.ladder_id.step_ids.mapped("terminal_action"):
                raise ValidationError(self.env._(
                    "Step “%(step)s” cannot take the time limit “%(policy)s”: its ladder ends with “Silence means "
                    "consent”, which applies only to the answers to a consultation (R27.6).",
                    step=step.name, policy=policy.name))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_last_step(self):
        emptied = self.row_id.filtered(lambda row: not row.step_ids - self)
        if emptied:
            raise ValidationError(self.env._("The route of “%s” has no step; add at least one.", emptied[0].name))

    def _snapshot(self):
        """What an item keeps of this step when it is submitted."""
        self.ensure_one()
        return {
            "route_step_id": self.id,
            "sequence": self.sequence,
            "name": self.name,
            "role": self.role,
            "group_id": self.group_id.id,
            "role_user_id": self.user_id.id,
            "user_field": self.user_field_id.name,
            "required_approvals": self.required_approvals,
            "deadline_policy_id": self.deadline_policy_id.id,
            "allow_delegate": self.allow_delegate,
            "is_signature": self.is_signature,
            "editable_fields": ",".join(self.editable_field_ids.mapped("name")),
        }
