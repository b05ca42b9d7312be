import secrets

from odoo import models


class GovFormFieldsEditor(models.AbstractModel):
    """The form fields of a type (document type, request type), edited with the web client's properties
    editor. The client edits a properties definition only through a record whose properties it defines:
    an editor is that record, so the fields are added on the type itself, at any time, without opening a
    draft of the type (items under way cannot change their properties). A concrete editor declares
    ``type_id`` and ``properties`` (defined by ``type_id.properties_definition``)."""

    _name = "gov.form.fields.editor"
    _description = "Form Fields Editor"

    def _gov_open_for(self, form_type):
        """The editor of ``form_type``'s form fields, as a dialog."""
        form_type.ensure_one()
        editor = self.create({"type_id": form_type.id})
        return {"type": "ir.actions.act_window", "name": self.env._("Form Fields of %s", form_type.display_name),
                "res_model": editor._name, "res_id": editor.id, "view_mode": "form", "target": "new"}

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
        return self._gov_open_for(self.type_id)
