from . import report_gov_meeting_minutes
