"""Indicator labels the OCR damaged, matched against the plan's closed list.

A scan's row label can leave the fuzzy matcher of `headers.py` with nothing: "Lập hồ
sơ đưa CiiBB" (CNBB), "NĐI 11/GP" (NĐ111/CP: "NĐI" is not the abbreviation "NĐ", so
nothing is spelled out and the label is compared with "nghị định 111 chính phủ"),
"Cai nghiện trf nguyện lại FT". Here the label's words are compared on a key (folded,
spaceless, the letters OCR confuses folded to one: `damaged_words.key_of`, plus G/C),
without their numbers, with the plan's texts (as written and with abbreviations spelled
out), by edit distance. A label names an indicator only when one indicator is clearly
nearer than every other (`MARGIN` edits) and within one edit per `LETTERS_PER_EDIT`
letters.

Decree numbers stay sound. When the nearest indicators differ only by their number
("NĐ111/CP", "NĐ94/CP"), the number decides only when it reads right (as
`headers._numbers_read` reads it); a damaged one ("NĐ14/CP", "NĐ494/CP") decides
nothing: the label stays unmatched, with the candidates kept for the table around it
(`Undecided`): when every other candidate is named soundly by another label of the
same table, the one left is the label's — if its number is one edit from the damaged
one. A single nearest indicator whose number disagrees by more than one edit is no
match either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Generic, TypeVar

from rapidfuzz.distance import Levenshtein

from extract.damaged_words import key_of
from extract.text import expand, fold

V = TypeVar("V")

MARGIN = 2  # the nearest indicator is nearer than the next by at least this many edits
LETTERS_PER_EDIT = 6  # edits allowed: one per this many letters of the plan's text
LOOSE_LETTERS_PER_EDIT = 4  # ... up to one per four when the next indicator is far off
LEFT_LETTERS_PER_EDIT = 3  # ... and one per three for the one label a table leaves
MIN_LETTERS = 8  # shorter keys say too little to be told apart when damaged
# A row number, or a bar read "I"; a fax's row number "1" read "l" ("l Điều tra khám phá":
# kept, it left the label between hinh_su and nd111).
_NUMBERING = re.compile(r"^(?:i{1,3}|iv|l|\d{1,2})$")
# A decree reference's number spot, as damaged as it comes ("nd 9 a cp", "ndi 11 gp").
_DECREE_SPOT = re.compile(r"\b(?:n[dhb]|nghi dinh) ?(.{1,8}?) ?(?:[cg]p|chinh phu)\b")
# A decree reference whose number is all ones read as I, l or 1, run into its "NĐ" or
# "CP" ("NÐI Ì LCP" folds to "ndi i lcp", "NĐIIICP" to "ndiiicp", a standard fax's "111").
# Two ones a fax's stretched rows joined at their serifs read "H" ("NĐIH1:CP").
# A fax's "Đ" may read "B" ("NB1LI/CP"), a serifed "1" "T" ("NDIT1/CP").
DECREE_ONES = re.compile(r"\b(n[dhb]|nghi dinh) ?((?:[il1ht] ?){2,4}?) ?([cg]p|chinh phu)\b")


@dataclass(frozen=True)
class _Text:
    indicator: str
    key: str  # words without numbers, keyed
    numbers: frozenset[str]  # decree numbers (no years)


@dataclass(frozen=True)
class Found:
    """What a damaged label names: one indicator, or a few that differ by number only."""

    indicator: str | None
    edits: int
    letters: int
    candidates: tuple[str, ...] = ()  # undecided: differ only by a damaged number
    near: tuple[str, ...] = ()  # of those, the ones whose number is one edit away
    close: tuple[str, ...] = ()  # every indicator as near as the nearest (no margin)

    @property
    def score(self) -> float:
        return 100.0 * (1.0 - self.edits / max(self.letters, 1))


def without_numbering(folded: str) -> str:
    """The label without the row number or rule read in front: "2 Đưa đối tượng…",
    "| Điều tra…" (read "I"), "4. Cai nghiện…"."""
    words = folded.split()
    while len(words) > 1 and _NUMBERING.match(words[0]):
        words = words[1:]
    return " ".join(words)


def words_key(folded: str) -> str:
    """The label's words without numbers, keyed: "lap ho so dua cnbb" -> "iaphosoduaenbb"."""
    words = [t for t in folded.split() if not t.isdigit()]
    return key_of(" ".join(words)).replace("g", "e")


_RATE_KEY = key_of("ty le")


def names_rate(q: str) -> bool:
    """A label naming a rate: "ty le" in it, or its first short words within one edit of
    "tỷ lệ" as OCR leaves it ("Tỷ Iệ", "Tỷlệ", "T ỷ l ệ", "Iy lệ", "Tỷ |ệ" read "ty e").
    Read as a count, a rate's label named its numerator's indicator: a silent error."""
    if "ty le" in q:
        return True
    words = without_numbering(q).split()
    head = words[0] if words else ""
    for w in words[1:]:
        if len(head) >= 4 or len(w) > 2 or len(words[0]) > 2:
            break
        head += w
    return 3 <= len(head) <= 5 and Levenshtein.distance(key_of(head), _RATE_KEY) <= 1


def numbers_of(folded: str) -> frozenset[str]:
    return frozenset(
        t for t in folded.split() if t.isdigit() and not (len(t) == 4 and t[:2] in ("19", "20"))
    )


def in_decree_spot(folded: str, read: set[str]) -> set[str]:
    """The numbers read that the label's decree reference holds ("NĐ 9A/CP": 9), when it
    has one. A word's letter read as a digit elsewhere is no decree number: "đối tượng"
    read "đol 1uong" made "11" (the "l" taken for a one), one edit from "111", and a
    damaged "NĐ94/CP" named NĐ111 in a plan without NĐ94."""
    m = _DECREE_SPOT.search(folded)
    if m is None:
        return read
    spot = re.sub(r"[il]", "1", m.group(1).replace(" ", ""))
    if not any(ch.isdigit() for ch in spot):
        return read
    return {n for n in read if n in spot}


def _near(read: set[str], numbers: frozenset[str]) -> bool:
    """One of the numbers read is one edit from one of the indicator's numbers."""
    return any(Levenshtein.distance(a, b) <= 1 for a in read for b in numbers)


def _query(label: str) -> tuple[str, set[str]] | None:
    """The label folded (a decree's ones read as letters taken out: they are its number,
    not its words) and its keys, as written and spelled out; None when too short to tell."""
    folded = DECREE_ONES.sub(r"\1 \3", without_numbering(fold(label)))
    qkeys = {words_key(folded), words_key(expand(folded))}
    if max(len(k) for k in qkeys) < MIN_LETTERS:
        return None
    return folded, qkeys


class DamagedLabels:
    """The plan's indicator texts keyed, and the lookup of a damaged label among them."""

    def __init__(self, texts: list[tuple[str, str]]) -> None:
        keyed: dict[tuple[str, str], _Text] = {}
        for ind_id, text in texts:
            for form in dict.fromkeys((fold(text), expand(text))):  # in order: ties alike
                t = _Text(ind_id, words_key(form), numbers_of(form))
                if len(t.key) >= MIN_LETTERS:
                    keyed[(ind_id, t.key)] = t
        self._texts = list(keyed.values())
        self.find = lru_cache(maxsize=65536)(self._find)

    def nearest(self, label: str, read_numbers: frozenset[str]) -> Found | None:
        """The indicator the label is nearest, within one edit per
        `LEFT_LETTERS_PER_EDIT` letters and by `MARGIN` edits clear of every other text,
        whatever its decree number (a sound number of another decree: None). Alone that
        names nothing: `left_in_table` asks it of the one label a table leaves."""
        query = _query(label)
        if query is None:
            return None
        _folded, qkeys = query
        pairs = ((Levenshtein.distance(q, t.key), t) for t in self._texts for q in qkeys)
        ranked = sorted(pairs, key=lambda dt: dt[0])
        d1, top = ranked[0]
        if d1 > len(top.key) // LEFT_LETTERS_PER_EDIT:
            return None
        if any(d - d1 < MARGIN for d, t in ranked[1:] if t.indicator != top.indicator):
            return None
        read = in_decree_spot(without_numbering(fold(label)), set(read_numbers))
        if top.numbers and read and not read & top.numbers:
            return None
        return Found(top.indicator, d1, len(top.key))

    def _find(self, label: str, read_numbers: frozenset[str]) -> Found | None:
        query = _query(label)
        if query is None:
            return None
        folded, qkeys = query
        best: dict[str, tuple[int, _Text]] = {}
        for t in self._texts:
            reach = 2 * (len(t.key) // LOOSE_LETTERS_PER_EDIT)
            for q in qkeys:
                if abs(len(q) - len(t.key)) > reach:
                    continue
                d = Levenshtein.distance(q, t.key, score_cutoff=reach)
                if d <= reach and (t.indicator not in best or d < best[t.indicator][0]):
                    best[t.indicator] = (d, t)
        if not best:
            return None
        ranked = sorted(best.items(), key=lambda kv: kv[1][0])
        d1, top = ranked[0][1]
        if d1 > len(top.key) // LETTERS_PER_EDIT:
            # more damaged than one edit in six: only when nothing else is anywhere near
            # ("Cai nghiện trf nguyện lại FT": 4 edits, the next indicator 10 away).
            # Indicators whose texts differ by their decree number only ("NĐ111/CP",
            # "NĐ94/CP") are one text here: their number decides below.
            others = [d for _i, (d, t) in ranked[1:] if t.key != top.key]
            d2 = others[0] if others else 2 * d1 + MARGIN
            if d1 > len(top.key) // LOOSE_LETTERS_PER_EDIT or d2 < 2 * d1 + MARGIN:
                return None
        close = [(i, t) for i, (d, t) in ranked if d - d1 < MARGIN]
        read = in_decree_spot(without_numbering(fold(label)), set(read_numbers))
        if len(close) == 1:
            if top.numbers and not (read & top.numbers) and read and not _near(read, top.numbers):
                return None  # a number other than the indicator's: another decree
            return Found(top.indicator, d1, len(top.key))
        # several as near: they may differ only by their decree numbers
        ids = tuple(i for i, _ in close)
        tie = Found(None, d1, len(top.key), close=ids)
        if any(not t.numbers for _, t in close):
            return tie
        sound = [i for i, t in close if read & t.numbers]
        if len(sound) == 1:
            return Found(sound[0], d1, len(top.key))
        if not read and not sound and folded.endswith("cp"):
            # the decree's frame ("NĐ…/CP") with no number read in it ("NĐH LCP",
            # "NĐIIICP": a standard fax's ones): any candidate may be it, the table decides
            return Found(None, d1, len(top.key), ids, ids, ids)
        if sound or not read:
            return tie
        near = tuple(i for i, t in close if _near(read, t.numbers))
        return Found(None, d1, len(top.key), ids, near, ids)


def left_in_table(
    labels: DamagedLabels, texts: list[str], read_numbers: list[frozenset[str]], left: set[str]
) -> dict[str, Found]:
    """A label too damaged to name an indicator alone ("LãJ› hồ sơ đưa NHR": 4 edits in
    14 letters, one per `LOOSE_LETTERS_PER_EDIT` allowed), named by the table: within one
    edit per `LEFT_LETTERS_PER_EDIT` letters of an indicator no other label of the table
    names (`left`), nearer it than any other indicator by `MARGIN` edits, with no sound
    decree number of another, and the only such label of the table (label -> Found)."""
    out = {}
    for text, read in zip(texts, read_numbers, strict=True):
        found = labels.nearest(text, read)
        if found is not None and found.indicator in left:
            out[text] = found
    return out if len(out) == 1 else {}


def resolve_in_table(undecided: dict[str, Found], named: set[str]) -> dict[str, tuple[str, Found]]:
    """Labels of one table left between indicators that differ by number only: each one
    whose other candidates the table's other labels name soundly (or another such label
    is near only them), and whose number is one edit from the one left, or none was read
    (label -> indicator). Two labels left the same one: neither."""
    out: dict[str, tuple[str, Found]] = {}
    # Two damaged labels each one edit from a different decree ("NHI1I1:CP", "NĐS4CP")
    # name one another's: each is left the one it is near. Once more with those named.
    for _ in range(2):
        near_one = {lab: f.near[0] for lab, f in undecided.items() if len(f.near) == 1}
        for label, found in undecided.items():
            others = {ind for lab, ind in near_one.items() if lab != label}
            taken = named | others | {ind for lab, (ind, _f) in out.items() if lab != label}
            rest = [i for i in found.candidates if i not in taken]
            if len(rest) == 1 and rest[0] in found.near:
                out[label] = (rest[0], found)
    taken_by = [ind for ind, _ in out.values()]
    return {k: v for k, v in out.items() if taken_by.count(v[0]) == 1}


_LETTER_DIGIT = re.compile(r"(?<=[a-z]) ([01]) (?=[a-z])")  # a 0 or 1 inside a word
_AS_LETTER = {"0": "o", "1": "i"}


class DamagedNames(Generic[V]):
    """Names (a plan's units, as a letterhead prints them) looked up from OCR-damaged
    text by the same rule: the nearest key, one edit per `LETTERS_PER_EDIT` letters,
    clearly nearer (`MARGIN` edits) than any other value's; the digits exactly equal
    ("PHƯỜNG 1" is never "Phường 11"). `find` gives the value or None."""

    def __init__(self, names: dict[str, V]) -> None:
        self._keys: dict[tuple[str, tuple[str, ...]], set[V]] = {}
        for name, value in names.items():
            k = (words_key(name), tuple(re.findall(r"\d+", name)))
            if len(k[0]) >= MIN_LETTERS:
                self._keys.setdefault(k, set()).add(value)
        self.find = lru_cache(maxsize=4096)(self._find)

    def _find(self, folded: str) -> V | None:
        folded = _LETTER_DIGIT.sub(lambda m: _AS_LETTER[m.group(1)], folded)  # "k 0 n", "b 1 en"
        q, digits = words_key(folded), tuple(re.findall(r"\d+", folded))
        if len(q) < MIN_LETTERS:
            return None
        best: dict[V, tuple[int, int]] = {}  # value -> (edits, letters of its key)
        for (key, kd), values in self._keys.items():
            allowed = len(key) // LETTERS_PER_EDIT
            if kd != digits or abs(len(key) - len(q)) > allowed + MARGIN:
                continue
            d = Levenshtein.distance(q, key, score_cutoff=allowed + MARGIN)
            for v in values:
                if v not in best or (d, -len(key)) < (best[v][0], -best[v][1]):
                    best[v] = (d, len(key))
        ranked = sorted(best.items(), key=lambda kv: kv[1][0])
        if not ranked:
            return None
        value, (d1, letters) = ranked[0]
        if d1 > letters // LETTERS_PER_EDIT:
            return None
        if len(ranked) > 1 and ranked[1][1][0] - d1 < MARGIN:
            return None
        return value


_BODY_KINDS = ("phuong", "huyen", "quan", "thanh", "ubnd")


def looks_like_body(words: tuple[str, ...]) -> bool:
    """A letterhead line that reads like a body's name even damaged: a kind word or
    "UBND" one letter off ("PHUONC", "UB(ND" read "ub nd"), or "xã", "tỉnh"."""
    if "xa" in words or "tinh" in words:
        return True
    if any(Levenshtein.distance("".join(words[:n]), "ubnd") <= 1 for n in (2, 3)):
        return True
    return any(len(w) >= 3 and Levenshtein.distance(w, k) <= 1 for w in words for k in _BODY_KINDS)
