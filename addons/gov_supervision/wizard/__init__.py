from . import gov_supervision_instruct
