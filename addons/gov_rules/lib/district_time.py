"""The district's date.

Every date the rules compute (deadlines, escalation, absences, entrustments, effective dates, issue
dates) is the date in one time zone, whoever asks and wherever the scheduler runs: Beijing time
unless an administrator sets another zone in the system parameter ``gov_rules.district_tz``.
"""
import logging

import pytz

from odoo import api, fields

_logger = logging.getLogger(__name__)

DEFAULT_TZ = "Asia/Shanghai"
TZ_PARAMETER = "gov_rules.district_tz"


def district_tz(env):
    """The name of the district's time zone (the setting, or Beijing time if it is empty or unknown)."""
    # sudo: the setting is read by every date computation, whoever triggers it
    name = (env["ir.config_parameter"].sudo().get_param(TZ_PARAMETER) or "").strip() or DEFAULT_TZ
    if name not in pytz.all_timezones_set:
        _logger.warning("The system parameter %s names no time zone (%r); using %s.", TZ_PARAMETER, name, DEFAULT_TZ)
        return DEFAULT_TZ
    return name


def district_today(env_or_record):
    """Today's date in the district's time zone; takes an environment or a record."""
    env = env_or_record if isinstance(env_or_record, api.Environment) else env_or_record.env
    return fields.Date.context_today(env["res.users"].with_context(tz=district_tz(env)))
