from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import format_date

from ..lib.checks import check_not_blank
from ..lib.district_time import district_today
from .gov_signoff_mixin import RESUBMITTABLE_STATES

REQUEST_STATES = [
    ("draft", "Draft"),
    ("pending", "Under Approval"),
    ("returned", "Returned for Changes"),
    ("rejected", "Rejected"),
    ("approved", "Approved"),
    ("cancelled", "Cancelled"),
]
# the requesting unit changes a request in these states only (and the record rules say so too)
EDITABLE_STATES = ("draft", "returned", "rejected")


class GovRequest(models.Model):
    """A request (申请) of a type an administrator set up without code (审批事项): funds, procurement,
    a leader's leave, a bulletin, a report to the government … It goes through sign-off by the
    matrix, whose rows may look at its type, its amount and its form fields (R18.1)."""

    _name = "gov.request"
    _description = "Request"
    _inherit = ["gov.signoff.mixin", "gov.typed.form.mixin"]
    _order = "id desc"
    # how the request takes part in sign-off (see gov.signoff.mixin); the hooks below add what the type decides
    _gov_state_field = "state"
    _gov_state_to = {"consulting": "pending", "pending": "pending", "approved": "approved", "rejected": "rejected",
                     "returned": "returned", "draft": "draft", "lapsed": "cancelled"}
    _gov_locked_states = ("pending", "approved", "cancelled")
    _gov_department_field = "department_id"
    _gov_author_fields = ("author_id",)
    _gov_protected_fields = ("absence_id", "leave_ended_on", "register_number")
    _gov_consult_field = "consult_department_ids"
    # as for documents: posting needs write access, so a request past its draft takes no new files
    # from its unit through the chatter (see gov.document)
    _mail_post_access = "write"

    name = fields.Char(string="Subject", required=True, tracking=True)
    type_id = fields.Many2one("gov.request.type", string="Request Type", required=True, index=True, tracking=True,
                              ondelete="restrict", domain="[('may_file', '=', True)]")
    kind = fields.Selection(related="type_id.kind", store=True, index=True)
    type_icon = fields.Char(related="type_id.icon", string="Type Icon")
    properties = fields.Properties(definition="type_id.properties_definition", copy=True)
    state = fields.Selection(REQUEST_STATES, default="draft", required=True, index=True, tracking=True, copy=False,
                             group_expand=True)
    # a leader's leave may have none (the district's leaders belong to no unit); any other request has one
    department_id = fields.Many2one("hr.department", string="Requesting Unit", index=True,
                                    tracking=True, default=lambda self: self.env.user.employee_id.department_id)
    # whoever creates the request files it: set by the system only (R18.1 depends on it)
    author_id = fields.Many2one("res.users", string="Filed by", required=True, index=True, readonly=True,
                                copy=False, default=lambda self: self.env.user)
    amount = fields.Float(string="Amount (yuan)", digits=(16, 2), tracking=True,
                          help="What the routes' thresholds compare (分级授权).")
    description = fields.Html()
    # units asked for their opinion before the route (会签, R27.5), e.g. the finance bureau on funds
    consult_department_ids = fields.Many2many("hr.department", "gov_request_consult_rel", "request_id",
                                              "department_id", string="Units to Consult")
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    date_from = fields.Date(string="From", tracking=True)
    date_to = fields.Date(string="To", tracking=True)
    absence_id = fields.Many2one("gov.absence", readonly=True, copy=False, ondelete="set null",
                                 help="The absence the approved leave recorded; routing follows it (R5.3, R5.4).")
    leave_ended_on = fields.Date(string="Back on (销假)", readonly=True, copy=False, tracking=True)
    register_number = fields.Char(readonly=True, copy=False, index=True, tracking=True,
                                  help="Given when the request is approved, for types with a register (R30.3).")
    # what the form offers the current user: the same checks as the actions themselves
    can_cancel = fields.Boolean(compute="_compute_user_actions")
    can_withdraw = fields.Boolean(compute="_compute_user_actions")
    can_end_leave = fields.Boolean(compute="_compute_user_actions")

    @api.depends_context("uid")
    @api.depends("state", "author_id", "requester_id", "absence_id")
    def _compute_user_actions(self):
        today = district_today(self)
        for request in self:
            request.can_cancel = bool(request.id) and request.state not in ("approved", "cancelled") \
                and request._may_cancel()
            request.can_withdraw = request.state == "pending" and request._gov_signoff_may_withdraw()
            request.can_end_leave = request.state == "approved" and bool(request.absence_id) \
                and not request.leave_ended_on and request._may_end_leave() \
                and request.absence_id.sudo().date_to >= today

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.constrains("name")
    def _check_name(self):
        check_not_blank(self, "name")

    @api.constrains("amount")
    def _check_amount(self):
        for request in self:
            if request.amount < 0:
                raise ValidationError(self.env._("The amount of a request cannot be negative."))

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for request in self:
            if request.date_from and request.date_to and request.date_to < request.date_from:
                raise ValidationError(self.env._("The request ends (%(end)s) before it starts (%(start)s).",
                                                 end=format_date(self.env, request.date_to),
                                                 start=format_date(self.env, request.date_from)))

    @api.constrains("department_id", "consult_department_ids")
    def _check_consulted_units(self):
        for request in self:
            if request.department_id in request.consult_department_ids:
                raise ValidationError(self.env._(
                    "%s files this request; it cannot be one of the units consulted (its own unit).",
                    request.department_id.name))

    @api.model
    def _check_may_file(self, type_id):
        """Only the groups the type names file it (empty: every government user)."""
        if not type_id:
            raise UserError(self.env._("Choose the type of the request."))
        request_type = self.env["gov.request.type"].browse(type_id).exists() if isinstance(type_id, int) else None
        if not request_type:
            raise UserError(self.env._("No request type has the id %s.", type_id))
        if not self.env.su and not request_type.may_file:
            raise UserError(self.env._("You may not file “%s”: ask the office which request to file instead.",
                                       request_type.name))

    @api.model
    def _check_department_choice(self, department_id):
        """A clerk files for his own unit; the office for any (as documents are drafted)."""
        if not department_id or self.env.su or self.env.user.has_group("gov_rules.group_gov_office"):
            return
        # sudo: a user's own units, whatever his HR access rights (a clerk may not read employees)
        units = self.env.user.sudo().employee_ids.department_id
        if units and department_id not in units.ids:
            raise ValidationError(self.env._("You file requests for your own unit, not for %s.",
                                             self.env["hr.department"].sudo().browse(department_id).name))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_may_file(vals.get("type_id") or self.env.context.get("default_type_id"))
            self._check_department_choice(vals.get("department_id"))
        requests = super().create(vals_list)
        self.env["ir.attachment"]._gov_link_uploads(requests)
        return requests

    def write(self, vals):
        if "type_id" in vals:
            self._check_may_file(vals["type_id"])
        self._check_department_choice(vals.get("department_id"))
        result = super().write(vals)
        if "attachment_ids" in vals:
            self.env["ir.attachment"]._gov_link_uploads(self)
        return result

    # ------------------------------------------------------------------
    # Sign-off hooks (see gov.signoff.mixin): what the request's type decides
    # ------------------------------------------------------------------
    def _gov_signoff_separates_duties(self, row):
        return super()._gov_signoff_separates_duties(row) or self.type_id.separation_of_duties

    def _gov_signoff_time_limit(self):
        return self.type_id.deadline_policy_id

    def _gov_checklist_templates(self):
        return self.type_id.checklist_template_ids

    def _gov_signoff_check_submit(self):
        user = self.env.user
        if self.state == "cancelled":
            raise UserError(self.env._("%s is cancelled.", self.display_name))
        # sudo: a user's own units, whatever the HR access rights
        if user != self.author_id and not user.has_group("gov_rules.group_gov_office") \
                and self.department_id not in user.sudo().employee_ids.department_id:
            raise UserError(self.env._("Only the requesting unit or the office can submit %s.", self.display_name))
        if self.kind != "leave" and not self.department_id:
            raise UserError(self.env._("Name the requesting unit of %s.", self.display_name))
        if self.kind == "leave" and not (self.date_from and self.date_to):
            raise UserError(self.env._("A leave request gives its first and last day (R40.1)."))
        return super()._gov_signoff_check_submit()

    def _gov_signoff_on_state(self, state):
        super()._gov_signoff_on_state(state)
        if state != "approved":
            return
        if self.type_id.register_sequence_id and not self.register_number:
            # sudo: the register is the office's sequence; the system numbers the approved request (R30.3)
            self._gov_signoff_write({"register_number": self.type_id.register_sequence_id.sudo().next_by_id()})
        if self.kind == "leave":
            self._gov_record_absence()

    def action_signoff_submit(self):
        """Submit for approval; the head's own leave is recorded at once, without approval, and the
        executive deputy, who acts for him, is told (R40.1, R5.3)."""
        head = self.env["gov.position"]._holder("head")
        own_leave = self.filtered(lambda r: r.kind == "leave" and head and r.author_id == head)
        result = super(GovRequest, self - own_leave).action_signoff_submit()
        own_leave._gov_record_head_leave()
        return result

    def _gov_record_head_leave(self):
        self._gov_signoff_lock()
        deputy = self.env["gov.position"]._holder("executive_deputy")
        for request in self:
            if request.signoff_state not in RESUBMITTABLE_STATES:
                raise UserError(self.env._("%s is already submitted.", request.display_name))
            request._gov_signoff_check_submit()
            request._gov_set_signoff_state("approved", requester_id=self.env.uid,
                                           signoff_round=request.signoff_round + 1)
            district = self.with_context(lang=self.env["gov.rule.set"]._district_lang()).env
            request._gov_signoff_log(self.env["gov.signoff.task"], "submit", opinion=district._(
                "The head's own leave: recorded without approval (R40.1)."))
            request._gov_signoff_on_state("approved")
            if deputy:
                # the executive deputy acts for the head meanwhile (R5.3): told in his language
                deputy_env = self.with_context(lang=deputy.lang or self.env.lang).env
                # sudo: the system tells him, whoever may post on the request
                request.sudo().message_post(
                    body=deputy_env._("%(head)s is on leave from %(start)s to %(end)s: you act for the head meanwhile "
                                      "(R5.3).", head=request.author_id.name,
                                      start=format_date(deputy_env, request.date_from),
                                      end=format_date(deputy_env, request.date_to)),
                    partner_ids=deputy.partner_id.ids, subtype_xmlid="mail.mt_note")

    def _gov_record_absence(self):
        """The approved leave becomes an absence: steps due to the leader go to whoever acts for him (R40.1)."""
        # sudo: the system records the approved leave, whoever approved it (a leader records only his own)
        absence = self.env["gov.absence"].sudo().create({
            "user_id": self.author_id.id, "kind": "leave", "date_from": self.date_from, "date_to": self.date_to,
            "note": self.name})
        self._gov_signoff_write({"absence_id": absence.id})

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _may_end_leave(self):
        self.ensure_one()
        return self.env.user == self.author_id or self.env.user.has_group("gov_rules.group_gov_office")

    def action_end_leave(self):
        """销假: the leader is back today; his absence ends yesterday and waiting steps come back to him."""
        today = district_today(self)
        for request in self:
            # sudo: the absence is the system's record of the leave
            absence = request.absence_id.sudo()
            if request.state != "approved" or not absence or request.leave_ended_on or absence.date_to < today:
                raise UserError(self.env._("Only a leave under way can be ended early (销假)."))
            if not request._may_end_leave():
                raise UserError(self.env._("Only %s or the office can end this leave.", request.author_id.name))
            if absence.date_from >= today:
                absence.unlink()
            else:
                absence.write({"date_to": today - timedelta(days=1)})
            request._gov_signoff_write({"leave_ended_on": today})
            district = self.with_context(lang=self.env["gov.rule.set"]._district_lang()).env
            # sudo: the note is the system's, whoever may post on the request
            request.sudo().message_post(body=district._("Back from leave on %s (销假).", format_date(district, today)),
                                        subtype_xmlid="mail.mt_note")
        return True

    def _may_cancel(self):
        """The author cancels his request until it is submitted; the office cancels any that is not approved."""
        self.ensure_one()
        return self.env.user.has_group("gov_rules.group_gov_office") or (
            self.state in EDITABLE_STATES and self.env.user == self.author_id)

    def action_cancel(self, reason=None):
        self._gov_signoff_lock()
        for request in self:
            if request.state in ("approved", "cancelled"):
                raise UserError(self.env._("An approved or cancelled request cannot be cancelled."))
            if not request._may_cancel():
                raise UserError(self.env._("Only the author cancels a request before submitting it; "
                                           "after submission only the office can."))
            if request.signoff_state == "pending":
                request._gov_signoff_end(request._gov_signoff_open_tasks()[:1], "draft", reason)
            request._gov_signoff_clear_returned()
            request._gov_signoff_write({"state": "cancelled", "deadline_open": False})
            request._gov_signoff_log(self.env["gov.signoff.task"], "cancel", opinion=reason)
        return True
