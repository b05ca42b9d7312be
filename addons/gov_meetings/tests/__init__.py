from . import test_minutes
from . import test_minutes_followups
from . import test_minutes_tour
from . import test_attendance
from . import test_attendance_http
from . import test_attendance_tour
from . import test_topics
from . import test_topics_tour
