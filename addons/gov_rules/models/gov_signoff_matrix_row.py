from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

from ..lib.checks import check_not_blank


class GovSignoffMatrixRow(models.Model):
    """A row of the sign-off matrix (签发矩阵): conditions on a record and the route it takes.

    Rows are tried by priority; the first whose condition the record meets gives its route
    (R28.2, R29.1–R29.3). The route is copied onto the item when it is submitted, so editing a
    row later never changes items already under way.
    """

    _name = "gov.signoff.matrix.row"
    _description = "Sign-off Matrix Row"
    _inherit = ["mail.thread"]
    _order = "priority, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    rule_set_id = fields.Many2one("gov.rule.set", required=True, ondelete="cascade", index=True)
    model_id = fields.Many2one("ir.model", string="Applies To", required=True, ondelete="cascade",
                               domain=[("model", "like", "gov.")])
    model = fields.Char(related="model_id.model", store=True, index=True)
    priority = fields.Integer(default=100, required=True, tracking=True, help="Lower numbers are tried first.")
    active = fields.Boolean(default=True)
    domain = fields.Char(string="Condition", default="[]", required=True, tracking=True)
    separation_of_duties = fields.Boolean(
        help="The person who drafted or submitted the item may never approve it (R18.1).", tracking=True)
    rule_ref = fields.Char(string="Rule", help="The clauses this row implements, e.g. R29.1.")
    step_ids = fields.One2many("gov.signoff.route.step", "row_id", string="Route", copy=True)
    note = fields.Text()

    @api.constrains("name")
    def _check_not_blank(self):
        check_not_blank(self, "name")

    def _check_model(self):
        """A route applies to items that go through sign-off (R28.2), and its user fields are the model's."""
        item_models = self.env["gov.signoff.log"]._item_models()
        for row in self:
            if row.model_id.model not in item_models:
                raise ValidationError(self.env._(
                    "“%(row)s” applies to %(model)s, whose records do not go through sign-off; choose a model "
                    "that does, such as Outgoing Document.", row=row.name, model=row.model_id.name))
        self.step_ids._check_user_field()

    @api.constrains("domain", "model_id")
    def _check_domain(self):
        # first the model: one without sign-off is reported as such, not as a condition it cannot evaluate
        self._check_model()
        for row in self:
            try:
                domain = row._parsed_domain()
                self.env[row.model_id.model].search_count(domain, limit=1)
            except Exception as error:
                raise ValidationError(self.env._("The condition of “%(row)s” is not valid: %(error)s",
                                                 row=row.name, error=error)) from error

    @api.constrains("step_ids")
    def _check_route(self):
        for row in self:
            if not row.step_ids:
                raise ValidationError(self.env._("The route of “%s” has no step; add at least one.", row.name))
            for number in set(row.step_ids.mapped("sequence")):
                stage = row.step_ids.filtered(lambda step, n=number: step.sequence == n)
                if max(stage.mapped("required_approvals")) > len(stage):
                    raise ValidationError(self.env._(
                        "Step %(number)s of “%(row)s” asks for %(needed)s approvals but has only %(count)s "
                        "parallel approvers.", number=number, row=row.name,
                        needed=max(stage.mapped("required_approvals")), count=len(stage)))

    def _parsed_domain(self):
        self.ensure_one()
        return safe_eval(self.domain or "[]", {"uid": self.env.uid})

    @api.model
    def _match(self, record):
        """The first active row of ``record``'s rule set that its conditions select."""
        # the rows with their conditions in one query
        rows = self.search_fetch([("rule_set_id", "=", record.rule_set_id.id), ("model", "=", record._name)],
                                 ["domain", "name", "separation_of_duties"])
        tested, matched = rows._select_in_sql(record)
        for row in rows:
            if row in matched if row in tested else record.filtered_domain(row._parsed_domain()):
                return row
        return self.browse()

    def _select_in_sql(self, record):
        """(rows tested, rows selecting ``record``) among these rows, all tested in one query: each
        condition on related records (area, authority, unit …) is joined in the database instead of
        those records being read one by one, so the cost does not grow with the rows. A condition the
        database cannot test (a field without search) is left to the caller (filtered_domain)."""
        # sudo: the matrix is configuration; it selects the route whatever the submitter may read
        model = record.sudo().with_context(active_test=False)
        parts, tested = [], self.browse()
        for row in self:
            try:
                query = model._search(Domain("id", "=", record.id) & Domain(row._parsed_domain()))
            except (ValueError, TypeError, KeyError, NotImplementedError):
                continue
            parts.append(SQL("SELECT %s WHERE EXISTS(%s)", row.id, query.select()))
            tested |= row
        if not parts:
            return tested, tested
        return tested, self.browse(row_id for (row_id,) in self.env.execute_query(SQL(" UNION ALL ").join(parts)))

