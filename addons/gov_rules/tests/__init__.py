from . import test_calendar_access
from . import test_calendar_api
from . import test_calendar_import
from . import test_calendar_tour
