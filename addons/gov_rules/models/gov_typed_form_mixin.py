from odoo import models


class GovTypedFormMixin(models.AbstractModel):
    """A record whose form fields (``properties``) are defined by its type (``type_id``): the
    document's and the request's forms show the type's fields as soon as the type is chosen."""

    _name = "gov.typed.form.mixin"
    _description = "Form Fields Defined by a Type"

    def onchange(self, values, field_names, fields_spec):
        """The type's form fields come with the type: the form gets their definitions as soon as the
        type is chosen. (The framework returns properties only when one of their values changes, and
        a new record has none yet, so the fields would appear only after the first save.)"""
        result = super().onchange(values, field_names, fields_spec)
        if "type_id" in field_names and "properties" in fields_spec and "properties" not in result.get("value", {}):
            type_id = values.get("type_id")
            if isinstance(type_id, dict):
                type_id = type_id.get("id")
            record = self.new({"type_id": type_id or False})
            result.setdefault("value", {})["properties"] = self._fields["properties"].convert_to_read(
                record.properties, record)
        return result
