from . import test_public_letters
from . import test_public_suggestions
from . import test_public_briefings
from . import test_public_page
from . import test_public_tour
