from odoo import api, fields, models


class GovSupervisionSourceMixin(models.AbstractModel):
    """A record whose handling is followed as a supervision item (a letter from the public, R17.1; a
    deputies' suggestion or CPPCC proposal, R14.1): the item's values and the way to open it are built
    here once; each source gives only what is its own (its deadline, its responsible persons, its text).

    The inheriting model has ``name``, ``lead_department_id``, ``co_department_ids``, ``item_ids`` (the
    items linked by ``_gov_item_link_field``) and ``item_id`` (computed by ``_compute_item``)."""

    _name = "gov.supervision.source.mixin"
    _description = "Source of Supervision Items"

    #: the item's source (a value of gov.supervision.item's ``source``)
    _gov_item_source = None
    #: the item's many2one to this record
    _gov_item_link_field = None

    @api.depends("item_ids")
    def _compute_item(self):
        for record in self:
            record.item_id = record.item_ids[:1]

    # ------------------------------------------------------------------
    # What each source gives
    # ------------------------------------------------------------------
    def _gov_item_deadline_values(self):
        """The deadline of the item and of its units' parts ({} when none is known yet)."""
        return {}

    def _gov_item_lead_responsible(self):
        """The lead unit's responsible person on the item."""
        return self.lead_department_id.gov_principal_id

    def _gov_item_co_responsible(self, unit):
        """The responsible person of co-unit ``unit``'s part (none: the unit names him)."""
        return self.env["res.users"]

    def _gov_item_own_values(self):
        """The item's values that are this source's own (its instruction, the leader who gave it …)."""
        return {}

    # ------------------------------------------------------------------
    # The item (agreed interface of gov.supervision.item._create_from_source)
    # ------------------------------------------------------------------
    def _gov_supervision_item_values(self):
        """What a supervision item made of this record starts with: its lead unit and co-units, each with
        its part, responsible person and deadline."""
        self.ensure_one()
        deadline = self._gov_item_deadline_values()
        lead = self.lead_department_id
        responsible = self._gov_item_lead_responsible()
        parts = [fields.Command.create({"department_id": lead.id, "is_lead": True,
                                        "responsible_id": responsible.id, **deadline})]
        parts += [fields.Command.create({"department_id": unit.id,
                                         "responsible_id": self._gov_item_co_responsible(unit).id, **deadline})
                  for unit in self.co_department_ids]
        return {
            **deadline,
            "name": self.name,
            "source": self._gov_item_source,
            self._gov_item_link_field: self.id,
            "lead_department_id": lead.id,
            "responsible_id": responsible.id,
            "area_id": lead.gov_area_id.id,
            "part_ids": parts,
            **self._gov_item_own_values(),
        }

    def action_open_item(self):
        self.ensure_one()
        return {"type": "ir.actions.act_window", "res_model": "gov.supervision.item", "res_id": self.item_id.id,
                "view_mode": "form", "target": "current"}
