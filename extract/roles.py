"""What a column or row of figures holds, from its header words: the target, the result,
a rate, a comparison, last year's figure, a part of a total... and for which period.

The vocabulary is data (`VOCABULARY`), not code: a header, folded, with the periods it
names and a few filler words taken out, must equal one of its phrases. "Thực hiện năm
2022" is a result for 2022, "Năm 2025" only a period, "Cùng kỳ" last year's figure.
`pick` then chooses, among the candidates for one indicator, the one that holds the
result (or target) for the document's period, and says when the choice is not sure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from chitieu.plan_parts import Period
from extract.damaged_words import DamagedWords
from extract.periods import Relation, Span, relation, spans_in
from extract.text import expand, fold
from extract.values import MEASURE_WORDS


class ColumnRole(StrEnum):
    target = "target"
    result = "result"
    rate = "rate"
    note = "note"
    total = "total"
    label = "label"  # TT, Đơn vị, Nội dung: row labels
    measure = "measure"  # Đơn vị tính
    compare = "compare"  # So sánh (+/-), Tăng/giảm, Chênh lệch
    previous = "previous"  # Cùng kỳ (năm trước)
    in_period = "in_period"  # Trong kỳ, Phát sinh trong kỳ
    cumulative = "cumulative"  # Lũy kế (từ đầu năm)
    part = "part"  # Nam, Nữ, Trong đó: a part of a total


_R = ColumnRole
# Folded phrases (abbreviations spelled out, see extract/text.py) -> role.
VOCABULARY: dict[_R, tuple[str, ...]] = {
    _R.target: (
        "chi tieu giao",
        "chi tieu duoc giao",
        "chi tieu",
        "giao",
        "ke hoach",
        "ke hoach giao",
        "kh",
        "kh giao",
        "chi tieu ke hoach",
        "chi tieu nam",
        "muc tieu",
        "chi tieu phan dau",
    ),
    _R.result: (
        "ket qua",
        "ket qua thuc hien",
        "thuc hien",
        "da thuc hien",
        "so lieu",
        "so luong",
        "ket qua dat duoc",
        "uoc thuc hien",
        "uoc thuc hien ca nam",
        "uoc th",
        "thuc hien ky bao cao",
        "so thuc hien",
        "ket qua ky bao cao",
        "ky bao cao",
        "ky nay",
        "ca nam",
        "thuc hien ca nam",
        "ket qua ca nam",
        "tong ca nam",
    ),
    _R.rate: (
        "ty le",
        "ty le %",
        "%",
        "ty le dat",
        "ty le dat %",
        "dat",
        "dat %",
        "so voi chi tieu",
        "so voi ke hoach",
        "so voi ke hoach %",
        "so voi chi tieu %",
        "ty le hoan thanh",
        "ty le thuc hien",
        "ty le thuc hien so voi ke hoach",
        "% so voi ke hoach",
        "% ke hoach",
        "thuc hien so voi ke hoach",
        "so voi cung ky %",
        "% so voi cung ky",
        "ty le so voi cung ky",
    ),
    _R.compare: (
        "so sanh",
        "so sanh %",
        "tang giam",
        "tang giam so voi cung ky",
        "tang giam so cung ky",
        "so voi cung ky",
        "chenh lech",
        "tang",
        "giam",
        "tang hoac giam",
        "so sanh voi cung ky",
        "so sanh cung ky",
    ),
    _R.previous: (
        "cung ky",
        "cung ky nam truoc",
        "cung ky nam",
        "nam truoc",
        "ky truoc",
        "thuc hien cung ky",
        "ket qua cung ky",
    ),
    _R.in_period: (
        "trong ky",
        "phat sinh trong ky",
        "thuc hien trong ky",
        "ket qua trong ky",
        "trong thang",
        "trong quy",
    ),
    _R.cumulative: (
        "luy ke",
        "luy ke tu dau nam",
        "luy ke thuc hien",
        "luy ke den nay",
        "luy ke ca nam",
        "cong don",
        "tu dau nam",
        "tu dau nam den nay",
    ),
    _R.part: ("nam", "nu", "trong do", "trong do nu", "trong do nam", "nguoi nu"),
    _R.note: ("ghi chu",),
    _R.total: ("tong so", "tong", "tong cong", "cong"),
    _R.label: (
        "thu tu",
        "tt",
        "stt",
        "don vi",
        "ten don vi",
        "phuong",
        "noi dung",
        "noi dung chi tieu",
        "chi tieu nhiem vu",
        "cac chi tieu",
        "danh muc",
    ),
    _R.measure: ("don vi tinh", "dvt"),
}
_PHRASE_ROLE: dict[str, ColumnRole] = {p: r for r, ps in VOCABULARY.items() for p in ps}
ROLE_WORDS = _PHRASE_ROLE  # the older name of the same table (phrase -> role)
_DAMAGED = DamagedWords(_PHRASE_ROLE)
_FILLERS = re.compile(
    r"(?:\s+(?:den nay|den thoi diem bao cao|nam nay|ca nam|ca|nam|so|ky|tu dau nam))+$"
)


@dataclass(frozen=True)
class Sense:
    """What one header text says: a role, the periods it names (either may be absent)."""

    role: ColumnRole | None
    spans: tuple[Span, ...] = ()
    phrase: str = ""

    @property
    def says_anything(self) -> bool:
        return self.role is not None or bool(self.spans)


# Abbreviations of role words only (not of indicator names): "% so với KH", "CT giao".
_ROLE_ABBREVIATIONS = {"kh": "ke hoach", "ct": "chi tieu", "lk": "luy ke", "ck": "cung ky"}
_PAREN = re.compile(r"\(([^()]*)\)")


def _drop_measure(m: re.Match[str]) -> str:
    """ "(người)", "(1)", "(%)", "(+/-)" after a role word say nothing of the role."""
    inner = fold(m.group(1))
    if not inner or inner.isdigit() or inner in MEASURE_WORDS or inner in ("%", "don vi tinh"):
        return " "
    return m.group(0)


@lru_cache(maxsize=65536)
def sense_of(text: str, year: int | None = None) -> Sense:
    """Role and periods of one header text. "Năm 2022" names only a period;
    "Kế hoạch năm 2022" a target for 2022; "Số vụ HS" nothing (it names an indicator)."""
    folded = expand(_PAREN.sub(_drop_measure, text)).replace("ket qua ket qua", "ket qua")
    folded = " ".join(_ROLE_ABBREVIATIONS.get(t, t) for t in folded.split())
    if not folded and "+" in text and set(text) <= set("+-−–/()[] ,;±"):
        return Sense(_R.compare, (), "+/-")
    if folded in _PHRASE_ROLE:
        return Sense(_PHRASE_ROLE[folded], (), folded)
    if folded.startswith(("trong do ", "trong so ")):  # "Trong đó: dưới 18 tuổi"
        return Sense(_R.part, (), folded)
    spans = tuple(spans_in(text, year or 2000)) if re.search(r"\d|quy|thang", folded) else ()
    rest = folded
    for s in spans:
        rest = rest.replace(s.text, " ")
    rest = " ".join(rest.split())
    if spans and year is None:
        spans = tuple(s for s in spans if _has_year(s.text))
    if not rest:
        return Sense(None, spans, folded) if spans else Sense(None)
    role = _PHRASE_ROLE.get(rest)
    trimmed = _FILLERS.sub("", f" {rest}").strip()
    if role is None:
        role = _PHRASE_ROLE.get(trimmed)
    if role is None:  # a seal's lettering read into the header cell
        kept = _without_specks(text)
        if kept != text and len(kept.split()) >= 2:
            sense = sense_of(kept, year)  # (no specks left: once)
            if sense.role is not None:
                return sense
    if role is None:  # OCR damage: merged or split words, confused letters, cut short
        # on the words as read too: "th-/ực hiện" would spell "th" out as "thuc hien"
        role = _DAMAGED.find(rest) or _DAMAGED.find(trimmed)
        role = role or (None if spans else _DAMAGED.find(fold(_PAREN.sub(_drop_measure, text))))
    if role is None:
        return Sense(None)  # words that are not role words: an indicator, a unit...
    return Sense(role, spans, rest)


# A speck of a seal or stamp the OCR read in a header cell ("Kết quả thực hiện z4 p4"):
# a short token mixing letters and digits, or marks alone ("¬-"). A letter alone may be
# a word cut short ("Đơn vị t"): it stays.
_SPECK = re.compile(r"(?=\S*\d)(?=\S*[^\W\d_])\w{2,3}|[^\w\s]+")


def _without_specks(text: str) -> str:
    return " ".join(t for t in text.split() if not _SPECK.fullmatch(t))


def _has_year(text: str) -> bool:
    return bool(re.search(r"(?:19|20)\d{2}", text))


def role_of(text: str) -> ColumnRole | None:
    """The role a header text names alone (without its period), or None."""
    return sense_of(text).role


@dataclass
class Candidate:
    """A column (or a row) that may hold the figure of an indicator."""

    index: int  # column or row number
    senses: list[Sense] = field(default_factory=list)

    @property
    def role(self) -> ColumnRole | None:
        roles = [s.role for s in self.senses if s.role is not None]
        return roles[-1] if roles else None

    @property
    def spans(self) -> list[Span]:
        return [sp for s in self.senses for sp in s.spans]


_NEVER = {
    ColumnRole.result: {
        _R.target,
        _R.rate,
        _R.note,
        _R.compare,
        _R.previous,
        _R.part,
        _R.label,
        _R.measure,
    },
    ColumnRole.target: {
        _R.result,
        _R.rate,
        _R.note,
        _R.compare,
        _R.previous,
        _R.part,
        _R.label,
        _R.measure,
        _R.in_period,
        _R.cumulative,
    },
}
LONG_PERIOD_DAYS = 120  # a plan period longer than this wants the cumulative figure


def candidate_roles(cand: Candidate) -> set[ColumnRole]:
    return {s.role for s in cand.senses if s.role is not None}


def score(
    cand: Candidate, want: ColumnRole, period: Period | None, any_period: bool = False
) -> float | None:
    """How well a candidate holds the wanted figure for `period`; None: it does not."""
    roles = candidate_roles(cand)
    if roles & _NEVER[want]:
        return None
    rels = [relation(s, period) for s in cand.spans] if period is not None else []
    if Relation.other in rels and not any_period:
        return None  # another year's or month's figure
    long_plan = period is not None and (period.end - period.start).days + 1 > LONG_PERIOD_DAYS
    s = 1.0
    if want in roles:
        s += 3
    if _R.total in roles:
        s += 0.5  # a total row sums the unlabelled rows beside it
    if _R.cumulative in roles:
        s += 4 if long_plan else -0.5
    if _R.in_period in roles:
        s += -0.5 if long_plan else 4
    if Relation.same in rels:
        s += 3
    elif Relation.within in rels:
        s += -0.5 if long_plan else 1
    elif Relation.covers in rels:
        s += 0.5
    return s


OTHER_PERIOD_NOTE = "cột (dòng) số liệu ghi một kỳ khác với kỳ của kế hoạch"


@dataclass(frozen=True)
class Pick:
    index: int | None
    note: str | None = None  # Vietnamese, when the choice is not sure
    rivals: tuple[int, ...] = ()  # equally good candidates (for the plan-target signal)
    viable: tuple[int, ...] = ()  # every candidate that may hold the figure


def pick(cands: list[Candidate], want: ColumnRole, period: Period | None) -> Pick:
    """The candidate holding the wanted figure, by role words and period."""
    scored = [(score(c, want, period), c) for c in cands]
    ok = [(s, c) for s, c in scored if s is not None]
    if not ok:
        # only figures of another period: the return is for another period, which is
        # for a person to see, not a reason to read nothing
        ok = [(s, c) for c in cands if (s := score(c, want, period, True)) is not None]
        if not ok:
            return Pick(None)
        best = max(ok, key=lambda sc: sc[0])[1]
        return Pick(best.index, OTHER_PERIOD_NOTE)
    viable = tuple(c.index for _, c in ok)
    best = max(s for s, _ in ok)
    top = [c for s, c in ok if s == best]
    if len(top) == 1:
        return Pick(top[0].index, viable=viable)
    return Pick(
        top[0].index,
        "có nhiều cột (dòng) cùng có thể là kết quả của chỉ tiêu này; đã lấy cái đầu tiên",
        tuple(c.index for c in top),
        viable,
    )
