"""Header text -> plan indicator, and what a column holds (target, result, rate, note).

Labels are compared folded (no diacritics, no case) with abbreviations spelled out,
against each indicator's name, aliases and "group name" combinations, by fuzzy score.
Decree numbers must agree ("NĐ111" never matches "Nghị định 94"). When two indicators
score within `AMBIGUITY_MARGIN` of each other, the match is ambiguous: its records are
for review and the note says which indicators competed.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

from rapidfuzz import fuzz

from chitieu.plan import Plan
from chitieu.plan_parts import Indicator
from extract.damaged_labels import (
    DECREE_ONES,
    DamagedLabels,
    Found,
    left_in_table,
    names_rate,
    resolve_in_table,
    without_numbering,
)
from extract.roles import ROLE_WORDS, ColumnRole, role_of
from extract.text import expand, numbers_in

MATCH_THRESHOLD = 82.0
_ROW_NUMBER = re.compile(r"^\d{1,2}$")
_ND_ONES = re.compile(r"\bnd([il]{2,})(?: (\d+))?\b")
AMBIGUITY_MARGIN = 6.0
CONFIRM_BELOW = 90.0  # a fuzzy score under this must be borne out by the label's key
WHOLE_LABEL = 90.0  # another indicator's label found within the query, OCR's slips allowed
_ONES_AMONG_DIGITS = re.compile(r"(?<=nghi dinh )(?:\d+|[il])(?: (?:\d+|[il]))+\b")


@dataclass(frozen=True)
class Match:
    """The indicator a label names, or why it could not be decided."""

    indicator: str | None
    score: float
    ambiguous_with: tuple[str, ...] = ()
    rate: bool = False  # the label names a rate of the plan: computed, never read

    @property
    def ambiguous(self) -> bool:
        return bool(self.ambiguous_with)


NO_MATCH = Match(None, 0.0)


def _numbers_read(q: str) -> set[str]:
    """The numbers of a label, and the same with a leading 1 where OCR read that 1 as a
    letter stuck to the word before ("NĐI11/CP" folds to "ndi 11": 11 or 111). Scans
    also add a stray I to a right number ("NĐI111/CP"), so both readings stay."""
    # "NĐIH1:CP" ("ndih 1 cp"): two ones joined into an "H" among them leave the count of
    # ones unsure (H is two, the I may be the Đ's bar), so the frame is kept with no number
    # read, its "1" too: the table decides (`damaged_labels.resolve_in_table`).
    q = DECREE_ONES.sub(lambda m: f"{m.group(1)} {m.group(3)}" if "h" in m.group(2) else m[0], q)
    toks = q.split()
    misread = {"1" + t for p, t in pairwise(toks) if t.isdigit() and p.endswith(("i", "l"))}
    # Every 1 of the number read as I or l ("NĐIII/CP" folds to "ndiii"): only after ND.
    for m in _ND_ONES.finditer(q):
        misread.add(m.group(1).replace("i", "1").replace("l", "1") + (m.group(2) or ""))
    for m in DECREE_ONES.finditer(q):  # "ndi i lcp", "ndiiicp": every one a letter
        misread.add(re.sub(r"[ilt ]", lambda c: "" if c.group(0) == " " else "1", m.group(2)))
    # A 1 read as I or l between digits ("NĐ1I1/CP" folds to "nd 1 i 1"): read as 1.
    for m in _ONES_AMONG_DIGITS.finditer(q):
        run = m.group(0).replace(" ", "")
        if not run.isdigit() and not run.isalpha():
            misread.add(run.replace("i", "1").replace("l", "1"))
    return numbers_in(q) | misread


def _label_numbers(label: str) -> frozenset[str]:
    """The numbers a label reads, its row number left out (what `DamagedLabels` is given)."""
    return frozenset(_numbers_read(without_numbering(expand(label))))


class IndicatorMatcher:
    """Fuzzy matcher over a plan's indicators. A label naming a rate matches nothing
    (`Match.rate`): rates are computed from their counts, never read."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._cache: dict[str, Match] = {}
        self._undecided: dict[str, Found] = {}  # damaged labels left between decrees
        self._in_table: dict[str, Match] = {}  # of those, what the table decided

    @cached_property
    def _damaged(self) -> DamagedLabels:
        return DamagedLabels(self._labels_as_written)

    @cached_property
    def _labels_as_written(self) -> list[tuple[str, str]]:
        return [(ind.id, t) for ind in self.plan.indicators for t in _label_texts(ind)]

    @cached_property
    def _labels(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for ind in self.plan.indicators:
            for text in _label_texts(ind):
                out.append((ind.id, expand(text)))
        return out

    @cached_property
    def _rates(self) -> set[str]:
        return {i.id for i in self.plan.indicators if i.is_rate}

    def match(self, label: str) -> Match:
        """Best indicator for one header label, or NO_MATCH below the threshold."""
        found = self._in_table.get(label) or self._cache.get(label)
        if found is None:
            found = self._match(label)
            found = self._match_damaged(label) if found is NO_MATCH else self._checked(label, found)
            if found.ambiguous:  # between decrees, its number unread: the table may decide
                self._keep_undecided(label)
            self._cache[label] = found
        return found

    def _checked(self, label: str, m: Match) -> Match:
        """A fuzzy match the damaged-label key contradicts: the label is nearer, clearly,
        to another indicator's text once OCR's confusions are folded ("3 Iỷ |ệ người
        nghiện…" fuzzy-matched the count, its key is the rate's): the rate is never read,
        another indicator makes the match ambiguous."""
        if m.indicator is None or m.ambiguous:
            return m
        found = self._damaged.find(label, _label_numbers(label))
        if found is None or found.indicator == m.indicator:
            return m
        if found.indicator in self._rates:
            return Match(None, m.score, rate=True)
        if found.indicator is not None:
            return Match(m.indicator, m.score, (found.indicator,))
        rivals = tuple(i for i in found.close if i != m.indicator)
        if m.indicator in found.close and any(i in self._rates for i in rivals):
            return Match(m.indicator, m.score, rivals)  # a count or its rate: not clear
        return m

    def _match_damaged(self, label: str) -> Match:
        """A label the OCR damaged (`damaged_labels.py`): clearly nearest, or nothing."""
        q = expand(label)
        if not q or q.isdigit() or role_of(label) is not None or names_rate(q):
            return NO_MATCH
        found = self._damaged.find(label, _label_numbers(label))
        if found is None:
            return NO_MATCH
        if found.indicator is None:
            if found.candidates:
                self._undecided[label] = found
            return NO_MATCH
        if found.indicator in self._rates:
            return Match(None, found.score, rate=True)
        return Match(found.indicator, found.score)

    def _keep_undecided(self, label: str) -> None:
        """A label the fuzzy match left between indicators that differ by their decree
        number only, that number unread ("NĐH LCP"): kept for `within`."""
        found = self._damaged.find(label, _label_numbers(label))
        if found is not None and found.indicator is None and found.candidates:
            self._undecided[label] = found

    def within(self, labels: list[str]) -> IndicatorMatcher:
        """This matcher for the labels of one table: a damaged label left between
        indicators that differ only by their decree number names the one the table's
        other labels leave (`damaged_labels.resolve_in_table`)."""
        texts = list(dict.fromkeys(labels))
        matches = {t: self.match(t) for t in texts}
        undecided = {t: self._undecided[t] for t in texts if t in self._undecided}
        named = {m.indicator for m in matches.values() if m.indicator and not m.ambiguous}
        in_table = {
            t: Match(ind, f.score) for t, (ind, f) in resolve_in_table(undecided, named).items()
        }
        named |= {m.indicator for m in in_table.values()}
        # The one label the table leaves unnamed, too damaged to name alone, and the one
        # indicator of the plan no other label names.
        unnamed = [
            t
            for t, m in matches.items()
            if m is NO_MATCH and t not in in_table and role_of(t) is None
        ]
        left = {i.id for i in self.plan.indicators} - named - self._rates
        if len(left) == 1 and unnamed:  # every other indicator of the plan named here
            reads = [_label_numbers(t) for t in unnamed]
            for t, f in left_in_table(self._damaged, unnamed, reads, left).items():
                in_table[t] = Match(f.indicator, f.score)
        if not in_table:
            return self
        scoped = copy.copy(self)
        scoped._in_table = in_table
        return scoped

    def _match(self, label: str) -> Match:
        q = expand(label)
        if not q or q.isdigit():
            return NO_MATCH
        q = without_numbering(q)  # "2 Người nghiện…": the row number OCR joined to it
        if role_of(label) is not None:
            if not q.startswith(("trong do ", "trong so ")):
                return NO_MATCH
            q = q.split(" ", 2)[2]  # "Trong đó: CNBB" names CNBB
        q_rate = names_rate(q)
        if q_rate and not q.startswith("ty le"):
            return Match(None, 100.0, rate=True)  # "Tỷ Iệ …", "Tỷlệ …": rates all the same
        if q.startswith("ty le"):
            return Match(None, 100.0, rate=True)
        best: dict[str, float] = {}
        qnums = _numbers_read(q)
        qset = set(q.split())
        covering: set[str] = set()  # indicators whose label holds every word of the query
        for ind_id, lab in self._labels:
            s = _score(q, lab)
            lnums = numbers_in(lab)
            if qnums and lnums and not (qnums & lnums):
                s = min(s, 50.0)
            elif q_rate != ("ty le" in lab):
                s = min(s, 60.0)  # a rate is never its numerator's count
            elif qset <= set(lab.split()):
                covering.add(ind_id)
                if qnums:  # "NĐ 94/CP": a decree reference alone names its indicator
                    s = max(s, 90.0)
            if s > best.get(ind_id, 0.0):
                best[ind_id] = s
        ranked = sorted(best.items(), key=lambda kv: -kv[1])
        if not ranked or ranked[0][1] < MATCH_THRESHOLD:
            return NO_MATCH
        top_id, top = ranked[0]
        if top_id in self._rates:
            return Match(None, top, rate=True)
        rivals = tuple(
            i
            for i, s in ranked[1:]
            if (s >= MATCH_THRESHOLD and top - s < AMBIGUITY_MARGIN and (top < 100.0 or s == top))
            or (top < 100.0 and top_id in covering and i in covering)
        )
        rivals += tuple(i for i in self._beside(q, top_id) if i not in rivals)
        if not rivals and top < CONFIRM_BELOW and len(ranked) > 1:
            found = self._damaged.find(label, frozenset(_numbers_read(q)))
            unsure = found is None or top_id not in (found.indicator, *found.close)
            if unsure and not self._row_number_after(label, q, top_id):
                # a weak resemblance the label's own letters do not bear out ("Cai nghiện
                # ma túy tại ,gia đình, c" scored 85 against a longer label holding
                # its words): for review, with the runner-up named
                rivals = (ranked[1][0],)
        return Match(top_id, top, rivals)

    def _beside(self, q: str, top_id: str) -> tuple[str, ...]:
        """Indicators whose own label stands whole in `q` apart from `top_id`'s: two rows'
        labels read as one where the rule between them was lost ("Người sau cai nghiện …
        nơi cư trú Mô hình tự quản …", a fax's faint rules); the figure beside them may be
        either row's."""
        found: dict[str, list[tuple[int, int]]] = {}
        mine: tuple[float, tuple[int, int]] = (0.0, (0, 0))
        for ind_id, lab in self._labels:
            if len(lab) >= len(q) or len(lab.split()) < 3:
                continue
            a = fuzz.partial_ratio_alignment(lab, q)
            if a is None:
                continue
            span = (a.dest_start, a.dest_end)
            if ind_id == top_id:
                mine = max(mine, (a.score, span))
            elif a.score >= WHOLE_LABEL:
                found.setdefault(ind_id, []).append(span)
        if mine[0] < WHOLE_LABEL:
            return ()
        return tuple(i for i, spans in found.items() if any(_apart(s, mine[1]) for s in spans))

    def _row_number_after(self, label: str, q: str, indicator: str) -> bool:
        """Whether `label` is `indicator`'s label with its row's number read after it
        ("Điều tra khám phá 1": a fax's TT column joined to the label's first line where
        the rule between was lost): the label without that number names it surely. A
        number of the indicator's own label ("đợt 1") is no row number."""
        words, raw = q.split(), label.split()
        if len(words) < 3 or len(raw) < 3 or not _ROW_NUMBER.match(words[-1]):
            return False
        if raw[-1] != words[-1] or any(
            words[-1] in numbers_in(lab) for i, lab in self._labels if i == indicator
        ):
            return False
        m = self._match(" ".join(raw[:-1]))
        return m.indicator == indicator and not m.ambiguous and m.score >= CONFIRM_BELOW


def _label_texts(ind: Indicator) -> list[str]:
    texts = [ind.name, *ind.aliases]
    if ind.group:
        texts += [f"{ind.group} {t}" for t in (ind.name, *ind.aliases)]
    return texts


def _apart(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two spans of one text that share at most a quarter of the shorter: two labels side
    by side, not one label holding another's words."""
    shared = min(a[1], b[1]) - max(a[0], b[0])
    return shared <= 0.25 * min(a[1] - a[0], b[1] - b[0])


def _score(q: str, lab: str) -> float:
    if q == lab:
        return 100.0
    s = max(fuzz.ratio(q, lab), fuzz.token_sort_ratio(q, lab))
    qt, lt = q.split(), lab.split()
    short, long_ = sorted((len(qt), len(lt)))
    if short >= 2 and short / long_ >= 0.5:
        s = max(s, 0.95 * fuzz.token_set_ratio(q, lab))
    return float(s)


# ColumnRole, ROLE_WORDS and role_of live in extract/roles.py; kept importable from here.
__all__ = ["ROLE_WORDS", "ColumnRole", "IndicatorMatcher", "Match", "role_of"]
