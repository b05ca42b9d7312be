from . import gov_signoff_route_step
from . import gov_signoff_task
from . import gov_position
from . import gov_supervision_item
from . import gov_supervision_part
