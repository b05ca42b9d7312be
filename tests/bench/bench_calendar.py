"""add_working_days: ours (cached per-year arrays) against workalendar's China calendar.

100,000 calls on the same random inputs over 2018–2023 (the years workalendar knows); both must
give the same dates. Prints the timings and the speed ratio (target: ours at least 10× faster).
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


def inputs():
    rng = random.Random(2026)
    first, span = date(2018, 1, 1), (date(2023, 6, 30) - date(2018, 1, 1)).days
    return [(first + timedelta(rng.randrange(span)), rng.randint(1, 60)) for _ in range(CALLS)]


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
    ratio = theirs_time / ours_time
    print(f"add_working_days × {CALLS:,}: ours {ours_time:.2f} s ({ours_time / CALLS * 1e6:.1f} µs/call), "
          f"workalendar {theirs_time:.2f} s ({theirs_time / CALLS * 1e6:.1f} µs/call)")
    print(f"speed ratio: {ratio:.1f}× (target ≥ {TARGET}×: {'met' if ratio >= TARGET else 'NOT met'}); "
          f"same dates: {CALLS - len(mismatches):,}/{CALLS:,}")
    for case, a, b in mismatches[:5]:
        print(f"  mismatch for {case}: ours {a}, workalendar {b}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
