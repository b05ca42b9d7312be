from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.translate import LazyGettext

from ..lib.checks import check_not_blank
from ..lib.district_time import district_today

# the system parameter naming the language of the district's shared records (see _district_lang)
DISTRICT_LANG_PARAM = "gov_rules.district_lang"


def text_in(env, text, lang):
    """``text`` in ``lang``: a text of the system (a lazy translation, ``_lt``) is translated, a person's own
    words stay as they wrote them."""
    return env(context=dict(env.context, lang=lang))._(text) if isinstance(text, LazyGettext) else text


class GovRuleSet(models.Model):
    """A versioned set of rules (R44.1): deadline policies, escalation ladders, sign-off matrix rows.

    Items remember the version they started under. A unit can copy the district's set and adapt
    it (R42.1).
    """

    _name = "gov.rule.set"
    _description = "Rule Set"
    _inherit = ["mail.thread"]
    _order = "code, date_effective desc, version desc"

    name = fields.Char(required=True, translate=True, tracking=True)
    # a set that items name is archived, never deleted: they keep the rules they started under (R44.1)
    active = fields.Boolean(default=True, tracking=True,
                            help="Archived rule sets are no longer chosen for new items; items keep theirs.")
    code = fields.Char(required=True, index=True, default="district",
                       help="Versions of the same rules share a code.")
    version = fields.Integer(required=True, default=1, tracking=True)
    date_effective = fields.Date(string="Effective From", required=True, index=True, tracking=True,
                                 default=lambda self: district_today(self))
    department_id = fields.Many2one("hr.department", string="Unit", index=True,
                                    help="Empty for the district's own rules; a unit's adapted copy otherwise.")
    parent_id = fields.Many2one("gov.rule.set", string="Copied From", readonly=True)
    calendar_id = fields.Many2one("gov.calendar", required=True,
                                  default=lambda self: self.env.ref("gov_rules.calendar_cn", raise_if_not_found=False))
    policy_ids = fields.One2many("gov.deadline.policy", "rule_set_id", string="Deadline Policies", copy=True)
    ladder_ids = fields.One2many("gov.escalation.ladder", "rule_set_id", string="Escalation Ladders", copy=True)
    matrix_row_ids = fields.One2many("gov.signoff.matrix.row", "rule_set_id", string="Sign-off Matrix", copy=True)
    note = fields.Html()
    # rules of the documents that name a unit or a wording: data of the rule set, like its time limits
    party_office_id = fields.Many2one(
        "hr.department", string="Party Committee Office",
        help="Asked for its opinion first on every draft to be issued jointly with the Party committee (R27.8). "
             "Empty: such a draft cannot be submitted until an administrator names it.")
    consent_wording = fields.Char(
        string="Wording of the Government's Consent", default="经区政府同意",
        help="A department's document issued with the government's consent states these words in its text "
             "(R30.2). Empty: the text is not checked.")

    _version_uniq = models.Constraint("UNIQUE(code, department_id, version)",
                                      "This version of the rule set already exists.")

    @api.ondelete(at_uninstall=False)
    def _unlink_except_in_use(self):
        """Items keep the rules they started under (R44.1), and the escalation log names the steps
        taken on them: a rule set with either is archived, never deleted."""
        item_models = [name for name in self.env.registry.descendants(["gov.signoff.mixin"], "_inherit")
                       if not self.env[name]._abstract]
        # sudo: every item and every log entry counts, whether or not the administrator may read it
        used = any(self.env[name].sudo().with_context(active_test=False).search_count(
            [("rule_set_id", "in", self.ids)], limit=1) for name in item_models)
        used = used or self.env["gov.escalation.log"].sudo().search_count(
            [("step_id.ladder_id.rule_set_id", "in", self.ids)], limit=1)
        if used:
            raise UserError(self.env._(
                "Items were started under these rules and keep them (R44.1): archive the rule set instead of "
                "deleting it. An archived rule set is no longer chosen for new items."))

    @api.constrains("name", "code")
    def _check_not_blank(self):
        check_not_blank(self, "name", "code")

    @api.constrains("version")
    def _check_version(self):
        if any(rule_set.version < 1 for rule_set in self):
            raise ValidationError(self.env._("A rule set version starts at 1."))

    @api.depends("name", "version", "department_id")
    def _compute_display_name(self):
        for rule_set in self:
            name = self.env._("%(name)s v%(version)s", name=rule_set.name, version=rule_set.version)
            rule_set.display_name = f"{name} ({rule_set.department_id.name})" if rule_set.department_id else name

    @api.model
    def _current(self, department=None, on_date=None):
        """The rule set in force on ``on_date`` for ``department``: its own copy if it has one (archived
        sets are never chosen)."""
        on_date = on_date or district_today(self)
        for unit in (department, None) if department else (None,):
            rule_set = self.search([("department_id", "=", unit.id if unit else False),
                                    ("date_effective", "<=", on_date)],
                                   order="date_effective desc, version desc", limit=1)
            if rule_set:
                return rule_set
        return self.browse()

    @api.model
    def _district_lang(self):
        """The language the system writes in where everyone reads: an item's chatter, the decision log
        and the escalation log, whoever acts (a user, or the scheduler running in English). The system
        parameter ``gov_rules.district_lang`` names it; without it, Chinese where it is installed,
        else English. What the system writes for one person (an activity, a note to them) is in that
        person's language instead."""
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        # sudo: the setting is read for whoever acts; it is not secret
        chosen = self.env["ir.config_parameter"].sudo().get_param(DISTRICT_LANG_PARAM)
        return next((code for code in (chosen, "zh_CN") if code in installed), "en_US")

    def _policy(self, code):
        self.ensure_one()
        # one query, the policy with its fields: the rule set's other policies are not needed here
        Policy = self.env["gov.deadline.policy"]
        policy = Policy.search_fetch([("rule_set_id", "=", self.id), ("code", "=", code)],
                                     [name for name, field in Policy._fields.items()
                                      if field.store and field.prefetch is True and field.column_type], limit=1)
        if not policy:
            raise UserError(self.env._("The rule set %(set)s has no deadline policy “%(code)s”.",
                                       set=self.display_name, code=code))
        return policy

    def action_new_version(self):
        """Copy this set as the next version, effective from tomorrow; edit it before that date."""
        self.ensure_one()
        copy = self.copy({
            "date_effective": fields.Date.add(district_today(self), days=1),
            "parent_id": self.id,
        })
        return copy._open()

    def action_copy_for_unit(self, department=None):
        """A unit adopts the district's rules by reference and adapts its copy (R42.1). ``department``
        is the unit or its id (the public API's callers pass ids)."""
        self.ensure_one()
        department = self._unit_from(department or self.env.context.get("gov_department_id"))
        copy = self.copy({"department_id": department.id, "version": 1, "parent_id": self.id,
                          "name": f"{self.name} · {department.name}"})
        return copy._open()

    def _unit_from(self, department):
        """The existing unit given as a record or an id, or a clear error."""
        Department = self.env["hr.department"]
        if isinstance(department, models.BaseModel) and department._name == Department._name:
            department = department[:1].id if len(department) == 1 else None
        if not department:
            raise UserError(self.env._("Choose the unit that adopts these rules."))
        if isinstance(department, bool) or not isinstance(department, int):
            raise UserError(self.env._("“%s” is not a unit; give the unit or its id.", department))
        unit = Department.browse(department).exists()
        if not unit:
            raise UserError(self.env._("No unit has the id %s.", department))
        return unit

    def copy(self, default=None):
        """Every copy (Duplicate, New Version, Copy for a Unit) gets its own ladders, its policies on the
        copies of their own ladders and its route steps on the copies of their own policies; without a
        version given it becomes the next version of the same rules."""
        copies = self.browse()
        for rule_set in self:
            vals = dict(default or {})
            if "version" not in vals:
                # archived versions count: their numbers stay taken
                latest = self.with_context(active_test=False).search(
                    [("code", "=", vals.get("code", rule_set.code)),
                     ("department_id", "=", vals.get("department_id", rule_set.department_id.id))],
                    order="version desc", limit=1)
                vals["version"] = latest.version + 1
            # the ladders and policies are copied one by one below, so that each copy is paired with
            # the very record it copies (never by position in a list)
            vals.update(ladder_ids=[], policy_ids=[])
            copy = super(GovRuleSet, rule_set).copy(vals)
            rule_set._copy_limits(copy)
            copies |= copy
        return copies

    def _copy_limits(self, copy):
        """Copy the ladders and the policies into ``copy``, each policy on the copy of its own ladder,
        and point the copied route steps at the copies of their own policies."""
        self.ensure_one()
        ladder_map = {}
        for ladder in self.ladder_ids:
            ladder_map[ladder] = ladder.copy({"rule_set_id": copy.id})
        policy_map = {}
        for policy in self.policy_ids:
            ladder = ladder_map.get(policy.ladder_id, self.env["gov.escalation.ladder"])
            policy_map[policy] = policy.copy({"rule_set_id": copy.id, "ladder_id": ladder.id})
        steps = copy.with_context(active_test=False).matrix_row_ids.step_ids
        for policy, batch in steps.filtered("deadline_policy_id").grouped("deadline_policy_id").items():
            if policy in policy_map:
                batch.deadline_policy_id = policy_map[policy]

    def _open(self):
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "current"}
