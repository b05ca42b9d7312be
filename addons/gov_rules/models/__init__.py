from . import gov_calendar_cache_mixin
from . import gov_calendar
from . import gov_calendar_year
from . import gov_calendar_day
