"""Reporting periods as Vietnamese administration cuts them, and the plan's compact way of
asking for a series of them.

Three schemes (reporting-periods.md):

- `calendar`: months, quarters, years ending on their last day;
- `nd09`: Nghị định 09/2019/NĐ-CP Điều 12 — data run from the 15th of the month before to
  the 14th (month: 15/5–14/6; quarter II: 15/3–14/6; 6 months: 15/12–14/6; 9 months:
  15/12–14/9; year: 15/12 of the year before to 14/12);
- `16-15`: the same shape cut on the 16th (16/5–15/6), kept by some sector circulars.

Kinds: `month`, `quarter`, `half-year` (the first six months, "6 tháng đầu năm"),
`nine-months` and `year`. Months, quarters and years of one scheme tile the calendar;
6 and 9 months are cumulative from the start of the year, as the reports are.

A plan asks for a series with `periods: {scheme: nd09, kind: [half-year, year], years:
[2022], report_deadline: {half-year: "10/6", year: "10/12"}}`; `expand_series` turns it
into the explicit period mappings the plan model already knows.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from chitieu.vnformat import short_date

SCHEMES: dict[str, int] = {"calendar": 1, "nd09": 15, "16-15": 16}  # scheme -> first day
SCHEME_ALIASES = {
    "lich": "calendar",
    "dương lịch": "calendar",
    "nd09": "nd09",
    "nđ09": "nd09",
    "nd-09": "nd09",
    "09/2019/nđ-cp": "nd09",
    "16-15": "16-15",
}

# kind -> (first month, last month) of the year it belongs to, for the yearly kinds
KINDS = ("month", "quarter", "half-year", "nine-months", "year")
KIND_ALIASES = {
    "month": "month",
    "tháng": "month",
    "quarter": "quarter",
    "quý": "quarter",
    "half-year": "half-year",
    "6-tháng": "half-year",
    "6 tháng": "half-year",
    "nine-months": "nine-months",
    "9-tháng": "nine-months",
    "9 tháng": "nine-months",
    "year": "year",
    "năm": "year",
}


def scheme_name(value: str) -> str | None:
    """The canonical scheme for what a clerk wrote, or None."""
    v = str(value).strip().lower()
    return v if v in SCHEMES else SCHEME_ALIASES.get(v)


def kind_name(value: str) -> str | None:
    return KIND_ALIASES.get(str(value).strip().lower())


@dataclass(frozen=True)
class Span:
    """One generated period: its id, its dates, what it is."""

    key: str
    start: date
    end: date
    kind: str
    scheme: str


def _month_start(scheme: str, year: int, month: int) -> date:
    """First day of the data of `month` (1–12) of `year` in `scheme`."""
    cut = SCHEMES[scheme]
    if cut == 1:
        return date(year, month, 1)
    y, m = (year - 1, 12) if month == 1 else (year, month - 1)
    return date(y, m, cut)


def _month_end(scheme: str, year: int, month: int) -> date:
    cut = SCHEMES[scheme]
    if cut == 1:
        return date(year, month, calendar.monthrange(year, month)[1])
    return date(year, month, cut - 1)


def span(scheme: str, kind: str, year: int, index: int = 1) -> Span:
    """The period `index` (month 1–12, quarter 1–4; ignored otherwise) of `year`."""
    if kind == "month":
        first, last, key = index, index, f"{year}-{index:02d}"
    elif kind == "quarter":
        first, last, key = 3 * index - 2, 3 * index, f"{year}-Q{index}"
    elif kind == "half-year":
        first, last, key = 1, 6, f"{year}-H1"
    elif kind == "nine-months":
        first, last, key = 1, 9, f"{year}-9M"
    elif kind == "year":
        first, last, key = 1, 12, f"{year}"
    else:
        raise ValueError(f"unknown period kind {kind!r}")
    return Span(
        key, _month_start(scheme, year, first), _month_end(scheme, year, last), kind, scheme
    )


def spans_of_year(scheme: str, kind: str, year: int) -> list[Span]:
    count = {"month": 12, "quarter": 4}.get(kind, 1)
    return [span(scheme, kind, year, i) for i in range(1, count + 1)]


def containing(scheme: str, kind: str, day: date) -> Span | None:
    """The period of `kind` whose data include `day` (None for 6 and 9 months after their end)."""
    for year in (day.year, day.year + 1):
        for s in spans_of_year(scheme, kind, year):
            if s.start <= day <= s.end:
                return s
    return None


# ---------------------------------------------------------------------------------------------
# Deadlines


_DAY_MONTH = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*$")


def deadline_problem(spec: Any) -> str | None:
    """Why a deadline spec of a series is unusable (Vietnamese), or None."""
    if isinstance(spec, bool):
        return f"hạn báo cáo {spec!r} không hợp lệ"
    if isinstance(spec, int):
        return None
    if isinstance(spec, str):
        m = _DAY_MONTH.match(spec)
        if m:
            d, mo = int(m.group(1)), int(m.group(2))
            if 1 <= mo <= 12 and 1 <= d <= calendar.monthrange(2024, mo)[1]:
                return None
    return (
        f'hạn báo cáo {spec!r} không hợp lệ; viết ngày/tháng ("10/6") hoặc số ngày sau khi '
        "kỳ kết thúc (2; số âm là trước khi kỳ kết thúc: -4)"
    )


def resolve_deadline(spec: Any, period: Span) -> date:
    """ "10/6" → 10/6 of the year the period ends (the year after when that is before the
    period starts); an integer n → n days after the period's last day (negative: before)."""
    if isinstance(spec, int) and not isinstance(spec, bool):
        return period.end + timedelta(days=spec)
    m = _DAY_MONTH.match(str(spec))
    if not m:
        raise ValueError(f"bad deadline {spec!r}")
    d, mo = int(m.group(1)), int(m.group(2))
    year = period.end.year
    day = _safe_date(year, mo, d)
    if day <= period.start:
        day = _safe_date(year + 1, mo, d)
    return day


def _safe_date(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


# ---------------------------------------------------------------------------------------------
# The plan's series


SERIES_KEYS = {"scheme", "kind", "years", "report_deadline", "months", "quarters"}


def is_series(item: Any) -> bool:
    """A `periods` entry that asks for generated periods (it has `kind`, not `start`)."""
    return isinstance(item, dict) and "kind" in item and "start" not in item


def years_of(value: Any) -> list[int]:
    """[2022, 2023], 2022 or "2021-2025" (a giai đoạn) as a list of years; [] if none of these."""
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{4})\s*[-–]\s*(\d{4})\s*", value)
        value = list(range(int(m.group(1)), int(m.group(2)) + 1)) if m else []
    elif isinstance(value, int) and not isinstance(value, bool):
        value = [value]
    if not isinstance(value, list) or not value:
        return []
    if not all(isinstance(y, int) and not isinstance(y, bool) and 1900 < y < 2200 for y in value):
        return []
    return list(value)


def series_problems(item: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    """(location inside the entry, Vietnamese message) for every mistake in a series."""
    out: list[tuple[tuple[Any, ...], str]] = []
    for k in item:
        if k not in SERIES_KEYS:
            out.append(((k,), "trường không được hỗ trợ (sai chính tả?)"))
    scheme = item.get("scheme", "calendar")
    if scheme_name(str(scheme)) is None:
        out.append(
            (("scheme",), f"cách tính kỳ {scheme!r} không hợp lệ; chọn calendar, nd09 hoặc 16-15")
        )
    kinds = item.get("kind")
    kinds_list = kinds if isinstance(kinds, list) else [kinds]
    for k in kinds_list:
        if kind_name(str(k)) is None:
            out.append(
                (
                    ("kind",),
                    f"loại kỳ {k!r} không hợp lệ; chọn month, quarter, half-year, "
                    "nine-months hoặc year",
                )
            )
    if not years_of(item.get("years")):
        out.append(
            (("years",), 'years phải là danh sách năm ([2022, 2023]), một năm hoặc "2021-2025"')
        )
    for field, top in (("months", 12), ("quarters", 4)):
        sel = item.get(field)
        if sel is not None and (
            not isinstance(sel, list) or not all(isinstance(x, int) and 1 <= x <= top for x in sel)
        ):
            out.append(((field,), f"{field} phải là danh sách số từ 1 đến {top}"))
    dl = item.get("report_deadline")
    if isinstance(dl, dict):
        names = {kind_name(str(k)) for k in kinds_list}
        for k, spec in dl.items():
            if kind_name(str(k)) not in names:
                out.append(
                    (("report_deadline", k), f"loại kỳ {k!r} không có trong kind của dãy kỳ này")
                )
            why = deadline_problem(spec)
            if why:
                out.append((("report_deadline", k), why))
    elif dl is not None:
        why = deadline_problem(dl)
        if why:
            out.append((("report_deadline",), why))
    return out


def expand_series(item: dict[str, Any]) -> list[dict[str, Any]]:
    """The explicit period mappings of a valid series, in order of their end, then start."""
    scheme = scheme_name(str(item.get("scheme", "calendar"))) or "calendar"
    raw_kinds = item["kind"] if isinstance(item["kind"], list) else [item["kind"]]
    kinds = [kind_name(str(k)) or "" for k in raw_kinds]
    dl = item.get("report_deadline")
    per_kind = {kind_name(str(k)): v for k, v in dl.items()} if isinstance(dl, dict) else None
    out: list[tuple[date, date, dict[str, Any]]] = []
    for year in years_of(item["years"]):
        for kind in kinds:
            for s in spans_of_year(scheme, kind, int(year)):
                index = (
                    int(s.key[-2:])
                    if kind == "month"
                    else int(s.key[-1])
                    if kind == "quarter"
                    else 0
                )
                if kind == "month" and item.get("months") and index not in item["months"]:
                    continue
                if kind == "quarter" and item.get("quarters") and index not in item["quarters"]:
                    continue
                entry: dict[str, Any] = {
                    "id": s.key,
                    "start": s.start,
                    "end": s.end,
                    "kind": kind,
                    "scheme": scheme,
                }
                spec = per_kind.get(kind) if per_kind is not None else dl
                if spec is not None:
                    entry["report_deadline"] = resolve_deadline(spec, s)
                out.append((s.end, s.start, entry))
    out.sort(key=lambda t: (t[0], t[1]))
    return [e for _, _, e in out]


def expand_plan_periods(data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    """Replace the series in `data["periods"]` (one mapping, or entries of the list) by the
    periods they stand for, in place. Returns the mistakes found, located from the plan's
    root; a series with a mistake is dropped (its mistakes are reported instead). A series
    written under `period:` (singular) is taken as `periods:`."""
    field = "periods"
    if data.get("periods") is None and is_series(data.get("period")):
        field = "period"
        data["periods"] = data.pop("period")
    raw = data.get("periods")
    if raw is None:
        return []
    entries = [((field,), raw)] if isinstance(raw, dict) else []
    if isinstance(raw, list):
        entries = [((field, i), item) for i, item in enumerate(raw)]
    if not any(is_series(item) for _, item in entries):
        if isinstance(raw, dict):  # a mapping that is not a series: say what it lacks
            return [(("periods",), "periods phải là danh sách kỳ hoặc một dãy kỳ có kind, years")]
        return []
    problems: list[tuple[tuple[Any, ...], str]] = []
    out: list[Any] = []
    for loc, item in entries:
        if not is_series(item):
            out.append(item)
            continue
        found = series_problems(item)
        problems.extend(((*loc, *where), msg) for where, msg in found)
        if not found:
            out.extend(expand_series(item))
    data["periods"] = out
    return problems


# ---------------------------------------------------------------------------------------------
# Sub-year periods and the year's target

# Kinds that are part of a year: measured against the year's target when the plan gives
# none of their own (README "Sub-year periods against the year's target").
SUB_YEAR_KINDS = ("month", "quarter", "half-year", "nine-months")
# kinds whose figures already run from the start of the year (the report is lũy kế)
CUMULATIVE_KINDS = ("half-year", "nine-months")


def year_key(period: Any) -> str | None:
    """The year a sub-year period belongs to, as a target key ("2022" for 2022-Q1, also
    under Nghị định 09 where Q1 starts on 15/12/2021); None for any other period."""
    if getattr(period, "kind", None) not in SUB_YEAR_KINDS:
        return None
    return str(period.end.year)


def year_to_date(periods: list[Any], period: Any) -> list[Any] | None:
    """The periods whose figures add up to `period`'s cumulative figure since the start of
    its year (lũy kế): itself for 6 and 9 months (their data already start with the year),
    the year's months or quarters up to it otherwise. None when one of these is not a
    period of the plan (a series of quarters 2–4 cannot say what Q1 added)."""
    year = year_key(period)
    if year is None:
        return None
    if period.kind in CUMULATIVE_KINDS:
        return [period]
    count = {"month": 12, "quarter": 4}[period.kind]
    index = _index_in_year(period, count)
    if index is None:
        return None
    mine = {
        _index_in_year(p, count): p
        for p in periods
        if getattr(p, "kind", None) == period.kind and year_key(p) == year
    }
    out = [mine.get(i) for i in range(1, index + 1)]
    return None if any(p is None for p in out) else out  # type: ignore[return-value]


def _index_in_year(period: Any, count: int) -> int | None:
    """1–12 for a month, 1–4 for a quarter: from the month its data end in."""
    month = period.end.month
    if count == 4:
        return (month + 2) // 3
    return month


# ---------------------------------------------------------------------------------------------
# Labels


_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def label(key: str, kind: str | None = None) -> str | None:
    """ "tháng 6/2021", "quý II/2026", "6 tháng đầu năm 2022", "9 tháng năm 2022",
    "năm 2026" for a period key of these shapes; None for any other key."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}|Q[1-4]|H1|9M))?", key)
    if not m:
        return None
    year, part = m.group(1), m.group(2)
    if part is None:
        return f"năm {year}"
    if part.startswith("Q"):
        return f"quý {_ROMAN[int(part[1])]}/{year}"
    if part == "H1":
        return f"6 tháng đầu năm {year}"
    if part == "9M":
        return f"9 tháng năm {year}"
    return f"tháng {int(part)}/{year}"


def period_text(period: Any) -> str:
    """ "tháng 6/2021", "quý I/2026", "6 tháng đầu năm 2022", "năm 2026", or the dates
    ("từ ngày 1/6/2021 đến ngày 30/6/2021") for a period of another shape."""
    named = label(period.key)
    if named is not None:
        return named
    return f"từ ngày {short_date(period.start)} đến ngày {short_date(period.end)}"


def data_note(period: Any, estimate: bool) -> str | None:
    """What a return must say about its figures: the cut-off dates when they are not the
    calendar's, and that they are estimates when the return is due before the period ends.
    "(Số liệu từ ngày 15/12/2021 đến ngày 14/6/2022; ước thực hiện đến ngày 14/6/2022)"."""
    parts = []
    if getattr(period, "scheme", None) not in (None, "calendar") and label(period.key):
        parts.append(
            f"số liệu từ ngày {short_date(period.start)} đến ngày {short_date(period.end)}"
        )
    if estimate:
        parts.append(f"ước thực hiện đến ngày {short_date(period.end)}")
    if not parts:
        return None
    text = "; ".join(parts)
    return f"({text[:1].upper()}{text[1:]})"


__all__ = [
    "CUMULATIVE_KINDS",
    "KINDS",
    "SCHEMES",
    "SUB_YEAR_KINDS",
    "Span",
    "containing",
    "data_note",
    "deadline_problem",
    "expand_plan_periods",
    "expand_series",
    "is_series",
    "kind_name",
    "label",
    "period_text",
    "resolve_deadline",
    "scheme_name",
    "series_problems",
    "span",
    "spans_of_year",
    "year_key",
    "year_to_date",
]
