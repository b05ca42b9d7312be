from odoo import api, fields, models
from odoo.exceptions import UserError

COORDINATION_STATES = [
    ("draft", "Draft"),
    ("pending", "Awaiting the Leader"),
    ("decided", "Decided"),
    ("rejected", "Proposal Refused"),
]


class GovSupervisionCoordination(models.Model):
    """When the principals of the units cannot agree (R33.1): the lead unit records the coordination,
    the disagreements, its proposal and reasons; the leader in charge decides (a sign-off step)."""

    _name = "gov.supervision.coordination"
    _description = "Supervision Coordination"
    _inherit = ["gov.signoff.mixin"]
    _order = "id desc"
    _gov_state_field = "state"
    _gov_state_to = {"consulting": "pending", "pending": "pending", "approved": "decided", "rejected": "rejected",
                     "returned": "draft", "draft": "draft", "lapsed": "rejected"}
    _gov_locked_states = ("pending", "decided", "rejected")
    _gov_area_field = "area_id"
    _gov_department_field = "department_id"
    _gov_author_fields = ("author_id",)
    _gov_protected_fields = ("decision", "author_id")

    item_id = fields.Many2one("gov.supervision.item", required=True, index=True, ondelete="cascade")
    name = fields.Char(string="Subject", required=True)
    state = fields.Selection(COORDINATION_STATES, default="draft", required=True, index=True, tracking=True,
                             copy=False)
    area_id = fields.Many2one(related="item_id.area_id", store=True, index=True, string="Subject Area")
    department_id = fields.Many2one(related="item_id.lead_department_id", store=True, index=True,
                                    string="Lead Unit")
    author_id = fields.Many2one("res.users", string="Recorded by", required=True, readonly=True, index=True,
                                default=lambda self: self.env.user)
    unit_ids = fields.Many2many("hr.department", string="Units Concerned")
    disagreements = fields.Html(required=True)
    proposal = fields.Html(string="Lead Unit's Proposal", required=True)
    reasons = fields.Html(required=True)
    decision = fields.Text(string="Leader's Decision", readonly=True)
    can_submit = fields.Boolean(compute="_compute_can_submit")

    @api.depends_context("uid")
    @api.depends("item_id.lead_department_id")
    def _compute_can_submit(self):
        # the lead unit's staff or the supervision staff: as the item itself says for the current user
        for coordination in self:
            coordination.can_submit = coordination.item_id.is_lead_user

    @api.model_create_multi
    def create(self, vals_list):
        Item = self.env["gov.supervision.item"]
        units = Item._my_units()
        staff = Item._is_supervision_staff()
        for vals in vals_list:
            item = Item.browse(vals.get("item_id"))
            if item.state != "open":
                raise UserError(self.env._("Coordination is recorded on an item in progress only."))
            if not staff and item.lead_department_id not in units:
                raise UserError(self.env._("The lead unit (%s) records the coordination (R33.1).",
                                           item.lead_department_id.name))
        return super().create(vals_list)

    def _gov_signoff_check_submit(self):
        result = super()._gov_signoff_check_submit()
        if not self.can_submit:
            raise UserError(self.env._("The lead unit (%s) records the coordination (R33.1).",
                                       self.item_id.lead_department_id.name))
        return result

    def _gov_signoff_on_state(self, state):
        result = super()._gov_signoff_on_state(state)
        if state not in ("approved", "rejected"):
            return result
        # sudo: the leader's words are read from the log, whoever reads the coordination
        opinion = self.sudo().signoff_log_ids.filtered(
            lambda log: log.action in ("approve", "reject")).sorted("id", reverse=True)[:1].opinion
        self._gov_signoff_write({"decision": opinion or False})
        district = self.with_context(lang=self.env["gov.rule.set"]._district_lang()).env
        body = district._("The leader in charge decided on “%(name)s”: %(outcome)s. %(opinion)s", name=self.name,
                          outcome=district._("proposal adopted") if state == "approved"
                          else district._("proposal refused"), opinion=opinion or "")
        # sudo: the system tells the item's followers, whoever decided
        self.item_id.sudo().message_post(body=body, subtype_xmlid="mail.mt_note")
        return result
