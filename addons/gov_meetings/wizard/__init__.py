from . import gov_meeting_agenda_change
