from . import test_items
from . import test_items_security
from . import test_items_lights
from . import test_items_race
from . import test_items_tour
