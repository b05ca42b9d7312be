"""Checks shared by the models of the rules."""
from odoo.exceptions import ValidationError


def check_not_blank(records, *names):
    """Raise a ValidationError if one of the text fields ``names`` of ``records`` holds only spaces: a
    title of spaces is no title, whatever the required flag let through."""
    for record in records:
        for name in names:
            value = record[name]
            if value is not False and isinstance(value, str) and not value.strip():
                label = records._fields[name].get_description(records.env)["string"]
                raise ValidationError(records.env._("The field “%(field)s” cannot be blank (%(model)s).",
                                                    field=label, model=records._description))
