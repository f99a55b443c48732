"""Which plan unit a piece of text names: the plan's units are a closed list.

A phrase names a unit when, after an optional authority ("UBND", "Ủy ban nhân dân",
"TM.") and an optional kind ("phường", "P.", "xã", "X."), its words are exactly that
unit's name, compared without diacritics or case, where a word written as the initials
of several words stands for them ("CSĐTTP" = "Cảnh sát điều tra tội phạm", "CA" =
"Công an", "LĐ-TB&XH" = "Lao động - Thương binh và Xã hội") in either direction, and
the plan's place may follow ("Công an tỉnh Bình Sơn"). Whole words only and every word
used: "Phường 1" is never "Phường 11", "Dịch Vọng" never "Dịch Vọng Hậu" or "Dịch Vọng
Tây". A name made of digits needs its kind ("1" alone names nothing).

The sender of a document is decided from these matches in `extract/sender.py`.

The words of unit names live in `extract/unit_words.py`, a letterhead line's own words in
`extract/letterhead_lines.py`.
"""

from __future__ import annotations

import re
from functools import cached_property

from rapidfuzz import fuzz, process

from chitieu.plan import Plan
from chitieu.plan_parts import Unit
from extract.letterhead_lines import QUOC_HIEU as QUOC_HIEU
from extract.letterhead_lines import QUOC_HIEU_LINES as QUOC_HIEU_LINES
from extract.letterhead_lines import letterhead_words as letterhead_words
from extract.letterhead_units import SHARED as SHARED
from extract.letterhead_units import LetterheadReader
from extract.letterhead_units import UnitHit as UnitHit
from extract.text import fold
from extract.unit_words import AUTHORITIES as AUTHORITIES
from extract.unit_words import BODY_WORDS as BODY_WORDS
from extract.unit_words import COMMITTEE as COMMITTEE
from extract.unit_words import FILLER as FILLER
from extract.unit_words import KIND_WORDS as KIND_WORDS
from extract.unit_words import (
    align,
    collapse,
    subsequence,
    without_numbering,
)
from extract.unit_words import tokens as tokens

UNIT_THRESHOLD = 90.0
UNIT_MARGIN = 5.0


class UnitFinder(LetterheadReader):
    """The plan's units as a closed list: phrases, labels, letterheads, file names."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._cache: dict[tuple[tuple[str, ...], bool], list[Unit]] = {}
        self._guessed: dict[str, Unit] = {}  # labels matched only by a fuzzy score

    # ----------------------------------------------------------------------------------
    # the plan's names

    @cached_property
    def _names(self) -> list[tuple[Unit, str]]:
        out: list[tuple[Unit, str]] = []
        for u in self.plan.units:
            out.append((u, fold(u.name)))
            out.append((u, fold(u.full_name)))
        return out

    @cached_property
    def _exact(self) -> dict[str, list[Unit]]:
        out: dict[str, list[Unit]] = {}
        for unit, name in self._names:
            if unit not in out.setdefault(name, []):
                out[name].append(unit)
        return out

    @cached_property
    def _cores(self) -> dict[str, list[tuple[Unit, tuple[str, ...], str]]]:
        """First letter -> (unit, its name's words without the kind, its folded kind)."""
        out: dict[str, list[tuple[Unit, tuple[str, ...], str]]] = {}
        for u in self.plan.units:
            kind = fold(u.kind)
            words = tokens(u.name)
            kw = tuple(kind.split())
            if kind and kind != "don vi" and words[: len(kw)] == kw and len(words) > len(kw):
                words = words[len(kw) :]
            if words:
                out.setdefault(words[0][0], []).append((u, words, kind))
        return out

    @cached_property
    def _places(self) -> list[tuple[str, ...]]:
        """What may follow a unit's name: the plan's place, with or without its kind
        ("Công an tỉnh Bình Sơn", "UBND Phường 1 thành phố Hải Đông")."""
        place = tokens(self.plan.document.place)
        out = [place] if place else []
        for kw in KIND_WORDS:
            if place:
                out.append(kw + place)
        return sorted(out, key=len, reverse=True)

    # ----------------------------------------------------------------------------------
    # phrases

    def phrase(self, words: tuple[str, ...]) -> list[Unit]:
        """The plan units that the whole phrase names (several when a name is shared)."""
        key = (words, False)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._phrase(words)
        return found

    def _phrase(self, words: tuple[str, ...]) -> list[Unit]:
        """The units whose own name starts earliest in the phrase, the fewest words left
        to an authority or a kind before it: "Công an tỉnh Kon Tum" is the unit "Công an
        tỉnh" (its name from the first word, the place after it), not the tỉnh Kon Tum
        (after the authority "Công an" and the kind "tỉnh"). Units named from the same
        word are all returned: a person must say which."""
        best: dict[Unit, int] = {}
        for start, authority in self._after_authority(words):
            for rest, kind in self._after_kind(words[start:]):
                for unit in self._core(rest, kind, authority):
                    best[unit] = max(best.get(unit, 0), len(rest))
        top = max(best.values(), default=0)
        return [u for u, n in best.items() if n == top]

    def _after_authority(self, words: tuple[str, ...]) -> list[tuple[int, bool]]:
        out = [(0, False)]
        for auth in AUTHORITIES:
            if words[: len(auth)] == auth:
                out.append((len(auth), True))
                if auth == ("tm",):
                    for a2 in AUTHORITIES[:2]:
                        if words[1 : 1 + len(a2)] == a2:
                            out.append((1 + len(a2), True))
        return out

    @cached_property
    def _kind_words(self) -> dict[tuple[str, ...], str]:
        """The usual kind words, and any other kind the plan uses ("sở", "ban")."""
        out = dict(KIND_WORDS)
        for u in self.plan.units:
            kind = fold(u.kind)
            if kind and kind != "don vi":
                out.setdefault(tuple(kind.split()), kind)
        return out

    def _after_kind(self, words: tuple[str, ...]) -> list[tuple[tuple[str, ...], str | None]]:
        out: list[tuple[tuple[str, ...], str | None]] = [(words, None)]
        for kw, kind in self._kind_words.items():
            if words[: len(kw)] == kw and len(words) > len(kw):
                out.append((words[len(kw) :], kind))
        return out

    def _core(self, rest: tuple[str, ...], kind: str | None, authority: bool) -> list[Unit]:
        if not rest:
            return []
        found: list[Unit] = []
        for unit, core, ukind in self._cores.get(rest[0][0], []):
            if kind is not None and kind != ukind:
                continue
            if kind is None and all(w.isdigit() for w in core):
                continue  # "1" alone names nothing
            agency = not unit.is_local_government  # "đơn vị", "cơ quan", "sở"…
            if agency and len(rest) == 1 and len(rest[0]) < 4 and rest != core:
                continue  # "KH", "TH": a column word, not an agency's initials
            end = align(rest, 0, core, initials=agency)
            if end is None:
                continue
            tail = rest[end:]
            if tail and tail not in self._places and tail not in self._parent_places(unit):
                continue  # only the plan's place may follow: "Công an tỉnh Bình Sơn"
            if kind is None and not authority and not agency and len(core) == 1:
                continue  # a one-word name without kind or authority is too weak ("Nam")
            found.append(unit)
        return found

    def _parent_places(self, unit: Unit) -> tuple[tuple[str, ...], ...]:
        """The place of the unit above, which may follow an agency's name as it does the
        plan's place: "Công an huyện Đắk Hà" under huyện Đắk Hà of a provincial plan."""
        above = self.plan.unit_by_id.get(unit.parent) if unit.parent else None
        if above is None or not above.is_local_government:
            return ()
        return (tokens(above.name), tokens(above.in_prose))

    def by_name(self, text: str, sender: Unit | None = None) -> Unit | None:
        """A plan unit named by `text` (a row label, a letterhead fragment), or None.

        None also when the name is shared by several units (two "Phường 1" in two
        districts) and the sender does not decide between them, or when a fuzzy match
        would change a number ("Phường 10" is never "Phường 1").
        """
        words = tokens(text)
        if not words:
            return None
        for attempt in dict.fromkeys((words, without_numbering(words))):
            joined = " ".join(attempt)
            exact = (None if joined.isdigit() else self._exact.get(joined)) or self.phrase(attempt)
            if exact:
                return self._one(exact, sender)
        words = without_numbering(words)
        squeezed = self._squeezed_match(words)
        if squeezed:
            return self._one(squeezed, sender)
        unit = self._fuzzy(" ".join(words))
        if unit is not None:
            self._guessed[text] = unit
        return unit

    def guess_note(self, text: str) -> list[str]:
        """Why a unit named by `text` needs review: it was matched by resemblance only."""
        unit = self._guessed.get(text)
        if unit is None:
            return []
        return [f"«{text.strip()}» chỉ gần giống tên {unit.full_name}; cần xác nhận đơn vị"]

    @cached_property
    def _squeezed(self) -> dict[str, list[Unit]]:
        out: dict[str, list[Unit]] = {}
        for unit, name in self._names:
            key = collapse(name.replace(" ", ""))
            if unit not in out.setdefault(key, []):
                out[key].append(unit)
        return out

    def _squeezed_match(self, words: tuple[str, ...]) -> list[Unit]:
        """A label whose words a PDF split apart ("Xã Tru ng Giã", "Phu ong Ng oc Ha") or
        whose letters OCR doubled ("CSĐTTTP"): the same letters, spaces and repeats aside,
        as a plan name with an optional authority and kind. Never for names with digits,
        where a space separates two numbers and "11" is not "1"."""
        text = collapse("".join(words))
        if any(ch.isdigit() for ch in text) or len(text) < 6:
            return []
        for auth in (collapse("uybannhandan"), "ubnd", ""):
            if not text.startswith(auth):
                continue
            rest = text[len(auth) :]
            for kind in ("phuong", "xa", "thitran", "quan", "huyen", "p", "x", ""):
                if rest.startswith(kind):
                    found = self._squeezed.get(rest[len(kind) :]) or (
                        self._squeezed.get(rest) if kind else None
                    )
                    if found:
                        return found
        return []

    def _one(self, units: list[Unit], sender: Unit | None) -> Unit | None:
        if len(units) > 1 and sender is not None:
            units = [u for u in units if u.parent == sender.id] or units
        return units[0] if len(units) == 1 else None

    def _fuzzy(self, q: str) -> Unit | None:
        q = re.sub(r"^(?:uy ban nhan dan|ubnd)\s+", "", q)
        names = list(self._exact)
        found = process.extract(
            q, names, scorer=fuzz.ratio, limit=3, score_cutoff=UNIT_THRESHOLD - 10
        )
        if not found or found[0][1] < UNIT_THRESHOLD:
            return None
        name, score = found[0][0], found[0][1]
        if re.findall(r"\d+", name) != re.findall(r"\d+", q):
            return None
        units = self._exact[name]
        rivals = [f for f in found[1:] if self._exact[f[0]] != units]
        if rivals and score - rivals[0][1] < UNIT_MARGIN:
            return None  # two units about as close: a person must say which
        return units[0] if len(units) == 1 else None

    def damaged(self, words: tuple[str, ...]) -> Unit | None:
        """The one plan unit whose name holds these words in order with some lost
        ("UBND PHƯỜNG THẮNG" for Thắng Nhất when no other unit has "Thắng"), or None."""
        found: list[Unit] = []
        for start, _ in self._after_authority(words):
            for rest, kind in self._after_kind(words[start:]):
                if kind is None or not rest or all(w.isdigit() for w in rest):
                    continue
                for unit, core, ukind in (c for cs in self._cores.values() for c in cs):
                    if (
                        ukind == kind
                        and len(rest) < len(core)
                        and subsequence(rest, core)
                        and unit not in found
                    ):
                        found.append(unit)
        return found[0] if len(found) == 1 else None

    # ----------------------------------------------------------------------------------
    # file names

    def in_file_name(self, name: str) -> Unit | None:
        f = f" {fold(name.rsplit('.', 1)[0])} "
        found = sorted(
            ((len(n), u) for u, n in self._names if n and f" {n} " in f), key=lambda x: -x[0]
        )
        return found[0][1] if found else None
