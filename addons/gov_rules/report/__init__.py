from . import report_gov_document_sheet
