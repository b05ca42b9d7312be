{
    "name": "Government Supervision",
    "summary": "Supervision (督查督办) of leaders' instructions, meeting decisions and deputies' suggestions",
    "version": "19.0.1.1.0",
    "category": "Government",
    "author": "Dongchang District Government Suite",
    "license": "LGPL-3",
    "depends": ["gov_meetings"],
    "data": [
        "security/gov_supervision_groups.xml",
        "security/ir.model.access.csv",
        "security/gov_supervision_rules.xml",
        "data/gov_supervision_data.xml",
        "data/ir_cron_data.xml",
        "views/gov_supervision_menus.xml",
        "views/gov_supervision_item_views.xml",
        "views/gov_supervision_views.xml",
        "views/gov_supervision_item_menus.xml",
    ],
    "demo": [
        "demo/items_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "gov_supervision/static/tests/tours/*.js",
        ],
    },
}
