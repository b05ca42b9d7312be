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
        "security/gov_meeting_attendance_rules.xml",
        "data/gov_meeting_attendance_data.xml",
        "views/gov_meetings_menus.xml",
        "views/gov_meeting_paper_read_views.xml",
        "views/gov_meeting_attendee_views.xml",
        "views/gov_meeting_leave_views.xml",
        "views/gov_meeting_opinion_views.xml",
        "views/gov_research_visit_views.xml",
        "views/gov_meeting_attendance_menus.xml",
    ],
    "demo": [
        "demo/attendance_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "gov_meetings/static/tests/tours/*.js",
        ],
    },
}
