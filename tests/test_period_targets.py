"""A series plan's sub-year targets (README "Sub-year periods against the year's target").

Seeded series plans (tests/series_grammar.py: years, quarters, 6 and 9 months, months;
targets constant, per year, per period; partial returns over several periods) are
reconciled, and every row's target, year's target, lũy kế, rate and status is checked
against a computation written here from the plan's raw dict and the records alone (period
keys parsed as strings, never `chitieu.periods` or `Plan.target`). The TUNE seeds were
looked at while the code was written; the HELD_OUT seeds only as counts.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from series_grammar import series_plan, series_returns

from chitieu.plan import parse_plan
from chitieu.reconcile import reconcile

TUNE = list(range(1, 21))
HELD_OUT = list(range(5001, 5021))
SUB = re.compile(r"(\d{4})-(Q[1-4]|H1|9M|\d{2})$")


def _parts(key: str, keys: set[str]) -> list[str] | None:
    """The periods a sub-year period's lũy kế adds, from its key: None if one is missing."""
    m = SUB.match(key)
    assert m
    year, part = m.groups()
    if part in ("H1", "9M"):
        return [key]
    if part.startswith("Q"):
        out = [f"{year}-Q{q}" for q in range(1, int(part[1]) + 1)]
    else:
        out = [f"{year}-{n:02d}" for n in range(1, int(part) + 1)]
    return out if all(k in keys for k in out) else None


def _judge(target: float | None, value: float | None, at_most: bool) -> str:
    if value is None:
        return "chua_bao_cao"
    if target is None:
        return "dat"
    if at_most:
        return "dat" if value <= target + 1e-9 else "chua_dat"
    if value > target + 1e-9:
        return "vuot"
    return "dat" if value >= target - 1e-9 else "chua_dat"


def _expected_rows(data: dict, plan_keys: list[str], records: list) -> dict:
    """(unit, indicator, period) → the row's expected fields, from the raw plan."""
    keys = set(plan_keys)
    inds = {i["id"]: i for i in data["indicators"]}
    parents = {u.get("parent") for u in data["units"]}
    leaves = [u["id"] for u in data["units"] if u["id"] not in parents]
    got = {(r.unit, r.indicator, r.period): r for r in records}
    # an indicator that some unit has a target of its own for in a period is reported on
    # the period's own targets there, for every unit
    own_keys = {
        (i, str(k))
        for t in data["targets"].values()
        for i, v in t.items()
        if isinstance(v, dict)
        for k in v
        if SUB.match(str(k))
    }
    out: dict = {}
    for u in leaves:
        for ind_id, ind in inds.items():
            raw = data["targets"].get(u, {}).get(ind_id)
            rate = ind.get("kind") == "rate"
            at_most = ind.get("direction") == "at_most"
            ids = [ind["numerator"], ind["denominator"]] if rate else [ind_id]
            for k in plan_keys:
                sub = SUB.match(k) is not None
                if isinstance(raw, dict):
                    own = {str(a): b for a, b in raw.items()}.get(k)
                else:
                    own = None if sub else raw
                mine = [got.get((u, i, k)) for i in ids]
                if not sub or (ind_id, k) in own_keys:
                    out[(u, ind_id, k)] = (
                        {"target": own} if (own is not None or any(mine)) else None
                    )
                    continue
                year = k[:4]
                yt = {str(a): b for a, b in raw.items()}.get(year) if isinstance(raw, dict) else raw
                if yt is None and not any(mine):
                    out[(u, ind_id, k)] = None
                    continue
                row: dict[str, Any] = {"target": None, "year_target": yt}
                if any(r is None for r in mine):
                    review = any(r is not None and r.needs_review for r in mine)
                    row.update(
                        result=None,
                        cumulative=None,
                        status="cho_xac_minh" if review else "chua_bao_cao",
                    )
                    out[(u, ind_id, k)] = row
                    continue
                parts = _parts(k, keys)
                recs = [[got.get((u, i, p)) for p in parts] for i in ids] if parts else []
                review = any(r.needs_review for r in mine) or any(
                    r is not None and r.needs_review for rs in recs for r in rs
                )
                known = parts is not None and all(r is not None for rs in recs for r in rs)
                sums = [sum(r.value for r in rs) for rs in recs] if known else None
                if rate:
                    own_rate = mine[0].value / mine[1].value * 100 if mine[1].value else None
                    cum = sums[0] / sums[1] * 100 if sums and sums[1] else None
                    row["result"] = own_rate
                else:
                    cum = sums[0] if sums else None
                    row["result"] = mine[0].value
                row["cumulative"] = cum
                if review or (not known and yt is not None):
                    row["status"] = "cho_xac_minh"
                elif not known or (rate and not sums[1]):
                    row["status"] = "dat"
                else:
                    row["status"] = _judge(yt, cum, at_most)
                if yt not in (None, 0) and cum is not None:
                    row["year_percent"] = cum / yt * 100
                out[(u, ind_id, k)] = row
    return out


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is b
    return abs(a - b) < 0.01


def _check(seed: int) -> tuple[int, list[str]]:
    """(rows checked, mismatches) for one seed."""
    data = series_plan(seed)
    plan = parse_plan(json.dumps(data, ensure_ascii=False, default=str))
    _, records, receipts = series_returns(plan, seed)
    rec = reconcile(plan, records, receipts)
    rows = {(r["unit"], r["indicator"], r["period"]): r for r in rec.to_json()["rows"]}
    expected = _expected_rows(data, [p.key for p in plan.all_periods], records)
    bad: list[str] = []
    checked = 0
    for key, want in expected.items():
        row = rows.get(key)
        if want is None:
            if row is not None:
                bad.append(f"{seed} {key}: unexpected row {row}")
            continue
        if row is None:
            bad.append(f"{seed} {key}: no row")
            continue
        checked += 1
        for field, value in want.items():
            if field in ("result", "cumulative", "year_percent", "year_target", "target"):
                if not _close(row.get(field), value):
                    bad.append(f"{seed} {key}: {field} {row.get(field)} ≠ {value}")
            elif row.get(field) != value:
                bad.append(f"{seed} {key}: {field} {row.get(field)} ≠ {value}")
        if "year_target" not in want and row.get("basis") == "year":
            bad.append(f"{seed} {key}: measured on the year, has a target of its own")
    extra = set(rows) - {k for k, v in expected.items() if v is not None}
    bad += [f"{seed} {k}: row not expected" for k in sorted(extra)]
    # the level's totals: on the year when every unit below is (lũy kế and year targets
    # summed), else on the period's own targets and figures
    for t in rec.to_json()["totals"]:
        if plan.indicator_by_id[t["indicator"]].is_rate or t["unit"] != "top":
            continue
        leaves = [rows[k] for k in rows if k[1:] == (t["indicator"], t["period"])]
        on_year = all(r.get("basis") == "year" for r in leaves)
        if on_year != (t.get("basis") == "year"):
            bad.append(f"{seed} total {t['indicator']} {t['period']}: basis")
            continue
        pairs = (
            [("year_target", "year_target"), ("cumulative", "cumulative"), ("result", "result")]
            if on_year
            else [("target", "target"), ("result", "result")]
        )
        for mine, theirs in pairs:
            vals = [r[theirs] for r in leaves if r.get(theirs) is not None]
            if not _close(t[mine], sum(vals) if vals else None):
                bad.append(f"{seed} total {t['indicator']} {t['period']}: {mine} {t[mine]}")
        checked += 1
    return checked, bad


@pytest.mark.parametrize("half", ["tune", "held_out"])
def test_sub_year_targets_match_an_independent_computation(half: str) -> None:
    seeds = TUNE if half == "tune" else HELD_OUT
    checked, bad, on_year = 0, [], 0
    for seed in seeds:
        n, found = _check(seed)
        checked += n
        bad += found
    for seed in seeds[:5]:
        data = series_plan(seed)
        plan = parse_plan(json.dumps(data, ensure_ascii=False, default=str))
        _, records, receipts = series_returns(plan, seed)
        on_year += sum(r.on_year for r in reconcile(plan, records, receipts).rows)
    print(f"{half}: {len(seeds)} seeds, {checked} rows checked, {len(bad)} mismatches")
    assert checked > 1000 and on_year > 0
    assert bad == [], bad[:10]


def test_a_quarter_never_takes_the_years_target_as_its_own() -> None:
    """Q2 of a plan whose target is 20 a year: the row's own target is none; the year's
    20 is compared with Q1 + Q2."""
    data = series_plan(1)
    data["periods"] = {"scheme": "calendar", "kind": ["quarter"], "years": [2026]}
    unit = data["units"][1]["id"]
    ind = next(i["id"] for i in data["indicators"] if i.get("kind") != "rate")
    data["indicators"] = [i for i in data["indicators"] if i["id"] == ind]
    data["indicators"][0].pop("direction", None)
    data["targets"] = {unit: {ind: 20}}
    plan = parse_plan(json.dumps(data, ensure_ascii=False, default=str))
    from chitieu.record import Record

    rec = reconcile(plan, [Record(unit, ind, "2026-Q1", 8), Record(unit, ind, "2026-Q2", 7)])
    row = next(r for r in rec.to_json()["rows"] if r["unit"] == unit and r["period"] == "2026-Q2")
    assert (row["target"], row["result"], row["year_target"], row["cumulative"]) == (
        None,
        7,
        20,
        15,
    )
    assert row["year_percent"] == 75.0 and row["status"] == "chua_dat"
    assert (
        plan.target(unit, ind, "2026-Q2") is None and plan.year_target(unit, ind, "2026-Q2") == 20
    )
    # a per-year dict in a plan of quarters only: the year's key is accepted
    data["targets"] = {unit: {ind: {2026: 12}}}
    plan = parse_plan(json.dumps(data, ensure_ascii=False, default=str))
    assert plan.year_target(unit, ind, "2026-Q3") == 12


def test_a_quarters_own_target_for_some_units_is_warned() -> None:
    """Unit A has Q2's own target, unit B only the year's: Q2 is on its own targets for both
    (B reads "không giao" there), Q1 on the year's; `plan check` says so."""
    data = series_plan(2)
    data["periods"] = {"scheme": "nd09", "kind": ["quarter", "year"], "years": [2026]}
    a, b = (u["id"] for u in data["units"][1:3])
    ind = next(i["id"] for i in data["indicators"] if i.get("kind") != "rate")
    data["targets"] = {a: {ind: {"2026-Q2": 5, 2026: 20}}, b: {ind: 12}}
    plan = parse_plan(json.dumps(data, ensure_ascii=False, default=str))
    assert not plan.on_year(ind, "2026-Q2") and plan.on_year(ind, "2026-Q1")
    assert not plan.on_year(ind, "2026")
    warned = [w for w in plan.warnings() if "chỉ có chỉ tiêu năm" in w]
    assert len(warned) == 1 and b in warned[0] and "2026-Q2" in warned[0]


def test_a_quarterly_return_form_never_prints_the_years_target() -> None:
    """The ward's quarterly form of a yearly plan leaves Chỉ tiêu giao blank (it would
    read the year's 20 as the quarter's); the year's form prints 20; a quarter's own 5 is
    printed on that quarter's form."""
    from chitieu.render.return_form import ReturnForm

    data = series_plan(5)
    data["periods"] = {"scheme": "calendar", "kind": ["quarter", "year"], "years": [2026]}
    unit = data["units"][1]["id"]
    a, b = [i["id"] for i in data["indicators"] if i.get("kind") != "rate"][:2]
    data["targets"] = {unit: {a: 20, b: {"2026-Q3": 5, 2026: 18}}}
    plan = parse_plan(json.dumps(data, ensure_ascii=False, default=str))
    u = plan.unit_by_id[unit]
    forms = {k: ReturnForm(plan, u, plan.period_by_key[k]) for k in ("2026-Q2", "2026-Q3", "2026")}
    cells = {k: [r.cells[3] for r in f.rows()] for k, f in forms.items()}
    ia, ib = [i.id for i in plan.indicators].index(a), [i.id for i in plan.indicators].index(b)
    assert (cells["2026-Q2"][ia], cells["2026-Q2"][ib]) == ("", "")
    assert (cells["2026-Q3"][ia], cells["2026-Q3"][ib]) == ("", "05")
    assert (cells["2026"][ia], cells["2026"][ib]) == ("20", "18")
