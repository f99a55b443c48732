"""What one report shows: a level of the hierarchy, its lines, its total, its own header.

A report is written for one level (a ward's, a district's, the city's): its tables list
the units directly below that level (rolled up when they have units of their own) and
the level's total; the "tồn tại" part looks at every reporting unit below it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from chitieu.errors import UsageError
from chitieu.plan import Plan
from chitieu.plan_parts import Indicator, Signer, Unit, default_signer
from chitieu.reconcile import Reconciliation, Row
from chitieu.render.letterhead import number_text
from chitieu.report.sentences import lower_first
from chitieu.rollup import aggregate
from chitieu.timeliness import Timeliness
from chitieu.vnformat import short_date


@dataclass(frozen=True)
class ReportHeader:
    """The report's own document info (ND30 ô 1–5, 7, 9)."""

    number: str
    date: date | None
    place: str
    issuer: str
    parent: str | None
    title: str
    kinh_gui: list[str]
    recipients: list[str]
    archive: str
    signer: Signer


@dataclass(frozen=True)
class Line:
    """One line of a table: a unit and its row per indicator (None: no target, no result)."""

    unit: Unit | None
    label: str
    rows: dict[str, Row]


@dataclass(frozen=True)
class ReportView:
    plan: Plan
    rec: Reconciliation
    period: str
    level: Unit | None
    scope: str  # "Toàn quận"
    lines: list[Line]
    total: Line
    leaves: list[str]
    header: ReportHeader

    @property
    def indicators(self) -> list[Indicator]:
        return [i for i in self.plan.indicators if i.id in self.total.rows]

    @property
    def timeliness(self) -> list[Timeliness]:
        keep = set(self.leaves)
        return [t for t in self.rec.timeliness if t.unit in keep and t.period == self.period]

    def ind_on_year(self, indicator: str) -> bool:
        """Whether `indicator` is measured here by its lũy kế against the year's target
        (a month, quarter, 6 or 9 months without targets of its own): its columns say
        "CT năm" and "Lũy kế"."""
        r = self.total.rows.get(indicator)
        return r is not None and r.on_year

    @property
    def on_year(self) -> bool:
        """Some indicator is measured on the year's target."""
        return any(r.on_year for r in self.total.rows.values())

    @property
    def all_on_year(self) -> bool:
        """Every indicator is: the text and the summary table say "chỉ tiêu năm"."""
        return bool(self.total.rows) and all(r.on_year for r in self.total.rows.values())

    @property
    def own_column(self) -> bool:
        """Whether the period's own figure differs from its lũy kế (a month or a quarter;
        6 and 9 months start with the year): the phụ lục then prints both."""
        per = self.plan.period_by_key[self.period]
        return self.on_year and per.kind in ("month", "quarter")

    def leaf_rows(self) -> list[Row]:
        keep = set(self.leaves)
        return [r for r in self.rec.rows if r.unit in keep and r.period == self.period]


_COPY_NOTE = re.compile(
    r"\s*\((?:để\s+)?(?:b/c|báo cáo|t/h|thực hiện|p/h|phối hợp|biết|theo dõi)\)\s*$",
    re.IGNORECASE,
)


def _addressee(recipient: str) -> str:
    """ "UBND tỉnh (b/c)" → "UBND tỉnh": the addressee without the copy's purpose."""
    return _COPY_NOTE.sub("", recipient).strip() or recipient


def build_view(
    plan: Plan,
    rec: Reconciliation,
    *,
    level: str | None = None,
    period: str | None = None,
    number: str | None = None,
    on: date | None = None,
) -> ReportView:
    """Select what the report of `level` (None: the plan's top) shows.

    Raises:
        UsageError: `level` or `period` is not in the plan.
    """
    per = period or plan.main_period.key
    if per not in plan.period_by_key:
        raise UsageError(
            f"Kỳ {per!r} không có trong kế hoạch (có: {', '.join(plan.period_by_key)})."
        )
    roots = [u for u in plan.units if u.parent is None or u.parent not in plan.unit_by_id]
    if level is None and len(roots) == 1 and plan.children(roots[0].id):
        level = roots[0].id
    unit = None
    if level is not None:
        if level not in plan.unit_by_id:
            raise UsageError(f"Đơn vị {level!r} không có trong kế hoạch.")
        unit = plan.unit_by_id[level]
    members = plan.children(level) if unit is not None else roots
    if unit is not None and not members:  # a reporting unit's own report
        members = [unit]
    lines = [Line(u, unit_label(u), _rows_of(rec, u.id, per)) for u in members]
    leaves = rec.leaves_under(level)
    if unit is not None and members != [unit]:
        total_rows = _rows_of(rec, unit.id, per)
    else:
        chosen = [r for ln in lines for r in ln.rows.values()]
        total_rows = {r.indicator: r for r in aggregate(plan, chosen, level or "_all")}
    total = Line(unit, "Tổng cộng", total_rows)
    scope = f"Toàn {unit.kind}" if unit is not None and unit.kind else "Toàn địa bàn"
    if unit is not None and members == [unit]:
        scope = unit_label(unit)
    return ReportView(
        plan,
        rec,
        per,
        unit,
        scope,
        lines,
        total,
        leaves,
        report_header(plan, unit, number=number, on=on),
    )


def unit_label(unit: Unit) -> str:
    """ "Phường Quan Hoa", but "Đội CSĐTTP về Ma Túy" for a unit of kind "đơn vị"."""
    return unit.full_name


def in_text(unit: Unit) -> str:
    """ "quận Cầu Giấy" as a sentence names it; "Phường 1" when the name carries the kind."""
    return unit.in_prose


def _rows_of(rec: Reconciliation, unit: str, period: str) -> dict[str, Row]:
    out = {}
    for ind in rec.plan.indicators:
        r = rec.row(unit, ind.id, period)
        if r is not None:
            out[ind.id] = r
    return out


def report_header(
    plan: Plan, unit: Unit | None, *, number: str | None = None, on: date | None = None
) -> ReportHeader:
    """Defaults from the plan, overridden by its `report:` section, then by the arguments."""
    doc = plan.document
    info = plan.report
    top = unit is None or unit.parent is None or unit.parent not in plan.unit_by_id
    issuer = doc.issuer if top else f"ỦY BAN NHÂN DÂN {unit.full_name.upper()}"  # type: ignore[union-attr]
    place = doc.place if top else unit.name  # type: ignore[union-attr]
    parent = doc.parent if top else None
    code = _issuer_code(doc.number)
    title = (
        f"Kết quả thực hiện Kế hoạch số {number_text(doc.number)} ngày {short_date(doc.date)} "
        f"{_of(plan)}về {lower_first(doc.title)}"
    )
    # a Nơi nhận entry's "(b/c)", "(để báo cáo)" says why it gets a copy: not in Kính gửi
    kinh_gui = [_addressee(doc.recipients[0])] if doc.recipients and top else []
    if not top and unit is not None and unit.parent:
        up = plan.unit_by_id[unit.parent]
        kinh_gui = [f"Ủy ban nhân dân {in_text(up)}"]
    signer = doc.signer_or_default if top else default_signer(issuer)
    recipients: list[str] = []
    archive = doc.archive or "Lưu: VT"
    if info is not None and top:
        issuer = info.issuer or issuer
        place = info.place or place
        parent = info.parent if info.parent is not None else parent
        title = info.title or title
        kinh_gui = list(info.kinh_gui) or kinh_gui
        recipients = list(info.recipients)
        archive = info.archive or archive
        signer = info.signer or signer
        number = number or info.number
        on = on or info.date
    return ReportHeader(
        number=number or f"/BC-{code}",
        date=on,
        place=place,
        issuer=issuer,
        parent=parent,
        title=title,
        kinh_gui=kinh_gui,
        recipients=["Như trên", *recipients] if kinh_gui else recipients,
        archive=archive,
        signer=signer,
    )


def _issuer_code(plan_number: str) -> str:
    """ "152/KH-UBND" → "UBND"; the part after the type code."""
    m = re.match(r"^\s*\d*\s*/\s*[A-ZĐa-z]+-(.+)$", plan_number)
    return m.group(1).strip() if m else "UBND"


def issuer_in_text(plan: Plan) -> str | None:
    """ "Ủy ban nhân dân quận Cầu Giấy" for a plan issued by the top unit's People's Committee."""
    roots = [u for u in plan.units if u.parent is None]
    issuer = plan.document.issuer.upper()
    if len(roots) == 1 and issuer.startswith("ỦY BAN NHÂN DÂN"):
        u = roots[0]
        return f"Ủy ban nhân dân {in_text(u)}"
    return None


def _of(plan: Plan) -> str:
    who = issuer_in_text(plan)
    return f"của {who} " if who else ""


__all__ = [
    "Line",
    "ReportHeader",
    "ReportView",
    "build_view",
    "in_text",
    "issuer_in_text",
    "report_header",
    "unit_label",
]
