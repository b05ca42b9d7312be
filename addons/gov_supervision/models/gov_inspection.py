from odoo import api, fields, models
from odoo.addons.gov_rules.lib.checks import check_not_blank
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date

INSPECTION_KINDS = [
    ("comprehensive", "Comprehensive (综合督查)"),
    ("special", "Special (专项督查)"),
    ("incident", "Incident investigation (事件调查)"),
]
INSPECTION_STATES = [
    ("draft", "Draft"),
    ("pending", "Under Approval"),
    ("planned", "Planned"),
    ("in_progress", "Under Way"),
    ("done", "Concluded"),
    ("cancelled", "Cancelled"),
]
CONCLUSIONS = [
    ("praise", "Praise (表扬)"),
    ("incentive", "Incentive (激励)"),
    ("criticism", "Criticism (批评)"),
    ("accountability", "Accountability (问责)"),
]
# an inspection in these states is planned or held: a new one of the same target and subject may not overlap it
HELD_STATES = ("pending", "planned", "in_progress", "done")
# what makes two inspections the same one (R34.1): fixed once approved, as the approval was given for them
SCOPE_FIELDS = {"kind", "subject_id", "target_ids", "date_from", "date_to", "in_government_name", "organiser_id",
                "co_organiser_ids", "is_major"}


class GovInspection(models.Model):
    """An inspection (督查, R34.1, R34.2): planned, of a kind, by an organising unit (with co-organisers
    when it is major: joint), of target units on a subject over a period. A new inspection of the same
    target and subject whose period overlaps one planned or held by any unit is refused, or goes through
    the route for duplicates, as the rule set says; one in the government's name needs a leader's
    approval. Both are routes of the sign-off matrix (data)."""

    _name = "gov.inspection"
    _description = "Inspection"
    _inherit = ["gov.signoff.mixin"]
    _order = "date_from desc, id desc"
    _gov_state_field = "state"
    _gov_state_to = {"consulting": "pending", "pending": "pending", "approved": "planned", "rejected": "draft",
                     "returned": "draft", "draft": "draft", "lapsed": "cancelled"}
    _gov_locked_states = ("pending", "cancelled")
    _gov_area_field = "area_id"
    _gov_department_field = "organiser_id"
    _gov_author_fields = ("author_id",)
    _gov_protected_fields = ("duplicate_ids",)

    name = fields.Char(string="Title", required=True, tracking=True)
    plan_id = fields.Many2one("gov.inspection.plan", string="Annual Plan", index=True, tracking=True,
                              ondelete="restrict")
    kind = fields.Selection(INSPECTION_KINDS, required=True, default="special", index=True, tracking=True)
    state = fields.Selection(INSPECTION_STATES, default="draft", required=True, index=True, tracking=True,
                             copy=False, group_expand=True)
    organiser_id = fields.Many2one("hr.department", string="Organising Unit", required=True, index=True,
                                   tracking=True, default=lambda self: self.env.user.employee_id.department_id)
    co_organiser_ids = fields.Many2many("hr.department", "gov_inspection_co_organiser_rel", "inspection_id",
                                        "department_id", string="Co-organising Units",
                                        help="A major inspection is held jointly (R34.2).")
    target_ids = fields.Many2many("hr.department", "gov_inspection_target_rel", "inspection_id", "department_id",
                                  string="Target Units", required=True)
    subject_id = fields.Many2one("gov.inspection.subject", required=True, index=True,
                                 tracking=True, ondelete="restrict")
    date_from = fields.Date(string="From", required=True, tracking=True)
    date_to = fields.Date(string="To", required=True, tracking=True)
    in_government_name = fields.Boolean(string="In the Government's Name", tracking=True,
                                        help="Needs the approval of a leader (R34.2).")
    is_major = fields.Boolean(string="Major", tracking=True, help="A major inspection may be joint (R34.2).")
    area_id = fields.Many2one("gov.area", string="Subject Area", index=True, tracking=True)
    author_id = fields.Many2one("res.users", string="Drafted by", required=True, index=True, readonly=True,
                                copy=False, default=lambda self: self.env.user)
    description = fields.Html(string="Scope and Method")
    duplicate_ids = fields.Many2many("gov.inspection", "gov_inspection_duplicate_rel", "inspection_id", "other_id",
                                     string="Overlaps", readonly=True, copy=False,
                                     help="Inspections of the same target and subject in an overlapping period: "
                                          "set by the system; the route for duplicates applies (R34.1).")
    output_ids = fields.One2many("gov.inspection.output", "inspection_id", string="Outputs")
    item_ids = fields.One2many("gov.supervision.item", "inspection_id", string="Rectification Items")
    item_count = fields.Integer(string="Items", compute="_compute_item_count")
    conclusion = fields.Selection(CONCLUSIONS, tracking=True, help="What the inspection proposes (R34.2).")
    conclusion_note = fields.Html(string="Conclusion and Reasons")
    can_manage = fields.Boolean(compute="_compute_can_manage")

    _subject_period_idx = models.Index("(subject_id, date_from, date_to)")

    @api.depends("item_ids")
    def _compute_item_count(self):
        # sudo: a count of the items the inspection gave, whoever reads it
        counts = dict(self.env["gov.supervision.item"].sudo()._read_group(
            [("inspection_id", "in", self.ids)], ["inspection_id"], ["__count"]))
        for inspection in self:
            inspection.item_count = counts.get(inspection, 0)

    @api.depends_context("uid")
    @api.depends("organiser_id", "co_organiser_ids")
    def _compute_can_manage(self):
        for inspection in self:
            inspection.can_manage = inspection._gov_may_manage()

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    @api.constrains("name")
    def _check_name(self):
        check_not_blank(self, "name")

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for inspection in self:
            if inspection.date_from and inspection.date_to and inspection.date_to < inspection.date_from:
                raise ValidationError(self.env._(
                    "The inspection “%(name)s” ends (%(end)s) before it starts (%(start)s).",
                    name=inspection.name, end=format_date(self.env, inspection.date_to),
                    start=format_date(self.env, inspection.date_from)))

    @api.constrains("co_organiser_ids", "organiser_id", "is_major")
    def _check_joint(self):
        for inspection in self:
            if inspection.co_organiser_ids and not inspection.is_major:
                raise ValidationError(self.env._(
                    "Only a major inspection is held jointly: mark “%s” as major or remove its co-organising "
                    "units (R34.2).", inspection.name))
            if inspection.organiser_id in inspection.co_organiser_ids:
                raise ValidationError(self.env._("%s organises the inspection; it cannot also co-organise it.",
                                                 inspection.organiser_id.name))

    @api.model
    def _check_organiser_choice(self, department_id):
        """A unit's clerk organises inspections of his own unit; the office and the supervision office any."""
        if not department_id or self.env.su or self._gov_is_supervision_staff():
            return
        # sudo: a user's own units, whatever his HR access rights
        units = self.env.user.sudo().employee_ids.department_id
        if department_id not in units.ids:
            raise ValidationError(self.env._("You organise inspections for your own unit, not for %s.",
                                             self.env["hr.department"].sudo().browse(department_id).name))

    @api.model
    def _gov_is_supervision_staff(self):
        user = self.env.user
        return user.has_group("gov_rules.group_gov_office") or user.gov_supervision_officer

    def _gov_may_manage(self):
        """The organising and co-organising units, the office and the supervision office run the inspection."""
        self.ensure_one()
        if self.env.su or self._gov_is_supervision_staff():
            return True
        # sudo: a user's own units, whatever his HR access rights
        units = self.env.user.sudo().employee_ids.department_id
        return bool(units & (self.organiser_id | self.co_organiser_ids))

    # ------------------------------------------------------------------
    # Duplicates (R34.1)
    # ------------------------------------------------------------------
    def _gov_find_duplicates(self):
        """{inspection: {other inspection: target units in common}}: for all of them in one query (the
        targets' relation is indexed by unit, the inspections by subject and period)."""
        if not self.ids:
            return {}
        self.env["gov.inspection"].flush_model(["subject_id", "date_from", "date_to", "state", "target_ids"])
        rows = self.env.execute_query(SQL("""
            SELECT new.id, old.id, nt.department_id
              FROM gov_inspection new
              JOIN gov_inspection_target_rel nt ON nt.inspection_id = new.id
              JOIN gov_inspection_target_rel ot ON ot.department_id = nt.department_id
                                               AND ot.inspection_id <> new.id
              JOIN gov_inspection old ON old.id = ot.inspection_id
             WHERE new.id IN %(ids)s
               AND old.subject_id = new.subject_id
               AND old.state IN %(states)s
               AND old.date_from <= new.date_to
               AND old.date_to >= new.date_from
             ORDER BY new.id, old.date_from, old.id
        """, ids=tuple(self.ids), states=HELD_STATES))
        found = {}
        Department = self.env["hr.department"]
        for new_id, old_id, department_id in rows:
            others = found.setdefault(self.browse(new_id), {})
            other = self.browse(old_id)
            others[other] = others.get(other, Department) | Department.browse(department_id)
        return found

    def _gov_check_duplicates(self):
        """Refuse the duplicates where the rule set says so, naming the other inspection and its unit;
        elsewhere, keep the overlaps on the inspection: its route for duplicates applies (R34.1)."""
        live = self.filtered(lambda inspection: inspection.state != "cancelled")
        if not live:
            return
        # two inspections of one subject saved at once: the second waits for the first and sees it
        subjects = tuple(sorted(set(live.subject_id.ids)))
        self.env.cr.execute(SQL("UPDATE gov_inspection_subject SET write_date = write_date WHERE id IN %s",
                                subjects), log_exceptions=False)
        found = live._gov_find_duplicates()
        # sudo: the other inspections may be another unit's; the message names them (R34.1)
        for inspection in live:
            others = found.get(inspection, {})
            if others and inspection.sudo().rule_set_id.inspection_duplicates != "approve":
                raise ValidationError(inspection._gov_duplicate_message(others))
        for inspection in live:
            wanted = self.browse([other.id for other in found.get(inspection, {})])
            if wanted != inspection.duplicate_ids:
                inspection._gov_signoff_write({"duplicate_ids": [fields.Command.set(wanted.ids)]})

    def _gov_duplicate_message(self, others):
        lines = []
        states = dict(self._fields["state"]._description_selection(self.env))
        for other, targets in others.items():
            known = other.sudo()
            lines.append(self.env._(
                "“%(other)s” of %(unit)s (%(state)s, %(start)s – %(end)s), on %(targets)s",
                other=known.name, unit=known.organiser_id.name, state=states[known.state],
                start=format_date(self.env, known.date_from), end=format_date(self.env, known.date_to),
                targets=", ".join(targets.sudo().mapped("name"))))
        return self.env._(
            "“%(name)s” duplicates an inspection already planned or held on the same subject (%(subject)s) "
            "and target units in an overlapping period: %(others)s. Duplicate inspections are refused (R34.1): "
            "join that inspection or choose another period.",
            name=self.name, subject=self.sudo().subject_id.name, others="; ".join(lines))

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_organiser_choice(vals.get("organiser_id") or self.env.user.employee_id.department_id.id)
        inspections = super().create(vals_list)
        inspections._gov_check_duplicates()
        return inspections

    def write(self, vals):
        scope = SCOPE_FIELDS & set(vals)
        if scope and not self.env.su:
            self._check_organiser_choice(vals.get("organiser_id"))
            fixed = self.filtered(lambda inspection: inspection.state not in ("draft",))
            if fixed:
                raise UserError(self.env._(
                    "“%(name)s” is approved as planned: its kind, units, subject and period stay as approved "
                    "(%(fields)s). Cancel it and plan a new one instead.",
                    name=fixed[0].name, fields=self._gov_field_labels(scope)))
        result = super().write(vals)
        if scope:
            self._gov_check_duplicates()
        return result

    # ------------------------------------------------------------------
    # Sign-off hooks
    # ------------------------------------------------------------------
    def _gov_signoff_check_submit(self):
        if self.state != "draft":
            raise UserError(self.env._("Only a draft inspection is submitted for approval."))
        if not self._gov_may_manage():
            raise UserError(self.env._("Only the organising unit or the supervision office submits %s.",
                                       self.display_name))
        self._gov_check_duplicates()
        return super()._gov_signoff_check_submit()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _gov_check_manage(self):
        for inspection in self:
            if not inspection._gov_may_manage():
                raise UserError(self.env._("Only the organising units or the supervision office run %s.",
                                           inspection.display_name))

    def action_start(self):
        """The approved inspection starts: only one approved (planned) starts, never a draft (R34.1)."""
        self._gov_check_manage()
        for inspection in self:
            if inspection.state != "planned":
                raise UserError(self.env._(
                    "“%s” is not approved: an inspection starts only once it is planned and approved (R34.1).",
                    inspection.name))
        self._gov_signoff_write({"state": "in_progress"})
        return True

    def action_conclude(self):
        self._gov_check_manage()
        for inspection in self:
            if inspection.state != "in_progress":
                raise UserError(self.env._("Only an inspection under way is concluded."))
            if not inspection.conclusion:
                raise UserError(self.env._(
                    "Give the conclusion of “%s”: praise, incentive, criticism or accountability (R34.2).",
                    inspection.name))
        self._gov_signoff_write({"state": "done"})
        return True

    def action_cancel(self):
        self._gov_check_manage()
        for inspection in self:
            if inspection.state in ("done", "cancelled"):
                raise UserError(self.env._("“%s” is concluded or cancelled already.", inspection.name))
            if inspection.signoff_state == "pending":
                raise UserError(self.env._("Withdraw “%s” from approval before cancelling it.", inspection.name))
        self._gov_signoff_write({"state": "cancelled"})
        return True

    def action_create_items(self):
        """Every rectification output without its item becomes a supervision item (R34.2)."""
        self.output_ids.filtered(lambda output: output.kind == "rectification" and not output.item_id) \
            .action_create_item()
        return self.action_view_items()

    def action_view_items(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Rectification Items"),
            "res_model": "gov.supervision.item",
            "view_mode": "list,form",
            "domain": [("inspection_id", "=", self.id)],
            "context": {"default_inspection_id": self.id, "default_source": "inspection"},
        }
