from odoo import SUPERUSER_ID, api, fields, models, tools
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import format_date

# the district's date: one time zone for every date of the rules (district_today is imported from here too)
from ..lib.district_time import district_today
from ..lib.who_acts import WhoActs

# what the routing already reflects: set by the system only
ROUTING_FLAGS = {"start_rerouted", "end_rerouted"}


def without_routing_flags(env, vals):
    """The values a user may send: the routing flags are the system's (superuser) alone."""
    return vals if env.su else {key: value for key, value in vals.items() if key not in ROUTING_FLAGS}


class GovAbsence(models.Model):
    """A leader's dated absence (请销假, R40.1): leave or a trip. While it lasts, steps routed to the
    absent person go to the named substitute, the A/B partner (R5.4), for the head the executive
    deputy (R5.3), or for a unit principal the first deputy principal."""

    _name = "gov.absence"
    _description = "Absence"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, id desc"

    user_id = fields.Many2one("res.users", string="Absent", required=True, index=True, tracking=True,
                              default=lambda self: self.env.user)
    kind = fields.Selection([("leave", "Leave"), ("trip", "Business trip"), ("meeting", "Meeting away"),
                             ("other", "Other")], required=True, default="trip", tracking=True)
    date_from = fields.Date(required=True, index=True, tracking=True, default=lambda self: district_today(self))
    date_to = fields.Date(required=True, index=True, tracking=True, default=lambda self: district_today(self))
    substitute_id = fields.Many2one("res.users", string="Acting", tracking=True,
                                    domain=[("share", "=", False), ("active", "=", True)],
                                    help="Leave empty to use the A/B partner, or the executive deputy for the head.")
    effective_substitute_id = fields.Many2one("res.users", string="Acts for Them",
                                              compute="_compute_effective_substitute")
    note = fields.Text()
    # the scheduler catches up on missed runs with these (R5.4: re-decided when the absence starts or ends)
    start_rerouted = fields.Boolean(string="Start Re-routed", readonly=True, copy=False, index=True,
                                    help="Waiting steps were re-routed for the start of the absence.")
    end_rerouted = fields.Boolean(string="End Re-routed", readonly=True, copy=False, index=True,
                                  help="Waiting steps were re-routed for the end of the absence.")

    @api.depends("user_id", "kind", "date_from", "date_to")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for absence in self:
            absence.display_name = self.env._(
                "%(person)s · %(kind)s %(start)s–%(end)s", person=absence.user_id.name or "",
                kind=kinds.get(absence.kind, ""), start=format_date(self.env, absence.date_from),
                end=format_date(self.env, absence.date_to))

    @api.depends("user_id", "substitute_id")
    def _compute_effective_substitute(self):
        for absence in self:
            absence.effective_substitute_id = absence.substitute_id or (
                absence.user_id and self.env["gov.position"]._default_substitute(absence.user_id))

    @api.constrains("date_from", "date_to", "user_id", "substitute_id")
    def _check_absence(self):
        for absence in self:
            if absence.date_to < absence.date_from:
                raise ValidationError(self.env._("The absence ends (%(end)s) before it starts (%(start)s).",
                                                 end=absence.date_to, start=absence.date_from))
            if absence.substitute_id == absence.user_id:
                raise ValidationError(self.env._("Someone who is away cannot act for themselves."))
            absence._check_no_overlap()
            absence._check_no_cycle()

    @api.constrains("substitute_id")
    def _check_substitute(self):
        """Only an active colleague can act (R40.1): not a portal user, a departed one, the system, or an
        employee outside the government's users."""
        for absence in self.filtered("substitute_id"):
            substitute = absence.substitute_id
            if (substitute.share or not substitute.active or substitute.id == SUPERUSER_ID
                    or not substitute.has_group("gov_rules.group_gov_user")):
                raise ValidationError(self.env._(
                    "Only an active colleague (an active user of the government) can act for someone away; "
                    "%s cannot.", substitute.name))

    def _check_no_overlap(self):
        """One absence per person per day: otherwise who acts would depend on which one is read."""
        other = self.search([("id", "!=", self.id), ("user_id", "=", self.user_id.id),
                             ("date_from", "<=", self.date_to), ("date_to", ">=", self.date_from)], limit=1)
        if other:
            raise ValidationError(self.env._(
                "%(user)s is already away from %(start)s to %(end)s; change that absence instead of adding "
                "one that overlaps it.", user=self.user_id.name, start=other.date_from, end=other.date_to))

    def _check_no_cycle(self):
        """Following who acts for whom must never come back to the absent person (R5.4)."""
        overlapping = self.search([("date_from", "<=", self.date_to), ("date_to", ">=", self.date_from)])
        for day in sorted({self.date_from, *(a.date_from for a in overlapping if a.date_from > self.date_from)}):
            cycle = self._who_acts(day).cycle(self.user_id)
            if cycle:
                raise ValidationError(self.env._(
                    "These absences make a cycle on %(day)s: %(chain)s. Name someone else to act.",
                    day=day, chain=" → ".join(user.name for user in cycle)))

    @api.model
    def _who_acts(self, on_date):
        """Who acts for whom on ``on_date``, from one search of the day's absences: a function giving, for a
        user, who acts for him (R5.3, R5.4, R40.1). Routing, escalation and the cycle check all use it."""
        return WhoActs(self._acting_for_map(on_date))

    @api.model
    def _away_user_ids(self, on_date):
        """The ids of the users away on ``on_date``, kept in the registry's cache (cleared whenever an
        absence changes): routing a step asks it without a query."""
        return self._away_user_ids_cached(fields.Date.to_date(on_date))

    @tools.ormcache("on_date")
    def _away_user_ids_cached(self, on_date):
        # sudo: who is away decides routing, whoever routes; only ids leave the cache
        return frozenset(self.sudo().search([("date_from", "<=", on_date), ("date_to", ">=", on_date)]).user_id.ids)

    @api.model
    def _acting_for_map(self, on_date):
        """{absent user: who stands in} on ``on_date``, from one search."""
        absences = self.search([("date_from", "<=", on_date), ("date_to", ">=", on_date)])
        return {absence.user_id: absence.effective_substitute_id for absence in absences}

    def _covers(self, on_date):
        return self.date_from <= on_date <= self.date_to

    @api.model
    def _records_anyones(self):
        """The office records anyone's absence (R40.1); the system too."""
        return self.env.su or self.env.user.has_group("gov_rules.group_gov_office")

    @api.model
    def _check_absent_is_me(self, user_id):
        """A leader records his own absence only (R40.1); the record rules check the absence before
        a change, this checks who it is about after it."""
        if user_id != self.env.uid:
            raise AccessError(self.env._(
                "You record your own absences only; the office records those of others (R40.1)."))

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [without_routing_flags(self.env, vals) for vals in vals_list]
        if not self._records_anyones():
            for vals in vals_list:
                self._check_absent_is_me(vals.get("user_id", self.env.uid))
        absences = super().create(vals_list)
        self.env.registry.clear_cache()  # who is away (_away_user_ids)
        absences._reroute_waiting_steps()
        return absences

    def write(self, vals):
        vals = without_routing_flags(self.env, vals)
        if "user_id" in vals and not self._records_anyones():
            # who is away is never changed, not even on one's own absence: steps would follow the new person
            for absence in self:
                if absence.user_id.id != vals["user_id"]:
                    raise AccessError(self.env._(
                        "Who is away cannot be changed; record a new absence instead (R40.1)."))
            self._check_absent_is_me(vals["user_id"])
        if not set(vals) - ROUTING_FLAGS:
            return super().write(vals)
        users = self.user_id
        result = super().write(vals)
        self.env.registry.clear_cache()  # who is away (_away_user_ids)
        self._reroute_waiting_steps(users | self.user_id)
        return result

    def unlink(self):
        users = self.user_id
        result = super().unlink()
        self.env.registry.clear_cache()  # who is away (_away_user_ids)
        self.env["gov.signoff.task"]._reroute_for(users, district_today(self))
        return result

    def _reroute_waiting_steps(self, users=None):
        """Re-decide who acts now and note that the routing reflects today's state of these absences."""
        today = district_today(self)
        self.env["gov.signoff.task"]._reroute_for(users or self.user_id, today)
        self._mark_rerouted(today)

    def _mark_rerouted(self, today):
        for (started, ended), batch in self.grouped(lambda a: (a.date_from <= today, a.date_to < today)).items():
            # sudo: the flags belong to the system, whoever recorded the absence
            batch.sudo().write({"start_rerouted": started, "end_rerouted": ended})

    @api.model
    def _cron_reroute(self, today=None):
        """Absences (and entrustments) that started or ended since the last run change who acts:
        re-route the waiting steps. A missed run is caught up with by the next one (R5.2–R5.4)."""
        today = today or district_today(self)
        changing = self.search(["|", "&", ("start_rerouted", "=", False), ("date_from", "<=", today),
                                "&", ("end_rerouted", "=", False), ("date_to", "<", today)])
        if changing:
            self.env["gov.signoff.task"]._reroute_for(changing.user_id, today)
            changing._mark_rerouted(today)
        self.env["gov.entrustment"]._cron_reroute(today)
