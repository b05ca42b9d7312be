from . import test_inspections
from . import test_figures
from . import test_inspections_tour
