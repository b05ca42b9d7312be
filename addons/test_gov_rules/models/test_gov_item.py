from odoo import fields, models


class TestGovItem(models.Model):
    """An item that joins sign-off, working-day deadlines, escalation and consultation by class
    attributes alone: no hook overridden, no XML of its own (the engine's tests run on it)."""

    _name = "test.gov.item"
    _description = "Engine Test Item"
    _inherit = ["gov.signoff.mixin"]
    _gov_state_field = "state"
    _gov_state_to = {"consulting": "consulting", "pending": "review", "approved": "done", "rejected": "draft",
                     "returned": "draft", "draft": "draft", "lapsed": "lapsed"}
    _gov_locked_states = ("consulting", "review", "done", "lapsed")
    _gov_area_field = "area_id"
    _gov_department_field = "department_id"
    _gov_author_fields = ("author_id",)
    _gov_consult_field = "consult_department_ids"

    name = fields.Char(required=True)
    state = fields.Selection([("draft", "Draft"), ("consulting", "Consulting"), ("review", "Review"),
                              ("done", "Done"), ("lapsed", "Lapsed")], default="draft", required=True, index=True)
    area_id = fields.Many2one("gov.area")
    department_id = fields.Many2one("hr.department")
    author_id = fields.Many2one("res.users", default=lambda self: self.env.user)
    amount = fields.Float()
    checker_department_id = fields.Many2one("hr.department")
    consult_department_ids = fields.Many2many("hr.department", "test_gov_item_consult_rel", "item_id",
                                              "department_id")
