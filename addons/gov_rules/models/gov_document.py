import hashlib
import json

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import LazyTranslate, format_date, html2plaintext

from ..lib.checks import check_not_blank
from ..lib.district_time import district_today
from .gov_document_type import DOCUMENT_KINDS

_lt = LazyTranslate(__name__)

URGENCIES = [("normal", "Ordinary (一般)"), ("urgent", "Urgent (加急)"), ("extra_urgent", "Extra urgent (特急)"),
             ("extra_urgent_important", "Extra urgent and important (特急重要)")]
CONFIDENTIALITY = [("public", "Public"), ("internal", "Not for publication"), ("secret", "Secret (秘密)"),
                   ("confidential", "Confidential (机密)"), ("top_secret", "Top secret (绝密)")]
PLAN_STATUSES = [("in_plan", "In the plan"), ("outside_plan", "Not in the plan"),
                 ("no_plan", "The unit has no plan for the year")]
STATES = [("draft", "Draft"), ("consultation", "Consultation"), ("signoff", "Sign-off"), ("approved", "Signed"),
          ("issued", "Issued"), ("cancelled", "Cancelled")]
# deadline policies by urgency (codes of the rule set): lead time before the needed-by date (R28.1)
# and approval time limit (R28.3)
LEAD_POLICY = {"normal": "lead_ordinary", "urgent": "lead_urgent", "extra_urgent": "lead_extra_urgent",
               "extra_urgent_important": "lead_extra_urgent_important"}
# R28.1 sets the lead time of ordinary and urgent matters; a rule set may set one for the others
LEAD_POLICY_OPTIONAL = {"extra_urgent", "extra_urgent_important"}
APPROVAL_POLICY = {"normal": "approve_ordinary", "urgent": "approve_urgent", "extra_urgent": "approve_extra_urgent",
                   "extra_urgent_important": "approve_extra_urgent_important"}


class GovDocument(models.Model):
    """An outgoing document (发文) with the elements of GB/T 9704 that matter to handling.

    draft → consultation of other units (R27.5, R27.6) → sign-off by the matrix → signed →
    numbered and issued.
    """

    _name = "gov.document"
    _description = "Outgoing Document"
    _inherit = ["gov.signoff.mixin", "gov.typed.form.mixin"]
    _order = "id desc"
    # how the document takes part in sign-off (see gov.signoff.mixin)
    _gov_state_field = "state"
    _gov_state_to = {"consulting": "consultation", "pending": "signoff", "approved": "approved",
                     "rejected": "draft", "returned": "draft", "draft": "draft", "lapsed": "cancelled"}
    _gov_locked_states = ("consultation", "signoff", "approved", "issued", "cancelled")
    _gov_area_field = "area_id"
    _gov_department_field = "department_id"
    _gov_author_fields = ("drafter_id",)
    _gov_protected_fields = ("number", "issue_date", "signer_id", "signed_for_id", "return_reason_id")
    _gov_return_reason_field = "return_reason_id"
    _gov_consult_field = "consult_department_ids"
    _gov_consult_policy_field = "consult_policy_id"
    # Posting from the chatter needs write access to the document (mail's default, kept on purpose):
    # once submitted, the record rules lock the document for its drafting unit, so the unit no longer
    # posts on it; the office, the leaders and an approver whose step lets him change fields still do.
    # "read" would let every reader post, and mail's upload then adds the posted files to the document
    # itself, with sudo: anyone reading an issued public document could attach files to it. The drafting
    # unit speaks through the workflow instead (withdrawal, the reason of a return, re-submission).
    # Mail still lets a follower's message be created (marking one's own reminder done logs it). Mail
    # also lists a document's activities to those who may post on it (and to each his own): the drafting
    # unit sees whom a submitted document waits for on its Steps tab, not in the chatter.
    _mail_post_access = "write"

    name = fields.Char(string="Title", required=True, tracking=True)
    number = fields.Char(string="Document Number", readonly=True, copy=False, index=True, tracking=True)
    state = fields.Selection(STATES, default="draft", required=True, index=True, tracking=True, copy=False,
                             group_expand=True)
    type_id = fields.Many2one("gov.document.type", string="Document Type", required=True, tracking=True)
    kind = fields.Selection(DOCUMENT_KINDS, compute="_compute_kind", store=True, readonly=False, required=True,
                            precompute=True,
                            index=True, tracking=True)
    # a unit's own authority issues that unit's documents only (see _check_authority_unit)
    authority_id = fields.Many2one("gov.issuing.authority", string="Issuing Authority", required=True, tracking=True,
                                   domain="['|', ('department_id', '=', False), ('department_id', '=', department_id)]")
    authority_kind = fields.Selection(related="authority_id.kind", string="Authority Kind", store=True, index=True)
    # the picker offers what saving accepts (see _check_department_choice)
    department_id = fields.Many2one("hr.department", string="Drafting Unit", required=True, index=True,
                                    default=lambda self: self.env.user.employee_id.department_id, tracking=True,
                                    domain="[('id', 'in', department_choice_ids)] if department_choice_ids else []")
    # empty: the user drafts for any unit
    department_choice_ids = fields.Many2many("hr.department", compute="_compute_department_choice_ids",
                                             string="Units the User Drafts For")
    # who drafted is the user who created the draft: set by the system only (see _check_system_fields)
    drafter_id = fields.Many2one("res.users", default=lambda self: self.env.user, index=True, readonly=True,
                                 copy=False)
    area_id = fields.Many2one("gov.area", string="Subject Area", index=True, tracking=True)
    urgency = fields.Selection(URGENCIES, default="normal", required=True, index=True, tracking=True)
    urgency_reason = fields.Text(string="Why Extra Urgent")
    confidentiality = fields.Selection(CONFIDENTIALITY, default="public", required=True)
    main_recipients = fields.Char(string="Main Recipients (主送)")
    copy_recipients = fields.Char(string="Copy To (抄送)")
    body = fields.Html()
    attachment_ids = fields.Many2many("ir.attachment", string="Attachments")
    needed_by = fields.Date(tracking=True)
    properties = fields.Properties(definition="type_id.properties_definition", copy=True)
    # conditions the sign-off matrix looks at
    major_matter = fields.Boolean(tracking=True)
    to_higher_authority = fields.Boolean(string="To the City or the Party Committee", tracking=True)
    is_appointment = fields.Boolean(string="Appointment or Removal", tracking=True)
    passed_by_meeting_unchanged = fields.Boolean(string="Passed Unchanged by a Plenary or Executive Meeting",
                                                 tracking=True)
    within_division = fields.Boolean(string="Within the Leader's Own Division", tracking=True)
    within_office_remit = fields.Boolean(string="Within the Office's Own Remit", tracking=True)
    # R27.8: the Party committee office (of the rule set) is asked for its opinion first
    joint_with_party = fields.Boolean(
        string="Issued Jointly with the Party Committee", tracking=True,
        help="The Party committee office named in the rules is asked for its opinion before sign-off (R27.8).")
    # R30.2: a department's document issued with the government's consent says so in its text
    government_consent = fields.Boolean(
        string="Issued with the Government's Consent", tracking=True,
        help="The text must state the rule set's wording, “经区政府同意” in the preset (R30.2).")
    is_directive = fields.Boolean(
        string="Directive to Other Units", tracking=True,
        help="A department's directive document to other units needs approval (R30.2): the sign-off matrix "
             "routes it through the office to the leader in charge.")
    # R30.1: the item of the unit's annual document plan this document issues
    plan_line_id = fields.Many2one(
        "gov.document.plan.line", string="Document Plan Item", index=True, tracking=True, copy=False,
        ondelete="restrict",
        domain="[('department_id', '=', department_id), ('year', '=', plan_year)]",
        help="Empty: the document is not in its unit's plan; the office approves it one by one (R30.1).")
    plan_year = fields.Integer(compute="_compute_plan_year")
    plan_status = fields.Selection(PLAN_STATUSES, compute="_compute_plan_status", search="_search_plan_status",
                                   help="Whether the document is in its unit's document plan for the year (R30.1).")
    # R27.1: the standard reason of the last return (a matter within the unit's own powers...)
    return_reason_id = fields.Many2one("gov.return.reason", string="Returned Because", readonly=True, copy=False)
    return_guidance = fields.Text(related="return_reason_id.guidance", string="What to Do")
    # the office's check (R27.4): a copy is checked again
    one_matter_confirmed = fields.Boolean(string="One Matter per Request (Office Check)", tracking=True, copy=False)
    # consultation (会签/征求意见)
    consult_department_ids = fields.Many2many("hr.department", "gov_document_consult_rel", "document_id",
                                              "department_id", string="Units to Consult")
    consult_policy_id = fields.Many2one("gov.deadline.policy", string="Consultation Time Limit",
                                        help="Empty: the rule set's consultation limit (R27.6, 7 working days).")
    signer_id = fields.Many2one("res.users", string="Signed by (签发人)", readonly=True, copy=False)
    signed_for_id = fields.Many2one("res.users", string="Signed for", readonly=True, copy=False,
                                    help="The head for whom the executive deputy signed (代).")
    signer_display = fields.Char(string="Signer", compute="_compute_signer_display")
    issue_date = fields.Date(readonly=True, copy=False)
    # what the form offers the current user: the same checks as the actions themselves
    can_cancel = fields.Boolean(compute="_compute_user_actions")
    can_withdraw = fields.Boolean(compute="_compute_user_actions")
    # R28.1, R28.3: the approval limit of the chosen urgency, counted from today, against the needed-by date
    needed_by_warning = fields.Char(compute="_compute_needed_by_warning")

    @api.depends("deadline_start")
    def _compute_plan_year(self):
        """The year of the plan a document belongs to: the year it is (or was) submitted."""
        this_year = district_today(self).year
        for document in self:
            document.plan_year = document.deadline_start.year if document.deadline_start else this_year

    @api.depends("plan_line_id", "department_id", "plan_year")
    def _compute_plan_status(self):
        # sudo: whether a unit keeps a plan decides the status, whoever reads the document
        plans = self.env["gov.document.plan"].sudo().search([
            ("department_id", "in", self.department_id.ids), ("year", "in", list(set(self.mapped("plan_year"))))])
        kept = {(plan.department_id.id, plan.year) for plan in plans}
        for document in self:
            if document.plan_line_id:
                document.plan_status = "in_plan"
            elif (document.department_id.id, document.plan_year) in kept:
                document.plan_status = "outside_plan"
            else:
                document.plan_status = "no_plan"

    def _search_plan_status(self, operator, value):
        """For the matrix's conditions and the search view: the plans of the current year decide."""
        if operator not in ("in", "not in"):
            return NotImplemented
        # sudo: the units that keep a plan, whoever searches; a subquery, so that matching a matrix row costs
        # no query of its own
        units = self.env["gov.document.plan"].sudo()._search(
            [("year", "=", district_today(self).year)]).subselect("department_id")
        domains = {
            "in_plan": [("plan_line_id", "!=", False)],
            "outside_plan": [("plan_line_id", "=", False), ("department_id", "in", units)],
            "no_plan": [("plan_line_id", "=", False), ("department_id", "not in", units)],
        }
        domain = Domain.OR([domains[status] for status in value if status in domains] or [Domain.FALSE])
        return domain if operator == "in" else ~domain

    @api.depends_context("uid")
    def _compute_department_choice_ids(self):
        units = self._own_units()
        self.department_choice_ids = units if units is not None else self.env["hr.department"]

    @api.depends("type_id")
    def _compute_kind(self):
        for document in self:
            document.kind = document.type_id.kind or document.kind or "notice"

    @api.depends("signer_id", "signed_for_id")
    def _compute_signer_display(self):
        for document in self:
            name = document.signer_id.name or ""
            document.signer_display = (self.env._("%(signer)s (代 %(holder)s)", signer=name,
                                                  holder=document.signed_for_id.name)
                                       if document.signed_for_id else name)

    @api.depends_context("uid")
    @api.depends("state", "signoff_state", "drafter_id", "requester_id")
    def _compute_user_actions(self):
        for document in self:
            # the actions' own checks: what the form offers is what the action lets through
            document.can_cancel = bool(document.id) and document.state not in ("issued", "cancelled") \
                and document._may_cancel()
            document.can_withdraw = document.signoff_state == "pending" and document._gov_signoff_may_withdraw()

    @api.depends("state", "urgency", "needed_by", "rule_set_id", "type_id", "department_id")
    def _compute_needed_by_warning(self):
        today = district_today(self)
        for document in self:
            document.needed_by_warning = False
            if document.state != "draft" or not document.needed_by:
                continue
            rule_set = document.rule_set_id or self.env["gov.rule.set"]._current(document.department_id)
            policy = rule_set.policy_ids.filtered(lambda p, d=document: p.code == APPROVAL_POLICY[d.urgency])[:1]
            if not policy:
                continue
            deadline, _provisional = policy._deadline_from(today)
            if deadline > document.needed_by:
                document.needed_by_warning = self.env._(
                    "Needed by %(needed)s, but submitted today the approval time limit “%(policy)s” (%(days)s "
                    "working days) runs until %(deadline)s: the decision may come too late. Choose a higher "
                    "urgency with a reason, or agree a later date.",
                    needed=format_date(self.env, document.needed_by), policy=policy.name, days=policy.working_days,
                    deadline=format_date(self.env, deadline))

    @api.constrains("urgency", "urgency_reason", "state")
    def _check_urgency_reason(self):
        for document in self:
            if (document.state != "draft" and document.urgency in ("extra_urgent", "extra_urgent_important")
                    and not (document.urgency_reason or "").strip()):
                raise ValidationError(self.env._("An extra-urgent document needs the reason for its urgency (R28.1)."))

    @api.onchange("type_id")
    def _onchange_type_id(self):
        # lines not saved yet follow the type chosen; saved lines are the document's record
        if self.type_id and not self.checklist_ids._origin:
            self.checklist_ids = [fields.Command.clear()] + [fields.Command.create(self._gov_checklist_line_vals(line))
                                                            for line in self.type_id.checklist_template_ids]

    @api.onchange("joint_with_party", "department_id")
    def _onchange_joint_with_party(self):
        """R27.8: the Party committee office is shown among the units consulted as soon as the flag is set."""
        if self.joint_with_party and self.state == "draft":
            office = self._party_office()
            if office and office != self.department_id:
                self.consult_department_ids |= office

    def _party_office(self):
        rule_set = self.rule_set_id or self.env["gov.rule.set"]._current(self.department_id)
        return rule_set.party_office_id

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_department_choice(vals.get("department_id"))
            if not self.env.su:
                self._check_system_fields_on_create(vals)
        # the type's checklist comes with the document (gov.checklist.mixin)
        documents = super().create(vals_list)
        self.env["ir.attachment"]._gov_link_uploads(documents)
        return documents

    # ------------------------------------------------------------------
    # Submission checks (R11.1, R27.4, R27.7, R28.1)
    # ------------------------------------------------------------------
    def _check_ready_to_submit(self):
        self.ensure_one()
        if not self.rule_set_id:
            raise UserError(self.env._("No rule set is in force for %s.", self.display_name))
        # R11.1, R27.7; the office's own checks wait for the office's review (R27.4)
        self._gov_checklist_check_submit()
        if self.urgency in ("extra_urgent", "extra_urgent_important") and not (self.urgency_reason or "").strip():
            raise UserError(self.env._("An extra-urgent document needs the reason for its urgency (R28.1)."))
        self._check_lead_time()
        self._check_joint_issuing()
        self._check_consent_wording()

    def _check_joint_issuing(self):
        """R27.8: a draft to be issued jointly with the Party committee first asks the Party committee
        office, which the rule set names."""
        if self.joint_with_party and not self.rule_set_id.party_office_id:
            raise UserError(self.env._(
                "This draft is to be issued jointly with the Party committee, so the Party committee office is "
                "asked for its opinion first (R27.8), but the rule set %s names no Party committee office: an "
                "administrator sets it on the rule set.", self.rule_set_id.display_name))
        if self.joint_with_party and self.rule_set_id.party_office_id == self.department_id:
            raise UserError(self.env._(
                "%s is the Party committee office itself: a joint document it drafts is not sent to it for its "
                "opinion. Untick “Issued Jointly with the Party Committee” or choose the government's drafting "
                "unit.", self.department_id.name))

    def _check_consent_wording(self):
        """R30.2: a document issued with the government's consent states the rule set's wording."""
        if not self.government_consent:
            return
        wording = (self.rule_set_id.consent_wording or "").strip()
        if not wording:
            return
        text = "".join(html2plaintext(self.body or "").split())
        if "".join(wording.split()) not in text:
            raise UserError(self.env._(
                "A document issued with the government's consent states “%s” in its text (R30.2): add the words "
                "to the text, or untick “Issued with the Government's Consent”.", wording))

    def _check_lead_time(self):
        """R28.1: submitted at least N working days before it is needed, as the rule set gives N for the
        urgency; never needed by a day already past, whatever the urgency."""
        if not self.needed_by:
            return
        today = district_today(self)
        if self.needed_by < today:
            raise UserError(self.env._(
                "Needed by %(needed)s is already past (today is %(today)s); give the date by which it is needed "
                "now (R28.1).", needed=self.needed_by, today=today))
        code = LEAD_POLICY[self.urgency]
        if self.urgency in LEAD_POLICY_OPTIONAL and code not in self.rule_set_id.policy_ids.mapped("code"):
            return
        policy = self.rule_set_id._policy(code)
        earliest, _provisional = policy._deadline_from(today)
        if self.needed_by < earliest:
            raise UserError(self.env._(
                "Needed by %(needed)s is too soon: %(policy)s needs %(days)s working days, so it could be "
                "needed on %(earliest)s at the earliest. Choose a later date or a higher urgency with a reason.",
                needed=self.needed_by, policy=policy.name, days=policy.working_days, earliest=earliest))

    # ------------------------------------------------------------------
    # Flow
    # ------------------------------------------------------------------
    def action_submit(self):
        """Send the draft on: to the units to consult if any, then to sign-off (one route, R27.5, R28.2)."""
        return self.action_signoff_submit()

    def _gov_signoff_check_submit(self):
        if self.state != "draft":
            raise UserError(self.env._("Only a draft can be submitted."))
        self._check_author()
        self._check_ready_to_submit()
        if self.joint_with_party:
            # R27.8: the system adds the Party committee office to the units asked first, whoever submits
            self._gov_signoff_write({"consult_department_ids": [
                fields.Command.link(self.rule_set_id.party_office_id.id)]})
        if self.return_reason_id:
            self._gov_signoff_write({"return_reason_id": False})

    def _gov_signoff_time_limit(self):
        """The approval limit of the document's urgency (R28.3), counted from its submission."""
        return self.rule_set_id._policy(APPROVAL_POLICY[self.urgency])

    def _gov_consult_digest(self):
        """A fingerprint of what the consulted units read: the title, the text, the recipients, the values
        of the type's form fields (an amount asked for) and the attachments' contents."""
        content = json.dumps([self.name or "", self.body or "", self.main_recipients or "", self.copy_recipients or "",
                              self.properties or {}, sorted(self.sudo().attachment_ids.mapped("checksum"))],
                             sort_keys=True, default=str)
        return hashlib.sha256(content.encode()).hexdigest()

    def _gov_signoff_on_state(self, state):
        result = super()._gov_signoff_on_state(state)
        if state == "approved":
            # sudo: the system reads who signed, whether or not the approver still reads every step
            signature = self.sudo().signoff_task_ids.filtered(
                lambda t: t.kind == "signoff" and t.round == self.signoff_round and t.is_signature
                and t.state == "approved")[-1:]
            self._gov_signoff_write({"signer_id": signature.decided_by_id.id,
                                     "signed_for_id": signature.acting_for_id.id})
            self._gov_schedule_issue()
        return result

    def _gov_schedule_issue(self):
        """A signed document waits for the office to number and issue it: the office director, or whoever
        acts for him today, gets one to-do for it (its name, the activity type's, reads in his language)."""
        director = self.env["gov.position"]._holder("office_director")
        office_user = director and self.env["gov.position"]._acting_user(director, district_today(self))
        if not office_user:
            return
        # created by the system user: the to-do is the office's, not the signer's to drop
        self.with_user(self.env.ref("base.user_root")).activity_schedule(
            "gov_rules.mail_activity_type_gov_issue", user_id=office_user.id, date_deadline=district_today(self))

    def _gov_close_issue_activities(self):
        # sudo: the to-do was made by the system for the office
        self.sudo().activity_ids.filtered(
            lambda act: act.activity_type_id == self.env.ref("gov_rules.mail_activity_type_gov_issue")).unlink()

    def _check_can_issue(self):
        if not self.env.user.has_group("gov_rules.group_gov_office"):
            raise UserError(self.env._("Only the office issues documents."))
        if self.filtered(lambda document: document.state != "approved"):
            raise UserError(self.env._("Only a signed document can be issued."))

    def action_issue_confirm(self):
        """Ask before numbering: the office sees the number the document will get (the sequence is
        only read, not consumed)."""
        self.ensure_one()
        self._check_can_issue()
        wizard = self.env["gov.document.issue"].create({"document_id": self.id})
        return {"type": "ir.actions.act_window", "name": self.env._("Issue %s", self.display_name),
                "res_model": wizard._name, "res_id": wizard.id, "view_mode": "form", "target": "new"}

    def action_issue(self):
        """The office numbers the signed document from its authority's yearly sequence and issues it."""
        self._check_can_issue()
        for document in self:
            today = district_today(self)
            number = document.authority_id._next_number(today)
            document._gov_signoff_write({"state": "issued", "number": number, "issue_date": today})
            document._gov_close_issue_activities()
            document._gov_signoff_log(self.env["gov.signoff.task"], "issue", opinion=number)
        return True

    def _may_cancel(self):
        """The drafter cancels his draft; once submitted, only the office (the form offers Cancel exactly then)."""
        self.ensure_one()
        return self.env.user.has_group("gov_rules.group_gov_office") or (
            self.state == "draft" and self.env.user == self.drafter_id)

    def action_cancel(self, reason=None):
        """The drafter cancels a draft; once submitted, only the office can."""
        for document in self:
            if document.state in ("issued", "cancelled"):
                raise UserError(self.env._("An issued or cancelled document cannot be cancelled."))
            if not document._may_cancel():
                raise UserError(self.env._("Only the drafter cancels a draft; after submission only the office can."))
            if document.signoff_state == "pending":
                document._gov_signoff_end(document._gov_signoff_open_tasks()[:1], "draft", reason)
            document._gov_close_deadline_activities()
            document._gov_close_issue_activities()
            document._gov_signoff_clear_returned()
            document._gov_signoff_write({"state": "cancelled", "deadline_open": False})
            document._gov_signoff_log(self.env["gov.signoff.task"], "cancel", opinion=reason)
        return True

    def _check_author(self):
        """Who may send a draft on: its drafter, a colleague of the drafting unit, or the office."""
        user = self.env.user
        if user == self.drafter_id or user.has_group("gov_rules.group_gov_office"):
            return
        # sudo: a user's own units, whatever his HR access rights (a clerk may not read employees)
        if not self.env["hr.employee"].sudo().search_count(
                [("user_id", "=", user.id), ("department_id", "=", self.department_id.id)], limit=1):
            raise UserError(self.env._("Only the drafting unit or the office can submit %s.", self.display_name))

    @api.model
    def _own_units(self):
        """The units the current user drafts for; None when he may draft for any (the system, the office,
        a user who belongs to no unit)."""
        user = self.env.user
        # sudo: a user's own units, whatever the HR access rights (a clerk may not read employees)
        units = user.sudo().employee_ids.department_id
        if self.env.su or user.has_group("gov_rules.group_gov_office") or not units:
            return None
        return units.sudo(False)

    @api.model
    def _check_department_choice(self, department_id):
        """A clerk drafts for his own unit; the office drafts for any (constraints run as superuser,
        so this is checked in create and write)."""
        if not department_id:
            return
        if not (isinstance(department_id, int) and self.env["hr.department"].browse(department_id).exists()):
            raise ValidationError(self.env._("No unit has the id %s.", department_id))
        units = self._own_units()
        if units is None:
            return
        if department_id not in units.ids:
            raise ValidationError(self.env._("You draft for your own unit, not for %s.",
                                             self.env["hr.department"].browse(department_id).name))

    def write(self, vals):
        self._check_department_choice(vals.get("department_id"))
        if not self.env.su:
            self._check_system_fields_on_write(vals)
        result = super().write(vals)
        if "attachment_ids" in vals:
            self.env["ir.attachment"]._gov_link_uploads(self)
        return result

    @api.model
    def _check_system_fields_on_create(self, vals):
        """Whoever creates the draft is its drafter (R18.1 depends on it: the drafter never approves);
        only the office records that a request carries one matter (R27.4)."""
        if vals.get("drafter_id", self.env.uid) != self.env.uid:
            raise UserError(self.env._("The drafter is whoever creates the draft; it cannot be set to someone else."))
        if vals.get("one_matter_confirmed") and not self.env.user.has_group("gov_rules.group_gov_office"):
            raise UserError(self.env._("Only the office confirms that a request carries one matter (R27.4)."))

    def _check_system_fields_on_write(self, vals):
        if "drafter_id" in vals and any(document.drafter_id.id != vals["drafter_id"] for document in self):
            raise UserError(self.env._("The drafter of a document cannot be changed."))
        if ("one_matter_confirmed" in vals and not self.env.user.has_group("gov_rules.group_gov_office")
                and any(document.one_matter_confirmed != bool(vals["one_matter_confirmed"]) for document in self)):
            raise UserError(self.env._("Only the office confirms that a request carries one matter (R27.4)."))

    @api.constrains("name")
    def _check_name(self):
        check_not_blank(self, "name")

    @api.constrains("authority_id", "department_id")
    def _check_authority_unit(self):
        """A unit's own issuing authority issues that unit's documents only."""
        for document in self:
            unit = document.authority_id.department_id
            if unit and unit != document.department_id:
                raise ValidationError(self.env._(
                    "%(authority)s issues the documents of %(unit)s only, not those drafted by %(drafter)s. "
                    "Choose your unit's own authority or the government's.",
                    authority=document.authority_id.name, unit=unit.name, drafter=document.department_id.name))

    @api.constrains("department_id", "consult_department_ids")
    def _check_consulted_units(self):
        """Opinions are asked of other units (R27.5): the drafting unit answers for itself by drafting."""
        for document in self:
            if document.department_id in document.consult_department_ids:
                raise ValidationError(self.env._(
                    "%s drafts this document; it cannot be one of the units consulted (its own unit).",
                    document.department_id.name))

    @api.constrains("plan_line_id", "department_id")
    def _check_plan_line(self):
        """A document issues an item of its own unit's plan (R30.1)."""
        for document in self.filtered("plan_line_id"):
            if document.plan_line_id.department_id != document.department_id:
                raise ValidationError(self.env._(
                    "“%(item)s” is planned by %(unit)s, not by %(drafter)s: choose an item of your own unit's "
                    "document plan, or none.", item=document.plan_line_id.name,
                    unit=document.plan_line_id.department_id.name, drafter=document.department_id.name))

    @api.constrains("consult_policy_id", "rule_set_id")
    def _check_consult_policy(self):
        for document in self.filtered(lambda d: d.consult_policy_id and d.rule_set_id):
            policy = document.consult_policy_id
            if policy.rule_set_id != document.rule_set_id or "consent" not in policy.ladder_id.step_ids.mapped(
                    "terminal_action"):
                raise ValidationError(self.env._(
                    "“%s” cannot limit a consultation: choose a time limit of the same rule set whose ladder "
                    "ends with silence as consent (R27.6).", policy.name))

    def action_print_sheet(self):
        return self.env.ref("gov_rules.action_report_gov_document_sheet").report_action(self)

    # ------------------------------------------------------------------
    # Sign-off and escalation hooks
    # ------------------------------------------------------------------
    def _gov_signoff_task_policy(self, task):
        """The step's own limit, or 1 working day for the leader's signature on an extra-urgent and
        important document (R28.3), or the document's approval limit."""
        if task.kind == "signoff" and task.is_signature and self.urgency == "extra_urgent_important":
            return self.rule_set_id._policy("leader_sign")
        return self.deadline_policy_id

    def _gov_checklist_templates(self):
        return self.type_id.checklist_template_ids

    @api.model
    def _gov_escalation_check_policies(self, policies):
        """A document's approval limits (its own deadline, and its steps' by default) may end by returning
        or closing it, never with consent: silence never signs (R27.6 is about consultations)."""
        codes = {*APPROVAL_POLICY.values(), "leader_sign"}
        for policy in policies.filtered(lambda p: p.code in codes):
            if "consent" in policy.ladder_id.step_ids.mapped("terminal_action"):
                raise ValidationError(self.env._(
                    "“%(policy)s” limits the approval of documents: its ladder may return the document to the "
                    "drafter or close it, but “Silence means consent” applies only to consultations (R27.6).",
                    policy=policy.name))
