"""Periods named in the words of a return ("THÁNG 6 NĂM 2019", "Quý II/2022", "6 tháng
đầu năm", "Lũy kế từ đầu năm"), as date spans, and how a span stands to a plan period.

Dates of signature and references ("ngày 31/5/2021") are not periods and are removed
first. A month or quarter named without its year takes the year of the plan's period.
Plan periods may follow the cut-off of Nghị định 09/2019 (15th to 14th): a month report
then ends in its month, a year report may end in November; hence three ways to be the
same period (same key, mostly overlapping, or same last month and about as long).
"""

from __future__ import annotations

import calendar
import contextlib
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from chitieu.plan_parts import Period
from extract.text import fold

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_NUM_WORDS = {"sau": 6, "chin": 9, "ba": 3, "muoi": 10}
_DATES = re.compile(
    r"\bngay \d{1,2} thang \d{1,2}(?: nam \d{4})?|\b\d{1,2} \d{1,2} (?:19|20)\d{2}\b"
    r"|\bngay \d{1,2} \d{1,2}\b"
)
_RANGE = re.compile(
    r"tu (?:ngay )?(\d{1,2}) (\d{1,2}) ((?:19|20)\d{2}) den (?:het )?(?:ngay )?"
    r"(\d{1,2}) (\d{1,2}) ((?:19|20)\d{2})"
)
_MONTHS_OF_YEAR = re.compile(
    r"\b0?(6|9|3|sau|chin|ba) thang (dau nam|cuoi nam|nam)?\s*(?:nam )?((?:19|20)\d{2})?"
)
_MONTH = re.compile(r"\bthang (\d{1,2})\b(?: (?:nam )?((?:19|20)\d{2})\b)?")
_QUARTER = re.compile(r"\bquy (iv|iii|ii|i|[1-4])\b(?: (?:nam )?((?:19|20)\d{2})\b)?")
_YEAR = re.compile(r"\bnam ((?:19|20)\d{2})\b")
_TITLE_WORDS = re.compile(r"\b(?:bao cao|ket qua|bieu|so lieu|ky bao cao|tong hop)\b")
_NOT_TITLE = ("can cu", "thuc hien", "theo ", "kinh gui", "noi nhan", "kem theo")


class Relation(StrEnum):
    same = "same"  # the plan period itself
    within = "within"  # a part of it ("tháng 6" of a year plan)
    covers = "covers"  # longer and containing it ("năm 2021" for June 2021)
    other = "other"  # another period ("tháng 6 năm 2019" for June 2021)


@dataclass(frozen=True)
class Span:
    start: date
    end: date
    text: str  # as named, folded
    year_given: bool = True  # False: "tháng 9", "quý II" took the plan's year

    @property
    def key(self) -> str:
        from chitieu.plan_parts import period_key

        return period_key(self.start, self.end)


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def spans_in(text: str, default_year: int) -> list[Span]:
    """Periods named in one text; dates of a day are not periods."""
    f = fold(text)
    found: list[Span] = []
    for m in _RANGE.finditer(f):
        d = [int(x) for x in m.groups()]
        with contextlib.suppress(ValueError):
            found.append(Span(date(d[2], d[1], d[0]), date(d[5], d[4], d[3]), m.group(0)))
    f = _RANGE.sub(" ", f)
    f = _DATES.sub(" ", f)
    for m in _MONTHS_OF_YEAR.finditer(f):
        n = int(m.group(1)) if m.group(1).isdigit() else _NUM_WORDS[m.group(1)]
        y = int(m.group(3)) if m.group(3) else default_year
        if m.group(2) == "cuoi nam":
            found.append(Span(date(y, 13 - n, 1), date(y, 12, 31), m.group(0), bool(m.group(3))))
        else:
            found.append(Span(date(y, 1, 1), _month_end(y, n), m.group(0), bool(m.group(3))))
    f = _MONTHS_OF_YEAR.sub(" ", f)
    for m in _MONTH.finditer(f):
        month = int(m.group(1))
        if not 1 <= month <= 12:
            continue
        y = int(m.group(2)) if m.group(2) else default_year
        found.append(Span(date(y, month, 1), _month_end(y, month), m.group(0), bool(m.group(2))))
    f = _MONTH.sub(" ", f)
    for m in _QUARTER.finditer(f):
        q = _ROMAN.get(m.group(1)) or int(m.group(1))
        y = int(m.group(2)) if m.group(2) else default_year
        found.append(
            Span(date(y, 3 * q - 2, 1), _month_end(y, 3 * q), m.group(0), bool(m.group(2)))
        )
    f = _QUARTER.sub(" ", f)
    for m in _YEAR.finditer(f):
        y = int(m.group(1))
        found.append(Span(date(y, 1, 1), date(y, 12, 31), m.group(0)))
    return found


def title_spans(texts: list[str], default_year: int, limit: int = 40) -> list[Span]:
    """Periods named in the title lines of a document (not its references to others):
    lines that say what is reported ("báo cáo", "kết quả", "biểu", "số liệu"), lines in
    capitals, and the line right after a bare "BÁO CÁO"."""
    out: list[Span] = []
    after_title = False
    for t in texts[:limit]:
        f = fold(t)
        follows, after_title = after_title, f in ("bao cao", "bieu", "bieu mau", "bieu so lieu")
        if not f or f.startswith(_NOT_TITLE) or len(t) > 250:
            continue
        if not (follows or _TITLE_WORDS.search(f) or _capitals(t)) or "nhu sau" in f:
            continue  # "…báo cáo kết quả quý II năm / 2022 như sau:" is a sentence
        out.extend(spans_in(t, default_year))
    # a period with its year says more than one without ("tháng 9" on a wrapped line)
    return [s for s in out if s.year_given] or out


def _capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def relation(span: Span, period: Period) -> Relation:
    ps, pe = period.start, period.end
    if period.key == span.key or (period.id and period.id == span.key):
        return Relation.same
    lm = (span.end - span.start).days + 1
    lp = (pe - ps).days + 1
    overlap = (min(span.end, pe) - max(span.start, ps)).days + 1
    if overlap >= 0.85 * lm and overlap >= 0.85 * lp:
        return Relation.same
    if (span.end.year, span.end.month) == (pe.year, pe.month) and 0.7 <= lm / lp <= 1.4:
        return Relation.same
    slack = timedelta(days=20)
    if span.start >= ps - slack and span.end <= pe + slack and lm < lp:
        return Relation.within
    if ps >= span.start - slack and pe <= span.end + slack and lm > lp:
        return Relation.covers
    return Relation.other


def describe(span: Span) -> str:
    """A span as a Vietnamese reader writes it."""
    s, e = span.start, span.end
    if s.day == 1 and e == _month_end(e.year, e.month):
        if (s.year, s.month) == (e.year, e.month):
            return f"tháng {s.month}/{s.year}"
        if s.month == 1 and e.month == 12 and s.year == e.year:
            return f"năm {s.year}"
        if s.year == e.year and e.month - s.month == 2 and s.month % 3 == 1:
            return f"quý {(s.month - 1) // 3 + 1}/{s.year}"
    return f"từ {s:%d/%m/%Y} đến {e:%d/%m/%Y}"


def describe_period(period: Period) -> str:
    return describe(Span(period.start, period.end, ""))
