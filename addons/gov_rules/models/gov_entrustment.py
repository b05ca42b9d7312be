from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from ..lib.checks import check_not_blank
from ..lib.district_time import district_today
from .gov_absence import ROUTING_FLAGS, without_routing_flags


class GovEntrustment(models.Model):
    """The head entrusts (委托) a deputy with an area or a special task (R5.2).

    An entrustment naming items (of any model that goes through sign-off: documents, requests …) is a
    task: for those items the head's and the area leader's steps go to the entrusted deputy. Without
    items it entrusts the area.
    """

    _name = "gov.entrustment"
    _description = "Entrustment by the Head"
    _inherit = ["mail.thread"]
    _order = "date_from desc, id desc"

    name = fields.Char(string="Task", required=True)
    entrusted_by_id = fields.Many2one("gov.position", string="Entrusted by", index=True, tracking=True,
                                      domain=[("role", "=", "head")], default=lambda self: self._default_head(),
                                      help="The head's position: its holder records and ends the entrustment.")
    area_id = fields.Many2one("gov.area", string="Subject Area", index=True, tracking=True)
    item_ids = fields.One2many("gov.entrustment.item", "entrustment_id", string="Items of the Task", copy=False,
                               help="The items of the task: the head's and the area leader's steps on them go "
                                    "to the entrusted deputy. Leave empty to entrust the whole area.")
    position_id = fields.Many2one("gov.position", string="Entrusted Deputy", required=True, tracking=True,
                                  domain=[("role", "in", ("executive_deputy", "deputy"))])
    date_from = fields.Date(required=True, index=True, tracking=True, default=lambda self: district_today(self))
    date_to = fields.Date(index=True, tracking=True, help="Leave empty for an open-ended entrustment.")
    note = fields.Text()
    # the scheduler catches up on missed runs with these, as for absences
    start_rerouted = fields.Boolean(string="Start Re-routed", readonly=True, copy=False, index=True)
    end_rerouted = fields.Boolean(string="End Re-routed", readonly=True, copy=False, index=True)

    @api.model
    def _default_head(self):
        return self.env["gov.position"].search([("role", "=", "head")], limit=1)

    @api.constrains("date_from", "date_to", "entrusted_by_id", "position_id")
    def _check_dates(self):
        for entrustment in self:
            if entrustment.date_to and entrustment.date_to < entrustment.date_from:
                raise ValidationError(self.env._("The entrustment ends before it starts."))
            if entrustment.entrusted_by_id and entrustment.entrusted_by_id.role != "head":
                raise ValidationError(self.env._("Only the district head entrusts a deputy (R5.2)."))
            if entrustment.position_id.role not in ("executive_deputy", "deputy"):
                raise ValidationError(self.env._("The head entrusts a deputy head, not %s (R5.2).",
                                                 entrustment.position_id.display_name))

    @api.constrains("name")
    def _check_name(self):
        check_not_blank(self, "name")

    @api.constrains("date_from", "date_to", "item_ids", "area_id", "position_id")
    def _check_one_deputy_at_a_time(self):
        """An item, or an area entrusted whole, goes to one deputy on any day (R5.2): otherwise who
        acts would depend on which entrustment is read first."""
        for entrustment in self:
            domain = [("id", "!=", entrustment.id), ("position_id", "!=", entrustment.position_id.id),
                      "|", ("date_to", "=", False), ("date_to", ">=", entrustment.date_from)]
            if entrustment.date_to:
                domain.append(("date_from", "<=", entrustment.date_to))
            named = {(line.res_model, line.res_id) for line in entrustment.item_ids}
            if named:
                # sudo: the other entrustment decides, whether or not the user may read its items
                clash = self.env["gov.entrustment.item"].sudo().search(
                    Domain("entrustment_id", "any", domain) & self._item_domain(named), limit=1)
                other = clash.entrustment_id
            elif entrustment.area_id:
                domain += [("area_id", "=", entrustment.area_id.id), ("item_ids", "=", False)]
                # sudo: the other entrustment decides, whether or not the user may read it
                other = self.sudo().search(domain, limit=1)
            else:
                continue
            if other:
                # the items named are the user's own entry; the other entrustment's deputy and days
                # are what the user needs to know to resolve the clash
                subject = (", ".join(entrustment.item_ids.filtered(
                    lambda line, o=other: (line.res_model, line.res_id) in {
                        (mine.res_model, mine.res_id) for mine in o.sudo().item_ids}).mapped("res_name"))
                    if named else entrustment.area_id.display_name)
                period = (self.env._("from %(start)s to %(end)s", start=other.date_from, end=other.date_to)
                          if other.date_to else self.env._("from %s until further notice", other.date_from))
                raise ValidationError(self.env._(
                    "%(subject)s is already entrusted to %(deputy)s %(period)s; end that entrustment first or "
                    "choose other days.", subject=subject, deputy=other.position_id.display_name, period=period))

    def _covers(self, on_date):
        self.ensure_one()
        return self.date_from <= on_date and (not self.date_to or on_date <= self.date_to)

    @api.model
    def _entrusted_position(self, record, on_date):
        """The deputy entrusted with this very item on ``on_date`` as a task (R5.2), if any."""
        return self._entrusted_positions(record, on_date).get(record, self.env["gov.position"])

    @api.model
    def _entrusted_positions(self, records, on_date):
        """{item: the deputy entrusted with it on ``on_date`` as a task (R5.2)} for those of ``records``
        (items of any model) that have one, from one search."""
        if not records.ids:
            return {}
        entrusted = {}
        # sudo: the entrustments decide who acts, whoever resolves the step; the latest entrustment first
        # (the entrustments' order): it wins where two name the same item
        lines = self.env["gov.entrustment.item"].sudo().search([
            ("res_model", "=", records._name), ("res_id", "in", records.ids),
            ("entrustment_id", "any", [("date_from", "<=", on_date),
                                       "|", ("date_to", "=", False), ("date_to", ">=", on_date)])],
            order="entrustment_id, id")
        by_id = {record.id: record for record in records}
        for line in lines:
            entrusted.setdefault(by_id[line.res_id], line.entrustment_id.position_id.with_env(self.env))
        return entrusted

    @api.model
    def _item_domain(self, named):
        """The entrustment items naming one of ``named`` = {(model, id)}: one condition per model."""
        ids_by_model = {}
        for model, res_id in named:
            ids_by_model.setdefault(model, set()).add(res_id)
        return Domain.OR(Domain("res_model", "=", model) & Domain("res_id", "in", sorted(ids))
                         for model, ids in ids_by_model.items())

    # ------------------------------------------------------------------
    # Waiting steps follow the entrustment as it starts, changes and ends
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [without_routing_flags(self.env, vals) for vals in vals_list]
        entrustments = super().create(vals_list)
        entrustments._reroute_waiting_steps(entrustments._routing_scope())
        return entrustments

    def write(self, vals):
        vals = without_routing_flags(self.env, vals)
        if not set(vals) - ROUTING_FLAGS:
            return super().write(vals)
        before = self._routing_scope()
        result = super().write(vals)
        self._reroute_waiting_steps(self._routing_scope(before))
        return result

    def unlink(self):
        scope = self._routing_scope()
        result = super().unlink()
        self.browse()._reroute_waiting_steps(scope)
        return result

    def _routing_scope(self, scope=None):
        """The items {(model, id)}, and the people holding area-leader steps, that these entrustments touch."""
        items, holders = scope or (set(), self.env["res.users"])
        # sudo: the items named decide, whether or not the user may read them all
        items = items | {(line.res_model, line.res_id) for line in self.sudo().item_ids}
        area_wide = self.filtered(lambda e: e.area_id and not e.item_ids)
        holders |= area_wide.position_id.user_id | area_wide.area_id.leader_position_id.user_id
        return items, holders

    def _reroute_waiting_steps(self, scope, today=None):
        items, holders = scope
        today = today or district_today(self)
        named = self._item_domain(items) if items else Domain.FALSE
        # sudo: the system re-routes, whoever changed the entrustment
        tasks = self.env["gov.signoff.task"].sudo().search(
            Domain("state", "=", "pending") & Domain("role", "in", ("head", "area_leader"))
            & (named | (Domain("role", "=", "area_leader") & Domain("holder_id", "in", holders.ids))))
        tasks._reroute(today)
        for (started, ended), batch in self.grouped(
                lambda e: (e.date_from <= today, bool(e.date_to and e.date_to < today))).items():
            # sudo: the flags belong to the system, whoever recorded the entrustment
            batch.sudo().write({"start_rerouted": started, "end_rerouted": ended})

    @api.model
    def _cron_reroute(self, today):
        """Entrustments that started or ended since the last run (called by the absences' scheduler)."""
        changing = self.search(["|", "&", ("start_rerouted", "=", False), ("date_from", "<=", today),
                                "&", ("end_rerouted", "=", False), ("date_to", "<", today)])
        if changing:
            changing._reroute_waiting_steps(changing._routing_scope(), today)
