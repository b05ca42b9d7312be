import re
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

CLASH_DAYS_PARAM = "gov_meetings.research_visit_clash_days"


class GovResearchVisit(models.Model):
    """A leader's research visit (调研, R38.1): an entry in his calendar with its place. When leaders
    plan visits to the same place within a few days of each other (the system parameter
    ``gov_meetings.research_visit_clash_days``), the office is warned and the visits show the clash."""

    _name = "gov.research.visit"
    _description = "Research Visit"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_start desc, id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    leader_id = fields.Many2one("res.users", required=True, index=True, tracking=True,
                                default=lambda self: self.env.user, domain=lambda self: [
                                    ("all_group_ids", "in", self.env.ref("gov_rules.group_gov_leader").ids)])
    place = fields.Char(required=True, tracking=True)
    place_key = fields.Char(compute="_compute_place_key", store=True, index=True,
                            help="The place without spaces or case, to find visits to the same place.")
    date_start = fields.Date(string="From", required=True, index=True, tracking=True)
    date_stop = fields.Date(string="To", required=True, index=True, tracking=True)
    purpose = fields.Html()
    active = fields.Boolean(default=True)
    calendar_event_id = fields.Many2one("calendar.event", readonly=True, copy=False, ondelete="set null",
                                        index="btree_not_null")
    clash_ids = fields.Many2many("gov.research.visit", string="Clashing Visits", compute="_compute_clash_ids")
    has_clash = fields.Boolean(compute="_compute_clash_ids")
    # the visits the office was already warned about with this one (a pair is warned once)
    warned_visit_ids = fields.Many2many("gov.research.visit", "gov_research_visit_warned_rel", "visit_id",
                                        "other_id", string="Clashes Warned", readonly=True, copy=False)
    can_cancel = fields.Boolean(compute="_compute_can_cancel")

    @api.depends_context("uid")
    @api.depends("leader_id")
    def _compute_can_cancel(self):
        office = self.env.su or self.env.user.has_group("gov_rules.group_gov_office")
        for visit in self:
            visit.can_cancel = office or visit.leader_id == self.env.user

    @api.depends("place")
    def _compute_place_key(self):
        for visit in self:
            visit.place_key = re.sub(r"\s+", "", visit.place or "").casefold() or False

    @api.model
    def _clash_days(self):
        # sudo: the setting is read for whoever plans a visit
        value = self.env["ir.config_parameter"].sudo().get_param(CLASH_DAYS_PARAM, "3")
        try:
            return max(int(value), 0)
        except ValueError:
            return 3

    def _find_clashes(self):
        """{visit: the other leaders' visits to the same place within the configured days}: one query."""
        visits = self.filtered(lambda visit: visit.place_key and visit.date_start and visit.date_stop)
        if not visits:
            return {}
        days = timedelta(days=self._clash_days())
        # sudo: a leader's visit clashes with visits he may not read; he sees only their existence
        others = self.sudo().search([
            ("place_key", "in", list(set(visits.mapped("place_key")))),
            ("date_start", "<=", max(visits.mapped("date_stop")) + days),
            ("date_stop", ">=", min(visits.mapped("date_start")) - days)])
        return {visit: others.filtered(
            lambda other, visit=visit: other.id != visit.id and other.place_key == visit.place_key
            and other.leader_id != visit.leader_id and other.date_start <= visit.date_stop + days
            and other.date_stop >= visit.date_start - days) for visit in visits}

    @api.depends("place_key", "date_start", "date_stop", "leader_id")
    def _compute_clash_ids(self):
        clashes = self._find_clashes() if self.ids else {}
        for visit in self:
            visit.clash_ids = clashes.get(visit, self.browse())
            visit.has_clash = bool(visit.clash_ids)

    @api.constrains("date_start", "date_stop")
    def _check_dates(self):
        for visit in self:
            if visit.date_stop < visit.date_start:
                raise ValidationError(self.env._("A research visit ends on or after the day it starts."))

    @api.constrains("leader_id")
    def _check_leader(self):
        leader_group = self.env.ref("gov_rules.group_gov_leader")
        for visit in self:
            if leader_group not in visit.leader_id.all_group_ids:
                raise ValidationError(self.env._("Research visits are planned for leaders; %s is not one.",
                                                 visit.leader_id.name))

    @api.model_create_multi
    def create(self, vals_list):
        visits = super().create(vals_list)
        # the clashes of the other visits change with this one
        self.invalidate_model(["clash_ids", "has_clash"])
        visits._sync_calendar()
        visits._warn_clashes()
        return visits

    def write(self, vals):
        res = super().write(vals)
        if {"name", "leader_id", "place", "date_start", "date_stop", "active"} & set(vals):
            self.invalidate_model(["clash_ids", "has_clash"])
            self._sync_calendar()
            self._warn_clashes()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_calendar(self):
        # sudo: the calendar entry is the system's copy of the visit
        self.sudo().calendar_event_id.unlink()

    def _sync_calendar(self):
        """The visit is an all-day entry in the leader's calendar, with its place as location."""
        # sudo: the system keeps the calendar entry of the visit, whoever plans it
        Event = self.env["calendar.event"].sudo().with_context(no_mail_to_attendees=True, dont_notify=True)
        for visit in self.sudo():
            if not visit.active:
                visit.calendar_event_id.unlink()
                continue
            values = {"name": self.with_context(lang=visit.leader_id.lang or self.env.lang).env._(
                          "Research visit: %s", visit.name),
                      "location": visit.place, "allday": True,
                      "start": fields.Datetime.to_datetime(visit.date_start),
                      "stop": fields.Datetime.to_datetime(visit.date_stop),
                      "start_date": visit.date_start, "stop_date": visit.date_stop,
                      "user_id": visit.leader_id.id,
                      "partner_ids": [fields.Command.set(visit.leader_id.partner_id.ids)],
                      "privacy": "confidential"}
            if visit.calendar_event_id:
                visit.calendar_event_id.write(values)
            else:
                visit.calendar_event_id = Event.create(values)

    def _warn_clashes(self):
        """One to-do per clash for each office user, in his language; a pair of visits is warned once."""
        pairs, seen = [], set()
        for visit, others in self._find_clashes().items():
            for other in others - visit.sudo().warned_visit_ids:
                if frozenset((visit.id, other.id)) not in seen:
                    seen.add(frozenset((visit.id, other.id)))
                    pairs.append((visit, other))
        if not pairs:
            return
        office = self.env.ref("gov_rules.group_gov_office").all_user_ids.filtered(
            lambda user: user.active and not user.share)
        activity_type = self.env.ref("gov_meetings.mail_activity_type_gov_visit_clash")
        model_id = self.env["ir.model"]._get_id(self._name)
        values = []
        for visit, other in pairs:
            for user in office:
                env = visit.with_context(lang=user.lang or self.env.lang).env
                values.append({
                    "res_model_id": model_id, "res_id": visit.id, "activity_type_id": activity_type.id,
                    "user_id": user.id, "date_deadline": fields.Date.context_today(visit),
                    "summary": env._("Research visits to %(place)s clash", place=visit.place),
                    "note": env._("%(leader)s visits %(place)s from %(start)s to %(stop)s; %(other)s plans a visit "
                                  "there from %(other_start)s to %(other_stop)s.",
                                  leader=visit.leader_id.name, place=visit.place, start=visit.date_start,
                                  stop=visit.date_stop, other=other.leader_id.name, other_start=other.date_start,
                                  other_stop=other.date_stop)})
            # sudo: the system remembers which clashes it warned about, both ways
            visit.sudo().warned_visit_ids = [fields.Command.link(other.id)]
            other.sudo().warned_visit_ids = [fields.Command.link(visit.id)]
        # sudo: the system writes the office's to-dos
        self.env["mail.activity"].sudo().create(values)

    def action_cancel(self):
        if not all(self.mapped("can_cancel")):
            raise UserError(self.env._("A research visit is cancelled by its leader or the office."))
        self.active = False
        return True
