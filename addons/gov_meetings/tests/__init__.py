from . import test_meetings
from . import test_meetings_race
from . import test_meetings_tour
