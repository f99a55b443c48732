"""How column roles survive OCR damage to header words (samples/returns/header_damage.py).

    python benchmarks/header_damage.py --seeds 0-1999 --half tune [--details]

Per draw: right (the role of the undamaged header), unknown (no role: the column is
left to the figures and flags), wrong (another role), and silent: a wrong role that
makes a non-result column the result or hides the result column behind a role that
excludes it. Tune on the even (tune) half; the odd half is the held-out test.
"""

from __future__ import annotations

import argparse
from collections import Counter

from chitieu.plan import load_plan
from chitieu.record import Role
from extract.document import Cell, Table, Where
from extract.headers import IndicatorMatcher
from extract.roles import role_of
from extract.tables import read_table
from extract.units import UnitFinder
from samples.returns.header_damage import draw, draw_table, half_of

PLAN = "samples/cau-giay-2021/plan.yaml"


def outcome(role: str | None, truth: str) -> str:
    if role == truth:
        return "right"
    if role is None:
        return "unknown"
    if "result" in (role, truth) or "target" in (role, truth):
        return "silent"
    return "wrong"


def measure(seeds: range, half: str, details: bool = False) -> Counter[str]:
    counts: Counter[str] = Counter()
    for seed in seeds:
        if half != "both" and half_of(seed) != half:
            continue
        d = draw(seed)
        got = role_of(d.text)
        out = outcome(got.value if got else None, d.role)
        counts[out] += 1
        if details and out != "right":
            print(f"{seed}\t{out}\t{d.role}->{got}\t{d.text!r}\t{'+'.join(d.damages)}")
    return counts


def table_of(rows: list[list[str]]) -> Table:
    return Table(
        [
            [
                Cell(t, r, c, where=Where(cell=f"{chr(65 + c)}{r + 1}", table=0))
                for c, t in enumerate(row)
            ]
            for r, row in enumerate(rows)
        ]
    )


def measure_tables(seeds: range, half: str, details: bool = False) -> Counter[str]:
    """Per figure of damaged down-tables read by `read_table`: exact (right, unflagged),
    flagged, missed, silent (wrong and unflagged)."""
    plan = load_plan(PLAN)
    matcher, finder = IndicatorMatcher(plan), UnitFinder(plan)
    counts: Counter[str] = Counter()
    for seed in seeds:
        if half != "both" and half_of(seed) != half:
            continue
        t = draw_table(seed)
        got = {
            f.indicator: f
            for f in read_table(table_of(t.rows), matcher, finder, Role.result).figures
        }
        for ind, want in t.results.items():
            f = got.get(ind)
            if f is None:
                out = "missed"
            elif f.needs_review:
                out = "flagged"
            else:
                out = "exact" if f.parsed.value == want else "silent"
            counts[out] += 1
            if details and out != "exact":
                print(f"{seed}\t{out}\t{ind}\t{t.rows[0]!r}")
    return counts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default="0-1999")
    ap.add_argument("--half", choices=("tune", "test", "both"), default="tune")
    ap.add_argument("--details", action="store_true")
    a = ap.parse_args()
    lo, hi = (int(x) for x in a.seeds.split("-"))
    halves = ("tune", "test") if a.half == "both" else (a.half,)
    for half in halves:
        c = measure(range(lo, hi + 1), half, a.details)
        n = sum(c.values())
        print(
            f"{half}: right {c['right']}/{n} ({100 * c['right'] / n:.1f}%), "
            f"unknown {c['unknown']}, wrong {c['wrong']}, silent {c['silent']}"
        )
        t = measure_tables(range(lo, min(hi, lo + 399) + 1), half, a.details)
        n = sum(t.values())
        print(
            f"{half} tables: exact {t['exact']}/{n} ({100 * t['exact'] / n:.1f}%), "
            f"flagged {t['flagged']}, missed {t['missed']}, silent {t['silent']}"
        )


if __name__ == "__main__":
    main()
