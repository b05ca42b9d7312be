from . import test_inspections
from . import test_figures
