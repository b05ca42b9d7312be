from odoo import api, fields, models
from odoo.exceptions import UserError

from ..lib.checks import check_not_blank

MONTHS = [("1", "January"), ("2", "February"), ("3", "March"), ("4", "April"), ("5", "May"), ("6", "June"),
          ("7", "July"), ("8", "August"), ("9", "September"), ("10", "October"), ("11", "November"),
          ("12", "December")]


class GovDocumentPlanLine(models.Model):
    """A document a unit plans to issue in the year (R30.1): its title and the month expected."""

    _name = "gov.document.plan.line"
    _description = "Planned Document"
    _order = "plan_id, sequence, id"

    plan_id = fields.Many2one("gov.document.plan", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Title", required=True)
    month = fields.Selection(MONTHS, string="Expected Month")
    department_id = fields.Many2one(related="plan_id.department_id", store=True, index=True)
    year = fields.Integer(related="plan_id.year", store=True, index=True)
    document_ids = fields.One2many("gov.document", "plan_line_id", string="Documents")
    document_count = fields.Integer(string="Drafted", compute="_compute_document_count")
    note = fields.Char()

    @api.constrains("name")
    def _check_name(self):
        check_not_blank(self, "name")

    @api.depends("document_ids")
    def _compute_document_count(self):
        # sudo: a count of the documents drafted for the plan, whoever reads the plan
        counts = dict(self.env["gov.document"].sudo()._read_group(
            [("plan_line_id", "in", self.ids)], ["plan_line_id"], ["__count"]))
        for line in self:
            line.document_count = counts.get(line, 0)

    @api.depends("name", "year", "month")
    def _compute_display_name(self):
        months = dict(self._fields["month"]._description_selection(self.env))
        for line in self:
            when = f"{line.year} {months[line.month]}" if line.month else str(line.year or "")
            line.display_name = f"{line.name} ({when})" if when else line.name

    @api.ondelete(at_uninstall=False)
    def _unlink_except_drafted(self):
        # sudo: whether a document names the line, whoever deletes it
        if self.env["gov.document"].sudo().with_context(active_test=False).search_count(
                [("plan_line_id", "in", self.ids)], limit=1):
            raise UserError(self.env._("A document was drafted for this plan item: it stays in the plan."))
