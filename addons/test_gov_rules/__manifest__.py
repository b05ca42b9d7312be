{
    "name": "Government Work Rules: Engine Tests",
    "summary": "A minimal model that opts into the sign-off engine with class attributes alone, for the engine's tests",
    "version": "19.0.1.0.0",
    "category": "Hidden",
    "author": "Dongchang District Government Suite",
    "license": "LGPL-3",
    "depends": ["gov_rules"],
    "data": [
        "security/ir.model.access.csv",
    ],
    "installable": True,
}
