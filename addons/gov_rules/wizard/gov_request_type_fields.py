from odoo import fields, models


class GovRequestTypeFields(models.TransientModel):
    """The form fields of a request type, in the properties editor."""

    _name = "gov.request.type.fields"
    _inherit = ["gov.form.fields.editor"]
    _description = "Form Fields of a Request Type"

    type_id = fields.Many2one("gov.request.type", string="Request Type", required=True, readonly=True,
                              ondelete="cascade")
    properties = fields.Properties(string="Form Fields", definition="type_id.properties_definition")
