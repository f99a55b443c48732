"""The plan file: one issued kế hoạch, its units, indicators, periods and targets.

`load_plan(path)` reads the YAML of contracts.md (and the extensions documented in the
README), normalises every string to NFC, and returns a typed `Plan`. Every mistake a
clerk can make is collected — not just the first — into one `PlanError` whose issues
name the line (the checks themselves are in `chitieu.plan_checks`).
"""

from __future__ import annotations

import calendar
import hashlib
import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError

from chitieu.errors import PlanError, PlanIssue
from chitieu.periods import expand_plan_periods
from chitieu.plan_sanity import bad_characters
from chitieu.plan_yaml import parse_yaml
from chitieu.record import Record, Role
from chitieu.unit_report_fields import UnitReportFields

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _vn_date(value: Any) -> Any:
    """Accept ISO dates and the Vietnamese dd/mm/yyyy a clerk types."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*", value)
        if m:
            d, mo, y = (int(g) for g in m.groups())
            try:
                return date(y, mo, d)
            except ValueError:
                return value  # pydantic reports it as a bad date
    return value


VnDate = Annotated[date, BeforeValidator(_vn_date)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Signer(_Model):
    """The signature block: "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" / name."""

    authority: str | None = None  # TM. ỦY BAN NHÂN DÂN
    delegation: str | None = None  # KT. CHỦ TỊCH
    title: str  # PHÓ CHỦ TỊCH
    name: str


# The collective bodies that sign "TM. <body>" and the title of their head; other agencies
# are signed by their head's title alone ("GIÁM ĐỐC").
_SIGNING_BODIES = (
    ("ỦY BAN NHÂN DÂN", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    ("UỶ BAN NHÂN DÂN", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    ("HỘI ĐỒNG NHÂN DÂN", "TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH"),
    ("BAN CHỈ ĐẠO", "TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN"),
    ("BAN ", None, "TRƯỞNG BAN"),
    ("SỞ ", None, "GIÁM ĐỐC"),
    ("CÔNG AN TỈNH", None, "GIÁM ĐỐC"),
    ("CÔNG AN THÀNH PHỐ", None, "GIÁM ĐỐC"),
    ("CÔNG AN", None, "TRƯỞNG CÔNG AN"),
    ("BỘ CHỈ HUY", None, "CHỈ HUY TRƯỞNG"),
    ("BỘ ", None, "BỘ TRƯỞNG"),
    ("CỤC ", None, "CỤC TRƯỞNG"),
    ("PHÒNG ", None, "TRƯỞNG PHÒNG"),
    ("TRUNG TÂM ", None, "GIÁM ĐỐC"),
)


def default_signer(issuer: str) -> Signer:
    """The ND30 block of an issuer whose signer is not known yet: "TM. ỦY BAN NHÂN DÂN" /
    "CHỦ TỊCH" and an empty name; the văn thư writes the name in before signing."""
    upper = " ".join(issuer.upper().split())
    for prefix, authority, title in _SIGNING_BODIES:
        if upper.startswith(prefix):
            return Signer(authority=authority, title=title, name="")
    return Signer(authority=None, title="THỦ TRƯỞNG", name="")


class DocumentInfo(_Model):
    number: str  # "152/KH-UBND", as printed after "Số:"
    date: VnDate
    place: str
    issuer: str
    parent: str | None = None
    title: str
    signer: Signer | None = None
    recipients: list[str] = Field(default_factory=list)  # Nơi nhận, without "Lưu"
    archive: str | None = None  # the "Lưu: VT, TH." entry

    @property
    def signer_or_default(self) -> Signer:
        """The signer, or the block `default_signer` derives from the issuer."""
        return self.signer or default_signer(self.issuer)

    @property
    def type_code(self) -> str:
        """The PL3 abbreviation after "/" (KH, BC, QĐ...), or "" for a công văn."""
        m = re.match(r"^\s*\d*\s*/\s*([A-ZĐ]+)-", self.number)
        return m.group(1) if m else ""


class Period(_Model):
    """A reporting period. Its id is derived ("2021-06", "2026", "2026-Q1") unless given."""

    id: str | None = None
    start: VnDate
    end: VnDate
    report_deadline: VnDate | None = None
    kind: str | None = None  # month, quarter, half-year, nine-months, year (chitieu.periods)
    scheme: str | None = None  # calendar, nd09, 16-15: how its data are cut

    @property
    def key(self) -> str:
        return self.id or period_key(self.start, self.end)


GENERIC_KINDS = ("đơn vị", "cơ quan")
LOCAL_GOVERNMENT_KINDS = (
    "phường",
    "xã",
    "thị trấn",
    "quận",
    "huyện",
    "thị xã",
    "thành phố",
    "tỉnh",
    "đặc khu",
)


class Unit(_Model, UnitReportFields):
    id: str
    name: str
    kind: str = "phường"
    parent: str | None = None  # id of the unit above, for roll-ups
    # an agency's cơ quan chủ quản, printed above its name on its return form ("Bộ Công
    # an"); "" when it has none. Left out: chitieu.render.managing_body's rules decide.
    managing_body: str | None = None

    @property
    def name_has_kind(self) -> bool:
        """Whether the kind is part of the name: "Phường 1", "Quận Một" (PL2 capitalises it)."""
        kind = self.kind.strip().lower()
        return not kind or kind in GENERIC_KINDS or self.name.lower().startswith(kind + " ")

    @property
    def is_local_government(self) -> bool:
        """A phường, xã, quận…: it acts through its Ủy ban nhân dân."""
        return self.kind.strip().lower() in LOCAL_GOVERNMENT_KINDS

    @property
    def full_name(self) -> str:
        """ "Phường Quan Hoa", "Phường 1", as the letterhead and the report print it.

        Only administrative kinds prefix the name: a unit of kind "đơn vị" is
        "Đội CSĐTTP về Ma Túy", never "Đơn vị Đội CSĐTTP về Ma Túy"; a numbered ward
        "Phường 1" already carries its kind.
        """
        if self.name_has_kind:
            return self.name
        return f"{self.kind.strip()[:1].upper()}{self.kind.strip()[1:]} {self.name}"

    @property
    def in_prose(self) -> str:
        """ "phường Quan Hoa" inside a sentence (PL2: the common noun lowercase), but
        "Phường 1" and "Đội CSĐTTP về Ma Túy" as they are."""
        if self.name_has_kind:
            return self.name
        return f"{self.kind.strip().lower()} {self.name}"

    @property
    def government(self) -> str:
        """ "Ủy ban nhân dân phường Quan Hoa", "Ủy ban nhân dân Phường 1"; other units: their name."""
        if self.is_local_government:
            return f"Ủy ban nhân dân {self.in_prose}"
        return self.full_name

    @property
    def government_short(self) -> str:
        """ "UBND phường Quan Hoa", "UBND Phường 10" (Nơi nhận, tables)."""
        if self.is_local_government:
            return f"UBND {self.in_prose}"
        return self.full_name


class IndicatorKind(StrEnum):
    count = "count"
    rate = "rate"


class Direction(StrEnum):
    at_least = "at_least"  # reach at least the target (the default)
    at_most = "at_most"  # stay at or under it ("không để phát sinh tụ điểm mới": ≤ 0)


class Indicator(_Model):
    id: str
    name: str
    measure: str | None = None  # "vụ", "người", "%"
    group: str | None = None  # a spanning header over several columns
    aliases: list[str] = Field(default_factory=list)
    kind: IndicatorKind = IndicatorKind.count
    numerator: str | None = None  # for rates: ids of two count indicators
    denominator: str | None = None
    direction: Direction = Direction.at_least
    parent: str | None = None  # a "trong đó" sub-count of another indicator
    sentence: str | None = None  # the plan's chỉ tiêu sentence, "{n}" = the total target

    @property
    def is_rate(self) -> bool:
        return self.kind == IndicatorKind.rate


class Section(_Model):
    """One numbered part of the plan's body (I. MỤC ĐÍCH, YÊU CẦU ...)."""

    title: str
    paragraphs: list[str] = Field(default_factory=list)
    targets_here: bool = False  # the generated chỉ tiêu sentences go at the end of this part
    subsections: list[Section] = Field(default_factory=list)


class Body(_Model):
    intro: list[str] = Field(default_factory=list)
    bases: list[str] = Field(default_factory=list)  # căn cứ, one per line
    sections: list[Section] = Field(default_factory=list)


class Assignment(_Model):
    """One line of the phụ lục phân công nhiệm vụ."""

    task: str
    lead: str  # cơ quan chủ trì
    support: list[str] = Field(default_factory=list)  # cơ quan phối hợp
    deadline: str | None = None  # "Tháng 6/2021", "Hằng năm", or a date
    output: str | None = None  # kết quả, sản phẩm


class Annex(_Model):
    title: str | None = None
    notes: list[str] = Field(default_factory=list)  # Lưu ý


class Rule(_Model):
    """A validation rule over one unit's figures: `cnbb + cntn <= nguoi_nghien`."""

    expr: str
    name: str | None = None


class ReportInfo(_Model):
    """The consolidated report's own document info (`chitieu report`); all optional.

    Unset fields are derived from the plan: number "/BC-<issuer code>", trích yếu
    "Kết quả thực hiện Kế hoạch số …", issuer and signer of the plan.
    """

    number: str | None = None  # "35/BC-UBND", or "/BC-UBND" for the văn thư to number
    date: VnDate | None = None
    title: str | None = None  # trích yếu
    issuer: str | None = None
    parent: str | None = None
    place: str | None = None
    kinh_gui: list[str] = Field(default_factory=list)  # the upper level
    recipients: list[str] = Field(default_factory=list)  # Nơi nhận, besides "Như trên"
    archive: str | None = None
    signer: Signer | None = None
    directions: list[str] = Field(default_factory=list)  # phương hướng, nhiệm vụ
    proposals: list[str] = Field(default_factory=list)  # kiến nghị, đề xuất


class _RawPlan(_Model):
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
        import hashlib

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
        """The target of one unit for one indicator and period, or None."""
        value = self.targets.get(unit, {}).get(indicator)
        if isinstance(value, dict):
            return value.get(period or self.main_period.key)
        return value

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


def period_key(start: date, end: date) -> str:
    """ "2021-06" for a calendar month, "2026" for a year, "2026-Q2" for a quarter."""
    last = calendar.monthrange(end.year, end.month)[1]
    if start.day == 1 and end.day == last and start.year == end.year:
        if start.month == 1 and end.month == 12:
            return f"{start.year}"
        if start.month == end.month:
            return f"{start.year}-{start.month:02d}"
        if end.month - start.month == 2 and start.month % 3 == 1:
            return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return f"{start.isoformat()}_{end.isoformat()}"


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
    # The checks import this module's models: imported here, not at the top.
    from chitieu.plan_checks import (
        cross_checks,
        dotted_path,
        is_period_echo,
        translate_errors,
        unique_issues,
        valid_parts,
    )

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
    "Annex",
    "Assignment",
    "Body",
    "Direction",
    "DocumentInfo",
    "Indicator",
    "IndicatorKind",
    "Period",
    "Plan",
    "ReportInfo",
    "Rule",
    "Section",
    "Signer",
    "Unit",
    "default_signer",
    "load_plan",
    "load_plan_cached",
    "parse_plan",
    "period_key",
]
