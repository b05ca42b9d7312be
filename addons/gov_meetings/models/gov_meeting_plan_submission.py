from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

SUBMISSION_STATES = [
    ("draft", "Not Sent"),
    ("sent", "Sent"),
]
REMINDER_ACTIVITY_TYPE = "gov_meetings.mail_activity_type_gov_meeting_plan_list"


class GovMeetingPlanSubmission(models.Model):
    """One unit's list of the district-wide meetings it plans for next year (R26.1): the unit edits its
    meetings until it sends the list; the office sees which units have sent theirs."""

    _name = "gov.meeting.plan.submission"
    _description = "Unit's Meeting List"
    _inherit = ["mail.thread", "mail.activity.mixin", "gov.meeting.plan.unit.mixin"]
    _order = "plan_id desc, state, department_id"
    _rec_names_search = ["department_id"]

    plan_id = fields.Many2one("gov.meeting.plan", required=True, index=True, ondelete="cascade")
    year = fields.Integer(related="plan_id.year", store=True, index=True)
    plan_state = fields.Selection(related="plan_id.state", string="Plan Status")
    date_due = fields.Date(related="plan_id.date_due")
    department_id = fields.Many2one("hr.department", string="Unit", required=True, index=True, ondelete="restrict")
    state = fields.Selection(SUBMISSION_STATES, default="draft", required=True, index=True, tracking=True,
                             copy=False)
    sent_on = fields.Datetime(readonly=True, copy=False)
    sent_by_id = fields.Many2one("res.users", string="Sent by", readonly=True, copy=False)
    line_ids = fields.One2many("gov.meeting.plan.line", "submission_id", string="Meetings")
    line_count = fields.Integer(compute="_compute_line_count", string="Number of Meetings")
    note = fields.Text(help="What the unit tells the office about its list (e.g. no district-wide meeting planned).")
    can_send = fields.Boolean(compute="_compute_user_actions")
    can_reopen = fields.Boolean(compute="_compute_user_actions")

    _plan_unit_unique = models.Constraint("unique(plan_id, department_id)", "This unit already has a list in the plan.")

    @api.depends("plan_id", "department_id")
    def _compute_display_name(self):
        for submission in self:
            submission.display_name = f"{submission.department_id.name} · {submission.plan_id.year}"

    @api.depends("line_ids")
    def _compute_line_count(self):
        for submission in self:
            submission.line_count = len(submission.line_ids)

    @api.depends_context("uid")
    @api.depends("state", "plan_id.state", "department_id")
    def _compute_user_actions(self):
        for submission in self:
            collecting = submission.plan_id.state == "collecting"
            submission.can_send = collecting and submission.state == "draft" and submission._may_edit()
            submission.can_reopen = collecting and submission.state == "sent" and self.env.user.has_group(
                "gov_rules.group_gov_office")

    # ------------------------------------------------------------------
    # The unit's to-do until it sends its list (one per person, in his language)
    # ------------------------------------------------------------------
    def _reminder_users(self):
        """Who is asked for the unit's list: its principal, else its staff."""
        self.ensure_one()
        department = self.department_id.sudo()
        users = department.gov_principal_id or department.member_ids.user_id
        return users.filtered(lambda user: user.active and not user.share)

    def _schedule_reminders(self):
        """A to-do for each unit's principal (or staff) to send the list, created in one batch."""
        activity_type = self.env.ref(REMINDER_ACTIVITY_TYPE)
        model_id = self.env["ir.model"]._get_id(self._name)
        already = self.env["mail.activity"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids), ("activity_type_id", "=", activity_type.id)])
        done = {(activity.res_id, activity.user_id.id) for activity in already}
        values = []
        for submission in self:
            for user in submission._reminder_users():
                if (submission.id, user.id) in done:
                    continue
                env = self.with_context(lang=user.lang or self.env.lang).env
                values.append({
                    "res_model_id": model_id, "res_id": submission.id, "user_id": user.id,
                    "activity_type_id": activity_type.id, "date_deadline": submission.plan_id.date_due,
                    "summary": env._("Send your unit's meeting list for %s", submission.plan_id.year),
                    "note": env._("List the district-wide meetings %(unit)s plans for %(year)s (name, organiser, "
                                  "month, days, participants) and send the list by %(date)s (R26.1).",
                                  unit=submission.department_id.name, year=submission.plan_id.year,
                                  date=format_date(env, submission.plan_id.date_due)),
                })
        # sudo: the system asks the units, whoever opened the collection
        return self.env["mail.activity"].sudo().with_context(mail_activity_quick_update=True).create(values)

    def _clear_reminders(self):
        # sudo: the system's to-dos, assigned to other users
        activities = self.env["mail.activity"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids),
            ("activity_type_id", "=", self.env.ref(REMINDER_ACTIVITY_TYPE).id)])
        activities.unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_send(self):
        """The unit sends its list: each meeting is checked (naming R26.2, limits R26.3) and none can be changed
        by the unit any more; its to-dos go."""
        for submission in self:
            if submission.plan_id.state != "collecting":
                raise UserError(self.env._("%s is not collecting the units' lists now.",
                                           submission.plan_id.display_name))
            if submission.state != "draft":
                raise UserError(self.env._("The list of %s is already sent.", submission.department_id.name))
            if not submission._may_edit():
                raise UserError(self.env._("Only %s or the office can send its list.", submission.department_id.name))
            lines = submission.line_ids.filtered(lambda line: line.state == "draft")
            lines._gov_check_request()
            lines._gov_signoff_write({"state": "sent"})
            # sudo: the unit's clerk may no longer write the list once sent: the system records it
            submission.sudo().write({"state": "sent", "sent_on": fields.Datetime.now(), "sent_by_id": self.env.uid})
            submission._clear_reminders()
            district = self.with_context(lang=self.env["gov.rule.set"]._district_lang()).env
            submission.sudo().message_post(body=district._("List sent with %s meetings.", len(lines)))
        return True

    def action_reopen(self):
        """The office gives a sent list back to its unit while the plan is being collected."""
        if not self.env.user.has_group("gov_rules.group_gov_office"):
            raise UserError(self.env._("Only the office gives a unit its list back."))
        for submission in self:
            if submission.state != "sent" or submission.plan_id.state != "collecting":
                raise UserError(self.env._("Only a sent list of a plan still being collected can be given back."))
            submission.line_ids.filtered(lambda line: line.state == "sent")._gov_signoff_write({"state": "draft"})
            submission.write({"state": "draft", "sent_on": False, "sent_by_id": False})
            submission._schedule_reminders()
        return True
