"""Upgrade of a database made by release 19.0.1.1.0.

The limit "Comprehensive departments: one meeting a year in the government's name" (R26.3) counted every
department until an administrator listed the comprehensive ones under "Only These Units". A department now
carries the mark "Comprehensive Department" and the shipped limit counts the marked ones. The limit's record
is marked not to update: set its new switch here, and move the departments the administrator had listed on it
to the mark (the list is emptied, else a department marked later would not be counted).
"""
import logging

from odoo import SUPERUSER_ID, api
from odoo.fields import Command

_logger = logging.getLogger(__name__)

OLD_NOTE = 'List the comprehensive departments under "Only These Units"; empty, the limit counts every department.'
NEW_NOTE = ('Counts the departments marked "Comprehensive Department" on their form (综合部门: development and '
            'reform, finance, human resources and social security …).')


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    limit = env.ref("gov_meetings.meeting_limit_government_name", raise_if_not_found=False)
    if not limit:
        return
    listed = limit.department_ids
    listed.write({"gov_comprehensive": True})
    values = {"comprehensive_only": True, "department_ids": [Command.clear()]}
    if limit.note == OLD_NOTE:
        values["note"] = NEW_NOTE
    limit.write(values)
    if not listed:
        _logger.info("The limit %r counts the departments marked comprehensive now: mark them on their form.",
                     limit.name)
