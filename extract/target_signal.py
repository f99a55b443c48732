"""The plan's own targets as evidence: a column or row equal to this unit's assigned
targets is the target, not the result, whatever its words say."""

from __future__ import annotations

from chitieu.plan_parts import Unit
from chitieu.record import Role
from extract.columns import Context
from extract.document import Cell
from extract.headers import IndicatorMatcher
from extract.values import parse_cell

Cells = list[tuple[Unit | None, str, Cell | None]]  # (unit, indicator, cell) of a candidate
COPIES_TARGETS = "các số được chọn trùng hệt chỉ tiêu giao, trong khi bảng còn số khác"


def copies_targets(cells: Cells, matcher: IndicatorMatcher, ctx: Context) -> tuple[bool, bool]:
    """(every figure equals its unit's target, and two or more do, one not zero)."""
    plan = matcher.plan
    key = ctx.period.key if ctx.period is not None else None
    pairs: list[tuple[int, float | int]] = []
    for unit, ind, cell in cells:
        if cell is None or unit is None:
            continue
        value = parse_cell(cell, ctx.legend).value
        target = plan.target(unit.id, ind, key)
        if value is None or target is None:
            return False, False
        pairs.append((value, target))
    same = bool(pairs) and all(v == t for v, t in pairs)
    return same, same and len(pairs) >= 2 and any(t for _, t in pairs)


def by_targets(
    cands: list[tuple[int, Cells]], matcher: IndicatorMatcher, ctx: Context
) -> tuple[int, bool] | None:
    """Among equally worded candidates, the one that is not a copy of the plan's targets
    (a column or row equal to this unit's assigned targets is the target), and whether
    the evidence is strong enough to need no review."""
    targets_like: list[int] = []
    others: list[int] = []
    strong = True
    for index, cells in cands:
        same, sure = copies_targets(cells, matcher, ctx)
        if same:
            targets_like.append(index)
            strong = strong and sure
        else:
            others.append(index)
    if len(others) == 1 and targets_like:
        return others[0], strong
    return None


def target_copy(
    chosen: int, cands: list[tuple[int, Cells]], matcher: IndicatorMatcher, ctx: Context
) -> bool:
    """True when the read figures copy the targets while another candidate holds other
    figures: the words may have misled us (a target column labelled as the result). One
    figure equal to its target proves nothing (results often meet targets exactly): two
    or more, one not zero, are needed."""
    if ctx.role != Role.result:
        return False
    by_index = dict(cands)
    if chosen not in by_index or not copies_targets(by_index[chosen], matcher, ctx)[1]:
        return False
    return any(
        i != chosen
        and not copies_targets(c, matcher, ctx)[0]
        and any(x is not None and parse_cell(x, ctx.legend).value is not None for *_, x in c)
        for i, c in cands
    )
