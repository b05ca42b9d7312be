from odoo import api, fields, models
from odoo.addons.gov_rules.lib.checks import check_not_blank
from odoo.exceptions import ValidationError

# what a naming pattern puts where the meeting's subject goes: 东昌区XXX会议
SUBJECT_PLACEHOLDER = "XXX"
LOGISTICS = [
    ("office", "The government office"),
    ("organiser", "The organising unit"),
]


class GovMeetingCategory(models.Model):
    """How a district-wide meeting is held (R26.2): organised by the government, in the government's name,
    or within one unit's system. Each category names its meetings by a pattern and says who does the
    logistics; the limits of R26.3 count the meetings of a category. All of it is data an administrator
    edits."""

    _name = "gov.meeting.category"
    _description = "District-wide Meeting Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, index=True, help="How data and the rules refer to it.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    name_pattern = fields.Char(
        string="Naming Rule",
        help="How its meetings are named, XXX standing for the subject, e.g. 东昌区XXX会议 (R26.2). "
             "Empty: no naming rule.")
    logistics = fields.Selection(LOGISTICS, string="Logistics by", required=True, default="organiser")
    office_coordinates = fields.Boolean(
                                        help="The office coordinates the meeting the unit organises (R26.2).")
    rule_ref = fields.Char(string="Rule")
    note = fields.Text()

    _code_unique = models.Constraint("unique(code)", "Another meeting category has this code.")

    @api.constrains("name", "code")
    def _check_not_blank(self):
        check_not_blank(self, "name", "code")

    @api.constrains("name_pattern")
    def _check_name_pattern(self):
        for category in self.filtered("name_pattern"):
            if category.name_pattern.count(SUBJECT_PLACEHOLDER) != 1:
                raise ValidationError(self.env._(
                    "The naming rule of “%(category)s” must contain %(placeholder)s exactly once, where the "
                    "subject of the meeting goes (e.g. 东昌区XXX会议).",
                    category=category.name, placeholder=SUBJECT_PLACEHOLDER))

    def _name_follows_rule(self, name):
        """Whether ``name`` reads as the naming rule says: its fixed parts around a subject that is not empty."""
        self.ensure_one()
        if not self.name_pattern:
            return True
        prefix, suffix = self.name_pattern.split(SUBJECT_PLACEHOLDER)
        name = (name or "").strip()
        return (len(name) > len(prefix) + len(suffix) and name.startswith(prefix) and name.endswith(suffix))
