from odoo import api, fields, models, tools


class GovArea(models.Model):
    """A subject area (分管领域): the deputy in charge and the office's deputy director for it (R5.1)."""

    _name = "gov.area"
    _description = "Subject Area"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(index=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    leader_position_id = fields.Many2one("gov.position", string="Deputy in Charge", tracking=True,
                                         domain=[("role", "in", ("head", "executive_deputy", "deputy"))])
    office_position_id = fields.Many2one("gov.position", string="Office Deputy Director in Charge", tracking=True,
                                         domain=[("role", "=", "office_deputy_director")])
    department_ids = fields.One2many("hr.department", "gov_area_id", string="Units")
    entrustment_ids = fields.One2many("gov.entrustment", "area_id", string="Entrustments")

    _code_uniq = models.Constraint("UNIQUE(code)", "The code of a subject area must be unique.")

    def _leader_position(self, on_date):
        """The position in charge of the area on ``on_date``: a deputy entrusted with the whole area
        first (R5.2); an entrustment naming items is a task for those items only."""
        self.ensure_one()
        return self._area_entrustment(on_date).position_id or self.leader_position_id

    def _area_entrustment(self, on_date):
        """The entrustment of the whole area on ``on_date``, if any."""
        return self.entrustment_ids.filtered(lambda e: not e.item_ids and e._covers(on_date))[:1]

    def _leader_user(self, on_date):
        """The holder of the position in charge of the area on ``on_date`` (see _leader_position): the
        area's own positions come from the registry's cache, only the entrustments are searched."""
        self.ensure_one()
        entrusted = self._area_entrustment(on_date)
        if entrusted:
            return entrusted.position_id.user_id
        return self.env["res.users"].browse(self._position_users().get(self.id, (False, False))[0])

    def _office_user(self):
        """The holder of the office's position in charge of the area, from the registry's cache."""
        self.ensure_one()
        return self.env["res.users"].browse(self._position_users().get(self.id, (False, False))[1])

    @api.model
    @tools.ormcache()
    def _position_users(self):
        """{area id: (user id of its leader position, of its office position)}, kept in the registry's
        cache and cleared whenever an area or a position changes: routing reads them without a query."""
        # sudo: who is in charge of an area decides routing, whoever routes; only ids leave the cache
        areas = self.sudo().with_context(active_test=False).search(
            ["|", ("leader_position_id", "!=", False), ("office_position_id", "!=", False)])
        return {area.id: (area.leader_position_id.user_id.id, area.office_position_id.user_id.id) for area in areas}

    @api.model_create_multi
    def create(self, vals_list):
        areas = super().create(vals_list)
        self.env.registry.clear_cache()  # who is in charge (_position_users)
        return areas

    def write(self, vals):
        result = super().write(vals)
        if {"leader_position_id", "office_position_id"} & set(vals):
            self.env.registry.clear_cache()  # who is in charge (_position_users)
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()  # who is in charge (_position_users)
        return result
