"""The plan file's checks: every mistake a clerk can make, each naming its line.

Split from `chitieu.plan` (the typed plan and its loading): the parts of a plan that
validated on their own are checked against each other here, so that one bad field does
not hide the others' mistakes, and pydantic's errors are said in Vietnamese.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from chitieu.errors import PlanIssue
from chitieu.plan_parts import ID_PATTERN, Indicator, Period, Rule, Unit, VnDate
from chitieu.plan_sanity import number_problem, unit_cycles
from chitieu.plan_yaml import YamlDocument
from chitieu.sub_year import year_key


def is_period_echo(issue: PlanIssue) -> bool:
    """An issue that only follows from periods missing (their series had a mistake)."""
    return issue.message.startswith("thiếu kỳ thực hiện") or (
        issue.path.startswith("targets") and "không có trong periods" in issue.message
    )


def unique_issues(issues: list[PlanIssue]) -> list[PlanIssue]:
    seen: set[tuple[int | None, str]] = set()
    out = []
    for i in issues:
        if (i.line, i.message) not in seen:
            seen.add((i.line, i.message))
            out.append(i)
    return out


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


_PYDANTIC_VI = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không được hỗ trợ (sai chính tả?)",
    "date_parsing": "không phải ngày hợp lệ; viết dạng 2021-05-31 hoặc 31/05/2021",
    "date_from_datetime_parsing": "không phải ngày hợp lệ; viết dạng 2021-05-31 hoặc 31/05/2021",
    "date_type": "không phải ngày hợp lệ; viết dạng 2021-05-31 hoặc 31/05/2021",
    "string_type": "phải là một chuỗi chữ",
    "list_type": "phải là một danh sách (mỗi mục bắt đầu bằng '- ')",
    "dict_type": "phải là một bảng khóa: giá trị",
    "model_type": "phải là một bảng khóa: giá trị",
    "model_attributes_type": "phải là một bảng khóa: giá trị",
    "enum": "giá trị không hợp lệ",
    "bool_parsing": "phải là true hoặc false",
    "bool_type": "phải là true hoặc false",
}


def translate_errors(exc: ValidationError, doc: YamlDocument) -> list[PlanIssue]:
    out = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        msg = _PYDANTIC_VI.get(err["type"], err["msg"])
        if err["type"] == "enum":
            expected = err.get("ctx", {}).get("expected", "")
            msg = f"giá trị {err.get('input')!r} không hợp lệ; chọn một trong: {expected}"
        elif err["type"] in ("date_parsing", "date_from_datetime_parsing", "date_type"):
            msg = f"{err.get('input')!r} {msg}"
        line = doc.line_of(loc, key=err["type"] in ("extra_forbidden", "missing"))
        out.append(PlanIssue(msg, line, dotted_path(loc)))
    return out


def dotted_path(loc: tuple[Any, ...]) -> str:
    s = ""
    for p in loc:
        s += f"[{p}]" if isinstance(p, int) else (f".{p}" if s else str(p))
    return s


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

    # ids: format and uniqueness
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

    unit_ids = raw.unit_ids
    ind_by_id = {i.id: i for _, i in raw.indicators}

    for n, u in raw.units:
        if u.parent is not None and u.parent not in unit_ids:
            yield issue(
                f"đơn vị cấp trên {u.parent!r} không có trong danh sách units", "units", n, "parent"
            )
        if u.parent == u.id:
            yield issue("một đơn vị không thể là cấp trên của chính nó", "units", n, "parent")
    yield from _cycles(raw, doc)

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

    # periods
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
    keys: dict[str, int] = {}
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

    # targets
    if not isinstance(raw.targets, dict):
        return
    for unit_id, per_ind in raw.targets.items():
        if unit_id not in unit_ids:
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

    # rules: every name in an expression must be an indicator
    for n, rule in raw.rules:
        for name in re.findall(r"[A-Za-z_][A-Za-z0-9_]*", rule.expr):
            if name not in raw.indicator_ids:
                yield issue(
                    f"quy tắc dùng {name!r}, không phải mã chỉ tiêu đã khai báo", "rules", n, "expr"
                )
