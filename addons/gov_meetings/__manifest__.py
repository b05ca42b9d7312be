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
        "security/gov_meetings_rules.xml",
        "security/gov_meeting_minutes_rules.xml",
        "data/gov_meeting_type_data.xml",
        "data/gov_meeting_topic_type_data.xml",
        "data/gov_meeting_topic_route_data.xml",
        "views/gov_meeting_type_views.xml",
        "views/gov_meeting_topic_views.xml",
        "views/gov_meetings_menus.xml",
        "data/gov_meeting_minutes_data.xml",
        "report/gov_meeting_minutes_report.xml",
        "views/gov_meeting_minutes_views.xml",
        "views/gov_meeting_followup_views.xml",
    ],
    "demo": [
        "demo/topics_demo.xml",
        "demo/minutes_demo.xml",
    ],
    "assets": {
        "web.report_assets_common": [
            "gov_meetings/static/src/scss/gov_meeting_minutes.scss",
        ],
        "web.assets_tests": [
            "gov_meetings/static/tests/tours/*.js",
        ],
    },
}
