from odoo import fields, models

SOURCES = [
    ("instruction", "Leader's instruction (批示交办)"),
    ("letter", "Letter from the public (群众来信)"),
    ("decision", "Meeting decision"),
    ("suggestion", "Deputies' suggestion or CPPCC proposal"),
    ("finding", "Audit, procuratorate or court finding (整改)"),
    ("superior", "Superior's decision"),
    ("inspection", "Inspection finding"),
]
ITEM_STATES = [
    ("draft", "Draft"),
    ("open", "In Progress"),
    ("review", "Closure Under Review"),
    ("closed", "Closed"),
    ("cancelled", "Cancelled"),
]
LIGHTS = [("green", "Green"), ("yellow", "Yellow"), ("red", "Red")]


class GovSupervisionItem(models.Model):
    """A supervision item (督办事项): something to carry out, from a linked source, followed by a lead unit
    and co-units until the supervision office accepts its result (R31.1, R33.1). Closure goes through
    the engine; the deadline and the escalation ladder are the engine's."""

    _name = "gov.supervision.item"
    _description = "Supervision Item"
    _inherit = ["gov.signoff.mixin"]
    _order = "deadline, id desc"
    _gov_state_field = "state"
    _gov_state_to = {"consulting": "review", "pending": "review", "approved": "closed", "rejected": "open",
                     "returned": "open", "draft": "open", "lapsed": "cancelled"}
    _gov_locked_states = ("review", "closed", "cancelled")
    _gov_area_field = "area_id"
    _gov_department_field = "lead_department_id"

    name = fields.Char(string="Subject", required=True, tracking=True)
    source = fields.Selection(SOURCES, required=True, default="instruction", index=True, tracking=True)
    state = fields.Selection(ITEM_STATES, default="draft", required=True, index=True, tracking=True, copy=False,
                             group_expand=True)
    instruction = fields.Html()
    leader_id = fields.Many2one("res.users", string="Instructed by", index=True, tracking=True)
    area_id = fields.Many2one("gov.area", string="Subject Area", index=True, tracking=True)
    lead_department_id = fields.Many2one("hr.department", string="Lead Unit (牵头)", index=True, tracking=True)
    part_ids = fields.One2many("gov.supervision.part", "item_id", string="Units' Parts")
    light = fields.Selection(LIGHTS, default="green", required=True, index=True, copy=False)
    original_deadline = fields.Date(index=True, copy=False, readonly=True,
                                    help="The deadline first set; statistics count against it.")
    report_to_party_committee = fields.Boolean(string="Report to 区委", tracking=True, help="R8.1")
    party_report_on = fields.Date(string="Reported to 区委 on", tracking=True, copy=False)
    result = fields.Html()
    closed_on = fields.Date(index=True, copy=False, readonly=True)
