{
    "name": "Government Supervision",
    "summary": "Supervision (督查督办) of leaders' instructions, meeting decisions and deputies' suggestions",
    "version": "19.0.1.1.0",
    "category": "Government",
    "author": "Dongchang District Government Suite",
    "license": "LGPL-3",
    "depends": ["gov_meetings"],
    "data": [
        "security/ir.model.access.csv",
        "views/gov_supervision_menus.xml",
    ],
}
