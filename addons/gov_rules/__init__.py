from . import models
from . import report
from . import wizard


def _load_workalendar_years(env):
    """Years up to 2023 come from workalendar's China calendar (see gov.calendar)."""
    env.ref("gov_rules.calendar_cn")._load_workalendar_years()
