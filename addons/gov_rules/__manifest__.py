{
    "name": "Government Work Rules",
    "summary": "Work rules as data: organisation, Chinese working-day calendar, deadlines, sign-off routes",
    "version": "19.0.1.0.0",
    "category": "Government",
    "author": "Dongchang District Government Suite",
    "license": "LGPL-3",
    "depends": ["mail", "hr", "base_automation", "resource"],
    "external_dependencies": {"python": ["workalendar"]},
    "data": [
        "security/gov_rules_groups.xml",
        "security/ir.model.access.csv",
        "data/gov_calendar_data.xml",
        "data/gov_calendar_2024_2026.xml",
        "data/ir_cron_data.xml",
        "views/gov_calendar_views.xml",
        "views/gov_calendar_day_views.xml",
        "wizard/gov_calendar_import_views.xml",
        "wizard/gov_calendar_calculator_views.xml",
        "views/gov_menus.xml",
    ],
    "demo": [
        "demo/gov_rules_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "gov_rules/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "_load_workalendar_years",
    "application": True,
}
