from odoo import fields, models


class GovRequestTypeFields(models.TransientModel):
    """The form fields of a request type, edited with the web client's properties editor (as for
    document types: the client edits a definition only through a record whose properties it defines)."""

    _name = "gov.request.type.fields"
    _description = "Form Fields of a Request Type"

    type_id = fields.Many2one("gov.request.type", string="Request Type", required=True, readonly=True,
                              ondelete="cascade")
    properties = fields.Properties(string="Form Fields", definition="type_id.properties_definition")
