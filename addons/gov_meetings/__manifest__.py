{
    "name": "Government Meetings",
    "summary": "Meeting types, annual meeting plan, agenda requests (议题), meetings and minutes",
    "version": "19.0.1.1.0",
    "category": "Government",
    "author": "Dongchang District Government Suite",
    "license": "LGPL-3",
    "depends": ["gov_rules", "calendar"],
    "data": [
        "security/ir.model.access.csv",
        "security/gov_meeting_plan_rules.xml",
        "data/gov_meeting_plan_data.xml",
        "views/gov_meetings_menus.xml",
        "views/gov_meeting_plan_views.xml",
        "views/gov_meeting_plan_submission_views.xml",
        "views/gov_meeting_plan_line_views.xml",
        "views/gov_meeting_limit_views.xml",
        "views/gov_meeting_cadence_report_views.xml",
    ],
    "demo": [
        "demo/plan_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "gov_meetings/static/tests/tours/*.js",
        ],
    },
}
