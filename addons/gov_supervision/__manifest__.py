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
        "security/gov_inspection_rules.xml",
        "data/gov_inspection_data.xml",
        "views/gov_supervision_menus.xml",
        "views/gov_inspection_views.xml",
        "views/gov_supervision_figure_views.xml",
        "views/gov_inspection_menus.xml",
        "data/gov_accountability_actions.xml",
    ],
    "demo": [
        "demo/inspections_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "gov_supervision/static/tests/tours/*.js",
        ],
    },
}
