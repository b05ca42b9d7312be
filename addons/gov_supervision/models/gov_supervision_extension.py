from odoo import api, fields, models
from odoo.addons.gov_rules.lib.district_time import district_today
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

EXTENSION_STATES = [
    ("draft", "Draft"),
    ("pending", "Awaiting the Leader"),
    ("approved", "Approved"),
    ("rejected", "Refused"),
]


class GovSupervisionExtension(models.Model):
    """An extension (延期) the lead unit asks for before the deadline, with a reason and a new date; the
    leader in charge approves it through the engine. The item keeps its original deadline for the
    statistics and moves its deadline to the new date."""

    _name = "gov.supervision.extension"
    _description = "Supervision Item Extension"
    _inherit = ["gov.signoff.mixin"]
    _order = "id desc"
    _gov_state_field = "state"
    _gov_state_to = {"consulting": "pending", "pending": "pending", "approved": "approved", "rejected": "rejected",
                     "returned": "draft", "draft": "draft", "lapsed": "rejected"}
    _gov_locked_states = ("pending", "approved", "rejected")
    _gov_area_field = "area_id"
    _gov_department_field = "department_id"
    _gov_author_fields = ("author_id",)
    _gov_protected_fields = ("author_id",)

    item_id = fields.Many2one("gov.supervision.item", required=True, index=True, ondelete="cascade")
    name = fields.Char(compute="_compute_name", store=True)
    state = fields.Selection(EXTENSION_STATES, default="draft", required=True, index=True, tracking=True, copy=False)
    area_id = fields.Many2one(related="item_id.area_id", store=True, index=True, string="Subject Area")
    department_id = fields.Many2one(related="item_id.lead_department_id", store=True, index=True,
                                    string="Lead Unit")
    author_id = fields.Many2one("res.users", string="Asked by", required=True, readonly=True, index=True,
                                default=lambda self: self.env.user)
    current_deadline = fields.Date(string="Deadline When Asked", readonly=True)
    new_deadline = fields.Date(required=True, tracking=True)
    reason = fields.Text(required=True)
    can_ask = fields.Boolean(compute="_compute_can_ask")

    @api.depends_context("uid")
    @api.depends("item_id.lead_department_id")
    def _compute_can_ask(self):
        # the lead unit's staff or the supervision staff: as the item itself says for the current user
        for extension in self:
            extension.can_ask = extension.item_id.is_lead_user

    @api.depends("item_id.name", "new_deadline")
    def _compute_name(self):
        for extension in self:
            extension.name = self.env._("Extension of %(item)s to %(date)s", item=extension.item_id.name or "",
                                        date=format_date(self.env, extension.new_deadline)) \
                if extension.new_deadline else extension.item_id.name

    @api.model_create_multi
    def create(self, vals_list):
        Item = self.env["gov.supervision.item"]
        today = district_today(self)
        units = Item._my_units()
        staff = Item._is_supervision_staff()
        for vals in vals_list:
            item = Item.browse(vals.get("item_id"))
            if not item.exists():
                raise UserError(self.env._("An extension is asked for an item."))
            if item.state != "open":
                raise UserError(self.env._("An extension is asked for an item in progress only."))
            if not staff and item.lead_department_id not in units:
                raise UserError(self.env._("Only the lead unit (%s) asks for an extension.",
                                           item.lead_department_id.name))
            if item.deadline and today > item.deadline:
                raise ValidationError(self.env._(
                    "The deadline of %(item)s passed on %(date)s: an extension is asked before the deadline.",
                    item=item.name, date=format_date(self.env, item.deadline)))
            vals["current_deadline"] = item.deadline
        extensions = super().create(vals_list)
        extensions._check_new_deadline()
        return extensions

    def _check_new_deadline(self):
        for extension in self:
            deadline = extension.item_id.deadline
            if not (extension.reason or "").strip():
                raise ValidationError(self.env._("Give the reason for the extension."))
            if deadline and extension.new_deadline <= deadline:
                raise ValidationError(self.env._(
                    "The new deadline (%(new)s) must be after the current one (%(current)s).",
                    new=format_date(self.env, extension.new_deadline), current=format_date(self.env, deadline)))

    @api.constrains("new_deadline", "reason")
    def _check_dates(self):
        self.filtered(lambda ext: ext.state in ("draft", "pending"))._check_new_deadline()

    def action_ask(self):
        """The lead unit asks: the leader in charge decides (route: area_leader)."""
        for extension in self:
            if self.search_count([("item_id", "=", extension.item_id.id), ("state", "=", "pending")], limit=1):
                raise UserError(self.env._("%s already waits for a decision on an extension.",
                                           extension.item_id.name))
        self.action_signoff_submit()
        return {"type": "ir.actions.act_window_close"}

    def _gov_signoff_check_submit(self):
        result = super()._gov_signoff_check_submit()
        if self.item_id.state != "open":
            raise UserError(self.env._("An extension is asked for an item in progress only."))
        if not self.can_ask:
            raise UserError(self.env._("Only the lead unit (%s) asks for an extension.",
                                       self.item_id.lead_department_id.name))
        if self.item_id.deadline and district_today(self) > self.item_id.deadline:
            raise ValidationError(self.env._("The deadline of %s has passed: an extension is asked before it.",
                                             self.item_id.name))
        self._check_new_deadline()
        return result

    def _gov_signoff_on_state(self, state):
        result = super()._gov_signoff_on_state(state)
        if state != "approved":
            return result
        item = self.item_id
        if item.state not in ("open", "review") or (item.deadline and self.new_deadline <= item.deadline):
            raise UserError(self.env._("%s no longer takes this extension: its deadline already moved or it "
                                       "is closed.", item.name))
        # the item's deadline moves; its original deadline stays (the statistics count against it)
        item._gov_signoff_write({"deadline": self.new_deadline, "deadline_policy_id": False,
                                 "escalation_offset_done": -1000})
        item._gov_close_deadline_activities()
        self.env["gov.supervision.light.policy"]._recompute_lights(item)
        district = self.with_context(lang=self.env["gov.rule.set"]._district_lang()).env
        # sudo: the system notes the new deadline, whoever approved it
        item.sudo().message_post(body=district._(
            "Extension approved: the deadline moves from %(old)s to %(new)s (original deadline %(original)s).",
            old=format_date(district, self.current_deadline), new=format_date(district, self.new_deadline),
            original=format_date(district, item.original_deadline)), subtype_xmlid="mail.mt_note")
        return result
