import secrets

from odoo import fields, models


class GovRequestTypeFields(models.TransientModel):
    """The form fields of a request type, edited with the web client's properties editor (as for
    document types: the client edits a definition only through a record whose properties it defines)."""

    _name = "gov.request.type.fields"
    _description = "Form Fields of a Request Type"

    type_id = fields.Many2one("gov.request.type", string="Request Type", required=True, readonly=True,
                              ondelete="cascade")
    properties = fields.Properties(string="Form Fields", definition="type_id.properties_definition")

    def action_add_field(self):
        """A new text field at the end of the type's form, then the editor again, where it is named with
        its pencil. On a phone the web client offers no "Add Property": this button does it there (the
        editor's changes are saved before the button runs)."""
        self.ensure_one()
        definition = list(self.type_id.properties_definition or [])
        # a name as the web client makes them: 16 random hexadecimal digits
        definition.append({"name": secrets.token_hex(8), "type": "char",
                           "string": self.env._("Field %s", len(definition) + 1)})
        self.type_id.properties_definition = definition
        return self.type_id.action_edit_form_fields()
