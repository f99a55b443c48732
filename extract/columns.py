"""What the header of a table says about its columns: which indicator each names, the
role and period of its figures, and which column holds the wanted figure of each
indicator. Shared by the two layouts (`extract/across.py`, `extract/down.py`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from chitieu.plan_parts import Period, Unit
from chitieu.record import Role
from extract.document import Table
from extract.grid import cell_at
from extract.headers import IndicatorMatcher, Match
from extract.legend import Legend
from extract.roles import Candidate, ColumnRole, Sense, pick, sense_of
from extract.text import fold
from extract.values import is_numbering

HEADER_SEARCH_ROWS = 15


@dataclass
class Column:
    col: int
    match: Match | None
    role: ColumnRole | None
    senses: list[Sense] = field(default_factory=list)


@dataclass
class Context:
    """What is known of the document when one of its tables is read."""

    role: Role
    sender: Unit | None = None
    legend: Legend | None = None
    period: Period | None = None

    @property
    def want(self) -> ColumnRole:
        return ColumnRole.target if self.role == Role.target else ColumnRole.result

    @property
    def year(self) -> int | None:
        return self.period.end.year if self.period is not None else None


def children(matcher: IndicatorMatcher) -> dict[str, set[str]]:
    """Indicator id -> the "trong đó" sub-counts the plan declares under it."""
    out: dict[str, set[str]] = {}
    for ind in matcher.plan.indicators:
        if ind.parent:
            out.setdefault(ind.parent, set()).add(ind.id)
    return out


def is_total_label(text: str) -> bool:
    """ "Tổng cộng", "Tổng số", "Cộng", "Toàn quận"; never a unit such as "Công an tỉnh"."""
    words = fold(text).split()
    return bool(words) and (words[0] == "tong" or words == ["cong"] or words[0] == "toan")


def stack_above(table: Table, rows: range, c: int) -> list[str]:
    """Distinct header texts above a column, top to bottom."""
    seen: list[int] = []
    out: list[str] = []
    for r in rows:
        cell = cell_at(table, r, c)
        if cell is None or id(cell) in seen or not cell.text.strip():
            continue
        seen.append(id(cell))
        out.append(cell.text.strip())
    return out


def classify(stack: list[str], matcher: IndicatorMatcher, year: int | None = None) -> Column:
    senses: list[Sense] = []
    content: list[str] = []
    for text in stack:
        sense = sense_of(text, year)
        if sense.phrase.startswith(("trong do ", "trong so ")) and matcher.match(text).indicator:
            content.append(text)  # "Trong đó: CNBB" is an indicator of its own
        elif sense.says_anything:
            senses.append(sense)
        elif not is_numbering(text):
            content.append(text)
    roles = [x.role for x in senses if x.role is not None]
    role = roles[-1] if roles else None
    if not content:
        return Column(-1, None, role, senses)
    tries = [content[-1]]
    if len(content) > 1:
        tries.append(" ".join(content))
        tries.extend(reversed(content[:-1]))
    found: Match | None = None
    for t in tries:
        m = matcher.match(t)
        if m.rate:
            return Column(-1, None, ColumnRole.rate, senses)
        if m.indicator and not m.ambiguous:
            found = m
            break
        if m.indicator and found is None:
            found = m
    if found is not None and ColumnRole.total in roles:
        # "Tổng số" under an indicator: the indicator's own count; under a group that
        # names an indicator and its sub-counts ("Cai nghiện": Tổng số / Tự nguyện /
        # Bắt buộc), the indicator the others are declared under
        if found.ambiguous:
            found = _the_parent(found, matcher)
        senses = [x for x in senses if x.role != ColumnRole.total]
        roles = [x.role for x in senses if x.role is not None]
        role = roles[-1] if roles else None
    return Column(-1, found, role, senses)


def _the_parent(m: Match, matcher: IndicatorMatcher) -> Match:
    named = {m.indicator, *m.ambiguous_with}
    by_id = matcher.plan.indicator_by_id
    parents = [i for i in named if any(by_id[j].parent == i for j in named if j in by_id)]
    if len(parents) == 1:
        return Match(parents[0], m.score)
    return m


def row_is_header(table: Table, r: int, matcher: IndicatorMatcher, year: int | None = None) -> bool:
    for c in range(table.n_cols):
        cell = cell_at(table, r, c)
        if cell is None or not cell.text.strip():
            continue
        if r > 0 and cell_at(table, r - 1, c) is cell:
            continue
        t = cell.text.strip()
        if is_numbering(t) or sense_of(t, year).says_anything or matcher.match(t).indicator:
            continue
        return False
    return True


def preferred(
    columns: list[Column], ctx: Context
) -> tuple[dict[str, Column], dict[str, str], dict[str, list[Column]], dict[str, list[Column]]]:
    """The value column of each indicator, a note where the choice is uncertain, and
    the equally good columns of each uncertain choice."""
    by_ind: dict[str, list[Column]] = {}
    for col in columns:
        if col.match and col.match.indicator:
            by_ind.setdefault(col.match.indicator, []).append(col)
    chosen: dict[str, Column] = {}
    notes: dict[str, str] = {}
    ties: dict[str, list[Column]] = {}
    viable: dict[str, list[Column]] = {}
    for ind, cols in by_ind.items():
        got = pick([Candidate(i, c.senses) for i, c in enumerate(cols)], ctx.want, ctx.period)
        if got.index is None:
            continue
        chosen[ind] = cols[got.index]
        if got.note:
            notes[ind] = got.note
        if got.rivals:
            ties[ind] = [cols[i] for i in got.rivals]
        viable[ind] = [cols[i] for i in got.viable]
    return chosen, notes, ties, viable


def measure_of(matcher: IndicatorMatcher, indicator: str) -> str | None:
    ind = matcher.plan.indicator_by_id.get(indicator)
    return ind.measure if ind is not None else None


def match_note(m: Match | None, matcher: IndicatorMatcher) -> list[str]:
    if m is None or not m.ambiguous:
        return []
    names = ", ".join(m.ambiguous_with)
    return [f"tiêu đề cột không rõ ràng: có thể là {m.indicator} hoặc {names}"]
