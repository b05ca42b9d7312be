"""add_working_days: ours (cached per-year arrays) against workalendar's China calendar.

100,000 calls on the same random inputs over 2018–2023 (the years workalendar knows); both must
give the same dates. Start dates cover the whole of 2018–2023; the offset (1 to 60 working days)
goes forward from a start before July 2023 and backward from a later one, so that every result
stays inside 2018–2023 too. Prints the timings and the speed ratio (target: ours at least 10×
faster).
"""
import random
import sys
import time
import warnings
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from tests.bench.odoo_env import odoo_env  # noqa: E402

CALLS = 100_000
TARGET = 10
FIRST, LAST = date(2018, 1, 1), date(2023, 12, 31)  # workalendar's China calendar: 2018–2023
TURN = date(2023, 7, 1)  # 60 working days from either side of it stay within FIRST..LAST
MAX_DAYS = 60


def inputs():
    rng = random.Random(2026)
    span = (LAST - FIRST).days + 1
    cases = []
    for _ in range(CALLS):
        start = FIRST + timedelta(rng.randrange(span))
        days = rng.randint(1, MAX_DAYS)
        cases.append((start, days if start < TURN else -days))
    return cases


def timed(function, cases):
    started = time.perf_counter()
    results = [function(day, days) for day, days in cases]
    return time.perf_counter() - started, results


def main():
    from workalendar.asia import China  # noqa: PLC0415

    cases = inputs()
    with odoo_env() as env:
        calendar = env.ref("gov_rules.calendar_cn")
        calendar.add_working_days(date(2018, 1, 1), 1500)  # fill the per-year cache, as a server would be
        ours_time, ours = timed(calendar.add_working_days, cases)
    china = China()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs_time, theirs = timed(china.add_working_days, cases)
    mismatches = [(case, a, b) for case, a, b in zip(cases, ours, theirs, strict=False) if a != b]
    outside = [(case, a) for case, a in zip(cases, ours, strict=False) if not FIRST <= a <= LAST]
    starts = sorted(day for day, _days in cases)
    ratio = theirs_time / ours_time
    print(f"add_working_days × {CALLS:,}: ours {ours_time:.2f} s ({ours_time / CALLS * 1e6:.1f} µs/call), "
          f"workalendar {theirs_time:.2f} s ({theirs_time / CALLS * 1e6:.1f} µs/call)")
    print(f"speed ratio: {ratio:.1f}× (target ≥ {TARGET}×: {'met' if ratio >= TARGET else 'NOT met'}); "
          f"same dates: {CALLS - len(mismatches):,}/{CALLS:,}")
    print(f"start dates {starts[0]} – {starts[-1]}; results {min(ours)} – {max(ours)} "
          f"({len(outside):,} outside {FIRST.year}–{LAST.year})")
    for case, a, b in mismatches[:5]:
        print(f"  mismatch for {case}: ours {a}, workalendar {b}")
    return 1 if mismatches or outside else 0


if __name__ == "__main__":
    sys.exit(main())
