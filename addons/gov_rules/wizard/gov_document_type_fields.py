from odoo import fields, models


class GovDocumentTypeFields(models.TransientModel):
    """The form fields of a document type, edited with the web client's properties editor.

    The client edits a properties definition only through a record whose properties it defines:
    this editor is that record, so the fields are added on the type itself, at any time, without
    opening a draft of the type (documents under way cannot change their properties).
    """

    _name = "gov.document.type.fields"
    _description = "Form Fields of a Document Type"

    type_id = fields.Many2one("gov.document.type", string="Document Type", required=True, readonly=True,
                              ondelete="cascade")
    properties = fields.Properties(string="Form Fields", definition="type_id.properties_definition")
