from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

LEAVE_STATES = [
    ("requested", "Requested"),
    ("granted", "Granted"),
    ("refused", "Refused"),
    ("cancelled", "Withdrawn"),
]


class GovMeetingLeave(models.Model):
    """A participant who cannot attend asks for leave before the meeting (R25.1): a leader asks the
    chair, anyone else asks through the office; a substitute (代会) may be named. Granted, the
    participant is on leave (or substituted) and the substitute becomes a participant."""

    _name = "gov.meeting.leave"
    _description = "Leave Request for a Meeting"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    meeting_id = fields.Many2one("gov.meeting", required=True, index=True, ondelete="cascade", tracking=True,
                                 domain="[('state', 'not in', ('held', 'minutes', 'closed', 'cancelled'))]")
    user_id = fields.Many2one("res.users", string="Participant", required=True, index=True, tracking=True,
                              default=lambda self: self.env.user)
    attendee_id = fields.Many2one("gov.meeting.attendee", string="Participant Row", index=True, readonly=True,
                                  ondelete="cascade")
    meeting_start = fields.Datetime(related="meeting_id.start", string="Meeting Start")
    chair_id = fields.Many2one(related="meeting_id.chair_id", store=True, index=True, string="Chair")
    reason = fields.Text(required=True)
    substitute_id = fields.Many2one("res.users", string="Substitute (代会)", tracking=True,
                                    help="Who attends in the participant's place, if anyone.")
    state = fields.Selection(LEAVE_STATES, default="requested", required=True, index=True, tracking=True,
                             copy=False)
    decider = fields.Selection([("chair", "The Chair"), ("office", "The Office")], string="Decided by",
                               readonly=True, help="A leader asks the chair; anyone else asks through the office.")
    decided_by_id = fields.Many2one("res.users", string="Decision by", readonly=True, tracking=True)
    decided_on = fields.Datetime(readonly=True)
    refusal_reason = fields.Text(tracking=True)
    can_decide = fields.Boolean(compute="_compute_can_decide")

    @api.depends_context("uid")
    @api.depends("decider", "meeting_id.chair_id", "state")
    def _compute_can_decide(self):
        is_office = self.env.user.has_group("gov_rules.group_gov_office")
        for leave in self:
            leave.can_decide = leave.state == "requested" and (
                leave.meeting_id.chair_id == self.env.user if leave.decider == "chair" else is_office)

    @api.depends("meeting_id", "user_id")
    def _compute_display_name(self):
        for leave in self:
            leave.display_name = self.env._("%(user)s: leave from %(meeting)s", user=leave.user_id.name or "",
                                            meeting=leave.meeting_id.name or "")

    # ------------------------------------------------------------------
    # Asking
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        Attendee = self.env["gov.meeting.attendee"].sudo()  # sudo: the participant row is looked up, not shown
        for vals in vals_list:
            meeting = self.env["gov.meeting"].browse(vals.get("meeting_id")).exists()
            user = self.env["res.users"].browse(vals.get("user_id") or self.env.uid)
            if not meeting:
                raise UserError(self.env._("Choose the meeting you ask leave from."))
            self._check_may_ask(meeting, user, vals.get("substitute_id"))
            attendee = Attendee.search([("meeting_id", "=", meeting.id), ("user_id", "=", user.id)], limit=1)
            if not attendee:
                raise UserError(self.env._("%(user)s is not a participant of %(meeting)s.", user=user.name,
                                           meeting=meeting.name))
            if self.sudo().search_count([("attendee_id", "=", attendee.id), ("state", "in", ("requested", "granted"))],
                                        limit=1):
                raise UserError(self.env._("%(user)s has already asked leave from %(meeting)s.", user=user.name,
                                           meeting=meeting.name))
            vals.update(attendee_id=attendee.id, user_id=user.id,
                        decider="chair" if user.has_group("gov_rules.group_gov_leader") else "office")
        leaves = super().create(vals_list)
        leaves._notify_decider()
        return leaves

    def write(self, vals):
        if not self.env.su:
            if {"meeting_id", "user_id", "attendee_id", "decider", "decided_by_id", "decided_on"} & set(vals) or (
                    "state" in vals and not self.env.context.get("gov_leave_action")):
                raise UserError(self.env._("A leave request is decided with its buttons; ask again for another "
                                           "meeting or participant."))
            if ({"reason", "substitute_id"} & set(vals)) and self.filtered(lambda leave: leave.state != "requested"):
                raise UserError(self.env._("A decided leave request can no longer be changed."))
            if "substitute_id" in vals:
                for leave in self:
                    self._check_may_ask(leave.meeting_id, leave.user_id, vals["substitute_id"])
        return super().write(vals)

    @api.model
    def _check_may_ask(self, meeting, user, substitute_id):
        """Before the start only (R25.1); by the participant himself or through the office."""
        if meeting._gov_has_started():
            raise UserError(self.env._(
                "%(meeting)s has started: leave is asked before the meeting, not after its start.",
                meeting=meeting.name))
        if not self.env.su and user != self.env.user and not self.env.user.has_group("gov_rules.group_gov_office"):
            raise UserError(self.env._("You ask leave for yourself; the office asks it for someone else."))
        if substitute_id:
            if substitute_id == user.id:
                raise UserError(self.env._("The substitute must be someone else than the participant."))
            # sudo: whether the substitute already takes part, whoever asks
            if self.env["gov.meeting.attendee"].sudo().search_count(
                    [("meeting_id", "=", meeting.id), ("user_id", "=", substitute_id)], limit=1):
                raise UserError(self.env._("%(user)s already takes part in %(meeting)s and cannot be a substitute.",
                                           user=self.env["res.users"].browse(substitute_id).name,
                                           meeting=meeting.name))

    def _decider_users(self):
        """Who decides: the chair for a leader, the meeting's organiser (the office) for anyone else."""
        self.ensure_one()
        return self.meeting_id.chair_id if self.decider == "chair" else self.meeting_id.organiser_id

    def _notify_decider(self):
        activity_type = self.env.ref("gov_meetings.mail_activity_type_gov_leave")
        model_id = self.env["ir.model"]._get_id(self._name)
        values = []
        for leave in self:
            for user in leave._decider_users():
                env = leave.with_context(lang=user.lang or self.env.lang).env
                values.append({
                    "res_model_id": model_id, "res_id": leave.id, "activity_type_id": activity_type.id,
                    "user_id": user.id, "date_deadline": fields.Date.to_date(leave.meeting_id.start),
                    "summary": env._("Decide the leave of %(user)s from %(meeting)s", user=leave.user_id.name,
                                     meeting=leave.meeting_id.name)})
        # sudo: the system gives the decider his to-do
        self.env["mail.activity"].sudo().create(values)

    # ------------------------------------------------------------------
    # Deciding
    # ------------------------------------------------------------------
    def _check_decider(self):
        for leave in self:
            if leave.state != "requested":
                raise UserError(self.env._("This leave request is already decided."))
            if self.env.su:  # the system (demo data, imports) records a decision already taken
                pass
            elif leave.decider == "chair" and leave.meeting_id.chair_id != self.env.user:
                raise AccessError(self.env._("Only the chair of %s decides the leave of a leader.",
                                             leave.meeting_id.name))
            elif leave.decider == "office" and not self.env.user.has_group("gov_rules.group_gov_office"):
                raise AccessError(self.env._("Only the office decides this leave request."))
            if leave.meeting_id.state in ("held", "minutes", "closed", "cancelled"):
                raise UserError(self.env._("%s is over: its leave requests can no longer be decided.",
                                           leave.meeting_id.name))

    def action_grant(self):
        self._check_decider()
        if not self.env.su:
            self.check_access("read")
        # sudo: the decider may not write the participants; the system applies his decision
        for leave in self.sudo():
            leave.with_context(gov_leave_action=True).write({
                "state": "granted", "decided_by_id": self.env.uid, "decided_on": fields.Datetime.now()})
            attendee = leave.attendee_id
            attendee.write({"attendance": "substitute" if leave.substitute_id else "leave",
                            "substitute_id": leave.substitute_id.id})
            if leave.substitute_id:
                substitute = self.env["gov.meeting.attendee"].create({
                    "meeting_id": leave.meeting_id.id, "user_id": leave.substitute_id.id, "role": "substitute",
                    "sequence": attendee.sequence, "substitute_for_id": attendee.id})
                event = leave.meeting_id.calendar_event_id
                if event:
                    event.write({"partner_ids": [fields.Command.link(leave.substitute_id.partner_id.id)]})
                if attendee.papers_delivered_on:
                    leave.meeting_id._gov_deliver_papers_to(substitute)
        self._close_decision(self.env._("Leave granted."))
        return True

    def action_refuse(self):
        self._check_decider()
        if self.filtered(lambda leave: not (leave.refusal_reason or "").strip()):
            raise UserError(self.env._("Give the reason of the refusal."))
        # sudo: the system records the decision once the decider is checked
        self.sudo().with_context(gov_leave_action=True).write({
            "state": "refused", "decided_by_id": self.env.uid, "decided_on": fields.Datetime.now()})
        self._close_decision(self.env._("Leave refused."))
        return True

    def action_withdraw(self):
        for leave in self:
            if leave.state != "requested" or (leave.user_id != self.env.user and not self.env.su
                                              and not self.env.user.has_group("gov_rules.group_gov_office")):
                raise UserError(self.env._("Only an undecided request is withdrawn, by whoever asked it."))
        self.sudo().with_context(gov_leave_action=True).write({"state": "cancelled"})
        self._close_decision(self.env._("Leave request withdrawn."))
        return True

    def _close_decision(self, feedback):
        activity_type = self.env.ref("gov_meetings.mail_activity_type_gov_leave")
        # sudo: the decider's to-do is closed by the system, whoever decided (a deputy of the office)
        self.sudo().activity_ids.filtered(lambda activity: activity.activity_type_id == activity_type).action_feedback(
            feedback=feedback)
