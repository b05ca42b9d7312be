from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.gov_rules.lib.district_time import district_today

# what makes a light, for items (and, with the part's own columns, for parts): red when overdue, yellow when
# the deadline is near or a report is late, green otherwise
LIGHT_CASE = """CASE WHEN {t}.deadline < %(today)s THEN 'red'
                     WHEN {t}.deadline <= %(yellow)s OR {late} THEN 'yellow'
                     ELSE 'green' END"""


class GovSupervisionLightPolicy(models.Model):
    """The thresholds of the lights (red/yellow/green): data an administrator edits. The first active
    policy applies."""

    _name = "gov.supervision.light.policy"
    _description = "Supervision Lights Thresholds"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    yellow_working_days = fields.Integer(
        string="Yellow Within (working days)", required=True, default=3,
        help="An item whose deadline is this many working days away or less shows yellow.")
    late_report_days = fields.Integer(
        string="Report Late After (days)", required=True, default=0,
        help="A progress report overdue by more than this many days turns the light yellow.")
    batch_size = fields.Integer(required=True, default=2000, help="Items recomputed per batch by the scheduler.")

    @api.constrains("yellow_working_days", "late_report_days", "batch_size")
    def _check_numbers(self):
        for policy in self:
            if policy.yellow_working_days < 0 or policy.late_report_days < 0 or policy.batch_size < 1:
                raise ValidationError(self.env._(
                    "The thresholds of the lights are zero or more days, and a batch holds at least one item."))

    @api.model
    def _current(self):
        policy = self.search([], limit=1)
        return policy or self.new({"name": "default"})

    def _bounds(self, today):
        """(today, the last day that shows yellow, the last due day of a report not late yet)."""
        calendar = self.env["gov.rule.set"]._current().calendar_id
        yellow = calendar.add_working_days(today, self.yellow_working_days) if calendar else \
            today + timedelta(days=self.yellow_working_days)
        return {"today": today, "yellow": yellow, "late": today - timedelta(days=self.late_report_days)}

    @api.model
    def _recompute_lights(self, items, today=None):
        """Set the lights of ``items`` and their open parts: two statements, whatever their number."""
        if not items:
            return
        policy = self._current()
        bounds = policy._bounds(today or district_today(self))
        self.env["gov.supervision.item"].flush_model(["deadline", "light", "state"])
        self.env["gov.supervision.part"].flush_model(["deadline", "light", "state", "next_report_date", "item_id"])
        item_case = LIGHT_CASE.format(t="item", late="EXISTS(SELECT 1 FROM gov_supervision_part late "
                                      "WHERE late.item_id = item.id AND late.state = 'open' "
                                      "AND late.next_report_date < %(late)s)")
        part_case = LIGHT_CASE.format(t="part", late="part.next_report_date < %(late)s")
        params = {**bounds, "ids": list(items.ids)}
        self.env.cr.execute(SQL(f"""
            UPDATE gov_supervision_item item SET light = {item_case}
            WHERE item.id = ANY(%(ids)s) AND item.light IS DISTINCT FROM ({item_case})""", **params))
        self.env.cr.execute(SQL(f"""
            UPDATE gov_supervision_part part SET light = {part_case}
            WHERE part.item_id = ANY(%(ids)s) AND part.state = 'open'
              AND part.light IS DISTINCT FROM ({part_case})""", **params))
        self.env["gov.supervision.item"].invalidate_model(["light"])
        self.env["gov.supervision.part"].invalidate_model(["light"])

    @api.model
    def _cron_lights(self, batch_size=None, today=None):
        """Every item in progress or under review, in batches of ids: per batch one search of ids and two
        statements (items, parts), never a query per item."""
        policy = self._current()
        batch_size = batch_size or policy.batch_size
        in_cron = bool(self.env.context.get("cron_id"))
        Item = self.env["gov.supervision.item"]
        last_id = 0
        while True:
            Item.flush_model(["state"])
            self.env.cr.execute(SQL(
                "SELECT id FROM gov_supervision_item WHERE state IN ('open', 'review') AND id > %s "
                "ORDER BY id LIMIT %s", last_id, batch_size))
            ids = [row[0] for row in self.env.cr.fetchall()]
            if not ids:
                return
            self._recompute_lights(Item.browse(ids), today=today)
            last_id = ids[-1]
            if in_cron:
                self.env["ir.cron"]._commit_progress(len(ids))
            if len(ids) < batch_size:
                return
