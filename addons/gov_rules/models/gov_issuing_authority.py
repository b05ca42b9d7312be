from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..lib.checks import check_not_blank

AUTHORITY_KINDS = [("government", "The district government"), ("office", "The government office"),
                   ("department", "A department")]


class GovIssuingAuthority(models.Model):
    """Who issues a document, and the yearly numbering of its documents (发文字号, 东政发〔2026〕12号)."""

    _name = "gov.issuing.authority"
    _description = "Issuing Authority"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    kind = fields.Selection(AUTHORITY_KINDS, required=True, default="government")
    department_id = fields.Many2one("hr.department", string="Unit")
    prefix = fields.Char(string="Number Prefix", required=True, help="For example 东政发 or 东政办发.")
    sequence_id = fields.Many2one("ir.sequence", string="Numbering", readonly=True, copy=False)

    _prefix_uniq = models.Constraint("UNIQUE(prefix)", "Two authorities cannot number with the same prefix.")

    @api.constrains("name", "prefix")
    def _check_prefix(self):
        """The prefix is printed as is in every number: refused now rather than when a document is issued."""
        check_not_blank(self, "name", "prefix")
        for authority in self:
            if "%" in authority.prefix:
                raise ValidationError(self.env._(
                    "The number prefix “%s” cannot contain “%%”: the numbering reserves it for the year.",
                    authority.prefix))

    @api.model_create_multi
    def create(self, vals_list):
        authorities = super().create(vals_list)
        for authority in authorities:
            # sudo: the numbering belongs to the authority; sequences are technical records
            authority.sequence_id = self.env["ir.sequence"].sudo().create({
                "name": authority.prefix, "code": f"gov.document.{authority.prefix}",
                "prefix": f"{authority.prefix}〔%(range_year)s〕", "suffix": "号", "padding": 0,
                "use_date_range": True,
                # no gap: a number taken by an issue that then failed is not lost, so 发文字号 run on
                # without holes (a standard PostgreSQL sequence burns the numbers of rolled-back issues)
                "implementation": "no_gap",
            })
        return authorities

    def write(self, vals):
        result = super().write(vals)
        if "prefix" in vals:
            for authority in self:
                # sudo: keep the technical sequence in step with the prefix
                authority.sequence_id.sudo().prefix = f"{authority.prefix}〔%(range_year)s〕"
        return result

    def _preview_number(self, on_date):
        """The number the next document issued on ``on_date`` gets, without taking it."""
        self.ensure_one()
        sequence = self.sequence_id
        if not sequence:
            return False
        date_range = self.env["ir.sequence.date_range"].search([
            ("sequence_id", "=", sequence.id), ("date_from", "<=", on_date), ("date_to", ">=", on_date)], limit=1)
        number = date_range.number_next_actual if date_range else 1
        return sequence.with_context(ir_sequence_date=on_date,
                                     ir_sequence_date_range=date_range.date_from or on_date).get_next_char(number)

    def _next_number(self, on_date):
        self.ensure_one()
        # the office numbers documents whoever may read the sequence (system action)
        return self.sequence_id.sudo().next_by_id(sequence_date=on_date)
