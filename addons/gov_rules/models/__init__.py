from . import gov_calendar
from . import gov_calendar_year
from . import gov_calendar_day
