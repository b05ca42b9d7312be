from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL, format_date

from odoo.addons.gov_rules.lib.district_time import district_today

from .gov_supervision_item import LIGHTS

PROGRESS_ACTIVITY_TYPE = "gov_supervision.mail_activity_type_progress_report"


class GovSupervisionPart(models.Model):
    """The part of one unit in an item: the lead unit (牵头) or a co-unit (协办), with its responsible
    person, its deadline (working days from a time limit, or a date) and its light (R33.1)."""

    _name = "gov.supervision.part"
    _description = "Unit's Part of a Supervision Item"
    _inherit = ["gov.deadline.mixin"]
    _order = "item_id, is_lead desc, id"

    item_id = fields.Many2one("gov.supervision.item", required=True, index=True, ondelete="cascade")
    item_state = fields.Selection(related="item_id.state", string="Item State", store=True, index=True)
    lead_department_id = fields.Many2one(related="item_id.lead_department_id", string="Lead Unit of the Item")
    department_id = fields.Many2one("hr.department", string="Unit", required=True, index=True)
    is_lead = fields.Boolean(string="Lead Unit", index=True, readonly=True)
    responsible_id = fields.Many2one("res.users", index=True)
    description = fields.Text(string="Its Part")
    state = fields.Selection([("open", "Open"), ("done", "Done")], default="open", required=True, index=True)
    light = fields.Selection(LIGHTS, default="green", required=True, index=True)
    contribution = fields.Html(help="What the co-unit contributes; the lead unit collects it (R33.1).")
    contributed_on = fields.Date(readonly=True, copy=False)
    progress_ids = fields.One2many("gov.supervision.progress", "part_id", string="Progress Reports")
    last_report_date = fields.Date(readonly=True, copy=False)
    next_report_date = fields.Date(compute="_compute_next_report_date", store=True, index=True,
                                   help="When the next progress report is due, by the item's cadence.")
    report_asked_for = fields.Date(readonly=True, copy=False,
                                   help="The due date of the last report asked for by an activity.")
    can_contribute = fields.Boolean(compute="_compute_can_contribute")
    is_my_unit = fields.Boolean(string="My Unit's Part", compute="_compute_can_contribute",
                                search="_search_is_my_unit")

    @api.depends("last_report_date", "item_id.open_date", "item_id.report_cadence_id", "state")
    def _compute_next_report_date(self):
        for part in self:
            cadence = part.item_id.report_cadence_id
            base = part.last_report_date or part.item_id.open_date
            part.next_report_date = cadence._next_date(base) if cadence and base and part.state == "open" else False

    @api.depends_context("uid")
    @api.depends("department_id", "state", "is_lead")
    def _compute_can_contribute(self):
        units = self.env["gov.supervision.item"]._my_units()
        staff = self.env["gov.supervision.item"]._is_supervision_staff()
        for part in self:
            part.is_my_unit = part.department_id in units
            part.can_contribute = not part.is_lead and part.state == "open" and (
                staff or part.department_id in units)

    def _search_is_my_unit(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Unsupported search on “My Unit's Part”."))
        domain = [("department_id", "in", self.env["gov.supervision.item"]._my_units().ids)]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.constrains("department_id", "is_lead", "item_id")
    def _check_units(self):
        for part in self:
            item = part.item_id
            if not part.is_lead and part.department_id == item.lead_department_id:
                raise ValidationError(self.env._(
                    "%(unit)s leads %(item)s; it cannot also be one of its co-units (R33.1).",
                    unit=part.department_id.name, item=item.name))
            same = item.part_ids.filtered(lambda p, part=part: p.department_id == part.department_id)
            if len(same) > 1:
                raise ValidationError(self.env._("%(unit)s has one part only in %(item)s.",
                                                 unit=part.department_id.name, item=item.name))
            if len(item.part_ids.filtered("is_lead")) > 1:
                raise ValidationError(self.env._("%s has one lead unit only (R33.1).", item.name))

    @api.constrains("deadline", "deadline_start")
    def _check_deadline(self):
        for part in self:
            if part.deadline and part.deadline_start and part.deadline < part.deadline_start:
                raise ValidationError(self.env._(
                    "The deadline of %(unit)s's part (%(deadline)s) is before its start (%(start)s).",
                    unit=part.department_id.name, deadline=format_date(self.env, part.deadline),
                    start=format_date(self.env, part.deadline_start)))

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            vals.setdefault("deadline_start", fields.Date.to_string(district_today(self)))
        parts = super().create(vals_list)
        open_items = parts.filtered(lambda part: part.item_id.state == "open")
        open_items._init_report_schedule()
        return parts

    def write(self, vals):
        Item = self.env["gov.supervision.item"]
        if not self.env.su and not Item._is_supervision_staff() \
                and not self.env.user.has_group("gov_rules.group_gov_leader"):
            refused = set(vals) - {"contribution", "description", "responsible_id"}
            if refused:
                raise UserError(self.env._(
                    "A unit writes its contribution and names its responsible person; the supervision office "
                    "changes the rest of its part (%s).", ", ".join(
                        self._fields[name].get_description(self.env)["string"] for name in sorted(refused))))
        return super().write(vals)

    def _init_report_schedule(self):
        """The item was assigned (or the part added to it under way): reports are counted from now."""
        self.invalidate_recordset(["next_report_date"])
        self.env.add_to_compute(self._fields["next_report_date"], self)

    # ------------------------------------------------------------------
    # The co-unit's contribution (R33.1)
    # ------------------------------------------------------------------
    def action_open_contribution(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id, "view_mode": "form",
                "target": "new", "name": self.env._("Contribution of %s", self.department_id.name),
                "views": [(self.env.ref("gov_supervision.view_gov_supervision_part_contribution_form").id, "form")]}

    def action_submit_contribution(self):
        """The co-unit hands its contribution to the lead unit; its part is done."""
        units = self.env["gov.supervision.item"]._my_units()
        staff = self.env["gov.supervision.item"]._is_supervision_staff()
        today = district_today(self)
        for part in self:
            if part.is_lead:
                raise UserError(self.env._("The lead unit submits the item's result for closure, not a contribution."))
            if part.state != "open" or part.item_id.state != "open":
                raise UserError(self.env._("The part of %s is no longer open.", part.department_id.name))
            if not staff and part.department_id not in units:
                raise UserError(self.env._("Only %s submits its own contribution.", part.department_id.name))
            if not (part.contribution or "").strip() or part.contribution == "<p><br></p>":
                raise UserError(self.env._("Write the contribution of %s first.", part.department_id.name))
            # sudo: the co-unit's part is closed by the system once its contribution is in
            part.sudo().write({"state": "done", "contributed_on": today})
            item = part.item_id.sudo()
            lead_users = item.responsible_id | item.lead_department_id.gov_principal_id
            district = self.with_context(lang=self.env["gov.rule.set"]._district_lang()).env
            # sudo: the lead unit is told, whoever may post on the item
            item.message_post(body=district._("%(unit)s submitted its contribution: %(text)s",
                                              unit=part.department_id.name, text=part.contribution),
                              partner_ids=lead_users.partner_id.ids, subtype_xmlid="mail.mt_note")
        return True

    # ------------------------------------------------------------------
    # Progress reports asked for by activities (batched)
    # ------------------------------------------------------------------
    @api.model
    def _cron_report_requests(self, batch_size=1000, today=None):
        """One activity per responsible person per item for each report due: a batch of parts is read in one
        search, its activities created in one call and the parts marked in one statement."""
        today = today or district_today(self)
        activity_type = self.env.ref(PROGRESS_ACTIVITY_TYPE)
        model_id = self.env["ir.model"]._get_id("gov.supervision.item")
        in_cron = bool(self.env.context.get("cron_id"))
        while True:
            self.env["gov.supervision.part"].flush_model(["state", "next_report_date", "report_asked_for"])
            self.env["gov.supervision.item"].flush_model(["state"])
            # the parts due and not asked for yet, in one query
            self.env.cr.execute(SQL("""
                SELECT part.id FROM gov_supervision_part part
                JOIN gov_supervision_item item ON item.id = part.item_id
                WHERE part.state = 'open' AND item.state = 'open' AND part.next_report_date <= %s
                  AND (part.report_asked_for IS NULL OR part.report_asked_for < part.next_report_date)
                ORDER BY part.id LIMIT %s""", today, batch_size))
            # sudo: the scheduler asks every unit for its report
            parts = self.sudo().browse([row[0] for row in self.env.cr.fetchall()])
            parts.fetch(["item_id", "responsible_id", "department_id", "next_report_date"])
            if not parts:
                return
            wanted = {}
            for part in parts:
                user = part.responsible_id or part.department_id.gov_principal_id
                if user:
                    wanted.setdefault((part.item_id.id, user.id), (part, user))
            summaries = {}
            vals_list = []
            followers = {}
            for (item_id, _user_id), (part, user) in wanted.items():
                lang = user.lang or self.env.lang
                if lang not in summaries:
                    summaries[lang] = self.with_context(lang=lang).env._("Progress report due (督办进展)")
                vals_list.append({"res_model_id": model_id, "res_id": item_id, "res_name": part.item_id.name,
                                  "user_id": user.id, "user_tz": user.tz, "activity_type_id": activity_type.id,
                                  "summary": summaries[lang], "date_deadline": part.next_report_date})
                if user.partner_id:
                    followers.setdefault(item_id, set()).add(user.partner_id.id)
            if vals_list:
                self.env["gov.deadline.mixin"]._gov_add_followers({"gov.supervision.item": followers})
                # sudo: the scheduler asks for the reports, whoever may read the item
                self.env["mail.activity"].sudo().with_context(
                    mail_activity_quick_update=True, gov_followers_added=True).create(vals_list)
            self.env.cr.execute(SQL(
                "UPDATE gov_supervision_part SET report_asked_for = next_report_date WHERE id IN %s",
                tuple(parts.ids)))
            parts.invalidate_recordset(["report_asked_for"])
            if in_cron:
                self.env["ir.cron"]._commit_progress(len(parts))
            if len(parts) < batch_size:
                return

    def _close_report_activities(self):
        """The part reported: the activity asking its responsible person for the report is done."""
        activity_type = self.env.ref(PROGRESS_ACTIVITY_TYPE)
        for part in self:
            user = part.responsible_id or part.department_id.gov_principal_id
            # sudo: the system's activity, done for whoever reported
            activities = self.env["mail.activity"].sudo().search([
                ("res_model", "=", "gov.supervision.item"), ("res_id", "=", part.item_id.id),
                ("activity_type_id", "=", activity_type.id), ("user_id", "=", user.id)])
            if activities:
                activities.action_done()
