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
        "data/gov_meeting_type_data.xml",
        "data/gov_meeting_topic_type_data.xml",
        "data/gov_meeting_topic_route_data.xml",
        "views/gov_meeting_type_views.xml",
        "views/gov_meeting_topic_views.xml",
        "views/gov_meetings_menus.xml",
    ],
    "demo": [
        "demo/topics_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["gov_meetings/static/tests/tours/*.js"],
    },
}
