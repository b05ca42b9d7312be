from datetime import timedelta

from odoo import api, fields, models
from odoo.addons.gov_rules.lib.checks import check_not_blank
from odoo.addons.gov_rules.lib.district_time import district_today
from odoo.exceptions import UserError
from odoo.tools import is_html_empty

AUDIENCES = [
    ("deputies", "People's Congress Deputies (人大代表)"),
    ("members", "CPPCC Members (政协委员)"),
    ("retired", "Retired Cadres (老干部)"),
    ("all", "Deputies, Members and Retired Cadres"),
]
# how many days before a planned briefing the office is reminded (a system parameter an administrator edits)
REMINDER_DAYS_PARAM = "gov_supervision.briefing_reminder_days"


class GovBriefing(models.Model):
    """A periodic briefing (通报) to deputies, CPPCC members or retired cadres on the handling of their
    suggestions and on the government's work (R14.2): scheduled, then recorded as held."""

    _name = "gov.briefing"
    _description = "Briefing to Deputies, Members and Retired Cadres"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(string="Subject", required=True, tracking=True)
    audience = fields.Selection(AUDIENCES, required=True, default="all", index=True, tracking=True)
    date = fields.Date(required=True, index=True, tracking=True)
    location = fields.Char()
    content = fields.Html(string="Planned Content")
    responsible_id = fields.Many2one("res.users", string="Organised by", required=True, index=True, tracking=True,
                                     default=lambda self: self.env.user)
    state = fields.Selection([("planned", "Planned"), ("held", "Held"), ("cancelled", "Cancelled")],
                             default="planned", required=True, index=True, tracking=True, group_expand=True)
    record = fields.Html(string="Record of the Briefing")
    attendance = fields.Integer(string="Attendees")
    reminded = fields.Boolean(readonly=True, copy=False, index=True,
                              help="The office was reminded that the briefing is due.")

    @api.constrains("name")
    def _check_not_blank(self):
        check_not_blank(self, "name")

    @api.model_create_multi
    def create(self, vals_list):
        self._check_office()
        return super().create(vals_list)

    def _check_office(self):
        if not self.env.su and not self.env.user.has_group("gov_rules.group_gov_office"):
            raise UserError(self.env._("Only the office schedules and records briefings."))

    def action_held(self):
        """Record the briefing as held (R14.2): its record is required."""
        self._check_office()
        for briefing in self:
            if briefing.state != "planned":
                raise UserError(self.env._("%s is not planned.", briefing.display_name))
            if is_html_empty(briefing.record):
                raise UserError(self.env._("Write the record of %s before marking it as held.", briefing.display_name))
            if briefing.date > district_today(self):
                raise UserError(self.env._("%s is planned for a later day; it cannot be recorded as held yet.",
                                           briefing.display_name))
        self.write({"state": "held"})
        self.activity_feedback(["mail.mail_activity_data_todo"])
        return True

    def action_cancel(self):
        self._check_office()
        self.filtered(lambda b: b.state == "planned").write({"state": "cancelled"})
        self.activity_unlink(["mail.mail_activity_data_todo"])
        return True

    @api.model
    def _cron_remind_due(self, batch_size=500):
        """Remind the organiser of each planned briefing that is due within the days the system parameter
        says, once: one activity per briefing; in batches."""
        # sudo: the scheduler reads the setting
        days = int(self.env["ir.config_parameter"].sudo().get_param(REMINDER_DAYS_PARAM, 3) or 3)
        limit = district_today(self) + timedelta(days=days)
        domain = [("state", "=", "planned"), ("reminded", "=", False), ("date", "<=", limit)]
        while briefings := self.search(domain, limit=batch_size, order="id"):
            for briefing in briefings:
                user = briefing.responsible_id
                in_lang = briefing.with_context(lang=user.lang or self.env.lang)
                in_lang.activity_schedule(
                    "mail.mail_activity_data_todo", date_deadline=briefing.date, user_id=user.id,
                    summary=in_lang.env._("Briefing due: prepare it and record it once held"))
            briefings.write({"reminded": True})
        return True
