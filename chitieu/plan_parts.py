"""The parts a plan file is made of: document info and its signer, periods, units,
indicators, the body and annexes, rules and the report's own info.

Each is a frozen pydantic model that validates one section of the YAML on its own;
`chitieu.plan.Plan` puts them together and `chitieu.plan_checks` checks them against
each other.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

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


class PlanPart(BaseModel):
    """A part of the plan file: frozen, no unknown keys, strings stripped."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Signer(PlanPart):
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


class DocumentInfo(PlanPart):
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


class Period(PlanPart):
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


class Unit(PlanPart, UnitReportFields):
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


class Indicator(PlanPart):
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


class Section(PlanPart):
    """One numbered part of the plan's body (I. MỤC ĐÍCH, YÊU CẦU ...)."""

    title: str
    paragraphs: list[str] = Field(default_factory=list)
    targets_here: bool = False  # the generated chỉ tiêu sentences go at the end of this part
    subsections: list[Section] = Field(default_factory=list)


class Body(PlanPart):
    intro: list[str] = Field(default_factory=list)
    bases: list[str] = Field(default_factory=list)  # căn cứ, one per line
    sections: list[Section] = Field(default_factory=list)


class Assignment(PlanPart):
    """One line of the phụ lục phân công nhiệm vụ."""

    task: str
    lead: str  # cơ quan chủ trì
    support: list[str] = Field(default_factory=list)  # cơ quan phối hợp
    deadline: str | None = None  # "Tháng 6/2021", "Hằng năm", or a date
    output: str | None = None  # kết quả, sản phẩm


class Annex(PlanPart):
    title: str | None = None
    notes: list[str] = Field(default_factory=list)  # Lưu ý


class Rule(PlanPart):
    """A validation rule over one unit's figures: `cnbb + cntn <= nguoi_nghien`."""

    expr: str
    name: str | None = None


class ReportInfo(PlanPart):
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


__all__ = [
    "GENERIC_KINDS",
    "ID_PATTERN",
    "LOCAL_GOVERNMENT_KINDS",
    "Annex",
    "Assignment",
    "Body",
    "Direction",
    "DocumentInfo",
    "Indicator",
    "IndicatorKind",
    "Period",
    "PlanPart",
    "ReportInfo",
    "Rule",
    "Section",
    "Signer",
    "Unit",
    "VnDate",
    "default_signer",
    "period_key",
]
