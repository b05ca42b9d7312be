from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from ..lib.checks import check_not_blank

REQUEST_KINDS = [
    ("general", "General approval"),
    ("leave", "Leader's leave (请销假)"),
    ("bulletin", "Bulletin (简报)"),
    ("report", "Report to the government (请示报告)"),
]


class GovRequestType(models.Model):
    """A kind of request (审批事项) an administrator sets up in the web client, without code: who may
    file it, the fields its form asks for, its time limit, and (in the sign-off matrix) its routes."""

    _name = "gov.request.type"
    _description = "Request Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    code = fields.Char(required=True, index=True,
                       help="Short name the routes' conditions use, e.g. [(\"type_id.code\", \"=\", \"funds\")].")
    icon = fields.Char(default="fa-file-text-o", help="The card's icon: a Font Awesome name such as fa-money.")
    color = fields.Integer()
    description = fields.Text(translate=True)
    kind = fields.Selection(REQUEST_KINDS, required=True, default="general",
                            help="Leave becomes an absence once approved; a bulletin gets a register number.")
    group_ids = fields.Many2many("res.groups", string="Who May File",
                                 help="Empty: every government user may file this request.")
    properties_definition = fields.PropertiesDefinition(string="Form Fields")
    checklist_template_ids = fields.One2many("gov.checklist.template", "request_type_id", string="Checklist",
                                             copy=True)
    deadline_policy_id = fields.Many2one(
        "gov.deadline.policy", string="Time Limit",
        help="How long the approval may take; its escalation ladder reminds, urges and supervises.")
    separation_of_duties = fields.Boolean(
        help="Whoever drafts or files a request of this type never approves it, whatever its route says (R18.1).")
    register_sequence_id = fields.Many2one(
        "ir.sequence", string="Register", help="An approved request gets its register number from this sequence.")
    rule_ref = fields.Char(string="Rule", help="The clauses this type implements, e.g. R18.1.")
    # the dashboard's cards
    may_file = fields.Boolean(compute="_compute_may_file", search="_search_may_file",
                              help="The current user may file requests of this type.")
    my_open_count = fields.Integer(string="My Open Requests", compute="_compute_counts")
    to_approve_count = fields.Integer(string="To Approve", compute="_compute_counts")

    _code_uniq = models.Constraint("UNIQUE(code)", "Another request type already has this code.")

    @api.constrains("name", "code")
    def _check_not_blank(self):
        check_not_blank(self, "name", "code")

    @api.constrains("deadline_policy_id")
    def _check_time_limit(self):
        """Silence never approves (R27.6): a request's time limit cannot end in consent."""
        for request_type in self.filtered("deadline_policy_id"):
            if "consent" in request_type.deadline_policy_id.ladder_id.step_ids.mapped("terminal_action"):
                raise ValidationError(self.env._(
                    "“%s” cannot limit an approval: its ladder ends with “Silence means consent”, which applies only "
                    "to consultations (R27.6).", request_type.deadline_policy_id.name))

    @api.depends_context("uid")
    @api.depends("group_ids")
    def _compute_may_file(self):
        groups = self.env.user.all_group_ids
        for request_type in self:
            request_type.may_file = self.env.su or not request_type.group_ids or bool(request_type.group_ids & groups)

    def _search_may_file(self, operator, value):
        if operator != "in":
            return NotImplemented
        mine = Domain("group_ids", "=", False) | Domain("group_ids", "in", self.env.user.all_group_ids.ids)
        return mine if True in value else ~mine

    @api.depends_context("uid")
    def _compute_counts(self):
        Request = self.env["gov.request"]
        mine = dict(Request._read_group([("type_id", "in", self.ids), ("author_id", "=", self.env.uid),
                                         ("state", "in", ("draft", "pending", "returned"))],
                                        ["type_id"], ["__count"]))
        waiting = dict(Request._read_group([("type_id", "in", self.ids), ("signoff_user_ids", "in", self.env.uid)],
                                           ["type_id"], ["__count"]))
        for request_type in self:
            request_type.my_open_count = mine.get(request_type, 0)
            request_type.to_approve_count = waiting.get(request_type, 0)

    def action_new_request(self):
        """The dashboard's "New Request" button: a request of this type, its fields on the form."""
        self.ensure_one()
        return {"type": "ir.actions.act_window", "name": self.name, "res_model": "gov.request",
                "view_mode": "form", "views": [(False, "form")], "target": "current",
                "context": {"default_type_id": self.id}}

    def _requests_action(self, domain, name):
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_rules.action_gov_request")
        action.update({"name": name, "domain": domain,
                       "context": {"default_type_id": self.id, "search_default_type_id": self.id}})
        return action

    def action_my_requests(self):
        self.ensure_one()
        return self._requests_action([("type_id", "=", self.id), ("author_id", "=", self.env.uid)],
                                     self.env._("My Requests: %s", self.name))

    def action_to_approve(self):
        self.ensure_one()
        return self._requests_action([("type_id", "=", self.id), ("signoff_user_ids", "in", self.env.uid)],
                                     self.env._("To Approve: %s", self.name))

    def _matrix_domain(self):
        """The rows of the sign-off matrix for requests of this type: those whose condition names its code,
        and those for every request (no condition on the type)."""
        self.ensure_one()
        return ["&", ("model", "=", "gov.request"), "|", "|", ("domain", "ilike", f'"{self.code}"'),
                ("domain", "ilike", f"'{self.code}'"), ("domain", "not ilike", "type_id")]

    def action_routes(self):
        """The routes of this type: the matrix rows for its requests; a new row starts with its condition."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_rules.action_gov_signoff_matrix_row")
        rule_set = self.env["gov.rule.set"]._current()
        action.update({
            "name": self.env._("Routes: %s", self.name),
            "domain": self._matrix_domain(),
            "context": {"default_model_id": self.env["ir.model"]._get_id("gov.request"),
                        "default_rule_set_id": rule_set.id, "default_name": self.name,
                        "default_separation_of_duties": self.separation_of_duties,
                        "default_rule_ref": self.rule_ref or False,
                        "default_domain": f'[("type_id.code", "=", "{self.code}")]'},
        })
        return action

    def action_edit_form_fields(self):
        """Open the form fields of this type in the properties editor."""
        return self.env["gov.request.type.fields"]._gov_open_for(self)
