from . import gov_position
from . import gov_signoff_route_step
from . import gov_signoff_task
from . import gov_checklist_template
from . import gov_meeting_type
from . import gov_meeting_room
from . import gov_meeting_topic_type
from . import gov_meeting_topic
from . import gov_meeting
from . import gov_meeting_agenda_line
from . import gov_meeting_attendee
from . import gov_meeting_minutes
from . import gov_meeting_decision
from . import gov_signoff_log
from . import calendar_event
from . import gov_meeting_type_role

