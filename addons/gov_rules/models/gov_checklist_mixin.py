from odoo import api, fields, models
from odoo.exceptions import UserError

# an item's checklist is filled in while it can be (re)submitted (gov_signoff_mixin.RESUBMITTABLE_STATES)
OPEN_SIGNOFF_STATES = ("draft", "returned", "rejected")


class GovChecklistMixin(models.AbstractModel):
    """The checklist of an item that goes through sign-off (R11.1, R27.7): the lines its type asks for
    (required attachments, procedure steps, the office's checks), done with evidence or skipped with a
    reason before it is submitted; the office's own checks (R27.4) are confirmed before the office
    approves it or anyone signs it.

    gov.signoff.mixin inherits it: every model that goes through sign-off has a checklist. A model
    names its type's lines in ``_gov_checklist_templates``.
    """

    _name = "gov.checklist.mixin"
    _description = "Checklist of an Item"

    # lines of any model, by res_model and res_id: the framework keeps a One2many only over a Many2one (a
    # line of a record not saved yet has no id to point to), so the item reads its lines and writes them
    # itself (see _gov_checklist_apply)
    checklist_ids = fields.One2many("gov.checklist.item", compute="_compute_checklist_ids",
                                    inverse="_inverse_checklist_ids", readonly=False)
    checklist_open = fields.Boolean(compute="_compute_checklist_open",
                                    help="The checklist may be filled in now (a draft, or returned).")

    def _compute_checklist_ids(self):
        # as the user: the lines he may read (they follow the item, see the record rules)
        ids = [record._origin.id for record in self if record._origin.id]
        lines = self.env["gov.checklist.item"].search([("res_model", "=", self._name), ("res_id", "in", ids)])
        for record in self:
            record.checklist_ids = lines.filtered(lambda line, r=record: line.res_id == r._origin.id)

    def _inverse_checklist_ids(self):
        """The lines are written by create() and write() from the commands (_gov_checklist_apply)."""

    @api.model_create_multi
    def create(self, vals_list):
        commands = [vals.get("checklist_ids") for vals in vals_list]
        records = super().create([{k: v for k, v in vals.items() if k != "checklist_ids"} for vals in vals_list])
        for record, record_commands in zip(records, commands, strict=True):
            if record_commands:
                record._gov_checklist_apply(record_commands)
        records._gov_checklist_fill()
        return records

    def write(self, vals):
        commands = vals.get("checklist_ids")
        result = super().write({k: v for k, v in vals.items() if k != "checklist_ids"} if commands is not None
                               else vals)
        if commands:
            for record in self:
                record._gov_checklist_apply(commands)
        return result

    def unlink(self):
        # sudo: the lines go with their item (a Many2oneReference has no cascade of its own)
        lines = self.sudo().checklist_ids
        result = super().unlink()
        lines.unlink()
        return result

    def _compute_checklist_open(self):
        for record in self:
            record.checklist_open = record._gov_checklist_is_open()

    def _gov_checklist_apply(self, commands):
        """Apply the x2many ``commands`` of ``checklist_ids`` (the form's, RPC's) to the item's lines."""
        self.ensure_one()
        Line = self.env["gov.checklist.item"]
        for given in commands:
            command = given if isinstance(given, list | tuple) else (fields.Command.LINK, given)
            operation = command[0]
            if operation == fields.Command.CREATE:
                Line.create({**command[2], "res_model": self._name, "res_id": self.id})
            elif operation == fields.Command.UPDATE:
                self._gov_checklist_own(command[1]).write(command[2])
            elif operation in (fields.Command.DELETE, fields.Command.UNLINK):
                # a line is nothing without its item: taken off, it goes
                self._gov_checklist_own(command[1]).unlink()
            elif operation == fields.Command.LINK:
                self._gov_checklist_own(command[1])
            elif operation == fields.Command.CLEAR:
                self.checklist_ids.unlink()
            elif operation == fields.Command.SET:
                (self.checklist_ids - self._gov_checklist_own(command[2])).unlink()
        self.invalidate_recordset(["checklist_ids"])

    def _gov_checklist_own(self, ids):
        """The lines ``ids``, which must be this item's."""
        lines = self.env["gov.checklist.item"].browse(ids if isinstance(ids, list | tuple) else [ids])
        # sudo: which item a line belongs to decides, whether or not the user may read it
        if any((line.res_model, line.res_id) != (self._name, self.id) for line in lines.sudo()):
            raise UserError(self.env._("A checklist line belongs to its own item only."))
        return lines

    # ------------------------------------------------------------------
    # Hooks for the consuming model
    # ------------------------------------------------------------------
    def _gov_checklist_templates(self):
        """The lines the item's type asks for (gov.checklist.template)."""
        return self.env["gov.checklist.template"]

    def _gov_checklist_is_open(self):
        """Whether the item's lines may be added, changed and removed now (the office may at any time): while
        it can be submitted and its own state does not lock it (gov.signoff.mixin's _gov_locked_states)."""
        self.ensure_one()
        return self.signoff_state in OPEN_SIGNOFF_STATES and not (
            self._gov_state_field and self[self._gov_state_field] in self._gov_locked_states)

    @api.model
    def _gov_checklist_open_domain(self):
        """The items of this model whose lines are open (as _gov_checklist_is_open), for the record rules."""
        domain = [("signoff_state", "in", OPEN_SIGNOFF_STATES)]
        if self._gov_state_field and self._gov_locked_states:
            domain.append((self._gov_state_field, "not in", list(self._gov_locked_states)))
        return domain

    # ------------------------------------------------------------------
    # Lines and checks
    # ------------------------------------------------------------------
    @api.model
    def _gov_checklist_line_vals(self, template):
        # the model with the line from the start: a new line of the form is linked to its item by it
        return {"res_model": self._name, "template_id": template.id, "name": template.name, "kind": template.kind,
                "required": template.required, "rule_ref": template.rule_ref, "sequence": template.sequence}

    def _gov_checklist_fill(self):
        """Items created without lines get those of their type (the form sends the lines it shows)."""
        vals_list = [{**self._gov_checklist_line_vals(template), "res_model": record._name, "res_id": record.id}
                     for record in self.filtered(lambda r: not r.checklist_ids)
                     for template in record._gov_checklist_templates()]
        if vals_list:
            self.env["gov.checklist.item"].create(vals_list)
            self.invalidate_recordset(["checklist_ids"])

    def _gov_checklist_open_lines(self):
        """Lines still to do that must be done: as required as the type says, whatever the line says."""
        return self.checklist_ids.filtered(
            lambda item: (item.template_id.required or item.required) and item.state == "todo")

    def _gov_checklist_check_submit(self):
        """R11.1, R27.7: every line the type requires is there, and done or skipped with a reason; the
        office's own checks wait for the office's review (see _gov_checklist_check_decision)."""
        self.ensure_one()
        # sudo: whoever may submit reads the item and so its lines (their read rule follows the item's); read
        # as the system, the lines cost no evaluation of the rules
        missing = self._gov_checklist_templates().filtered("required") - self.sudo().checklist_ids.template_id
        if missing:
            raise UserError(self.env._("The checklist lacks: %s.", ", ".join(missing.mapped("name"))))
        open_items = self.sudo()._gov_checklist_open_lines().filtered(lambda item: item.kind != "confirmation")
        if open_items:
            raise UserError(self.env._(
                "These checklist items are neither done nor skipped with a reason: %s.",
                ", ".join(open_items.mapped("name"))))

    def _gov_checklist_check_decision(self):
        """R27.4: the office confirms its checks (one matter per request) when it reviews the item, so a
        clerk submits without them; but the office does not approve, nor does anyone sign, while one is
        open."""
        self.ensure_one()
        # sudo: the lines only gate the decision; their names are the item's, which the approver reads
        open_checks = self.sudo()._gov_checklist_open_lines().filtered(lambda item: item.kind == "confirmation")
        if not open_checks:
            return
        if self.env.user.has_group("gov_rules.group_gov_office") or self._gov_signoff_my_task().is_signature:
            raise UserError(self.env._(
                "The office first confirms or skips with a reason: %s (R27.4).", ", ".join(open_checks.mapped("name"))))
