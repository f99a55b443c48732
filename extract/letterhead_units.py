"""The sender named by a letterhead's left column, as `UnitFinder` reads it: the lowest
body that names itself, names wrapped over lines, templates, committee lines, and
sender lines OCR damaged (`_misread`, `damaged_labels.DamagedNames`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from chitieu.plan import Plan
from chitieu.plan_parts import Unit
from extract.damaged_labels import DamagedNames, looks_like_body
from extract.letterhead_lines import letterhead_words
from extract.text import fold
from extract.unit_words import (
    AUTHORITIES,
    COMMITTEE,
    is_authority_only,
    is_template,
    starts_body,
    starts_council,
    tokens,
)

SHARED = 50.0  # the score of a name several plan units share


@dataclass(frozen=True)
class UnitHit:
    unit: Unit | None  # None: a unit is named, but it is not in the plan
    named: str  # the words that named it, as printed
    score: float
    damaged: bool = False  # matched from a name with a word lost (OCR): for review
    words: tuple[str, ...] = ()  # folded words of the name
    at: tuple[int, ...] = ()  # indices of the lines (as given) that printed the name


class LetterheadReader:
    """Letterhead reading for `UnitFinder` (which gives `phrase` and `damaged`)."""

    plan: Plan

    def phrase(self, words: tuple[str, ...]) -> list[Unit]:
        raise NotImplementedError

    def damaged(self, words: tuple[str, ...]) -> Unit | None:
        raise NotImplementedError

    def in_letterhead(self, lines: list[str]) -> UnitHit | None:
        """The sender named by a letterhead's left column, top to bottom: the lowest
        body that names itself (a parent line above it is not the sender; a committee
        line below it, "BAN CHỈ ĐẠO 138", is the sender's own). A body the plan does not
        list gives a hit with no unit; a template ("UBND XÃ ……") gives None."""
        kept = [(letterhead_words(ln), ln, n) for n, ln in enumerate(lines)]
        kept = [(w, ln, n) for w, ln, n in kept if w]
        clean = [w for w, _, _ in kept]
        entries: list[UnitHit] = []
        after_last = False  # a line below the last body that names nothing we know
        unread_below = False  # ... and reads like a body's line: "U PHUONG 9"
        i = 0
        while i < len(clean):
            hit, used = self._entry(clean, i)
            after_last = hit is None and not " ".join(clean[i]).startswith(COMMITTEE)
            body_like = (
                looks_like_body(clean[i])
                or self._holds_a_name(clean[i])
                or self._holds_a_piece(clean[i])
            )
            unread_below = (unread_below or body_like) and hit is None
            if hit is not None and hit.named:
                printed = " ".join(ln.strip() for _, ln, _ in kept[i : i + used])
                words = tuple(w for c in clean[i : i + used] for w in c)
                at = tuple(n for _, _, n in kept[i : i + used])
                hit = UnitHit(hit.unit, printed, hit.score, hit.damaged, words, at)
            if hit is not None:
                entries.append(hit)
            i += used
        if not entries:
            return None
        last = entries[-1]
        if last.unit is not None and unread_below and self._has_units_below(last.unit):
            # the district above a sender line OCR left unreadable is not the sender
            return UnitHit(last.unit, last.named, last.score, True, last.words, last.at)
        if last.unit is None and after_last and len(entries) == 1:
            return None  # "UBND TỈNH X" above an unreadable sender line: not the sender
        if last.unit is None and last.named == "":
            return None  # a template
        if last.unit is None and last.score == SHARED:
            above = {h.unit.id for h in entries[:-1] if h.unit is not None}
            shared = [u for u in self.phrase(last.words) if u.parent in above]
            if len(shared) == 1:
                return UnitHit(shared[0], last.named, 100.0, last.damaged, last.words, last.at)
        return last

    def _entry(self, clean: list[tuple[str, ...]], i: int) -> tuple[UnitHit | None, int]:
        """The body named from line i (joined with the lines below when a name is
        wrapped over up to four lines: an agency's long name with its place), and how many
        lines it used."""
        for j in (3, 2, 1, 0):
            if i + j >= len(clean):
                continue
            council = j and any(starts_council(clean[m]) for m in range(i + 1, i + j + 1))
            words = tuple(w for m in range(i, i + j + 1) for w in clean[m])
            units = self.phrase(words)
            if council and not all(self._holds_council(u) for u in units):
                continue  # "UBND …" begins a body of its own, unless a name holds it
            if units:
                unit = units[0] if len(units) == 1 else None
                named = " ".join(words)
                if unit is None:  # a shared name: decided by the line above, or not at all
                    return UnitHit(None, named, SHARED), j + 1
                return UnitHit(unit, named, 100.0), j + 1
        line = clean[i]
        text = " ".join(line)
        if is_template(line):
            return UnitHit(None, "", 0.0), 1
        if text.startswith(COMMITTEE):
            return None, 1
        if starts_body(line) or line[0] in ("phuong", "xa", "quan", "huyen"):
            joined = (
                line + clean[i + 1]
                if i + 1 < len(clean) and not starts_body(clean[i + 1])
                else line
            )
            for words, used in ((joined, 2), (line, 1)):
                if used == 2 and joined is line:
                    continue
                unit = self.damaged(words)
                if unit is not None:
                    return UnitHit(unit, " ".join(words), 60.0, damaged=True), used
            if len(line) >= 2 and not (len(line) <= 4 and is_authority_only(line)):
                return self._misread(line) or UnitHit(None, text, 0.0), 1
        return self._misread(line), 1

    @cached_property
    def _damaged_names(self) -> DamagedNames[Unit]:
        names: dict[str, Unit] = {}
        for u in self.plan.units:
            for auth in ("", "ubnd ", "uy ban nhan dan "):
                names.setdefault(auth + fold(u.full_name), u)
        return DamagedNames(names)

    def _misread(self, line: tuple[str, ...]) -> UnitHit | None:
        """A sender line OCR damaged ("UBN D PHƯỜNG DỊCH VỌNG", "UBND PHƯỚNC MAl DÍCH"):
        the unit clearly nearest by `damaged_labels.DamagedNames`, for review unless
        the body or the signature names it too. Left unread, the district above passed
        for the sender, its records silently wrong."""
        unit = self._damaged_names.find(" ".join(line))
        return UnitHit(unit, " ".join(line), 60.0, damaged=True) if unit is not None else None

    def _holds_a_name(self, words: tuple[str, ...]) -> bool:
        """The line holds a plan unit's own name ("U NGHĨA ĐÔ": authority and kind lost)."""
        for unit in self.plan.units:
            core = tokens(unit.name)
            if not core or (len(core) < 2 and len(core[0]) < 4):
                continue
            n = len(core)
            if any(words[k : k + n] == core for k in range(len(words) - n + 1)):
                return True
        return False

    @cached_property
    def _name_words(self) -> frozenset[str]:
        """The words of the plan's ward and district names (kind aside), digits included."""
        out: set[str] = set()
        for unit in self.plan.units:
            if unit.is_local_government:
                out.update(w for w in tokens(unit.name) if len(w) >= 2 or w.isdigit())
        return frozenset(out - {"phuong", "xa", "quan", "huyen", "thanh", "pho"})

    def _holds_a_piece(self, words: tuple[str, ...]) -> bool:
        """A short line holding a word of a unit's name: what a stamp or a fold left of a
        sender line ("VỌNG HẬU", "THẦY", "11"; a speck glued to its end: "TUMI"). Below the district's line, it says the
        district is the parent, not the sender."""
        names = self._name_words
        return len(words) <= 4 and any(w in names or w[:-1] in names for w in words)

    def _has_units_below(self, unit: Unit) -> bool:
        return any(u.parent == unit.id for u in self.plan.units)

    def _holds_council(self, unit: Unit) -> bool:
        """An agency whose own name holds "Ủy ban nhân dân" ("Văn phòng Hội đồng nhân
        dân và Ủy ban nhân dân"): a letterhead may wrap its name before those words."""
        words = tokens(unit.name)
        council = AUTHORITIES[0]
        spelled = "ubnd" in words or any(
            words[k : k + len(council)] == council for k in range(len(words))
        )
        return spelled and not unit.is_local_government
