import calendar as month_calendar
from datetime import datetime, time, timedelta

import pytz

from odoo import api, fields, models
from odoo.addons.gov_rules.lib.district_time import district_today, district_tz
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tools import SQL, format_datetime

MEETING_STATES = [
    ("planned", "Planned"),
    ("agenda_review", "Agenda Under Approval"),
    ("agenda_approved", "Agenda Approved"),
    ("papers_sent", "Papers Sent"),
    ("held", "Held"),
    ("minutes", "Minutes"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
# once the head approved the agenda, the meeting may still move (time, room) until it is held
MOVABLE_STATES = ("agenda_approved", "papers_sent")
MOVABLE_FIELDS = {"start", "stop", "room_id"}
# a meeting may be cancelled until it takes place
CANCELLABLE_STATES = ("planned", "agenda_review", "agenda_approved", "papers_sent")
# the order of the participants' list: the chair, the members, ex officio, then those attending a topic
ROLE_SEQUENCE = {"chair": 1, "member": 10, "ex_officio": 20, "attending": 30}
# what a meeting's calendar event shows of it
EVENT_FIELDS = {"name", "start", "stop", "room_id", "organiser_id"}


class GovMeeting(models.Model):
    """A meeting the office plans from a type's topic pool: its time, room, chair and agenda. The head
    approves the agenda through the engine (R22.2); once approved it is locked. It is a calendar
    event in every participant's calendar."""

    _name = "gov.meeting"
    _description = "Meeting"
    _inherit = ["gov.signoff.mixin"]
    _order = "start desc, id desc"
    _gov_state_field = "state"
    _gov_state_to = {"consulting": "agenda_review", "pending": "agenda_review", "approved": "agenda_approved",
                     "rejected": "planned", "returned": "planned", "draft": "planned", "lapsed": "cancelled"}
    _gov_locked_states = ("agenda_review", "agenda_approved", "papers_sent", "held", "minutes", "closed",
                          "cancelled")
    _gov_department_field = "department_id"
    _gov_author_fields = ("organiser_id",)
    _gov_protected_fields = ("agenda_reopened", "agenda_approved_on")

    name = fields.Char(required=True, tracking=True, compute="_compute_name", store=True, readonly=False,
                       precompute=True)
    type_id = fields.Many2one("gov.meeting.type", string="Meeting Type", required=True, index=True, tracking=True,
                              ondelete="restrict")
    kind = fields.Selection(related="type_id.kind", store=True, index=True)
    state = fields.Selection(MEETING_STATES, default="planned", required=True, index=True, tracking=True,
                             copy=False, group_expand=True)
    start = fields.Datetime(required=True, index=True, tracking=True)
    stop = fields.Datetime(string="End", required=True, index=True, tracking=True)
    room_id = fields.Many2one("gov.meeting.room", index=True, tracking=True, ondelete="restrict")
    chair_id = fields.Many2one("res.users", index=True, tracking=True, compute="_compute_chair_id", store=True,
                               readonly=False, precompute=True,
                               help="By default the holder of the position the meeting type names as its chair.")
    # a special-topic meeting the head delegated to a deputy: its minutes are signed by him (R23.1)
    delegated_by_id = fields.Many2one("res.users", string="Delegated by", index=True, tracking=True)
    department_id = fields.Many2one("hr.department", string="Organising Unit", index=True,
                                    default=lambda self: self.env.user.employee_id.department_id)
    organiser_id = fields.Many2one("res.users", string="Organised by", required=True, index=True, readonly=True,
                                   copy=False, default=lambda self: self.env.user)
    agenda_line_ids = fields.One2many("gov.meeting.agenda.line", "meeting_id", string="Agenda", copy=False)
    attendee_ids = fields.One2many("gov.meeting.attendee", "meeting_id", string="Participants", copy=False)
    calendar_event_id = fields.Many2one("calendar.event", readonly=True, copy=False,
                                        ondelete="set null", index="btree_not_null")
    minutes_ids = fields.One2many("gov.meeting.minutes", "meeting_id")
    # the district-wide meeting of the annual plan this one holds (R26.1): planned in the year's plan, or asked
    # for after it and approved by the leader in charge and then the head (R26.3)
    plan_line_id = fields.Many2one(
        "gov.meeting.plan.line", string="Carries Out", index="btree_not_null", tracking=True, ondelete="restrict",
        domain="[('state', '=', 'approved'), ('year', '=', plan_year)]",
        help="The approved meeting of the year's plan this meeting holds (R26.1). A meeting not in the plan is "
             "asked for as an unplanned one, which the leader in charge and then the head approve (R26.3).")
    plan_year = fields.Integer(string="Year", compute="_compute_plan_year")
    plan_unplanned = fields.Boolean(related="plan_line_id.unplanned", string="Unplanned Meeting")
    # the agenda was approved once and opened again for a change (R22.2): topics added since are late
    agenda_reopened = fields.Boolean(string="Agenda Changed After Approval", readonly=True, copy=False)
    agenda_approved_on = fields.Datetime(readonly=True, copy=False)
    agenda_open = fields.Boolean(compute="_compute_agenda_open",
                                 help="Topics may be added, removed or reordered: planned, not under approval.")
    topic_count = fields.Integer(string="Topics", compute="_compute_counts")
    attendee_count = fields.Integer(string="Participants Count", compute="_compute_counts")
    late_topic_count = fields.Integer(string="Late Topics", compute="_compute_counts")

    # a planned meeting is held once; a cancelled meeting leaves it to the one that replaces it
    _plan_line_uniq = models.UniqueIndex("(plan_line_id) WHERE state != 'cancelled'",
                                         "This meeting of the plan is already held by another meeting.")

    @api.depends("start")
    def _compute_plan_year(self):
        tz = pytz.timezone(district_tz(self.env))
        for meeting in self:
            meeting.plan_year = pytz.utc.localize(meeting.start).astimezone(tz).year if meeting.start else 0

    @api.depends("type_id", "start")
    def _compute_name(self):
        for meeting in self:
            if meeting.name or not meeting.type_id:
                meeting.name = meeting.name
                continue
            date = format_datetime(self.env, meeting.start, dt_format="yyyy-MM-dd") if meeting.start else ""
            meeting.name = f"{meeting.type_id.name} {date}".strip()

    @api.depends("type_id")
    def _compute_chair_id(self):
        Position = self.env["gov.position"]
        for meeting in self:
            role = meeting.type_id.chair_role
            # any leader may chair a special-topic meeting (R23.1): the office names him
            if role and role != "any_leader":
                meeting.chair_id = Position._holder(role)
            else:
                meeting.chair_id = meeting.chair_id

    @api.depends("state", "signoff_state")
    def _compute_agenda_open(self):
        for meeting in self:
            meeting.agenda_open = meeting._gov_agenda_is_open()

    @api.depends("agenda_line_ids.is_late", "attendee_ids")
    def _compute_counts(self):
        for meeting in self:
            meeting.topic_count = len(meeting.agenda_line_ids)
            meeting.late_topic_count = len(meeting.agenda_line_ids.filtered("is_late"))
            meeting.attendee_count = len(meeting.attendee_ids)

    # ------------------------------------------------------------------
    # Bad input (section 8): each refused with a clear message, nothing saved
    # ------------------------------------------------------------------
    @api.constrains("start", "stop")
    def _check_start_before_stop(self):
        for meeting in self:
            if meeting.stop <= meeting.start:
                raise ValidationError(self.env._("“%(meeting)s” ends before it starts: its end (%(stop)s) must come "
                                                 "after its start (%(start)s).", meeting=meeting.name,
                                                 stop=format_datetime(self.env, meeting.stop),
                                                 start=format_datetime(self.env, meeting.start)))

    @api.constrains("plan_line_id", "start")
    def _check_plan_line(self):
        """A meeting carries out an approved meeting of its year's plan (R26.1): planned, or unplanned and
        approved by the leader in charge and then the head (R26.3)."""
        for meeting in self.filtered("plan_line_id"):
            # sudo: the plan's meeting is checked whoever plans this one and whatever he may read of the plan
            line = meeting.plan_line_id.sudo()
            if line.state != "approved":
                raise ValidationError(self.env._(
                    "“%(meeting)s” cannot carry out “%(line)s”, which is not approved (%(state)s): a meeting holds "
                    "an approved meeting of the year's plan, and one not in the plan is approved by the leader in "
                    "charge and then the head first (R26.3).", meeting=meeting.name, line=line.name,
                    state=dict(line._fields["state"]._description_selection(self.env))[line.state]))
            if line.year != meeting.plan_year:
                raise ValidationError(self.env._(
                    "“%(meeting)s” takes place in %(year)s: it cannot carry out “%(line)s” of the %(plan_year)s "
                    "plan.", meeting=meeting.name, year=meeting.plan_year, line=line.name, plan_year=line.year))

    def _check_not_in_past(self):
        """People plan meetings ahead. The system may record a meeting as it took place (one held before
        the district used the application, the demonstration's history), so superuser writes pass."""
        if self.env.su:
            return
        now = fields.Datetime.now()
        for meeting in self:
            if meeting.start < now:
                raise ValidationError(self.env._("“%(meeting)s” would start in the past (%(start)s): a meeting is "
                                                 "planned ahead.", meeting=meeting.name,
                                                 start=format_datetime(self.env, meeting.start)))

    @api.constrains("room_id", "start", "stop", "state")
    def _check_room_free(self):
        """Two meetings never share a room (section 3): one search for all of them."""
        booked = self.filtered(lambda m: m.room_id and m.state != "cancelled")
        if not booked:
            return
        # sudo: a room is booked whether or not the user may read the meeting that holds it
        others = self.sudo().search_fetch([
            ("room_id", "in", booked.room_id.ids), ("state", "!=", "cancelled"),
            ("start", "<", max(booked.mapped("stop"))), ("stop", ">", min(booked.mapped("start")))],
            ["name", "room_id", "start", "stop"])
        for meeting in booked:
            clash = others.filtered(lambda o, m=meeting: o.id != m.id and o.room_id == m.room_id
                                    and o.start < m.stop and o.stop > m.start)[:1]
            if clash:
                raise ValidationError(self.env._(
                    "%(room)s is already booked from %(start)s to %(stop)s by “%(other)s”: choose another room or "
                    "time.", room=meeting.room_id.name, start=format_datetime(self.env, clash.start),
                    stop=format_datetime(self.env, clash.stop), other=clash.name))

    def _gov_lock_rows(self, model, ids):
        """Take the rows first (as the engine does, see _gov_signoff_lock): two offices booking the same room
        or taking the same topic at once happen one after the other, the second sees the first."""
        ids = tuple(sorted(set(ids) - {False, None}))
        if ids:
            table = self.env[model]._table
            # the serialization error is expected and retried: not logged as a bad query
            self.env.cr.execute(SQL("UPDATE %s SET write_date = write_date WHERE id IN %s",
                                    SQL.identifier(table), ids), log_exceptions=False)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        self._gov_lock_rows("gov.meeting.room", [vals["room_id"] for vals in vals_list if vals.get("room_id")])
        if any(vals.get("plan_line_id") for vals in vals_list):
            # the database sees a meeting cancelled in this transaction as cancelled: it leaves its plan's meeting
            self.flush_model(["state"])
        meetings = super().create(vals_list)
        meetings._check_not_in_past()
        meetings._gov_sync_participants()
        meetings._gov_create_events()
        return meetings

    def write(self, vals):
        if vals.get("room_id") or {"start", "stop"} & set(vals):
            self._gov_lock_rows("gov.meeting.room", [*self.room_id.ids, vals.get("room_id")])
        if vals.get("plan_line_id"):
            self.flush_model(["state"])
        result = super().write(vals)
        if {"start", "stop"} & set(vals):
            self._check_not_in_past()
        if {"type_id", "chair_id"} & set(vals):
            self.filtered(lambda m: m.state == "planned")._gov_sync_participants()
        if EVENT_FIELDS & set(vals):
            self._gov_update_events(vals)
        return result

    def _gov_signoff_check_lock(self, vals):
        """An approved agenda is locked, but the meeting may still move to another time or room until it
        is held: the calendar follows."""
        if "agenda_line_ids" in vals:
            # the agenda's own message (R22.2) rather than the engine's general one
            self._gov_check_agenda_open()
        movable = self.filtered(lambda m: m.state in MOVABLE_STATES and m.signoff_state != "pending")
        if movable and not set(vals) - MOVABLE_FIELDS - {"name"}:
            return super(GovMeeting, self - movable)._gov_signoff_check_lock(vals)
        return super()._gov_signoff_check_lock(vals)

    # ------------------------------------------------------------------
    # The agenda (R22.2, R22.3)
    # ------------------------------------------------------------------
    def _gov_agenda_is_open(self):
        self.ensure_one()
        return self.state == "planned" and self.signoff_state != "pending"

    def _gov_check_agenda_open(self):
        """Topics are added, removed or reordered only while the agenda is not approved (R22.2)."""
        for meeting in self:
            if not meeting._gov_agenda_is_open():
                raise UserError(self.env._(
                    "The agenda of “%(meeting)s” is locked (%(state)s): no topic can be added, removed or moved "
                    "(R22.2). The office asks for a change of the agenda, which the head approves again.",
                    meeting=meeting.name,
                    state=dict(self._fields["state"]._description_selection(self.env))[meeting.state]))

    def _gov_check_topics_ready(self):
        """Every topic of the agenda may stay on it now that it is locked (R22.2, R22.3: papers)."""
        for meeting in self:
            for topic in meeting.agenda_line_ids.topic_id:
                topic._check_agenda_ready(meeting)

    def _gov_meeting_type(self):
        return self.type_id

    def _gov_meeting_signer(self):
        return self.delegated_by_id or self.chair_id

    def _gov_signoff_check_submit(self):
        result = super()._gov_signoff_check_submit()
        if self.state != "planned":
            raise UserError(self.env._("Only a planned meeting's agenda is submitted for approval."))
        if not self.agenda_line_ids:
            raise UserError(self.env._("The agenda of “%s” has no topic yet: add topics from the pool first.",
                                       self.name))
        return result

    def action_signoff_submit(self):
        self.check_access("write")
        result = super().action_signoff_submit()
        # the agenda is now under approval, locked: each topic must be complete for it (R22.3)
        self._gov_check_topics_ready()
        return result

    def _gov_signoff_on_state(self, state):
        result = super()._gov_signoff_on_state(state)
        if state == "approved":
            self._gov_signoff_write({"agenda_approved_on": fields.Datetime.now()})
        return result

    def action_change_agenda(self, reason):
        """Open an approved agenda again for a change (R22.2): with the reason, logged; the meeting is planned
        again and needs a new approval; topics added now are flagged as late."""
        self.check_access("write")
        if not (reason or "").strip():
            raise UserError(self.env._("Give the reason for changing an approved agenda (R22.2)."))
        self._gov_signoff_lock()
        for meeting in self:
            if meeting.state not in MOVABLE_STATES:
                raise UserError(self.env._(
                    "Only an approved agenda of a meeting not yet held can be changed; “%s” is not one.",
                    meeting.name))
            meeting._gov_signoff_log(None, "reopen", opinion=reason)
            meeting._gov_set_signoff_state("draft", agenda_reopened=True, agenda_approved_on=False)
        return True

    # ------------------------------------------------------------------
    # States after the approval
    # ------------------------------------------------------------------
    def _gov_move(self, from_states, state, message):
        self.check_access("write")
        wrong = self.filtered(lambda m: m.state not in from_states)
        if wrong:
            raise UserError(message % wrong[0].name)
        self._gov_signoff_write({"state": state})

    def action_draft_minutes(self):
        """The office drafts the minutes of the held meeting from its agenda (gov.meeting.minutes)."""
        return self.env["gov.meeting.minutes"]._gov_draft_for(self)

    def action_send_papers(self):
        """The papers go to the participants before the meeting (R22.3): delivery is _deliver_papers()."""
        self._gov_move(("agenda_approved",), "papers_sent", self.env._(
            "The papers of “%s” are sent once its agenda is approved."))
        return self._deliver_papers()

    def _deliver_papers(self):
        """Hook: deliver the papers to the participants (the attendance part records their reading)."""
        return True

    def action_held(self):
        now = fields.Datetime.now()
        early = self.filtered(lambda m: m.start > now)
        if early:
            raise UserError(self.env._("“%(meeting)s” starts at %(start)s: it is recorded as held once it took place.",
                                       meeting=early[0].name, start=format_datetime(self.env, early[0].start)))
        self._gov_move(("papers_sent",), "held", self.env._(
            "“%s” is recorded as held after its papers were sent."))
        return True

    def action_close(self):
        self._gov_move(("held", "minutes"), "closed", self.env._("Only a meeting that was held can be closed: “%s”."))
        return True

    def action_cancel(self):
        self.check_access("write")
        wrong = self.filtered(lambda m: m.state not in CANCELLABLE_STATES)
        if wrong:
            raise UserError(self.env._("“%s” took place already: it cannot be cancelled.", wrong[0].name))
        self._gov_signoff_lock()
        # the route of an agenda under approval ends: nobody waits on it any more
        self.filtered(lambda m: m.signoff_state == "pending").action_signoff_withdraw(
            self.env._("The meeting was cancelled."))
        self._gov_signoff_write({"state": "cancelled"})
        # the topics wait in their pool for the next meeting of their type
        topics = self.agenda_line_ids.topic_id.filtered(lambda t: t.meeting_id in self)
        topics._gov_signoff_write({"state": "pool", "meeting_id": False})
        # sudo: the system takes the meeting out of every participant's calendar
        self.calendar_event_id.sudo().write({"active": False})
        return True

    # ------------------------------------------------------------------
    # Participants (R22.1, R20.1) and their calendars
    # ------------------------------------------------------------------
    def _gov_wanted_participants(self):
        """{meeting: {user: role}}: the chair, the type's members and ex officio attendees (R22.1), and
        the principals of the units attending a topic (列席, R20.1)."""
        result = {}
        for meeting in self:
            wanted = {}
            topics = meeting.agenda_line_ids.topic_id
            for user in topics.attendee_department_ids.gov_principal_id:
                wanted[user] = "attending"
            for user in meeting.type_id._ex_officio_users():
                wanted[user] = "ex_officio"
            for user in meeting.type_id._member_users():
                wanted[user] = "member"
            if meeting.chair_id:
                wanted[meeting.chair_id] = "chair"
            result[meeting] = wanted
        return result

    def _gov_sync_participants(self):
        """Keep the participants as the type and the agenda say: a row per person, created, re-roled or
        removed (only while nobody recorded anything on it), then the calendar events follow."""
        if not self:
            return
        # sudo: the system derives the participants from the type and the topics, and reads them whole
        meetings = self.sudo()
        Attendee = self.env["gov.meeting.attendee"].sudo()
        existing = Attendee.search_fetch([("meeting_id", "in", self.ids)],
                                         ["meeting_id", "user_id", "role", "attendance", "substitute_id"])
        by_meeting = existing.grouped("meeting_id")
        to_create, to_remove, to_role = [], Attendee, {}
        for meeting, wanted in meetings._gov_wanted_participants().items():
            rows = by_meeting.get(meeting, Attendee)
            have = {row.user_id: row for row in rows}
            for user, role in wanted.items():
                row = have.get(user)
                if not row:
                    to_create.append({"meeting_id": meeting.id, "user_id": user.id, "role": role,
                                      "sequence": ROLE_SEQUENCE[role]})
                elif row.role != role:
                    to_role[role] = to_role.get(role, Attendee) | row
            # a substitute (代会) comes from a granted leave, not from the type or the agenda: he stays
            to_remove |= rows.filtered(lambda r, w=wanted: r.user_id not in w and r.attendance == "invited"
                                       and not r.substitute_id and r.role != "substitute")
        to_remove.unlink()
        Attendee.create(to_create)
        for role, rows in to_role.items():
            rows.write({"role": role, "sequence": ROLE_SEQUENCE[role]})
        self.invalidate_recordset(["attendee_ids"])
        self._gov_sync_event_partners()

    def _gov_event_values(self):
        self.ensure_one()
        return {"name": self.name, "start": self.start, "stop": self.stop, "location": self.room_id.name or False,
                "user_id": self.organiser_id.id, "res_model_id": self.env["ir.model"]._get_id(self._name),
                "res_id": self.id, "partner_ids": [Command.set(self.attendee_ids.user_id.partner_id.ids)]}

    def _gov_create_events(self):
        """Each meeting is an event in every participant's calendar (one create for all)."""
        meetings = self.filtered(lambda m: not m.calendar_event_id)
        if not meetings:
            return
        # sudo: the system puts the meeting into the participants' calendars, whoever plans it
        events = self.env["calendar.event"].sudo().create([meeting._gov_event_values() for meeting in meetings])
        for meeting, event in zip(meetings, events, strict=False):
            meeting._gov_signoff_write({"calendar_event_id": event.id})

    def _gov_update_events(self, vals):
        """The meeting moved or was renamed: its events follow, in one write when the values are the same."""
        events = self.calendar_event_id.sudo()
        if not events:
            return
        common = {}
        if "room_id" in vals:
            common["location"] = self.env["gov.meeting.room"].browse(vals["room_id"]).name or False
        if "organiser_id" in vals:
            common["user_id"] = vals["organiser_id"]
        if "name" in vals:
            common["name"] = vals["name"]
        if {"start", "stop"} & set(vals):
            # the event's end follows its duration: both are written, one write per distinct time
            for (start, stop), meetings in self.filtered("calendar_event_id").grouped(
                    lambda m: (m.start, m.stop)).items():
                # sudo: the system keeps the participants' calendars as the meeting is
                meetings.calendar_event_id.sudo().write({
                    **common, "start": start, "stop": stop, "duration": (stop - start).total_seconds() / 3600})
            return
        # sudo: the system keeps the participants' calendars as the meeting is
        events.write(common)

    def _gov_sync_event_partners(self):
        """The events' guests are the participants: only the events whose guests differ are written."""
        for meeting in self.filtered("calendar_event_id"):
            # sudo: the system keeps the participants' calendars as the meeting is
            event = meeting.calendar_event_id.sudo()
            partners = meeting.sudo().attendee_ids.user_id.partner_id
            if event.partner_ids != partners:
                event.write({"partner_ids": [Command.set(partners.ids)]})

    def action_open_calendar_event(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "calendar.event", "view_mode": "form",
                "res_id": self.calendar_event_id.id}

    # ------------------------------------------------------------------
    # Demo data: this month's meeting lies in this month
    # ------------------------------------------------------------------
    @api.model
    def _gov_demo_this_month_slot(self, first_hour=9, hours=3, days_ahead=3):
        """(start, stop) in UTC of a demo meeting that lies in the district's current month and, when the
        month leaves room, after now: the first working day at least ``days_ahead`` days away, else the last
        working day left in the month, from ``first_hour`` o'clock for ``hours`` hours; on the month's last
        working day (or after it), later today."""
        tz = pytz.timezone(district_tz(self.env))
        today = district_today(self)
        last_day = today.replace(day=month_calendar.monthrange(today.year, today.month)[1])
        calendar = self.env["gov.rule.set"]._current().calendar_id or self.env["gov.calendar"]
        days_left = [today + timedelta(days=offset) for offset in range(1, (last_day - today).days + 1)]
        working = [day for day in days_left if calendar.is_working_day(day)]
        later = [day for day in working if (day - today).days >= days_ahead]
        day = (later or working or [None])[0 if later else -1]
        if day:
            start = tz.localize(datetime.combine(day, time(first_hour)))
            stop = start + timedelta(hours=hours)
        else:
            # later today, on the next full hour, until the day ends at the latest
            now = fields.Datetime.now().replace(tzinfo=pytz.utc).astimezone(tz)
            day_end = tz.localize(datetime.combine(today, time(23, 59)))
            start = max(now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1),
                        tz.localize(datetime.combine(today, time(first_hour))))
            stop = min(start + timedelta(hours=hours), day_end)
            if stop <= start:
                # a minute before midnight: the meeting stays in the month rather than in the future
                start, stop = min(now, day_end - timedelta(minutes=30)), day_end
        return tuple(moment.astimezone(pytz.utc).replace(tzinfo=None) for moment in (start, stop))

    # ------------------------------------------------------------------
    # Demo data: a meeting held before, with who came as the office recorded it
    # ------------------------------------------------------------------
    @api.model
    def _gov_demo_attendance(self, meeting_id, rows):
        """Record on the demo meeting ``meeting_id`` the attendance ``rows`` ([(user id, role, attendance)]):
        the participants the type and the agenda already gave it are updated, the others added."""
        meeting = self.browse(meeting_id)
        # sudo: the system records the demo meeting's attendance as the office did at the time
        have = {row.user_id.id: row for row in meeting.sudo().attendee_ids}
        for user_id, role, attendance in rows:
            values = {"role": role, "attendance": attendance, "sequence": ROLE_SEQUENCE[role]}
            if user_id in have:
                have[user_id].sudo().write(values)
            else:
                self.env["gov.meeting.attendee"].sudo().create({"meeting_id": meeting.id, "user_id": user_id,
                                                                **values})
        return True
