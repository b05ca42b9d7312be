from . import test_meetings
from . import test_meetings_race
from . import test_meetings_tour
from . import test_topics
from . import test_topics_tour
