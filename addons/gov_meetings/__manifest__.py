{
    "name": "Government Meetings",
    "summary": "Meeting types, annual meeting plan, agenda requests (议题), meetings and minutes",
    "version": "19.0.1.0.0",
    "category": "Government",
    "author": "Dongchang District Government Suite",
    "license": "LGPL-3",
    "depends": ["gov_rules", "calendar"],
}
