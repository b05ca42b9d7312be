from . import test_minutes
from . import test_minutes_followups
from . import test_minutes_tour
