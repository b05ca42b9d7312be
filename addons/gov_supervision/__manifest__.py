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
        "security/gov_supervision_public_rules.xml",
        "views/gov_supervision_menus.xml",
        "data/gov_supervision_public_data.xml",
        "views/gov_public_letter_views.xml",
        "views/gov_suggestion_views.xml",
        "views/gov_briefing_views.xml",
        "views/gov_public_reply_templates.xml",
    ],
    "demo": [
        "demo/public_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "gov_supervision/static/tests/tours/*.js",
        ],
    },
}
