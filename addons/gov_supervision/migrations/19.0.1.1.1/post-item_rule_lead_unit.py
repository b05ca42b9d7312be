"""Upgrade of a database made by release 19.0.1.1.0.

A unit's user reads the supervision items where the unit has a part. The rule now also names the lead unit
first: it adds no one (the lead unit always has a part), but PostgreSQL then accepts a unit's own items on a
column of the row instead of looking through all the unit's parts, which kept the list filtered by light and
unit at 100,000 items within twice its time at 100. The rule is marked not to update: change it here, unless
an administrator has changed it (then it is left as it is, and the log says so).
"""
import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)

OLD_DOMAIN = """['|', '|',
    ('part_ids.department_id', 'in', user.employee_ids.department_id.ids),
    ('responsible_id', '=', user.id),
    ('signoff_user_ids', 'in', [user.id])]"""
NEW_DOMAIN = """['|', '|', '|',
    ('lead_department_id', 'in', user.employee_ids.department_id.ids),
    ('part_ids.department_id', 'in', user.employee_ids.department_id.ids),
    ('responsible_id', '=', user.id),
    ('signoff_user_ids', 'in', [user.id])]"""


def _compact(domain):
    return "".join(domain.split())


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    rule = env.ref("gov_supervision.rule_gov_supervision_item_user", raise_if_not_found=False)
    if not rule:
        return
    if _compact(rule.domain_force or "") == _compact(OLD_DOMAIN):
        rule.domain_force = NEW_DOMAIN
    elif _compact(rule.domain_force or "") != _compact(NEW_DOMAIN):
        _logger.info("The rule %r was changed by an administrator and is kept; the shipped one now names the "
                     "lead unit first, for speed: %s", rule.name, NEW_DOMAIN)
