from odoo import api, fields, models
from odoo.exceptions import ValidationError


class GovAbsence(models.Model):
    """A leader's dated absence (请销假, R40.1): leave or a trip. While it lasts, steps routed to the
    absent person go to the named substitute, the A/B partner (R5.4) or, for the head, the
    executive deputy (R5.3)."""

    _name = "gov.absence"
    _description = "Absence"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, id desc"

    user_id = fields.Many2one("res.users", string="Absent", required=True, index=True, tracking=True,
                              default=lambda self: self.env.user)
    kind = fields.Selection([("leave", "Leave"), ("trip", "Business trip"), ("meeting", "Meeting away"),
                             ("other", "Other")], required=True, default="trip", tracking=True)
    date_from = fields.Date(required=True, index=True, tracking=True, default=fields.Date.context_today)
    date_to = fields.Date(required=True, index=True, tracking=True, default=fields.Date.context_today)
    substitute_id = fields.Many2one("res.users", string="Acting", tracking=True,
                                    help="Leave empty to use the A/B partner, or the executive deputy for the head.")
    effective_substitute_id = fields.Many2one("res.users", string="Acts for Them",
                                              compute="_compute_effective_substitute")
    note = fields.Text()

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
            absence._check_no_cycle()

    def _check_no_cycle(self):
        """Following who acts for whom must never come back to the absent person (R5.4)."""
        overlapping = self.search([("date_from", "<=", self.date_to), ("date_to", ">=", self.date_from)])
        for day in {self.date_from, *(a.date_from for a in overlapping if a.date_from > self.date_from)}:
            chain = [self.user_id]
            while True:
                substitute = self._substitute_of(chain[-1], day)
                if not substitute:
                    break
                if substitute in chain:
                    names = " → ".join(user.name for user in [*chain, substitute])
                    raise ValidationError(self.env._(
                        "These absences make a cycle on %(day)s: %(chain)s. Name someone else to act.",
                        day=day, chain=names))
                chain.append(substitute)

    @api.model
    def _substitute_of(self, user, on_date):
        absence = self.search([("user_id", "=", user.id), ("date_from", "<=", on_date), ("date_to", ">=", on_date)],
                              limit=1)
        return absence.effective_substitute_id if absence else self.env["res.users"]

    def _covers(self, on_date):
        return self.date_from <= on_date <= self.date_to

    @api.model_create_multi
    def create(self, vals_list):
        absences = super().create(vals_list)
        absences._reroute_waiting_steps()
        return absences

    def write(self, vals):
        users = self.user_id
        result = super().write(vals)
        self._reroute_waiting_steps(users | self.user_id)
        return result

    def unlink(self):
        users = self.user_id
        result = super().unlink()
        self.env["gov.signoff.task"]._reroute_for(users)
        return result

    def _reroute_waiting_steps(self, users=None):
        self.env["gov.signoff.task"]._reroute_for(users or self.user_id)

    @api.model
    def _cron_reroute(self):
        """Absences that start today or ended yesterday change who acts: re-route waiting steps."""
        today = fields.Date.context_today(self)
        yesterday = fields.Date.subtract(today, days=1)
        changing = self.search(["|", ("date_from", "=", today), ("date_to", "=", yesterday)])
        if changing:
            changing._reroute_waiting_steps()
