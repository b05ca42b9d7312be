from odoo import api, fields, models
from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from .gov_checklist_template import CHECKLIST_KINDS


class GovChecklistItem(models.Model):
    """A checklist line of an item of any model that goes through sign-off (gov.checklist.mixin): done
    with evidence, or skipped with a stated reason (R27.7).

    A line follows its item: read by whoever may read the item (item_readable), changed by whoever may
    change it while its checklist is open (item_writable, item_open), see the record rules.
    """

    _name = "gov.checklist.item"
    _description = "Checklist Item"
    _inherit = ["gov.item.log.mixin"]
    _order = "sequence, id"

    res_model = fields.Char(string="Model", required=True, index=True)
    res_id = fields.Many2oneReference(string="Item", model_field="res_model", required=True, index=True)
    template_id = fields.Many2one("gov.checklist.template", ondelete="set null")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    kind = fields.Selection(CHECKLIST_KINDS, required=True, default="procedure")
    required = fields.Boolean(default=True)
    reviewer_role = fields.Selection(related="template_id.reviewer_role")
    rule_ref = fields.Char(string="Rule")
    state = fields.Selection([("todo", "To Do"), ("done", "Done"), ("skipped", "Skipped")], default="todo",
                             required=True)
    attachment_ids = fields.Many2many("ir.attachment", string="Evidence Files")
    note = fields.Text(string="Evidence")
    skip_reason = fields.Text()
    done_by_id = fields.Many2one("res.users", string="By", readonly=True)
    done_on = fields.Datetime(string="On", readonly=True)
    can_record = fields.Boolean(compute="_compute_can_record",
                                help="The current user may record this line as done (the office confirms, the "
                                     "reviewer reviews).")
    item_writable = fields.Boolean(string="Item I May Change", compute="_compute_item_writable",
                                   search="_search_item_writable",
                                   help="The current user may change the item the line belongs to.")
    item_open = fields.Boolean(string="Checklist Open", compute="_compute_item_open", search="_search_item_open",
                               help="The item's checklist may be filled in now (a draft, or returned).")
    reviewer_is_me = fields.Boolean(string="My Review", compute="_compute_reviewer_is_me",
                                    search="_search_reviewer_is_me",
                                    help="The line is one the current user records as the holder of its position.")

    _item_idx = models.Index("(res_model, res_id)")

    @api.model
    def _item_models(self):
        """The models whose items have checklists: those that go through sign-off."""
        return self.env["gov.signoff.log"]._item_models()

    def _items(self):
        """{model name: the items of these lines} (as the current user; sudo() for the system's checks)."""
        return self._items_of((line.res_model, line.res_id) for line in self)

    @api.model
    def _items_of(self, pairs):
        items = {}
        for name, res_id in pairs:
            if name in self.env and res_id:
                items.setdefault(name, set()).add(res_id)
        return {name: self.env[name].browse(sorted(ids)) for name, ids in items.items()}

    def _item(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id) if self.res_model in self.env else None

    @api.depends_context("uid")
    def _compute_item_writable(self):
        # record rules evaluate this as superuser: the items' own rules are those of the real user
        env = self.env(su=False)
        writable = set()
        for name, items in self._items().items():
            if name in self._item_models() and env[name].has_access("write"):
                writable |= {(name, item_id) for item_id in items.with_env(env).exists()._filtered_access("write").ids}
        for line in self:
            line.item_writable = (line.res_model, line.res_id) in writable

    def _search_item_writable(self, operator, value):
        """Lines of items the current user may change: whoever changes an item fills in its checklist."""
        if operator != "in":
            return NotImplemented
        # record rules search as superuser: the items are searched with the real user's rights
        env = self.env(su=False)
        writable = Domain.OR(
            Domain("res_model", "=", name)
            & Domain("res_id", "in", env[name]._search(env["ir.rule"]._compute_domain(name, "write")))
            for name in self._item_models() if env[name].has_access("write"))
        return writable if True in value else ~writable

    def _compute_item_open(self):
        # sudo: whether the item's checklist is open depends on its state, whoever may read it
        open_items = set()
        for name, items in self.sudo()._items().items():
            if name in self._item_models():
                open_items |= {(name, item.id) for item in items.exists() if item._gov_checklist_is_open()}
        for line in self:
            line.item_open = (line.res_model, line.res_id) in open_items

    def _search_item_open(self, operator, value):
        if operator != "in":
            return NotImplemented
        # sudo: the state of the item decides, whoever may read it
        open_domain = Domain.OR(
            Domain("res_model", "=", name)
            & Domain("res_id", "in", self.env[name].sudo()._search(self.env[name]._gov_checklist_open_domain()))
            for name in self._item_models())
        return open_domain if True in value else ~open_domain

    @api.model
    def _roles_held(self, user):
        # sudo: positions are configuration; who holds one decides who reviews
        return set(self.env["gov.position"].sudo().search([("user_id", "=", user.id)]).mapped("role"))

    @api.depends_context("uid")
    @api.depends("template_id.reviewer_role")
    def _compute_reviewer_is_me(self):
        roles = self._roles_held(self.env.user)
        for item in self:
            item.reviewer_is_me = bool(item.reviewer_role) and item.reviewer_role in roles

    @api.depends_context("uid")
    @api.depends("kind", "template_id.reviewer_role")
    def _compute_can_record(self):
        # as _check_evidence: a confirmation is the office's, a review its reviewer's
        is_office = self.env.user.has_group("gov_rules.group_gov_office")
        roles = self._roles_held(self.env.user)
        for item in self:
            item.can_record = (item.kind != "confirmation" or is_office) and (
                not item.reviewer_role or item.reviewer_role in roles)

    def _search_reviewer_is_me(self, operator, value):
        if operator != "in":
            return NotImplemented
        mine = Domain("template_id.reviewer_role", "in", list(self._roles_held(self.env.user)))
        return mine if True in value else ~mine

    @api.constrains("state", "attachment_ids", "note", "skip_reason", "kind")
    def _check_evidence(self):
        for item in self:
            if item.state == "done" and item.kind != "confirmation" and not (item.attachment_ids or item.note):
                raise ValidationError(self.env._("“%s” is done only with evidence: attach a file or write a note.",
                                                 item.name))
            if item.state == "skipped" and not (item.skip_reason or "").strip():
                raise ValidationError(self.env._("Say why “%s” is skipped.", item.name))
            # done or skipped alike: whoever could skip the office's check could bypass the office (R27.4)
            if item.state in ("done", "skipped") and item.kind == "confirmation" and not self.env.user.has_group(
                    "gov_rules.group_gov_office"):
                raise ValidationError(self.env._("Only the office confirms or skips “%s” (R27.4).", item.name))
            # done or skipped alike: whoever could skip the review could bypass the reviewer (R11.4)
            if item.state in ("done", "skipped") and item.reviewer_role and not item.reviewer_is_me:
                raise ValidationError(self.env._("Only the legal adviser records or skips “%s” (R11.4).",
                                                 item.name))

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            for vals in vals_list:
                self._check_not_system_fields(vals)
            vals_list = [self._as_the_template_says(vals) for vals in vals_list]
        for vals in vals_list:
            self._check_item_model(vals)
        if not self.env.su:
            # before the record rules refuse it (they lock a submitted item's lines too), with the reason
            self._check_items_open(self._items_of((vals["res_model"], vals["res_id"]) for vals in vals_list))
        vals_list = [self._with_who_and_when(vals) for vals in vals_list]
        items = super().create(vals_list)
        self.env["ir.attachment"]._gov_link_uploads(items)
        self._invalidate_checklists()
        return items

    def write(self, vals):
        if not self.env.su:
            self._check_not_system_fields(vals)
            self._check_editable(vals)
            self._check_decider(vals)
        result = super().write(self._with_who_and_when(vals))
        if "attachment_ids" in vals:
            self.env["ir.attachment"]._gov_link_uploads(self)
        return result

    def _with_who_and_when(self, vals):
        """Who decided a line and when are the system's record of the decision, never typed in."""
        if "state" not in vals:
            return vals
        if vals["state"] in ("done", "skipped"):
            return {**vals, "done_by_id": self.env.user.id, "done_on": fields.Datetime.now()}
        return {**vals, "done_by_id": False, "done_on": False}

    def _as_the_template_says(self, vals):
        """A line of the type's checklist is what the type says, whatever the client sends; a line the
        user adds himself is never the office's check nor a review (R27.4, R11.4)."""
        if vals.get("template_id"):
            template = self.env["gov.checklist.template"].browse(vals["template_id"])
            return {**vals, "name": template.name, "kind": template.kind, "required": template.required,
                    "rule_ref": template.rule_ref}
        if vals.get("kind") == "confirmation":
            raise UserError(self.env._("Only the item's type adds a line the office confirms (R27.4)."))
        return vals

    @api.model
    def _check_item_model(self, vals):
        if vals.get("res_model") not in self._item_models() or not isinstance(vals.get("res_id"), int):
            raise UserError(self.env._("A checklist line belongs to an item that goes through sign-off."))

    def _check_not_system_fields(self, vals):
        if {"done_by_id", "done_on"} & set(vals):
            raise UserError(self.env._("Who recorded a checklist line and when are set by the system."))

    def _check_decider(self, vals):
        """A line only the office or a reviewer decides is decided by them only, and undone by them
        only (R27.4, R11.4); the constraint checks lines that end up done or skipped, this one also a
        line set back to do."""
        if "state" not in vals:
            return
        changing = self.filtered(lambda item: item.state != vals["state"])
        if not self.env.user.has_group("gov_rules.group_gov_office"):
            office_line = changing.filtered(lambda item: item.kind == "confirmation")[:1]
            if office_line:
                raise ValidationError(self.env._("Only the office confirms or skips “%s” (R27.4).",
                                                 office_line.name))
        review_line = changing.filtered(lambda item: item.reviewer_role and not item.reviewer_is_me)[:1]
        if review_line:
            raise ValidationError(self.env._("Only the legal adviser records or skips “%s” (R11.4).",
                                             review_line.name))

    def _check_editable(self, vals):
        """What the form asks for is the form's: only evidence and the state change, and only while
        the item's checklist is open (the office confirms its items at any time)."""
        if {"name", "kind", "required", "template_id", "res_model", "res_id"} & set(vals):
            raise UserError(self.env._("Checklist lines come from the item's type; change them there."))
        self._check_item_open()

    def _check_item_open(self):
        self._check_items_open(self._items())

    @api.model
    def _check_items_open(self, items_by_model):
        """Lines are added, changed and removed while the item's checklist is open (a draft); the office
        at any time."""
        if self.env.user.has_group("gov_rules.group_gov_office"):
            return
        for items in items_by_model.values():
            # sudo: the reviewer (say, the legal adviser) may not read the item itself
            if items.sudo().exists().filtered(lambda item: not item._gov_checklist_is_open()):
                raise UserError(self.env._("The checklist of a submitted item cannot be changed."))

    def unlink(self):
        # the reason first: the access rules also refuse the lines of a submitted document, without one
        if not self.env.context.get(MODULE_UNINSTALL_FLAG):
            self._unlink_except_from_the_form()
        result = super().unlink()
        self._invalidate_checklists()
        return result

    @api.model
    def _invalidate_checklists(self):
        """The items read their lines (gov.checklist.mixin): a line added or removed is seen at once."""
        for name in self._item_models():
            self.env[name].invalidate_model(["checklist_ids"])

    def _unlink_except_from_the_form(self):
        if self.env.su:
            return
        if self.filtered("template_id"):
            raise UserError(self.env._("Checklist lines come from the item's type; they cannot be removed."))
        self._check_item_open()
