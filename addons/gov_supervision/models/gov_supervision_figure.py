from odoo import api, fields, models
from odoo.addons.gov_rules.lib.district_time import district_today
from odoo.tools import SQL

# an item counts once it is open, until it is closed; drafts and cancelled items are not counted
COUNTED_OUT = ("draft", "cancelled")


class GovSupervisionFigure(models.Model):
    """The figures of a unit or of a leader (R35.1, R32.1): items, on-time rate against the ORIGINAL
    deadline, overdue items, average handling time in working days, extensions, returns (退回重办), and the
    open items' lights. Stored aggregates, recomputed in one statement by the scheduler (and on demand by
    the supervision office): the dashboard, the ranking and the exports read a few rows per unit, whatever
    the number of items."""

    _name = "gov.supervision.figure"
    _description = "Supervision Figures"
    _order = "scope, rank, id"
    _rec_name = "label"

    scope = fields.Selection([("unit", "Unit"), ("leader", "Leader")], required=True, readonly=True, index=True)
    department_id = fields.Many2one("hr.department", string="Unit", readonly=True, index=True)
    user_id = fields.Many2one("res.users", string="Leader", readonly=True, index=True)
    label = fields.Char(compute="_compute_label", string="Unit or Leader")
    rank = fields.Integer(readonly=True, aggregator="min", help="By on-time rate, then fewest overdue items.")
    item_count = fields.Integer(string="Items", readonly=True)
    open_count = fields.Integer(string="Open", readonly=True)
    closed_count = fields.Integer(string="Closed", readonly=True)
    due_count = fields.Integer(string="Due", readonly=True,
                               help="Items closed, and open items past their original deadline.")
    on_time_count = fields.Integer(string="Closed On Time", readonly=True)
    on_time_rate = fields.Float(string="On-time Rate (%)", readonly=True, aggregator="avg", digits=(5, 1),
                                help="Items closed by their original deadline, among the items due.")
    overdue_count = fields.Integer(string="Overdue", readonly=True,
                                   help="Closed after the original deadline, or open past it.")
    avg_handling_days = fields.Float(string="Average Handling Time (working days)", readonly=True,
                                     aggregator="avg", digits=(6, 1))
    extension_count = fields.Integer(string="Extensions", readonly=True)
    return_count = fields.Integer(string="Returns", readonly=True, help="Closures sent back to be redone (退回重办).")
    green_count = fields.Integer(string="Green", readonly=True)
    yellow_count = fields.Integer(string="Yellow", readonly=True)
    red_count = fields.Integer(string="Red", readonly=True)
    computed_at = fields.Datetime(string="As of", readonly=True)

    _scope_rank_idx = models.Index("(scope, rank)")

    @api.depends("scope", "department_id", "user_id")
    def _compute_label(self):
        for figure in self:
            figure.label = (figure.department_id if figure.scope == "unit" else figure.user_id).display_name

    @api.model
    def _gov_extensions_sql(self):
        """How many times item ``i`` was extended: its stored count where items keep one, else its approved
        extensions, else one when its deadline moved past its original one."""
        items = self.env["gov.supervision.item"]
        if "extension_count" in items._fields and items._fields["extension_count"].store:
            return SQL("COALESCE(i.extension_count, 0)")
        if "gov.supervision.extension" in self.env and "state" in self.env["gov.supervision.extension"]._fields:
            return SQL("(SELECT count(*) FROM gov_supervision_extension e "
                       "WHERE e.item_id = i.id AND e.state = 'approved')")
        return SQL("CASE WHEN i.deadline > COALESCE(i.original_deadline, i.deadline) THEN 1 ELSE 0 END")

    @api.model
    def _gov_returns_sql(self):
        """How many times the closure of item ``i`` was sent back (退回重办): its stored count where items keep
        one, else the returns in the engine's decision log."""
        items = self.env["gov.supervision.item"]
        if "return_count" in items._fields and items._fields["return_count"].store:
            return SQL("COALESCE(i.return_count, 0)")
        return SQL("(SELECT count(*) FROM gov_signoff_log l WHERE l.res_model = 'gov.supervision.item' "
                   "AND l.res_id = i.id AND l.action = 'return')")

    @api.model
    def _refresh(self):
        """Recompute every figure in one statement over the items (R35.1): the cost is one query, whatever
        the number of items, units and leaders."""
        self.env["gov.supervision.item"].flush_model()
        self.env["gov.signoff.log"].flush_model()
        today = district_today(self)
        aggregates = SQL("""
            count(*),
            count(*) FILTER (WHERE state <> 'closed'),
            count(*) FILTER (WHERE state = 'closed'),
            count(*) FILTER (WHERE state = 'closed' OR due < %(today)s),
            count(*) FILTER (WHERE state = 'closed' AND (due IS NULL OR closed_on <= due)),
            count(*) FILTER (WHERE (state = 'closed' AND closed_on > due) OR (state <> 'closed' AND due < %(today)s)),
            AVG(handling_days) FILTER (WHERE state = 'closed'),
            COALESCE(SUM(extensions), 0),
            COALESCE(SUM(returns), 0),
            count(*) FILTER (WHERE state <> 'closed' AND light = 'green'),
            count(*) FILTER (WHERE state <> 'closed' AND light = 'yellow'),
            count(*) FILTER (WHERE state <> 'closed' AND light = 'red')
        """, today=today)
        self.env.cr.execute(SQL("DELETE FROM gov_supervision_figure"))
        self.env.cr.execute(SQL("""
            WITH items AS (
                SELECT i.lead_department_id, i.leader_id, i.state, i.light, i.closed_on, i.handling_days,
                       COALESCE(i.original_deadline, i.deadline) AS due,
                       %(extensions)s AS extensions, %(returns)s AS returns
                  FROM gov_supervision_item i
                 WHERE i.state NOT IN %(out)s
            ), figures (scope, department_id, user_id, item_count, open_count, closed_count, due_count,
                        on_time_count, overdue_count, avg_handling_days, extension_count, return_count,
                        green_count, yellow_count, red_count) AS (
                SELECT 'unit', lead_department_id, NULL::integer, %(aggregates)s
                  FROM items WHERE lead_department_id IS NOT NULL GROUP BY lead_department_id
                UNION ALL
                SELECT 'leader', NULL::integer, leader_id, %(aggregates)s
                  FROM items WHERE leader_id IS NOT NULL GROUP BY leader_id
            ), rated AS (
                SELECT *, CASE WHEN due_count > 0 THEN round(100.0 * on_time_count / due_count, 1) END AS rate
                  FROM figures
            )
            INSERT INTO gov_supervision_figure (
                scope, department_id, user_id, item_count, open_count, closed_count, due_count, on_time_count,
                overdue_count, avg_handling_days, extension_count, return_count, green_count, yellow_count,
                red_count, on_time_rate, rank, computed_at, create_uid, create_date, write_uid, write_date)
            SELECT scope, department_id, user_id, item_count, open_count, closed_count, due_count, on_time_count,
                   overdue_count, round(avg_handling_days, 1), extension_count, return_count, green_count,
                   yellow_count, red_count, rate,
                   RANK() OVER (PARTITION BY scope ORDER BY rate DESC NULLS LAST, overdue_count, item_count DESC),
                   now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM rated
        """, extensions=self._gov_extensions_sql(), returns=self._gov_returns_sql(), out=COUNTED_OUT,
            aggregates=aggregates, uid=self.env.uid))
        self.invalidate_model()
        return True

    @api.model
    def _cron_refresh(self):
        self._refresh()

    def action_refresh(self):
        # sudo: the figures are the system's; whoever may read them may ask for them to be recomputed
        self.sudo()._refresh()
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def action_view_items(self):
        self.ensure_one()
        domain = [("state", "not in", COUNTED_OUT)]
        domain.append(("lead_department_id", "=", self.department_id.id) if self.scope == "unit"
                      else ("leader_id", "=", self.user_id.id))
        return {"type": "ir.actions.act_window", "name": self.label, "res_model": "gov.supervision.item",
                "view_mode": "list,form", "domain": domain}
