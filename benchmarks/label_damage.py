"""Indicator labels damaged as OCR damages them: named right, flagged, missed or wrong.

    .venv/bin/python benchmarks/label_damage.py [--seeds 0-3999] [--half tune|test]
        [--details]

Draws come from `samples/returns/label_damage.py` (even seeds tune, odd seeds test).
Each label is matched by the plan's `IndicatorMatcher` twice: without the damaged-label
step (`_match_damaged`, "before") and with it ("after"); a table's rows through
`IndicatorMatcher.within`, as `extract.tables.read_table` does. *wrong* is an indicator
named without doubt that is not the label's: a silent error downstream.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.header_damage import table_of  # noqa: E402
from chitieu.plan import load_plan  # noqa: E402
from chitieu.record import Role  # noqa: E402
from extract.document import ReadDocument, TextLine  # noqa: E402
from extract.headers import NO_MATCH, IndicatorMatcher, Match  # noqa: E402
from extract.sender import decide_sender  # noqa: E402
from extract.tables import read_table  # noqa: E402
from extract.units import UnitFinder  # noqa: E402
from samples.returns import label_damage as g  # noqa: E402

OUTCOMES = ("right", "flagged", "none", "wrong")


def outcome(m: Match, truth: str | None, rates: set[str]) -> str:
    if truth in rates and m.rate:
        return "right"
    if m.indicator is None:
        return "none"
    if m.indicator == truth or truth in m.ambiguous_with:
        return "flagged" if m.ambiguous else "right"
    return "flagged" if m.ambiguous else "wrong"


def matchers(plan: object) -> tuple[IndicatorMatcher, IndicatorMatcher]:
    before = IndicatorMatcher(plan)  # type: ignore[arg-type]
    before._match_damaged = lambda label: NO_MATCH  # type: ignore[method-assign]
    return before, IndicatorMatcher(plan)  # type: ignore[arg-type]


def run(seeds: list[int], details: bool = False) -> dict[tuple[str, str], Counter]:
    plans = {name: load_plan(g.plan_path(name)) for name in g.PLANS}
    cache: dict[tuple[str, str | None], tuple[IndicatorMatcher, IndicatorMatcher]] = {}
    tally: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for seed in seeds:
        d = g.draw(seed, plans)
        key = (d.plan, d.drop)
        if key not in cache:
            plan = plans[d.plan]
            if d.drop:
                kept = [i for i in plan.indicators if i.id != d.drop]
                plan = plan.model_copy(update={"indicators": kept})
            cache[key] = matchers(plan)
        before, after = cache[key]
        rates = {i.id for i in after.plan.indicators if i.is_rate}
        labels = [it.text for it in d.items]
        scoped = after.within(labels) if d.kind == "table" else after
        for it in d.items:
            truth = it.truth
            if truth is None and d.kind in ("foreign", "table"):  # what the undamaged
                # label names, if anything (a table's row the plan does not have)
                m0 = before.match(it.original)
                truth = m0.indicator if m0.indicator and not m0.ambiguous else None
            for name, m in (("before", before.match(it.text)), ("after", scoped.match(it.text))):
                got = outcome(m, truth, rates)
                if truth is None and got == "none":
                    got = "right"
                for cls in ("ALL", f"kind={d.kind}", *(f"damage={x}" for x in it.damages)):
                    tally[(name, cls)][got] += 1
                if details and name == "after" and got in ("wrong", "none"):
                    print(f"{seed} {d.kind} {got}: {it.text!r} ({truth}) -> {m}")
    return tally


def measure_tables(seeds: list[int], details: bool = False) -> dict[str, Counter]:
    """Figures of the table draws read by `read_table` (TT | label | Kết quả thực hiện),
    before and after: exact, flagged, missed, silent (wrong and unflagged)."""
    plans = {name: load_plan(g.plan_path(name)) for name in g.PLANS}
    made = {name: (*matchers(p), UnitFinder(p)) for name, p in plans.items()}
    counts: dict[str, Counter] = {"before": Counter(), "after": Counter()}
    for seed in seeds:
        d = g.draw(seed, plans)
        if d.kind != "table":
            continue
        before, after, finder = made[d.plan]
        if any(it.truth is None and before.match(it.original).indicator for it in d.items):
            continue  # a row from another plan that this plan's matcher names undamaged
        rates = {i.id for i in plans[d.plan].indicators if i.is_rate}
        figures = {it.truth: (seed * 7 + 3 * n) % 40 for n, it in enumerate(d.items)}
        values = {k: v for k, v in figures.items() if k not in rates and k is not None}
        rows = [["TT", "Chỉ tiêu", "Kết quả thực hiện"]]
        rows += [[str(n), it.text, str(figures[it.truth])] for n, it in enumerate(d.items, 1)]
        for name, m in (("before", before), ("after", after)):
            got = {
                f.indicator: f for f in read_table(table_of(rows), m, finder, Role.result).figures
            }
            for ind, want in values.items():
                f = got.get(ind)
                if f is None:
                    out = "missed"
                elif f.needs_review:
                    out = "flagged"
                else:
                    out = "exact" if f.parsed.value == want else "silent"
                counts[name][out] += 1
                if details and name == "after" and out in ("silent", "missed"):
                    print(f"{seed} table {out}: {ind} in {[it.text for it in d.items]}")
            wanted = set(values)
            for ind, f in got.items():
                if ind not in wanted and not f.needs_review:
                    counts[name]["silent"] += 1
    return counts


def measure_senders(seeds: list[int], details: bool = False) -> dict[str, Counter]:
    """Senders of letters whose letterhead (and body) name the unit damaged, decided by
    `extract.sender.decide_sender`: right (unflagged), flagged (a note: for review),
    none, wrong (another unit without a note: silent)."""
    plans = {name: load_plan(g.plan_path(name)) for name in g.SENDER_PLANS}
    finders = {name: UnitFinder(p) for name, p in plans.items()}
    counts: dict[str, Counter] = defaultdict(Counter)
    for seed in seeds:
        d = g.draw_sender(seed, plans)
        doc = ReadDocument(kind="scan", lines=[TextLine(t) for t in d.lines])
        s = decide_sender(doc, finders[d.plan], "bao-cao.pdf")
        if s.unit is None:
            out = "none"
        elif s.note:
            out = "flagged"
        else:
            out = "right" if s.unit.id == d.truth else "wrong"
        for cls in ("ALL", f"body={d.body}", *(f"damage={x}" for x in d.damages)):
            counts[cls][out] += 1
        if details and out in ("wrong", "none"):
            print(f"{seed} sender {out}: {d.lines[1:3]} body {d.body} ({d.truth}) -> {s}")
    return counts


def half_seeds(span: str, half: str) -> list[int]:
    """The seeds of "LO-HI" in one half: odd seeds are the test half, even the tune half."""
    lo, hi = (int(x) for x in span.split("-"))
    return [s for s in range(lo, hi + 1) if (s % 2 == 1) == (half == "test")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="0-3999")
    ap.add_argument("--half", choices=("tune", "test"), default="tune")
    ap.add_argument("--details", action="store_true")
    args = ap.parse_args(argv)
    seeds = half_seeds(args.seeds, args.half)
    tally = run(seeds, args.details)
    print(f"== {args.half} half, {len(seeds)} draws ==")
    print(f"{'':<26}{'labels':>7}  " + "  ".join(f"{o:>15}" for o in OUTCOMES))
    print(f"{'':<26}{'':>7}  " + "  ".join(f"{'before → after':>15}" for _ in OUTCOMES))
    classes = sorted({c for _, c in tally}, key=lambda c: (c != "ALL", c))
    for cls in classes:
        b, a = tally[("before", cls)], tally[("after", cls)]
        n = sum(a.values())
        cells = "  ".join(f"{b[o]:>7} → {a[o]:<5}" for o in OUTCOMES)
        print(f"{cls:<26}{n:>7}  {cells}")
    t = measure_tables(seeds, args.details)
    n = sum(t["after"].values())
    print(
        f"\ntable figures ({n}), before → after: "
        + ", ".join(
            f"{o} {t['before'][o]} → {t['after'][o]}"
            for o in ("exact", "flagged", "missed", "silent")
        )
    )
    senders = measure_senders(seeds, args.details)
    print(f"\nsenders ({sum(senders['ALL'].values())} letters)")
    for cls in sorted(senders, key=lambda c: (c != "ALL", c)):
        c = senders[cls]
        print(f"{cls:<26}" + "  ".join(f"{o} {c[o]:>4}" for o in OUTCOMES))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
