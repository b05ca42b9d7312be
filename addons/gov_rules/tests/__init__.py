from . import test_calendar_access
from . import test_calendar_api
from . import test_calendar_import
from . import test_calendar_tour
from . import test_signoff_flow
from . import test_consultation_escalation
from . import test_organisation
from . import test_engine_access
