from . import test_engine_opt_in
