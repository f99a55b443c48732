"""Header words as OCR leaves them: "Kêt qua thưc" (cut short, diacritics wrong),
"Kếtquả thực hiện" (merged), "thực hi-/ện" (split over lines), "Ket qua thuc hlen"
(l for i), "| Kết quả" (a rule read as a letter).

Folding (`extract.text.fold`) already drops diacritics, so ư/u, ơ/o, ê/e meet. What is
left is compared on a key: the folded words without spaces, the letters OCR confuses
folded to one. A damaged header names a phrase when its key is within a small edit
distance of the phrase's key, or is a clear prefix of it (at least half of it); and
only when every phrase it could be names the same thing. Otherwise: nothing (a column
of unknown role is flagged or left out downstream, never guessed).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Generic, TypeVar

from rapidfuzz.distance import Levenshtein

V = TypeVar("V")

# OCR confusions folded to one letter, applied to both sides: l/1/I/j/!/| read for i,
# 0 for o, e for c (and back), rn for m, vv for w.
_CONFUSED = str.maketrans({"l": "i", "1": "i", "j": "i", "!": "i", "|": "i", "0": "o", "c": "e"})
MIN_KEY = 5  # shorter damaged words are only compared whole: "dat", "nam" are too close
MIN_EXACT_KEY = 4  # "Tỷlệ" merged is "ty le"; "nam", "tt", "%" are never looked up
MIN_PREFIX_SHARE = 0.5  # a cut header keeps at least half of its phrase


def key_of(folded: str) -> str:
    """Spaceless, confusion-folded form of folded text."""
    k = "".join(folded.split()).translate(_CONFUSED)
    return k.replace("rn", "m").replace("vv", "w")


def budget(n: int) -> int:
    """Edits allowed on a key of n letters: one per six letters."""
    return n // 6


class DamagedWords(Generic[V]):
    """Lookup of damaged text among known folded phrases (phrase -> value)."""

    def __init__(self, phrases: dict[str, V]) -> None:
        self._by_key: dict[str, set[V]] = {}
        for phrase, value in phrases.items():
            self._by_key.setdefault(key_of(phrase), set()).add(value)
        self.find = lru_cache(maxsize=65536)(self._find)

    def _find(self, folded: str) -> V | None:
        k = key_of(folded)
        if len(k) < MIN_EXACT_KEY:
            return None
        exact = self._by_key.get(k)
        if exact is not None:
            return next(iter(exact)) if len(exact) == 1 else None
        if len(k) < MIN_KEY:
            return None
        best: dict[str, int] = {}  # phrase key -> edits
        for pk in self._by_key:
            if len(pk) < MIN_KEY:
                continue
            cost = None
            allowed = budget(len(pk))
            if abs(len(pk) - len(k)) <= allowed:
                d = Levenshtein.distance(k, pk, score_cutoff=allowed)
                cost = d if d <= allowed else None
            if len(k) < len(pk) and len(k) >= MIN_PREFIX_SHARE * len(pk):
                head = pk[: len(k)]
                d = Levenshtein.distance(k, head, score_cutoff=budget(len(k)))
                if d <= budget(len(k)) and (cost is None or d < cost):
                    cost = d
            if cost is not None:
                best[pk] = cost
        if not best:
            return None
        # a cut "thuc hie" is a prefix of "thuc hien" and of "thuc hien cung ky": the
        # base phrase, which the longer ones only extend, is the one it names
        base = [pk for pk in best if not any(o != pk and pk.startswith(o) for o in best)]
        values = {v for pk in base for v in self._by_key[pk]}
        return next(iter(values)) if len(values) == 1 else None
