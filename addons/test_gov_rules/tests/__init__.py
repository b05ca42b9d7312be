from . import test_engine_opt_in
from . import test_generic_pieces
