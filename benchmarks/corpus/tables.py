"""The table of a return, in every layout the grammar knows: indicators as columns with
role rows, indicators as rows with role columns, "trong đó" sub-rows and group "Tổng số"
sub-columns, and consolidated tables with units as rows or as columns."""

from __future__ import annotations

import random
from typing import Any

from benchmarks.corpus import names as N
from benchmarks.corpus.document import Grid
from benchmarks.corpus.figures import (
    LEGEND_NOT_ASSIGNED,
    LEGEND_ZERO,
    NUMBER_FORMATS,
    Period,
    Written,
    draw_results,
    fits,
    plain,
    result_kind,
    role_values,
    vocab_labels,
    write_number,
)
from benchmarks.corpus.plans import IndSpec, PlanSpec, UnitSpec, targets

SUBS = ("cntn", "cnbb")
VOCAB_WEIGHTS = {
    "plain": 3,
    "plain_so_lieu": 1,
    "kh_th": 2,
    "kehoach_thuchien": 2,
    "chitieu_uoc": 1.5,
    "trongky_luyke": 1.5,
    "ky_cungky": 1.5,
    "nam_sosanh": 1.5,
    "tongso_nam_nu": 1.5,
    "kh_th_sosanh": 1.5,
}


def _pick(rng: random.Random, weighted: list[tuple[str, float]]) -> str:
    return rng.choices([k for k, _ in weighted], weights=[w for _, w in weighted])[0]


def _cell(v: int | str, fmt: str) -> int | str:
    return v if fmt == "xlsx" or isinstance(v, str) else str(v)


def _special(
    spec: PlanSpec,
    cells: list[tuple[str, IndSpec]],
    tg: dict[str, dict[str, int]],
    rng: random.Random,
    t: Any,
) -> tuple[str, tuple[str, str] | None]:
    """A number format for the case, and the (unit, indicator) cell it applies to."""
    kind = _pick(rng, [(k, float(w)) for k, w in NUMBER_FORMATS])
    if kind == "plain":
        t.classes.append("value:plain")
        return kind, None
    fitting = [(u, ind) for u, ind in cells if fits(kind, ind, tg.get(u, {}).get(ind.id))]
    if not fitting and kind == "dash_not_assigned":
        kind = "dash_zero"
        fitting = [(u, ind) for u, ind in cells if fits(kind, ind, None)]
    if not fitting:
        t.classes.append("value:plain")
        return "plain", None
    u, ind = rng.choice(fitting)
    t.classes.append(f"value:{kind}")
    return kind, (u, ind.id)


def _legend(kind: str) -> list[str]:
    if kind == "dash_zero":
        return [LEGEND_ZERO]
    if kind == "dash_not_assigned":
        return [LEGEND_NOT_ASSIGNED]
    return []


# --------------------------------------------------------------------------------------
# one unit


def single_grid(
    spec: PlanSpec,
    fmt: str,
    period: Period,
    unit: str,
    tg: dict[str, int],
    results: dict[str, int],
    rng: random.Random,
    t: Any,
) -> tuple[Grid, list[str]]:
    vocab = _pick(rng, list(VOCAB_WEIGHTS.items()))
    layout = rng.choice(["across", "down"])
    t.classes += [f"role:{vocab}", f"layout:{layout}"]
    labels = vocab_labels(vocab, period)
    kinds = [k for _, k in labels]
    inds = list(spec.indicators)
    total = "none"
    if rng.random() < 0.4:
        total = "trongdo" if layout == "down" else "group"
        if rng.random() < 0.5:
            total += "_mismatch"
    nam_nu_mismatch = vocab == "tongso_nam_nu" and rng.random() < 0.5
    t.classes.append(f"total:{total}")
    if nam_nu_mismatch:
        t.classes.append("total:nam_nu_mismatch")

    number, where = _special(spec, [(unit, i) for i in inds], {unit: tg}, rng, t)
    written: dict[str, Written] = {}
    for ind in inds:
        r = results[ind.id]
        if where == (unit, ind.id):
            written[ind.id] = write_number(number, r, ind)
        else:
            written[ind.id] = Written(plain(r, fmt, rng), r)
    if total.endswith("_mismatch"):
        delta = rng.choice([-2, -1, 1, 2, 3])
        r = results["cntn"] + results["cnbb"] + delta
        r = r if r >= 0 else r + 4
        written["cai_nghien"] = Written(plain(r, fmt, rng), r, review=True)
        for sub in SUBS:
            written[sub].review = True
        t.problems.add("total_mismatch")
    values: dict[str, dict[str, int | str]] = {}
    for ind in inds:
        w = written[ind.id]
        base = w.value if w.value is not None else 0
        vals = role_values(kinds, base, tg.get(ind.id), spec, ind, rng)
        for k in kinds:
            if result_kind(k, spec):
                vals[k] = w.cell
        values[ind.id] = vals
        t.add(unit, ind.id, w.value, w.review)
    if nam_nu_mismatch:
        ind = rng.choice([i for i in inds if i.id not in ("cai_nghien", *SUBS)])
        values[ind.id]["female"] = int(values[ind.id]["female"]) + rng.choice([1, 2])
        t.flag(unit, ind.id)
        t.problems.add("total_mismatch")
    after = _legend(number)
    if layout == "across":
        return _across(inds, labels, values, total, fmt, rng), after
    return _down(inds, labels, values, total, fmt, rng), after


def _across(
    inds: list[IndSpec],
    labels: list[tuple[str, str]],
    values: dict[str, dict[str, int | str]],
    total: str,
    fmt: str,
    rng: random.Random,
) -> Grid:
    group = total.startswith("group")
    head = ["TT", rng.choice(["Nội dung", "Chỉ tiêu", ""])]
    rows: list[list[int | str]] = []
    merges: list[tuple[int, int, int, int]] = []
    if group:
        top: list[int | str] = list(head)
        sub: list[int | str] = ["", ""]
        merges += [(0, 0, 1, 0), (0, 1, 1, 1)]
        for ind in inds:
            c = len(top)
            if ind.id == "cai_nghien":
                top.append(ind.group or "Cai nghiện ma túy")
                sub.append("Tổng số")
            elif ind.id in SUBS:
                top.append("")
                sub.append(ind.name.replace("Cai nghiện ", "").capitalize())
            else:
                top.append(ind.name)
                sub.append("")
                merges.append((0, c, 1, c))
        first = next(i for i, ind in enumerate(inds) if ind.id == "cai_nghien") + 2
        merges.append((0, first, 0, first + 2))
        top[first] = "Cai nghiện ma túy"
        rows += [top, sub]
    else:
        rows.append(head + [ind.name for ind in inds])
    if rng.random() < 0.2:
        rows.append([f"({i + 1})" for i in range(len(rows[0]))])
    for i, (label, kind) in enumerate(labels):
        rows.append([str(i + 1), label] + [_cell(values[ind.id][kind], fmt) for ind in inds])
    return Grid(rows, merges)


def _down(
    inds: list[IndSpec],
    labels: list[tuple[str, str]],
    values: dict[str, dict[str, int | str]],
    total: str,
    fmt: str,
    rng: random.Random,
) -> Grid:
    trongdo = total.startswith("trongdo")
    measure = rng.random() < 0.5
    note = rng.random() < 0.4
    head: list[int | str] = ["TT", rng.choice(["Nội dung", "Nội dung chỉ tiêu", "Chỉ tiêu"])]
    head += ["ĐVT"] if measure else []
    head += [lab for lab, _ in labels]
    head += ["Ghi chú"] if note else []
    rows: list[list[int | str]] = [head]
    n = 0
    for ind in inds:
        if trongdo and ind.id in SUBS:
            first = ind.id == SUBS[0]
            tt = ""
            label = ("Trong đó: " if first else "- ") + ind.name.lower()
        else:
            n += 1
            tt, label = str(n), ind.name
        row: list[int | str] = [tt, label]
        row += [ind.measure] if measure else []
        row += [_cell(values[ind.id][k], fmt) for _, k in labels]
        row += [""] if note else []
        rows.append(row)
    return Grid(rows)


# --------------------------------------------------------------------------------------
# many units


def consolidated_grid(
    spec: PlanSpec,
    fmt: str,
    period: Period,
    units: list[UnitSpec],
    kind: str,
    rng: random.Random,
    t: Any,
) -> tuple[Grid, list[str]]:
    tg = targets(spec)
    inds = [i for i in spec.indicators if i.id not in SUBS or rng.random() < 0.5]
    labels = {u.id: N.row_label(u, spec, rng) for u in units}
    for _, variant in labels.values():
        t.classes.append(f"unit:label_{variant}")
    results = {u.id: draw_results(spec, rng) for u in units}
    number, where = _special(spec, [(u.id, i) for u in units for i in inds], tg, rng, t)
    cells: dict[tuple[str, str], Written] = {}
    for u in units:
        for ind in inds:
            r = results[u.id][ind.id]
            if where == (u.id, ind.id):
                cells[(u.id, ind.id)] = write_number(number, r, ind)
            else:
                cells[(u.id, ind.id)] = Written(plain(r, fmt, rng), r)
            w = cells[(u.id, ind.id)]
            t.add(u.id, ind.id, w.value, w.review)
    foreign = rng.random() < 0.25
    if foreign:
        t.classes.append("unit:foreign_row")
        t.problems.add("unknown_unit")
    frow = {ind.id: draw_results(spec, rng)[ind.id] for ind in inds}
    sums = {
        ind.id: sum(c.value or 0 for (u, i), c in cells.items() if i == ind.id)
        + (frow[ind.id] if foreign else 0)
        for ind in inds
    }
    if rng.random() < 0.4:
        bad = rng.choice(inds)
        sums[bad.id] += rng.choice([-1, 1, 2])
        sums[bad.id] = abs(sums[bad.id])
        t.flag(ind=bad.id)
        t.problems.add("total_mismatch")
        t.classes.append("total:row_mismatch")
    else:
        t.classes.append("total:row")
    kh_th = rng.random() < 0.35
    t.classes.append("role:kh_th" if kh_th else "role:plain")
    total_label = rng.choice(["Tổng cộng", "Tổng số", "Cộng"])
    if kind == "columns":
        return _columns_grid(
            spec, fmt, units, inds, labels, cells, tg, sums, frow, foreign, kh_th, total_label, rng
        ), _legend(number)
    merges: list[tuple[int, int, int, int]] = []
    if kh_th:
        top: list[int | str] = ["TT", "Đơn vị"]
        sub: list[int | str] = ["", ""]
        merges += [(0, 0, 1, 0), (0, 1, 1, 1)]
        for ind in inds:
            merges.append((0, len(top), 0, len(top) + 1))
            top += [ind.name, ""]
            sub += ["KH", "TH"]
        rows = [top, sub]
    else:
        rows = [["TT", rng.choice(["Đơn vị", "Tên đơn vị", "Phường, xã"])] + [i.name for i in inds]]

    def line(tt: str, label: str, vals: list[tuple[int | str, int | str]]) -> list[int | str]:
        out: list[int | str] = [tt, label]
        for target, value in vals:
            out += ([_cell(target, fmt)] if kh_th else []) + [_cell(value, fmt)]
        return out

    for n, u in enumerate(units, start=1):
        vals = [(tg[u.id].get(ind.id, ""), cells[(u.id, ind.id)].cell) for ind in inds]
        rows.append(line(str(n), labels[u.id][0], vals))
    if foreign:
        rows.append(
            line(
                str(len(units) + 1), rng.choice(spec.foreign), [("", frow[ind.id]) for ind in inds]
            )
        )
    tsum = [(sum(tg[u.id].get(ind.id, 0) for u in units), sums[ind.id]) for ind in inds]
    rows.append(line("", total_label, tsum))
    return Grid(rows, merges), _legend(number)


def _columns_grid(
    spec: PlanSpec,
    fmt: str,
    units: list[UnitSpec],
    inds: list[IndSpec],
    labels: dict[str, tuple[str, str]],
    cells: dict[tuple[str, str], Written],
    tg: dict[str, dict[str, int]],
    sums: dict[str, int],
    frow: dict[str, int],
    foreign: bool,
    kh_th: bool,
    total_label: str,
    rng: random.Random,
) -> Grid:
    """Units as columns (a total column last), each split into KH | TH when `kh_th`."""
    heads: list[str] = [labels[u.id][0] for u in units]
    if foreign:
        heads.append(rng.choice(spec.foreign))
    heads.append(total_label)
    width = 2 if kh_th else 1
    top: list[int | str] = ["TT", "Chỉ tiêu"]
    merges: list[tuple[int, int, int, int]] = []
    for h in heads:
        if kh_th:
            merges.append((0, len(top), 0, len(top) + 1))
        top += [h] + [""] * (width - 1)
    rows: list[list[int | str]] = [top]
    if kh_th:
        merges += [(0, 0, 1, 0), (0, 1, 1, 1)]
        rows.append(["", ""] + ["KH", "TH"] * len(heads))
    for i, ind in enumerate(inds):
        row: list[int | str] = [str(i + 1), ind.name]
        vals = [(tg[u.id].get(ind.id, ""), cells[(u.id, ind.id)].cell) for u in units]
        if foreign:
            vals.append(("", frow[ind.id]))
        vals.append((sum(tg[u.id].get(ind.id, 0) for u in units), sums[ind.id]))
        for target, value in vals:
            row += ([_cell(target, fmt)] if kh_th else []) + [_cell(value, fmt)]
        rows.append(row)
    return Grid(rows, merges)
