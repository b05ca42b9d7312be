from pathlib import Path

NOTICES = Path(__file__).parent / "notices"


def notice_text(year):
    """The State Council's holiday notice of ``year`` as published (tests/notices/<year>.txt)."""
    return (NOTICES / f"{year}.txt").read_text(encoding="utf-8")
