from . import test_plan
from . import test_cadence
from . import test_plan_tour
