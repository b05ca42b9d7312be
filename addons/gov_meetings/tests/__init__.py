from . import test_minutes
from . import test_minutes_followups
