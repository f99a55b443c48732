"""The plan file: one issued kế hoạch, its units, indicators, periods and targets.

`load_plan(path)` reads the YAML of contracts.md (and the extensions documented in the
README), normalises every string to NFC, and returns a typed `Plan`. Every mistake a
clerk can make is collected — not just the first — into one `PlanError` whose issues
name the line (the checks themselves are in `chitieu.plan_checks`, pydantic's errors
said in Vietnamese in `chitieu.plan_issues`; the parts a plan is made of, units,
indicators, periods..., in `chitieu.plan_parts`).
"""

from __future__ import annotations

import hashlib
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Mapping
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError

from chitieu.errors import PlanError, PlanIssue
from chitieu.periods import expand_plan_periods
from chitieu.plan_checks import cross_checks, valid_parts
from chitieu.plan_issues import dotted_path, is_period_echo, translate_errors, unique_issues
from chitieu.plan_parts import (
    Annex,
    Assignment,
    Body,
    DocumentInfo,
    Indicator,
    Period,
    PlanPart,
    ReportInfo,
    Rule,
    Unit,
    VnDate,
    default_signer,
)
from chitieu.plan_sanity import bad_characters
from chitieu.plan_yaml import parse_yaml
from chitieu.record import Record, Role
from chitieu.sub_year import year_key


class _RawPlan(PlanPart):
    document: DocumentInfo
    period: Period | None = None
    periods: list[Period] = Field(default_factory=list)
    report_deadline: VnDate | None = None
    # unit kind -> days relative to the period's deadline (negative: earlier), so that each
    # level of a hierarchy has its own deadline: {phường: -2} (wards two days before)
    deadlines_by_kind: dict[str, int] = Field(default_factory=dict)
    # the same by level of the hierarchy, 0 the top unit: {1: -2, 2: -4} (a unit's kind,
    # when listed in deadlines_by_kind, wins)
    deadlines_by_level: dict[int, int] = Field(default_factory=dict)
    units: list[Unit]
    indicators: list[Indicator]
    targets: dict[str, dict[str, Any]] = Field(default_factory=dict)
    body: Body | None = None
    assignments: list[Assignment] = Field(default_factory=list)
    annex: Annex | None = None
    rules: list[Rule] = Field(default_factory=list)
    report: ReportInfo | None = None


class Plan(_RawPlan):
    """A validated plan. Build it with `load_plan`; targets are numbers by then."""

    source: Path | None = None

    def model_copy(self, *, update: Mapping[str, Any] | None = None, deep: bool = False) -> Plan:
        """A copy whose derived values (fingerprint, lookups) are computed afresh: pydantic
        copies the instance dict, cached properties included, which would go stale."""
        copy = super().model_copy(update=update, deep=deep)
        for name in [k for k in copy.__dict__ if k not in type(self).model_fields]:
            del copy.__dict__[name]
        return copy

    @cached_property
    def all_periods(self) -> list[Period]:
        return [self.period] if self.period is not None else list(self.periods)

    @cached_property
    def main_period(self) -> Period:
        """The first period with targets of its own (the first period when no target names a
        period): a series of 6-month and yearly reports has its targets on the years."""
        keyed = {
            per
            for inds in self.targets.values()
            for v in inds.values()
            if isinstance(v, dict)
            for per in v
        }
        for per in self.all_periods:
            if per.key in keyed:
                return per
        return self.all_periods[0]

    def warnings(self) -> list[str]:
        """What a plan can do without but a clerk should see before drafting (Vietnamese)."""
        out = []
        if self.document.signer is None:
            d = default_signer(self.document.issuer)
            block = " / ".join(x for x in (d.authority, d.title) if x)
            out.append(
                "chưa khai báo người ký (document.signer: title, name); văn bản sẽ in khối "
                f"chữ ký “{block}” với dòng họ tên để trống."
            )
        for ind, per in sorted(self.own_sub_year):
            yearly = [
                u
                for u in self.targets
                if self.year_target(u, ind, per) is not None and self.target(u, ind, per) is None
            ]
            if yearly:
                more = ", …" if len(yearly) > 3 else ""
                out.append(
                    f"chỉ tiêu {ind}, kỳ {per}: có đơn vị được giao chỉ tiêu riêng của kỳ, còn "
                    f"{len(yearly)} đơn vị ({', '.join(yearly[:3])}{more}) chỉ có chỉ tiêu năm "
                    "và sẽ được ghi “không giao chỉ tiêu” trong kỳ này; hãy giao chỉ tiêu của "
                    "kỳ cho mọi đơn vị, hoặc chỉ giao theo năm."
                )
        return out

    def deadline_for(self, period: Period, unit: Unit | str | None = None) -> date | None:
        """The day before which returns for `period` are due — from `unit` when given, whose
        level may have its own deadline (`deadlines_by_kind`)."""
        base = period.report_deadline or self.report_deadline
        if base is None or unit is None:
            return base
        if not self.deadlines_by_kind and not self.deadlines_by_level:
            return base
        u = self.unit_by_id.get(unit) if isinstance(unit, str) else unit
        if u is None:
            return base
        shifts = {k.strip().lower(): v for k, v in self.deadlines_by_kind.items()}
        shift = shifts.get(u.kind.strip().lower())
        if shift is None:
            shift = self.deadlines_by_level.get(self.level_of(u.id))
        return base + timedelta(days=shift) if shift else base

    def level_of(self, unit: str) -> int:
        """How many units are above `unit` (0 for a top unit)."""
        depth, seen, up = 0, {unit}, self.unit_by_id[unit].parent
        while up is not None and up in self.unit_by_id and up not in seen:
            seen.add(up)
            depth += 1
            up = self.unit_by_id[up].parent
        return depth

    def is_estimate_period(self, period: Period, unit: Unit | str | None = None) -> bool:
        """Whether returns sent on time for `period` come before its data end: they then
        carry estimates ("ước thực hiện"), to be superseded by the actual figures."""
        deadline = self.deadline_for(period, unit)
        return deadline is not None and deadline <= period.end

    @cached_property
    def fingerprint(self) -> str:
        """sha256 of the plan's content: tells an edited plan from the one stored."""
        data = self.model_dump_json(exclude={"source"})
        return hashlib.sha256(data.encode("utf-8")).hexdigest()

    @cached_property
    def unit_by_id(self) -> dict[str, Unit]:
        return {u.id: u for u in self.units}

    @cached_property
    def indicator_by_id(self) -> dict[str, Indicator]:
        return {i.id: i for i in self.indicators}

    @cached_property
    def period_by_key(self) -> dict[str, Period]:
        return {p.key: p for p in self.all_periods}

    def children(self, unit_id: str | None) -> list[Unit]:
        return [u for u in self.units if u.parent == unit_id]

    @cached_property
    def reporting_units(self) -> list[Unit]:
        """Units expected to send returns: those with no unit below them."""
        parents = {u.parent for u in self.units if u.parent}
        return [u for u in self.units if u.id not in parents]

    def target(self, unit: str, indicator: str, period: str | None = None) -> float | int | None:
        """The period's own target for one unit and indicator, or None.

        A plain number is the target of every period except the months, quarters, 6 and 9
        months of a year (`kind` of a series): there it is the year's target
        (`year_target`), never the quarter's own."""
        value = self.targets.get(unit, {}).get(indicator)
        key = period or self.main_period.key
        if isinstance(value, dict):
            return value.get(key)
        if value is not None and key in self.year_of:
            return None
        return value

    def year_target(
        self, unit: str, indicator: str, period: str | None = None
    ) -> float | int | None:
        """The target of the year a sub-year period belongs to (a plain number, or the
        year's entry of a dict), or None for a period that is not part of a year."""
        year = self.year_of.get(period or self.main_period.key)
        if year is None:
            return None
        value = self.targets.get(unit, {}).get(indicator)
        if isinstance(value, dict):
            return value.get(year)
        return value

    @cached_property
    def own_sub_year(self) -> frozenset[tuple[str, str]]:
        """(indicator, sub-year period) pairs that some unit has a target of its own for: the
        indicator is then reported on that period's own targets for every unit."""
        return frozenset(
            (ind, str(per))
            for inds in self.targets.values()
            for ind, v in inds.items()
            if isinstance(v, dict)
            for per in v
            if str(per) in self.year_of
        )

    def on_year(self, indicator: str, period: str) -> bool:
        """Whether `indicator` is measured for the sub-year `period` by its lũy kế against
        the year's target: no unit has a target of its own for that period."""
        return period in self.year_of and (indicator, period) not in self.own_sub_year

    @cached_property
    def year_of(self) -> dict[str, str]:
        """sub-year period key → the key of its year's target ("2022-Q1" → "2022")."""
        return {p.key: y for p in self.all_periods if (y := year_key(p)) is not None}

    def target_records(self) -> list[Record]:
        """Targets as records (role target), in plan order of units, indicators, periods."""
        out: list[Record] = []
        for unit in self.units:
            for ind in self.indicators:
                for per in self.all_periods:
                    v = self.target(unit.id, ind.id, per.key)
                    if v is None:
                        continue
                    out.append(
                        Record(unit.id, ind.id, per.key, v, role=Role.target)  # type: ignore[arg-type]
                    )
        return out

    def total_target(self, indicator: str, period: str | None = None) -> int | None:
        """Sum over units of a count indicator's targets (None for rates)."""
        ind = self.indicator_by_id[indicator]
        if ind.is_rate:
            return None
        values = [self.target(u.id, indicator, period) for u in self.units]
        present = [int(v) for v in values if v is not None]
        return sum(present) if present else None


# ---------------------------------------------------------------------------------------------
# Loading


def _plan_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise PlanError(path, [PlanIssue("không tìm thấy tệp kế hoạch.")]) from None
    except OSError as exc:
        raise PlanError(path, [PlanIssue(f"không mở được tệp ({exc.strerror}).")]) from None


def _parse_plan_bytes(data: bytes, path: Path) -> Plan:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PlanError(
            path, [PlanIssue("tệp không phải văn bản UTF-8; hãy lưu lại với bảng mã UTF-8.")]
        ) from None
    return parse_plan(text, path)


def load_plan(path: Path | str) -> Plan:
    """Read and validate a plan file.

    Raises:
        PlanError: with every issue found, each naming its line.
    """
    path = Path(path)
    return _parse_plan_bytes(_plan_bytes(path), path)


_PLAN_CACHE: OrderedDict[tuple[str, str], Plan] = OrderedDict()
_PLAN_CACHE_SIZE = 8
_PLAN_CACHE_LOCK = threading.Lock()


def load_plan_cached(path: Path | str) -> Plan:
    """`load_plan`, parsed once per process while the file's bytes stay the same.

    Flows read and store thousands of files against one plan; parsing a 3,321-unit plan
    costs about a second. The key is the file's sha256 (an edited plan is parsed again)
    and its path (`Plan.source`). A Plan is frozen; callers must not mutate its lists.
    """
    path = Path(path)
    data = _plan_bytes(path)
    key = (str(path), hashlib.sha256(data).hexdigest())
    with _PLAN_CACHE_LOCK:
        if key in _PLAN_CACHE:
            _PLAN_CACHE.move_to_end(key)
            return _PLAN_CACHE[key]
        plan = _parse_plan_bytes(data, path)  # under the lock: threads wait, not re-parse
        _PLAN_CACHE[key] = plan
        while len(_PLAN_CACHE) > _PLAN_CACHE_SIZE:
            _PLAN_CACHE.popitem(last=False)
        return plan


def parse_plan(text: str, source: Path | str = "<plan>") -> Plan:
    source = Path(source)
    doc = parse_yaml(text, source)
    data = _nfc(doc.data)
    if not isinstance(data, dict):
        raise PlanError(
            source,
            [
                PlanIssue(
                    "tệp kế hoạch phải là một bảng khóa: giá trị (document, period, units...).", 1
                )
            ],
        )
    issues: list[PlanIssue] = list(doc.issues)
    for loc, what in bad_characters(data):
        issues.append(
            PlanIssue(
                f"chuỗi chứa ký tự điều khiển hoặc không in được ({what}); xóa ký tự này "
                "(thường do chép từ phần mềm khác)",
                doc.line_of(loc, key=what == "trong tên khóa"),
                dotted_path(loc),
            )
        )
    series = expand_plan_periods(data)
    for loc, msg in series:
        issues.append(PlanIssue(msg, doc.line_of(loc), dotted_path(loc)))
    # Validate part by part, so that one bad field does not hide the others' mistakes.
    try:
        _RawPlan.model_validate(data)
    except ValidationError as exc:
        issues.extend(translate_errors(exc, doc))
    parts = valid_parts(data)
    checked = cross_checks(parts, doc)
    if series:  # a broken series made no periods: say that, not what follows from it
        checked = (i for i in checked if not is_period_echo(i))
    issues.extend(checked)
    if issues:
        issues.sort(key=lambda i: i.line or 0)
        raise PlanError(source, unique_issues(issues))
    raw = _RawPlan.model_validate(data)
    targets = {u: {i: _as_number(v) for i, v in inds.items()} for u, inds in raw.targets.items()}
    fields = raw.model_dump(exclude={"targets"}, round_trip=True)
    return Plan.model_validate({**fields, "targets": targets, "source": source})


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {_nfc(k): _nfc(v) for k, v in value.items()}
    return value


def _as_number(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _as_number(v) for k, v in value.items()}
    if isinstance(value, str):
        s = value.strip().rstrip("%").strip().replace(",", ".")
        f = float(s)
        return int(f) if f.is_integer() and "." not in s else f
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


__all__ = [
    "Plan",
    "load_plan",
    "load_plan_cached",
    "parse_plan",
]
