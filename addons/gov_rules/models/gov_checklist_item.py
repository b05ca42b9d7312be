from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .gov_checklist_template import CHECKLIST_KINDS


class GovChecklistItem(models.Model):
    """A checklist line of an item: done with evidence, or skipped with a stated reason (R27.7)."""

    _name = "gov.checklist.item"
    _description = "Checklist Item"
    _order = "sequence, id"

    document_id = fields.Many2one("gov.document", ondelete="cascade", index=True)
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

    @api.constrains("state", "attachment_ids", "note", "skip_reason", "kind")
    def _check_evidence(self):
        for item in self:
            if item.state == "done" and item.kind != "confirmation" and not (item.attachment_ids or item.note):
                raise ValidationError(self.env._("“%s” is done only with evidence: attach a file or write a note.",
                                                 item.name))
            if item.state == "skipped" and not (item.skip_reason or "").strip():
                raise ValidationError(self.env._("Say why “%s” is skipped.", item.name))
            if item.state == "done" and item.kind == "confirmation" and not self.env.user.has_group(
                    "gov_rules.group_gov_office"):
                raise ValidationError(self.env._("Only the office confirms “%s”.", item.name))
            if item.state == "done" and item.reviewer_role and self.env.user != self.env["gov.position"]._holder(
                    item.reviewer_role):
                raise ValidationError(self.env._("Only the legal adviser records “%s” (R11.4).", item.name))

    def write(self, vals):
        if not self.env.su:
            self._check_editable(vals)
        if vals.get("state") in ("done", "skipped"):
            vals = {**vals, "done_by_id": self.env.user.id, "done_on": fields.Datetime.now()}
        return super().write(vals)

    def _check_editable(self, vals):
        """What the form asks for is the form's: only evidence and the state change, and only while
        the document is a draft (the office confirms its items at any time)."""
        if {"name", "kind", "required", "template_id", "document_id"} & set(vals):
            raise UserError(self.env._("Checklist lines come from the document type; change them there."))
        office = self.env.user.has_group("gov_rules.group_gov_office")
        # sudo: the reviewer (say, the legal adviser) may not read the document itself
        if not office and self.filtered(lambda item: item.document_id.sudo().state != "draft"):
            raise UserError(self.env._("The checklist of a submitted document cannot be changed."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_from_the_form(self):
        if not self.env.su and self.filtered("template_id"):
            raise UserError(self.env._("Checklist lines come from the document type; they cannot be removed."))
