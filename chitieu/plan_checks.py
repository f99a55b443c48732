"""The plan file's checks: every mistake a clerk can make, each naming its line.

Split from `chitieu.plan` (the typed plan and its loading): the parts of a plan that
validated on their own are checked against each other here, so that one bad field does
not hide the others' mistakes (pydantic's errors are said in Vietnamese by
`chitieu.plan_issues`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from chitieu.errors import PlanIssue
from chitieu.plan_issues import dotted_path
from chitieu.plan_parts import ID_PATTERN, Indicator, Period, Rule, Unit, VnDate
from chitieu.plan_sanity import number_problem, unit_cycles
from chitieu.plan_yaml import YamlDocument
from chitieu.sub_year import year_key

# An issue at a path of the plan: (message, *path, key=whether at the key, not the value).
Issue = Callable[..., PlanIssue]


@dataclass
class PlanParts:
    """The parts of a plan that validated on their own, for the cross-field checks."""

    units: list[tuple[int, Unit]]
    unit_ids: set[str]
    indicators: list[tuple[int, Indicator]]
    indicator_ids: set[str]
    period: Period | None
    periods: list[tuple[int, Period]]
    has_period: bool
    has_periods: bool
    report_deadline: date | None
    deadlines_by_kind: dict[str, int]
    deadlines_by_level: dict[int, int]
    targets: Any
    rules: list[tuple[int, Rule]]


def _valid(model: type[BaseModel], value: Any) -> Any:
    try:
        return model.model_validate(value)
    except ValidationError:
        return None


def _valid_list(model: type[BaseModel], value: Any) -> list[tuple[int, Any]]:
    if not isinstance(value, list):
        return []
    out = []
    for n, item in enumerate(value):
        v = _valid(model, item)
        if v is not None:
            out.append((n, v))
    return out


def _raw_ids(value: Any) -> set[str]:
    if not isinstance(value, list):
        return set()
    return {str(x["id"]) for x in value if isinstance(x, dict) and "id" in x}


def valid_parts(data: dict[str, Any]) -> PlanParts:
    try:
        deadline = TypeAdapter(VnDate).validate_python(data.get("report_deadline"))
    except ValidationError:
        deadline = None
    return PlanParts(
        units=_valid_list(Unit, data.get("units")),
        unit_ids=_raw_ids(data.get("units")),
        indicators=_valid_list(Indicator, data.get("indicators")),
        indicator_ids=_raw_ids(data.get("indicators")),
        period=_valid(Period, data.get("period")) if data.get("period") is not None else None,
        periods=_valid_list(Period, data.get("periods")),
        has_period=data.get("period") is not None,
        has_periods=bool(data.get("periods")),
        report_deadline=deadline,
        deadlines_by_kind=_kind_shifts(data.get("deadlines_by_kind")),
        deadlines_by_level={
            k: v
            for k, v in (data.get("deadlines_by_level") or {}).items()
            if isinstance(k, int) and isinstance(v, int) and not isinstance(v, bool)
        }
        if isinstance(data.get("deadlines_by_level"), dict)
        else {},
        targets=data.get("targets") or {},
        rules=_valid_list(Rule, data.get("rules")),
    )


def _kind_shifts(value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        return {}
    return {
        str(k).strip().lower(): v
        for k, v in value.items()
        if isinstance(v, int) and not isinstance(v, bool)
    }


def _target_problem(value: Any, ind: Indicator) -> str | None:
    """Why a target value is unusable, in Vietnamese; None when it is fine."""
    if isinstance(value, bool) or value is None:
        return f"chỉ tiêu {value!r} không phải là số"
    if isinstance(value, str):
        s = value.strip()
        if ind.is_rate:
            s = s.rstrip("%").strip().replace(",", ".")
        if not re.fullmatch(r"-?\d+(\.\d+)?", s):
            return f"chỉ tiêu {value!r} không phải là số"
        value = float(s)
    if not isinstance(value, int | float):
        return f"chỉ tiêu {value!r} không phải là số"
    if why := number_problem(value):
        return why
    if value < 0:
        return f"chỉ tiêu {value} là số âm; chỉ tiêu phải từ 0 trở lên"
    if ind.is_rate:
        if value > 100:
            return f"chỉ tiêu tỷ lệ {value}% vượt quá 100%"
    elif not float(value).is_integer():
        return (
            f"chỉ tiêu {value} không phải số nguyên; chỉ tiêu đếm (vụ, người...) phải là số nguyên"
        )
    return None


def _cycles(raw: PlanParts, doc: YamlDocument) -> Iterator[PlanIssue]:
    """A loop in the hierarchy (a quận under one of its own phường) would make a ward a
    roll-up of everything: reported once, at the line of each unit on it."""
    index = {u.id: n for n, u in raw.units}
    for loop in unit_cycles({u.id: u.parent for _, u in raw.units}):
        lines = [doc.line_of(("units", index[u], "parent")) for u in loop]
        chain = " → ".join(f"{u} (dòng {ln})" for u, ln in zip([*loop], lines, strict=True))
        for u, ln in zip(loop, lines, strict=True):
            yield PlanIssue(
                f"cấp trên của các đơn vị tạo thành vòng lặp: {chain} → {loop[0]}; "
                "sửa parent để mỗi đơn vị chỉ có cấp trên ở cấp cao hơn",
                ln,
                dotted_path(("units", index[u], "parent")),
            )


def cross_checks(raw: PlanParts, doc: YamlDocument) -> Iterator[PlanIssue]:
    """Cross-field rules that pydantic's field types cannot express."""

    def issue(msg: str, *loc: Any, key: bool = False) -> PlanIssue:
        return PlanIssue(msg, doc.line_of(loc, key=key), dotted_path(loc))

    ind_by_id = {i.id: i for _, i in raw.indicators}
    yield from _id_checks(raw, doc, issue)
    yield from _unit_checks(raw, doc, issue)
    yield from _indicator_checks(raw, ind_by_id, issue)
    keys: dict[str, int] = {}  # the periods' keys a target may name
    yield from _period_checks(raw, issue, keys)
    yield from _deadline_shift_checks(raw, issue)
    if not isinstance(raw.targets, dict):
        return
    yield from _target_checks(raw, ind_by_id, keys, issue)
    yield from _rule_checks(raw, issue)


def _id_checks(raw: PlanParts, doc: YamlDocument, issue: Issue) -> Iterator[PlanIssue]:
    """Units' and indicators' ids: their format, and each declared once."""
    for kind, items, label in (
        ("units", raw.units, "đơn vị"),
        ("indicators", raw.indicators, "chỉ tiêu"),
    ):
        seen: dict[str, int] = {}
        for n, item in items:
            if not ID_PATTERN.match(item.id):
                yield issue(
                    f"mã {label} {item.id!r} không hợp lệ: chỉ dùng chữ thường không dấu, số, '-' hoặc '_'",
                    kind,
                    n,
                    "id",
                )
            if item.id in seen:
                first = doc.line_of((kind, seen[item.id], "id"))
                yield issue(
                    f"mã {label} {item.id!r} bị trùng (đã khai báo ở dòng {first})", kind, n, "id"
                )
            else:
                seen[item.id] = n


def _unit_checks(raw: PlanParts, doc: YamlDocument, issue: Issue) -> Iterator[PlanIssue]:
    """Each unit's parent: declared, not itself, and no loop in the hierarchy."""
    for n, u in raw.units:
        if u.parent is not None and u.parent not in raw.unit_ids:
            yield issue(
                f"đơn vị cấp trên {u.parent!r} không có trong danh sách units", "units", n, "parent"
            )
        if u.parent == u.id:
            yield issue("một đơn vị không thể là cấp trên của chính nó", "units", n, "parent")
    yield from _cycles(raw, doc)


def _indicator_checks(
    raw: PlanParts, ind_by_id: dict[str, Indicator], issue: Issue
) -> Iterator[PlanIssue]:
    """A rate's numerator and denominator (declared counts; none on a count), and each
    indicator's parent declared."""
    for n, ind in raw.indicators:
        if ind.is_rate:
            for side in ("numerator", "denominator"):
                ref = getattr(ind, side)
                if ref is None:
                    yield issue(
                        f"chỉ tiêu tỷ lệ cần khai báo {side} (mã một chỉ tiêu đếm)",
                        "indicators",
                        n,
                        key=True,
                    )
                elif ref not in raw.indicator_ids:
                    yield issue(
                        f"{side} {ref!r} không phải mã chỉ tiêu đã khai báo", "indicators", n, side
                    )
                elif ref in ind_by_id and ind_by_id[ref].is_rate:
                    yield issue(
                        f"{side} {ref!r} phải là chỉ tiêu đếm, không phải tỷ lệ",
                        "indicators",
                        n,
                        side,
                    )
        elif ind.numerator or ind.denominator:
            yield issue(
                "numerator/denominator chỉ dùng cho chỉ tiêu tỷ lệ (kind: rate)",
                "indicators",
                n,
                key=True,
            )
        if ind.parent is not None and ind.parent not in raw.indicator_ids:
            yield issue(
                f"chỉ tiêu cha {ind.parent!r} không có trong danh sách indicators",
                "indicators",
                n,
                "parent",
            )


def _period_checks(raw: PlanParts, issue: Issue, keys: dict[str, int]) -> Iterator[PlanIssue]:
    """One of period or periods; each period ending after it starts, its report deadline
    after its first day, declared once. Fills `keys` with the periods' keys and the
    years their months or quarters are part of."""
    if not raw.has_period and not raw.has_periods:
        yield issue(
            "thiếu kỳ thực hiện: khai báo period: {start, end} hoặc periods: [...]", key=True
        )
    if raw.has_period and raw.has_periods:
        yield issue("chỉ khai báo một trong hai: period hoặc periods", "periods", key=True)
    named = (
        [("period", None, raw.period)]
        if raw.period
        else [("periods", i, p) for i, p in raw.periods]
    )
    for field, i, p in named:
        assert p is not None
        loc = (field,) if i is None else (field, i)
        if p.end < p.start:
            yield issue(
                f"kỳ kết thúc ({p.end:%d/%m/%Y}) trước khi bắt đầu ({p.start:%d/%m/%Y})",
                *loc,
                "end",
            )
            continue
        # A deadline before the period's end is normal (the return then carries estimates,
        # "ước thực hiện"); one on or before its first day leaves nothing to report.
        deadline = p.report_deadline or raw.report_deadline
        shifts = [*raw.deadlines_by_kind.values(), *raw.deadlines_by_level.values()]
        earliest = min([0, *shifts]) if deadline is not None else 0
        if deadline is not None and deadline + timedelta(days=earliest) <= p.start:
            where = (*loc, "report_deadline") if p.report_deadline else ("report_deadline",)
            yield issue(
                f"hạn báo cáo {deadline + timedelta(days=earliest):%d/%m/%Y} không sau ngày bắt "
                f"đầu kỳ {p.start:%d/%m/%Y}; hạn báo cáo phải sau khi kỳ bắt đầu",
                *where,
            )
        if p.key in keys:
            yield issue(f"kỳ {p.key!r} bị khai báo hai lần", *loc)
        keys[p.key] = 1
    # a year that months or quarters are part of takes a target even when it is not a
    # reporting period of its own ({2022: 40} in a plan of quarterly reports)
    years = [y for _, _, p in named if p is not None and (y := year_key(p)) is not None]
    for y in years:
        keys.setdefault(y, 1)


def _deadline_shift_checks(raw: PlanParts, issue: Issue) -> Iterator[PlanIssue]:
    """deadlines_by_kind names unit kinds the plan has; deadlines_by_level, levels of
    its hierarchy (0 the top)."""
    kinds = {u.kind.strip().lower() for _, u in raw.units}
    for kind in raw.deadlines_by_kind:
        if kind not in kinds:
            yield issue(
                f"loại đơn vị {kind!r} không có trong units (có: {', '.join(sorted(kinds))})",
                "deadlines_by_kind",
                kind,
                key=True,
            )
    parent = {u.id: u.parent for _, u in raw.units}
    deepest = 0
    for uid in parent:
        depth, up, seen = 0, parent[uid], {uid}
        while up in parent and up not in seen:
            seen.add(up)
            depth += 1
            up = parent[up]
        deepest = max(deepest, depth)
    for level in raw.deadlines_by_level:
        if not 0 <= level <= deepest:
            yield issue(
                f"cấp {level} không có trong hệ thống đơn vị (cấp 0 là đơn vị cao nhất, "
                f"sâu nhất là cấp {deepest})",
                "deadlines_by_level",
                level,
                key=True,
            )


def _target_checks(
    raw: PlanParts, ind_by_id: dict[str, Indicator], keys: dict[str, int], issue: Issue
) -> Iterator[PlanIssue]:
    """Each target: a declared unit and indicator, a declared period (`keys`), a usable
    value."""
    for unit_id, per_ind in raw.targets.items():
        if unit_id not in raw.unit_ids:
            yield issue(
                f"đơn vị {unit_id!r} không có trong danh sách units; sửa mã hoặc khai báo đơn vị này",
                "targets",
                unit_id,
                key=True,
            )
        if not isinstance(per_ind, dict):
            yield issue(
                "chỉ tiêu của một đơn vị phải là bảng {mã chỉ tiêu: số}", "targets", unit_id
            )
            continue
        for ind_id, value in per_ind.items():
            ind = ind_by_id.get(ind_id)
            if ind_id not in raw.indicator_ids:
                yield issue(
                    f"chỉ tiêu {ind_id!r} không có trong danh sách indicators",
                    "targets",
                    unit_id,
                    ind_id,
                    key=True,
                )
                continue
            if ind is None:  # declared, but its own declaration is wrong: reported there
                continue
            values = value.items() if isinstance(value, dict) else [(None, value)]
            for per, v in values:
                loc = (
                    ("targets", unit_id, ind_id)
                    if per is None
                    else ("targets", unit_id, ind_id, per)
                )
                if per is not None and str(per) not in keys:
                    yield issue(
                        f"kỳ {per!r} không có trong periods (có: {', '.join(keys)})", *loc, key=True
                    )
                why = _target_problem(v, ind)
                if why:
                    yield issue(why, *loc)


def _rule_checks(raw: PlanParts, issue: Issue) -> Iterator[PlanIssue]:
    """Every name in a rule's expression must be an indicator."""
    for n, rule in raw.rules:
        for name in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", rule.expr):
            if name not in raw.indicator_ids:
                yield issue(
                    f"quy tắc dùng {name!r}, không phải mã chỉ tiêu đã khai báo", "rules", n, "expr"
                )
