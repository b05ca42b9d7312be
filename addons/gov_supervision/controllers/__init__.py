from . import gov_public_replies
