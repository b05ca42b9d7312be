from . import test_public_letters
from . import test_public_suggestions
from . import test_public_briefings
