from . import test_items
from . import test_items_security
from . import test_items_lights
