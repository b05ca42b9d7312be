from datetime import timedelta

from odoo import api, fields, models


class GovSupervisionItem(models.Model):
    """The sources the other parts of the addon add to supervision items: letters from the public (R17.1),
    deputies' suggestions or CPPCC proposals (R14.1), the inspection whose rectification it is (R34.2); and
    its handling time in working days once closed, for the figures (R35.1)."""

    _inherit = "gov.supervision.item"

    letter_id = fields.Many2one("gov.public.letter", string="Letter from the Public", index="btree_not_null",
                                ondelete="restrict", readonly=True, copy=False)
    suggestion_id = fields.Many2one("gov.suggestion", string="Suggestion or Proposal", index="btree_not_null",
                                    ondelete="restrict", readonly=True, copy=False)

    inspection_id = fields.Many2one("gov.inspection", index=True, tracking=True,
                                    ondelete="restrict")
    handling_days = fields.Integer(
        string="Handling Time (working days)", compute="_compute_handling_days", store=True,
        help="Working days from the start of the item to its closure, by the rule set's calendar.")

    # the list filtered by unit and light, in the items' order (deadline, id desc): one index range read in
    # order, that stops at the page's end, whatever the number of items; with the other column the units'
    # access rule reads (responsible_id), the page's count is read from the index alone
    _unit_light_deadline_idx = models.Index("(lead_department_id, light, deadline, id DESC) INCLUDE (responsible_id)")

    @api.depends("closed_on", "deadline_start", "create_date")
    def _compute_handling_days(self):
        # the calendar's working days are cached per year: no query per item
        for item in self:
            start = item.deadline_start or (item.create_date and item.create_date.date())
            if not (item.closed_on and start) or item.closed_on <= start:
                item.handling_days = 0
                continue
            calendar = item.rule_set_id.calendar_id or self.env["gov.calendar"]
            item.handling_days = calendar.count_working_days(start + timedelta(days=1), item.closed_on)
