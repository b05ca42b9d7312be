from odoo import fields, models


class GovDocumentTypeFields(models.TransientModel):
    """The form fields of a document type, in the properties editor."""

    _name = "gov.document.type.fields"
    _inherit = ["gov.form.fields.editor"]
    _description = "Form Fields of a Document Type"

    type_id = fields.Many2one("gov.document.type", string="Document Type", required=True, readonly=True,
                              ondelete="cascade")
    properties = fields.Properties(string="Form Fields", definition="type_id.properties_definition")
