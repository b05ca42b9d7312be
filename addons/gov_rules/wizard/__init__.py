from . import gov_calendar_import
from . import gov_calendar_import_line
from . import gov_calendar_calculator
from . import gov_signoff_decision
from . import gov_rule_set_unit_copy
from . import gov_document_type_fields
from . import gov_document_issue
from . import gov_request_type_fields
