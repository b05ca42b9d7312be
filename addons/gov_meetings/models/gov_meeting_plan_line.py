from odoo import api, fields, models
from odoo.addons.gov_rules.lib.checks import check_not_blank
from odoo.exceptions import UserError, ValidationError

LINE_STATES = [
    ("draft", "Draft"),
    ("sent", "Sent"),
    ("pending", "Under Approval"),
    ("returned", "Returned for Changes"),
    ("rejected", "Rejected"),
    ("approved", "Approved"),
    ("cancelled", "Cancelled"),
]
# a unit changes its meeting in these states only (the record rules say so too)
EDITABLE_STATES = ("draft", "returned", "rejected")
# meetings that use a unit's limits (R26.3): requested or approved
COUNTED_STATES = ("sent", "pending", "approved")


class GovMeetingPlanUnitMixin(models.AbstractModel):
    """Who changes a unit's part of the annual plan (R26.1): the unit's own staff and the office. One
    implementation for a planned meeting and for the unit's list (``department_id`` is the unit)."""

    _name = "gov.meeting.plan.unit.mixin"
    _description = "Unit's Part of the Meeting Plan"

    is_my_unit = fields.Boolean(string="My Unit", compute="_compute_is_my_unit", search="_search_is_my_unit")

    @api.depends_context("uid")
    def _compute_is_my_unit(self):
        # sudo: a user's own units, whatever his HR access rights
        units = self.env.user.sudo().employee_ids.department_id
        for record in self:
            record.is_my_unit = record.department_id in units

    def _search_is_my_unit(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            return NotImplemented
        # sudo: a user's own units, whatever his HR access rights
        units = self.env.user.sudo().employee_ids.department_id.ids
        return [("department_id", "in" if (operator == "=") == value else "not in", units)]

    def _may_edit(self):
        """The unit's own staff and the office change the unit's meetings and its list."""
        self.ensure_one()
        # sudo: a user's own units, whatever his HR access rights
        return self.env.user.has_group("gov_rules.group_gov_office") or \
            self.department_id in self.env.user.sudo().employee_ids.department_id


class GovMeetingPlanLine(models.Model):
    """A district-wide meeting a unit plans (R26.1): name (R26.2), organiser, month, days, participants and
    who does the logistics. Planned meetings go with the unit's list and the annual plan; a meeting asked
    for after the plan is approved is unplanned and goes through its own route (R26.3: the leader in
    charge, then the head; a matrix row of model gov.meeting.plan.line)."""

    _name = "gov.meeting.plan.line"
    _description = "Planned District-wide Meeting"
    _inherit = ["gov.signoff.mixin", "gov.meeting.plan.unit.mixin"]
    _order = "year desc, month, department_id, id"
    _gov_state_field = "state"
    _gov_state_to = {"consulting": "pending", "pending": "pending", "approved": "approved", "rejected": "rejected",
                     "returned": "returned", "draft": "draft", "lapsed": "cancelled"}
    _gov_locked_states = ("sent", "pending", "approved", "cancelled")
    _gov_department_field = "department_id"
    _gov_author_fields = ("author_id",)
    _gov_protected_fields = ("unplanned",)

    name = fields.Char(string="Meeting", required=True, tracking=True)
    plan_id = fields.Many2one("gov.meeting.plan", required=True, index=True, ondelete="cascade",
                              default=lambda self: self._default_plan())
    year = fields.Integer(related="plan_id.year", store=True, index=True)
    plan_state = fields.Selection(related="plan_id.state", string="Plan Status")
    submission_id = fields.Many2one("gov.meeting.plan.submission", string="Unit's List", index="btree_not_null",
                                    ondelete="cascade", readonly=True)
    department_id = fields.Many2one("hr.department", string="Organising Unit", required=True, index=True,
                                    tracking=True, ondelete="restrict",
                                    default=lambda self: self.env.user.employee_id.department_id)
    category_id = fields.Many2one("gov.meeting.category", string="Held", required=True, index=True,
                                  tracking=True, ondelete="restrict")
    name_pattern = fields.Char(related="category_id.name_pattern")
    month = fields.Integer(required=True, index=True, tracking=True, default=1)
    days = fields.Integer(required=True, default=1, tracking=True)
    participants = fields.Char(tracking=True, help="Who attends, e.g. the townships' and departments' principals.")
    participant_count = fields.Integer(string="Number of Participants")
    logistics_department_id = fields.Many2one(
        "hr.department", string="Logistics by", compute="_compute_logistics", store=True, readonly=False,
        precompute=True, index=True, ondelete="restrict",
        help="The office for meetings the government organises; else the unit (R26.2).")
    office_coordinates = fields.Boolean(related="category_id.office_coordinates")
    state = fields.Selection(LINE_STATES, default="draft", required=True, index=True, tracking=True, copy=False)
    unplanned = fields.Boolean(readonly=True, index=True, copy=False,
                               help="Asked for after the year's plan went to review: the leader in charge and then "
                                    "the head approve it (R26.3).")
    reason = fields.Text(string="Why Unplanned")
    author_id = fields.Many2one("res.users", string="Entered by", required=True, index=True, readonly=True,
                                copy=False, default=lambda self: self.env.user)
    note = fields.Text()
    can_request = fields.Boolean(compute="_compute_can_request")
    # the meeting that holds it (one at a time, a cancelled one aside)
    meeting_ids = fields.One2many("gov.meeting", "plan_line_id", string="Meetings")
    meeting_id = fields.Many2one("gov.meeting", string="Held by", compute="_compute_meeting_id", compute_sudo=True)

    @api.depends("meeting_ids.state")
    def _compute_meeting_id(self):
        for line in self:
            meetings = line.meeting_ids.sorted(lambda meeting: (meeting.state == "cancelled", -meeting.id))
            line.meeting_id = meetings[:1]

    @api.model
    def _default_plan(self):
        """The plan being collected, else the latest approved one."""
        Plan = self.env["gov.meeting.plan"]
        return (Plan.search([("state", "=", "collecting")], order="year desc", limit=1)
                or Plan.search([("state", "=", "approved")], order="year desc", limit=1)).id

    @api.depends_context("uid")
    @api.depends("state", "unplanned", "department_id")
    def _compute_can_request(self):
        for line in self:
            line.can_request = line.unplanned and line.state in EDITABLE_STATES and line._may_edit()

    @api.depends("category_id", "department_id", "plan_id.department_id")
    def _compute_logistics(self):
        for line in self:
            # the office that collects the plan does the logistics of the government's own meetings
            office = line.plan_id.department_id if line.category_id.logistics == "office" else None
            line.logistics_department_id = office or line.department_id

    # ------------------------------------------------------------------
    # Checks: bad input is refused when saved (R26.2, month, days)
    # ------------------------------------------------------------------
    @api.constrains("name")
    def _check_not_blank(self):
        check_not_blank(self, "name")

    @api.constrains("name", "category_id")
    def _check_name_rule(self):
        """R26.2: the name reads as the category's naming rule says (东昌区XXX会议, 全区XXX会议)."""
        for line in self:
            if not line.category_id._name_follows_rule(line.name):
                raise ValidationError(self.env._(
                    "“%(name)s” does not follow the naming rule for meetings %(category)s (R26.2): its name must "
                    "read “%(pattern)s”, XXX being its subject.", name=line.name, category=line.category_id.name,
                    pattern=line.category_id.name_pattern))

    @api.constrains("month", "days", "participant_count")
    def _check_numbers(self):
        for line in self:
            if not 1 <= line.month <= 12:
                raise ValidationError(self.env._("“%(name)s”: the month is a number from 1 to 12, not %(month)s.",
                                                 name=line.name, month=line.month))
            if line.days <= 0:
                raise ValidationError(self.env._("“%(name)s” lasts at least one day, not %(days)s.",
                                                 name=line.name, days=line.days))
            if line.participant_count < 0:
                raise ValidationError(self.env._("“%s”: the number of participants cannot be negative.", line.name))

    def _gov_check_request(self):
        """The checks of a meeting requested (a unit sends its list, or asks for an unplanned meeting): the
        limits of its unit (R26.3), counting the meetings already requested and those of this very batch.
        The refusal names the limit and the meeting that already used it."""
        if not self:
            return
        # sudo: the meetings of the unit's year that count, whoever asks (one search for the whole batch)
        counted = self.sudo().search([
            ("department_id", "in", self.department_id.ids), ("year", "in", list(set(self.mapped("year")))),
            ("category_id", "in", self.category_id.ids), ("state", "in", COUNTED_STATES), ("id", "not in", self.ids),
        ], order="month, id")
        limits = self.env["gov.meeting.limit"].sudo().search([("category_id", "in", self.category_id.ids)])
        for line in self.sorted(lambda record: (record.month, record.id)):
            same = counted.filtered(lambda other, line=line: other.department_id == line.department_id
                                    and other.year == line.year and other.category_id == line.category_id)
            for limit in limits.filtered(lambda limit, line=line: limit._applies_to(line.category_id,
                                                                                    line.department_id)):
                if len(same) < limit.max_per_year:
                    continue
                if not same:
                    raise UserError(self.env._(
                        "%(unit)s may not hold meetings %(category)s: the limit “%(limit)s” allows none (R26.3).",
                        unit=line.department_id.name, category=line.category_id.name, limit=limit.name))
                earlier = same[0]
                raise UserError(self.env._(
                    "“%(meeting)s” is over the limit “%(limit)s” (R26.3): %(unit)s may hold at most %(max)s "
                    "meeting(s) %(category)s a year, and “%(earlier)s” (month %(month)s of %(year)s) already "
                    "uses it.", meeting=line.name, limit=limit.name, unit=line.department_id.name,
                    max=limit.max_per_year, category=line.category_id.name, earlier=earlier.name,
                    month=earlier.month, year=earlier.year))
            counted |= line

    # ------------------------------------------------------------------
    # Who changes what
    # ------------------------------------------------------------------
    def _gov_signoff_is_locked(self):
        if self.unplanned:
            return super()._gov_signoff_is_locked()
        # a planned meeting goes with the plan: locked once the plan is under review; while the lists are
        # collected, the office still corrects a sent list, its unit does not
        if self.plan_id.state in ("review", "approved"):
            return True
        if self.state == "sent":
            return not self.env.user.has_group("gov_rules.group_gov_office")
        return super()._gov_signoff_is_locked()

    @api.model_create_multi
    def create(self, vals_list):
        Submission = self.env["gov.meeting.plan.submission"]
        for vals in vals_list:
            if vals.get("submission_id") and not vals.get("plan_id"):
                submission = Submission.browse(vals["submission_id"])
                vals["plan_id"] = submission.plan_id.id
                vals.setdefault("department_id", submission.department_id.id)
        lines = super().create(vals_list)
        for line in lines:
            line._gov_attach_to_plan()
        return lines

    def _gov_attach_to_plan(self):
        """A meeting entered while the plan collects the lists goes into its unit's list; one entered after
        the plan went to review is unplanned (R26.3)."""
        self.ensure_one()
        plan = self.plan_id
        if plan.state in ("review", "approved"):
            self._gov_signoff_write({"unplanned": True, "submission_id": False})
            return
        # sudo: the unit's list, which the system keeps
        submission = self.env["gov.meeting.plan.submission"].sudo().search([
            ("plan_id", "=", plan.id), ("department_id", "=", self.department_id.id)], limit=1)
        if submission.state == "sent" and not self.env.user.has_group("gov_rules.group_gov_office"):
            raise UserError(self.env._("The list of %s is already sent: ask the office to give it back to add a "
                                       "meeting.", self.department_id.name))
        if not submission:
            submission = submission.create({"plan_id": plan.id, "department_id": self.department_id.id})
        vals = {"submission_id": submission.id}
        if submission.state == "sent":
            vals["state"] = "sent"  # the office adds it to a list already sent
        self._gov_signoff_write(vals)

    def write(self, vals):
        if {"plan_id", "department_id"} & set(vals) and not self.env.su and self.filtered("submission_id"):
            raise UserError(self.env._("A planned meeting stays in its unit's list: enter a new one instead."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Unplanned meetings through the engine (R26.3)
    # ------------------------------------------------------------------
    def _gov_signoff_check_submit(self):
        if not self.unplanned:
            raise UserError(self.env._("“%s” is in its unit's list: the list is sent, and the plan approved, as a "
                                       "whole.", self.name))
        if not self._may_edit():
            raise UserError(self.env._("Only %s or the office can ask for this meeting.", self.department_id.name))
        if not (self.reason or "").strip():
            raise UserError(self.env._("Say why “%s” was not in the year's plan.", self.name))
        self._gov_check_request()
        return super()._gov_signoff_check_submit()

    def action_cancel(self):
        if not self.env.user.has_group("gov_rules.group_gov_office"):
            raise UserError(self.env._("Only the office cancels a planned meeting."))
        for line in self:
            if line.state == "pending":
                line._gov_signoff_end(line._gov_signoff_open_tasks()[:1], "draft", None)
            line._gov_signoff_write({"state": "cancelled"})
        return True
