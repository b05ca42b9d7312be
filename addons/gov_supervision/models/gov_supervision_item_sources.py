from odoo import api, fields, models


class GovSupervisionItem(models.Model):
    """The sources this part of the addon adds to supervision items: letters from the public (R17.1) and
    deputies' suggestions or CPPCC proposals (R14.1)."""

    _inherit = "gov.supervision.item"

    letter_id = fields.Many2one("gov.public.letter", string="Letter from the Public", index="btree_not_null",
                                ondelete="restrict", readonly=True, copy=False)
    suggestion_id = fields.Many2one("gov.suggestion", string="Suggestion or Proposal", index="btree_not_null",
                                    ondelete="restrict", readonly=True, copy=False)

    @api.model
    def _gov_create_from_source(self, source):
        """The item of ``source`` (a letter or a suggestion), created from its
        ``_gov_supervision_item_values()``: through the items' common helper ``_create_from_source``,
        which also opens it, where it is installed; else created as a draft with these values."""
        if hasattr(self, "_create_from_source"):
            return self._create_from_source(source)
        values = source._gov_supervision_item_values()
        # without the items' helper, the engine keeps the deadline for the workflow: the office sets it
        values.pop("deadline", None)
        return self.create(values)
