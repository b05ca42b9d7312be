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
        "views/gov_meetings_menus.xml",
        "data/gov_meeting_agenda_route_data.xml",
        "wizard/gov_meeting_agenda_change_views.xml",
        "views/gov_meeting_room_views.xml",
        "views/gov_meeting_views.xml",
    ],
    "demo": [
        "demo/meetings_types_stub_demo.xml",
        "demo/meetings_demo.xml",
    ],
    "assets": {
        "web.assets_tests": ["gov_meetings/static/tests/tours/*.js"],
    },
}
