"""Checks shared by the models of the rules."""
from odoo.exceptions import ValidationError


def check_not_blank(records, *names):
    """Raise a ValidationError if one of the text fields ``names`` of ``records`` holds only spaces: a
    title of spaces is no title, whatever the required flag let through."""
    for record in records:
        for name in names:
            value = record[name]
            if value is not False and isinstance(value, str) and not value.strip():
                env = records.env
                label = records._fields[name].get_description(env)["string"]
                # sudo: the model's name in the user's language, for the message only
                model = env["ir.model"].sudo()._get(records._name).name
                raise ValidationError(env._("The field “%(field)s” cannot be blank (%(model)s).",
                                            field=label, model=model))
