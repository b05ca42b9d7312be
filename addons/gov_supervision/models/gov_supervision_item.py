import functools

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.addons.gov_rules.lib.district_time import district_today
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

SOURCES = [
    ("instruction", "Leader's instruction (批示交办)"),
    ("letter", "Letter from the public (群众来信)"),
    ("decision", "Meeting decision"),
    ("suggestion", "Deputies' suggestion or CPPCC proposal"),
    ("finding", "Audit, procuratorate or court finding (整改)"),
    ("superior", "Superior's decision"),
    ("inspection", "Inspection finding"),
]
ITEM_STATES = [
    ("draft", "Draft"),
    ("open", "In Progress"),
    ("review", "Closure Under Review"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
LIGHTS = [("green", "Green"), ("yellow", "Yellow"), ("red", "Red")]
FINDING_AUTHORITIES = [
    ("audit", "Audit office"),
    ("procuratorate", "Procuratorate (检察建议)"),
    ("court", "Court (司法建议)"),
]
# the deadline fields: set by hand on a draft; afterwards moved only by an approved extension (延期)
DEADLINE_FIELDS = {"deadline", "deadline_start", "deadline_policy_id"}
# what the lead unit changes on an item under way (its result and evidence); the rest is the office's
LEAD_FIELDS = {"result", "evidence_ids", "responsible_id", "report_cadence_id"}
ACTIVE_STATES = ("open", "review")


class GovSupervisionItem(models.Model):
    """A supervision item (督办事项): something to carry out, from a linked source, followed by a lead unit
    and co-units until the supervision office accepts its result (R31.1, R33.1). Closure goes through
    the engine; the deadline and the escalation ladder are the engine's."""

    _name = "gov.supervision.item"
    _description = "Supervision Item"
    _inherit = ["gov.signoff.mixin"]
    _order = "deadline, id desc"
    _gov_state_field = "state"
    _gov_state_to = {"consulting": "review", "pending": "review", "approved": "closed", "rejected": "open",
                     "returned": "open", "draft": "open", "lapsed": "cancelled"}
    _gov_locked_states = ("review", "closed", "cancelled")
    _gov_area_field = "area_id"
    _gov_department_field = "lead_department_id"
    _gov_author_fields = ("responsible_id",)
    _gov_owner_fields = ("responsible_id",)
    _gov_protected_fields = ("return_count", "closed_on", "original_deadline", "open_date", "reported_back_on")
    # a co-unit reads the item and takes part in its chatter without changing it
    _mail_post_access = "read"

    name = fields.Char(string="Subject", required=True, tracking=True)
    source = fields.Selection(SOURCES, required=True, default="instruction", index=True, tracking=True)
    state = fields.Selection(ITEM_STATES, default="draft", required=True, index=True, tracking=True, copy=False,
                             group_expand=True)
    instruction = fields.Html()
    leader_id = fields.Many2one("res.users", string="Instructed by", index=True, tracking=True)
    area_id = fields.Many2one("gov.area", string="Subject Area", index=True, tracking=True)
    lead_department_id = fields.Many2one("hr.department", string="Lead Unit (牵头)", index=True, tracking=True)
    responsible_id = fields.Many2one("res.users", string="Responsible Person", index=True, tracking=True,
                                     help="The lead unit's responsible person: reminded of the deadline.")
    part_ids = fields.One2many("gov.supervision.part", "item_id", string="Units' Parts")
    co_part_ids = fields.One2many("gov.supervision.part", "item_id", string="Co-units (协办)",
                                  domain=[("is_lead", "=", False)])
    light = fields.Selection(LIGHTS, default="green", required=True, index=True, copy=False)
    original_deadline = fields.Date(index=True, copy=False, readonly=True,
                                    help="The deadline first set; statistics count against it.")
    report_to_party_committee = fields.Boolean(string="Report to 区委", tracking=True, help="R8.1")
    party_report_on = fields.Date(string="Reported to 区委 on", tracking=True, copy=False)
    result = fields.Html()
    closed_on = fields.Date(index=True, copy=False, readonly=True)
    # the sources the items helper links (others add theirs in their own files)
    document_id = fields.Many2one("gov.document", string="Instructed Document", index="btree_not_null",
                                  ondelete="restrict", tracking=True)
    decision_id = fields.Many2one("gov.meeting.decision", string="Meeting Decision", index="btree_not_null",
                                  ondelete="restrict", tracking=True)
    finding_authority = fields.Selection(FINDING_AUTHORITIES, string="Finding by", tracking=True)
    finding_reference = fields.Char(help="The number of the audit report or "
                                    "the procuratorate's or court's recommendation.")
    finding_text = fields.Html(string="Finding to Rectify")
    reported_back_on = fields.Date(string="Reported Back to the Government on", readonly=True, copy=False,
                                   help="R15.1: the rectification of a finding is reported back once closed.")
    superior_authority = fields.Char(help="R31.1: e.g. the municipal government.")
    superior_reference = fields.Char(string="Superior's Document Number")
    # progress and what goes with it
    report_cadence_id = fields.Many2one("gov.supervision.cadence", index=True,
                                        tracking=True, ondelete="restrict")
    progress_ids = fields.One2many("gov.supervision.progress", "item_id", string="Progress Reports")
    extension_ids = fields.One2many("gov.supervision.extension", "item_id", string="Extensions (延期)")
    coordination_ids = fields.One2many("gov.supervision.coordination", "item_id")
    evidence_ids = fields.Many2many("ir.attachment", "gov_supervision_item_evidence_rel", "item_id",
                                    "attachment_id", copy=False,
                                    help="The files that prove the result (documents, photos, acceptance "
                                         "records): the lead unit attaches them before submitting the result.")
    open_date = fields.Date(string="Assigned on", index=True, readonly=True, copy=False)
    return_count = fields.Integer(string="Returns (退回重办)", readonly=True, copy=False, index=True,
                                  help="How many times the supervision office sent the result back to be redone.")
    extension_count = fields.Integer(string="Extensions", compute="_compute_extension_count", store=True)
    was_on_time = fields.Boolean(compute="_compute_was_on_time", store=True, index=True,
                                 help="Closed by the original deadline (extensions do not count).")
    is_extended = fields.Boolean(string="Extended", compute="_compute_extension_count", store=True, index=True)
    # what the form offers the current user
    is_lead_user = fields.Boolean(compute="_compute_user_roles")
    is_office_user = fields.Boolean(compute="_compute_user_roles")
    is_my_unit = fields.Boolean(string="My Units' Item", compute="_compute_user_roles", search="_search_is_my_unit")
    is_leader_in_charge = fields.Boolean(compute="_compute_user_roles")
    is_head_user = fields.Boolean(compute="_compute_user_roles")

    @api.depends("extension_ids.state")
    def _compute_extension_count(self):
        for item in self:
            item.extension_count = len(item.extension_ids.filtered(lambda ext: ext.state == "approved"))
            item.is_extended = bool(item.extension_count)

    @api.depends("closed_on", "original_deadline")
    def _compute_was_on_time(self):
        for item in self:
            item.was_on_time = bool(item.closed_on and item.original_deadline
                                    and item.closed_on <= item.original_deadline)

    @api.depends_context("uid")
    @api.depends("lead_department_id", "part_ids.department_id", "leader_id", "area_id.leader_position_id.user_id")
    def _compute_user_roles(self):
        office = self._is_supervision_staff()
        units = self._my_units()
        head = self._is_head_user()
        acting = self._gov_who_acts_today()
        for item in self:
            item.is_office_user = office
            item.is_lead_user = office or item.lead_department_id in units
            item.is_my_unit = bool(item.part_ids.department_id & units)
            item.is_head_user = head
            item.is_leader_in_charge = item._gov_is_leader_in_charge(acting)

    def _is_head_user(self):
        """The district head (the holder of the head's position)."""
        return self.env.user == self.env["gov.position"]._holder("head")

    def _gov_who_acts_today(self):
        """Who acts for whom today (R5.3), searched once for a batch of items and only when asked."""
        return functools.cache(lambda: self.env["gov.absence"]._who_acts(district_today(self)))

    def _gov_is_leader_in_charge(self, acting=None):
        """The leader who instructed the item, the deputy in charge of its area or the head, or the leader who
        stands in for one of them today (R5.3). ``acting``: ``_gov_who_acts_today()`` of the batch."""
        self.ensure_one()
        user = self.env.user
        if not user.has_group("gov_rules.group_gov_leader"):
            return False
        in_charge = self.leader_id | self.area_id.leader_position_id.user_id | self.env["gov.position"]._holder("head")
        if user in in_charge:
            return True
        who_acts = (acting or self._gov_who_acts_today())()
        return any(who_acts(leader) == user for leader in in_charge)

    def _search_is_my_unit(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on “My Units' Item”."))
        domain = [("part_ids.department_id", "in", self._my_units().ids)]
        return domain if (operator == "=") == value else ["!", *domain]

    # ------------------------------------------------------------------
    # Who the current user is for items
    # ------------------------------------------------------------------
    @api.model
    def _my_units(self):
        # sudo: a user's own units, whatever his HR access rights
        return self.env.user.sudo().employee_ids.department_id.with_env(self.env)

    @api.model
    def _is_supervision_staff(self):
        user = self.env.user
        return self.env.su or user.has_group("gov_rules.group_gov_office") \
            or user.has_group("gov_supervision.group_supervision_office")

    # ------------------------------------------------------------------
    # Checks (bad input: clear errors, nothing saved)
    # ------------------------------------------------------------------
    @api.constrains("deadline", "deadline_start")
    def _check_deadline(self):
        for item in self:
            if item.deadline and item.deadline_start and item.deadline < item.deadline_start:
                raise ValidationError(self.env._(
                    "The deadline of %(item)s (%(deadline)s) is before its start (%(start)s).", item=item.name,
                    deadline=format_date(self.env, item.deadline), start=format_date(self.env, item.deadline_start)))

    @api.constrains("source", "finding_authority")
    def _check_source_fields(self):
        for item in self:
            if item.source == "finding" and not item.finding_authority:
                raise ValidationError(self.env._(
                    "%s rectifies a finding: say whether the audit office, the procuratorate or a court made it "
                    "(R15.1).", item.name))

    def _gov_signoff_check_protected(self, vals):
        # the deadline is set by hand while the item is a draft; afterwards only an extension moves it
        if self and all(item.state == "draft" for item in self) or not self:
            vals = {name: value for name, value in vals.items() if name not in DEADLINE_FIELDS}
        return super()._gov_signoff_check_protected(vals)

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.setdefault("deadline_start", fields.Date.to_string(district_today(self)))
        items = super().create(vals_list)
        items._sync_lead_part()
        # the first deadline, one write per distinct date (not one per item); an item loaded with its history
        # (demo data, an import) keeps the original deadline it was given
        for deadline, group in items.filtered(lambda i: i.deadline and not i.original_deadline).grouped(
                "deadline").items():
            group._gov_signoff_write({"original_deadline": deadline})
        return items

    def write(self, vals):
        if not self.env.su and not self._is_supervision_staff() \
                and not self.env.user.has_group("gov_rules.group_gov_leader"):
            refused = set(vals) - LEAD_FIELDS - {"message_follower_ids", "message_ids", "activity_ids",
                                                  "message_main_attachment_id"}
            if refused:
                raise UserError(self.env._(
                    "The lead unit changes the result, the evidence and the reports of an item; the supervision "
                    "office changes the rest (%s).", self._gov_field_labels(refused)))
        result = super().write(vals)
        if {"lead_department_id", "responsible_id", "deadline", "deadline_start", "deadline_policy_id"} & set(vals):
            self._sync_lead_part()
        if DEADLINE_FIELDS & set(vals):
            # a draft's deadline is still its first one
            for item in self.filtered(lambda i: i.state == "draft"):
                item._gov_signoff_write({"original_deadline": item.deadline})
        return result

    def _sync_lead_part(self):
        """The lead unit's part follows the item: its unit, responsible person and deadline (R33.1)."""
        Part = self.env["gov.supervision.part"].sudo()
        new_parts = []
        for item in self:
            lead = item.part_ids.filtered("is_lead")
            if not item.lead_department_id:
                continue
            values = {"department_id": item.lead_department_id.id, "responsible_id": item.responsible_id.id,
                      "deadline": item.deadline, "deadline_start": item.deadline_start}
            if lead:
                changed = {name: value for name, value in values.items()
                           if (lead[name] if name.startswith("deadline") else lead[name].id) != value}
                if changed:
                    # sudo: the system keeps the lead's part as the item says, whoever changed the item
                    lead.sudo().write(changed)
            else:
                new_parts.append({**values, "item_id": item.id, "is_lead": True})
        if new_parts:
            # sudo: the system adds the lead's part, whoever created the item
            Part.create(new_parts)

    # ------------------------------------------------------------------
    # Sources (agreed interface): source._gov_supervision_item_values() → create values
    # ------------------------------------------------------------------
    @api.model
    def _create_from_source(self, source_record, values=None):
        """Create the item of ``source_record`` (a document, a decision, a letter …) from the values the
        source gives, and open it (assign it to its units) when it names a lead unit and a deadline."""
        source_record.ensure_one()
        vals = {**source_record._gov_supervision_item_values(), **(values or {})}
        item = self.create(vals)
        if item.lead_department_id and item.deadline:
            item.action_open()
        return item

    def _gov_source_record(self):
        """The record the item came from (to show it the result), if the item links one."""
        self.ensure_one()
        for name in ("document_id", "decision_id", "letter_id", "suggestion_id", "inspection_id"):
            if name in self._fields and self[name]:
                return self[name]
        return None

    def action_open_source(self):
        self.ensure_one()
        source = self._gov_source_record()
        if not source:
            return False
        return {"type": "ir.actions.act_window", "res_model": source._name, "res_id": source.id,
                "view_mode": "form", "target": "current"}

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_open(self):
        """交办: the item goes to its units; from now on its deadline counts and reminders apply. A leader
        assigns the items he instructed or whose area he leads (or those of the leader he stands in for),
        the head any; an item that names neither a leader nor an area, any leader."""
        staff = self._is_supervision_staff()
        if not staff and not self.env.user.has_group("gov_rules.group_gov_leader"):
            raise UserError(self.env._("Only the supervision office, the office or a leader assigns an item."))
        acting = self._gov_who_acts_today()
        for item in self:
            if not staff and (item.leader_id or item.area_id) and not item._gov_is_leader_in_charge(acting):
                raise AccessError(self.env._(
                    "%s is assigned by the supervision office, the office or its leader in charge (or the leader "
                    "standing in for him).", item.name))
        self._gov_signoff_lock()
        today = district_today(self)
        for item in self:
            if item.state != "draft":
                raise UserError(self.env._("%s is already assigned.", item.name))
            if not item.lead_department_id:
                raise UserError(self.env._("Name the lead unit (牵头) of %s before assigning it.", item.name))
            if not item.deadline:
                raise UserError(self.env._("Give %s a deadline (a time limit or a date) before assigning it.",
                                           item.name))
            if item.report_to_party_committee and item.source == "finding" and not item.finding_reference:
                raise UserError(self.env._("Give the reference of the finding %s rectifies.", item.name))
            item._gov_signoff_write({"state": "open", "open_date": today, "deadline_open": True,
                                     "original_deadline": item.deadline, "escalation_offset_done": -1000})
            item.part_ids._init_report_schedule()
        self.env["gov.supervision.light.policy"]._recompute_lights(self)
        return True

    def action_submit_closure(self):
        """The lead unit submits its result (办结) with the evidence: the supervision office reviews it."""
        for item in self:
            if item.state != "open":
                raise UserError(self.env._("Only an item in progress can be submitted for closure."))
            if not item.is_lead_user:
                raise UserError(self.env._("Only the lead unit (%(unit)s) submits %(item)s for closure.",
                                           unit=item.lead_department_id.name, item=item.name))
        return self.action_signoff_submit()

    def _gov_signoff_check_submit(self):
        result = super()._gov_signoff_check_submit()
        if self.state != "open":
            raise UserError(self.env._("Only an item in progress can be submitted for closure."))
        if not (self.result or "").strip() or self.result == "<p><br></p>":
            raise UserError(self.env._("Describe the result of %s before submitting it for closure.", self.name))
        if not self.evidence_ids:
            raise UserError(self.env._(
                "Attach the evidence of the result of %s (documents, photos, acceptance records) before "
                "submitting it for closure.", self.name))
        # sudo: the parts decide, whether or not the lead reads each of them
        open_parts = self.sudo().part_ids.filtered(lambda part: not part.is_lead and part.state == "open")
        if open_parts:
            raise UserError(self.env._(
                "%(item)s cannot close while the parts of %(units)s are open: they submit their contributions "
                "first (R33.1).", item=self.name, units=", ".join(open_parts.department_id.mapped("name"))))
        self._check_party_report()
        return result

    def _check_party_report(self):
        for item in self:
            if item.report_to_party_committee and not item.party_report_on:
                raise UserError(self.env._(
                    "%s is reported to the district Party committee (区委): record the report before it closes "
                    "(R8.1).", item.name))

    def _gov_signoff_time_limit(self):
        # the review has no time limit of its own: the item's deadline is its unit's, not the review's
        return self.env["gov.deadline.policy"]

    def action_signoff_submit(self):
        result = super().action_signoff_submit()
        # under review, the lead unit waits for the office: no reminder of the item's deadline meanwhile
        self._gov_signoff_write({"deadline_open": False})
        self._gov_close_deadline_activities()
        return result

    def action_signoff_approve(self, opinion=None):
        # R8.1 again at the last moment: the report may have been struck off meanwhile
        self._check_party_report()
        return super().action_signoff_approve(opinion=opinion)

    def _gov_signoff_on_state(self, state):
        result = super()._gov_signoff_on_state(state)
        if state == "approved":
            self._gov_on_closed()
        elif state in ("returned", "rejected", "draft"):
            values = {"deadline_open": True, "escalation_offset_done": -1000}
            if state in ("returned", "rejected"):
                values["return_count"] = self.return_count + 1
            self._gov_signoff_write(values)
        return result

    def _gov_on_closed(self):
        """Accepted (办结): the parts are done, the source shows the result, a finding is reported back."""
        today = district_today(self)
        self._gov_signoff_write({"closed_on": today})
        # sudo: the system closes the parts of the accepted item
        self.sudo().part_ids.write({"state": "done"})
        district = self.with_context(lang=self.env["gov.rule.set"]._district_lang()).env
        source = self._gov_source_record()
        if source is not None and "message_ids" in source._fields:
            # sudo: the source is told the result, whoever accepted it
            source.sudo().message_post(
                body=district._("Supervision item “%(item)s” closed on %(date)s. Result: %(result)s",
                                item=self.name, date=format_date(district, today), result=self.result or ""),
                subtype_xmlid="mail.mt_note")
        if self.source == "finding":
            self._gov_report_finding_back(today)

    def _gov_report_finding_back(self, today):
        """R15.1: the rectification is reported back to the government: the office is told (an activity each,
        in his language) and the date recorded."""
        office = self._gov_escalation_office()
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for user in office:
            lang_env = self.with_context(lang=user.lang or self.env.lang).env
            # sudo: the system tells the office, whoever accepted the item
            self.sudo().activity_schedule(
                activity_type_id=activity_type.id, user_id=user.id,
                summary=lang_env._("Rectification done: report it back to the government (R15.1)"),
                note=lang_env._("%(item)s rectifies the finding %(reference)s; it was accepted on %(date)s.",
                                item=self.name, reference=self.finding_reference or "",
                                date=format_date(lang_env, today)))
        district = self.with_context(lang=self.env["gov.rule.set"]._district_lang()).env
        # sudo: the note is the system's
        self.sudo().message_post(body=district._("The rectification was reported back to the government (R15.1)."),
                                 partner_ids=office.partner_id.ids, subtype_xmlid="mail.mt_note")
        self._gov_signoff_write({"reported_back_on": today})

    def action_record_party_report(self):
        """R8.1: the report to the district Party committee is recorded today."""
        staff = self._is_supervision_staff()
        if not staff and not self.env.user.has_group("gov_rules.group_gov_leader"):
            raise UserError(self.env._("The office records the report to the district Party committee."))
        for item in self:
            if not staff and not item._gov_is_leader_in_charge():
                raise AccessError(self.env._(
                    "The office or the leader in charge of %s records its report to the district Party committee "
                    "(R8.1).", item.name))
            if not item.report_to_party_committee:
                raise UserError(self.env._("%s is not reported to the district Party committee.", item.name))
            # sudo: the office records the report, also while the item is under review
            item.sudo().write({"party_report_on": district_today(self)})
        return True

    def action_cancel(self):
        if not self._is_supervision_staff():
            raise UserError(self.env._("Only the supervision office or the office cancels an item."))
        for item in self:
            if item.state in ("closed", "cancelled"):
                raise UserError(self.env._("%s is closed or cancelled already.", item.name))
            if item.signoff_state == "pending":
                item.action_signoff_withdraw()
            item._gov_signoff_write({"state": "cancelled", "deadline_open": False})
            item._gov_close_deadline_activities()
        return True

    def action_entrust(self):
        """R5.2: the head entrusts the item to a deputy: the engine's entrustment, naming this item."""
        self.ensure_one()
        if not self.env.su and not self._is_head_user():
            raise AccessError(self.env._("Only the district head entrusts an item to a deputy (R5.2)."))
        return {"type": "ir.actions.act_window", "res_model": "gov.entrustment", "view_mode": "form",
                "target": "new", "name": self.env._("Entrust %s", self.name),
                "context": {"default_name": self.name, "default_area_id": self.area_id.id,
                            "default_item_ids": [fields.Command.create({"res_model": self._name,
                                                                        "res_id": self.id})]}}

    def action_request_extension(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "gov.supervision.extension", "view_mode": "form",
                "target": "new", "name": self.env._("Ask for an extension (延期)"),
                "context": {"default_item_id": self.id,
                            # a suggestion the lead unit changes: a month after the current deadline
                            "default_new_deadline": fields.Date.to_string(
                                (self.deadline or district_today(self)) + relativedelta(months=1))}}

    def action_record_coordination(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "gov.supervision.coordination", "view_mode": "form",
                "target": "current", "name": self.env._("Coordination"), "context": {"default_item_id": self.id}}

    def action_report_progress(self):
        self.ensure_one()
        units = self._my_units()
        part = self.part_ids.filtered(lambda p: p.department_id in units)[:1] or self.part_ids.filtered("is_lead")
        return {"type": "ir.actions.act_window", "res_model": "gov.supervision.progress", "view_mode": "form",
                "target": "new", "name": self.env._("Progress report"),
                "context": {"default_item_id": self.id, "default_part_id": part.id}}

    # ------------------------------------------------------------------
    # Escalation: the ladder tells the lead unit's responsible person, the office and the leader in charge
    # ------------------------------------------------------------------
    def _gov_escalation_owners(self):
        return {item: item.responsible_id or item.lead_department_id.gov_principal_id for item in self}

    @api.model
    def _cron_lights(self, batch_size=None):
        self.env["gov.supervision.light.policy"]._cron_lights(batch_size=batch_size)

    @api.model
    def _cron_report_requests(self):
        self.env["gov.supervision.part"]._cron_report_requests()

    def _gov_lead_department(self):
        """The lead unit (牵头) of the item (the role responsible_unit)."""
        return self.lead_department_id

    @api.model
    def _action_for_source(self, field_name, sources):
        action = self.env["ir.actions.act_window"]._for_xml_id("gov_supervision.action_gov_supervision_item")
        action["domain"] = [(field_name, "in", sources.ids)]
        action["context"] = {}
        return action
