"""Which unit a document or a table row speaks for.

Sources, strongest first: the ids of our own forms (hidden sheet, QR), the letterhead
("UBND PHƯỜNG QUAN HOA", "P. Trung Hòa"), a row label in a multi-unit table. The file
name is a weak hint only: a unit found there alone is for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process

from chitieu.plan import Plan, Unit
from extract.text import fold

UNIT_THRESHOLD = 90.0
UNIT_MARGIN = 5.0
# Words that introduce an administrative unit in a letterhead, folded.
_KIND = r"(?:phuong|xa|thi tran|quan|huyen|thi xa|p|x|q)"
_NAMED = re.compile(rf"(?:^|\s){_KIND}\s+([a-z0-9 ]+)$")
_NOT_LETTERHEAD = ("cong hoa", "doc lap", "kinh gui", "can cu", "noi nhan")
_ADMIN_PREFIX = re.compile(
    r"^(?:uy ban nhan dan|ubnd|cong an|ban chi dao|bcd|dang uy|hoi dong nhan dan)\s+"
)


@dataclass(frozen=True)
class UnitHit:
    unit: Unit | None  # None: a unit is named, but it is not in the plan
    named: str  # the words that named it, as printed
    score: float


def _digits(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def _upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


class UnitFinder:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan

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

    def by_name(self, text: str, sender: Unit | None = None) -> Unit | None:
        """A plan unit named by `text` (a row label, a letterhead fragment), or None.

        None also when the name is shared by several units (two "Phường 1" in two
        districts) and the sender does not decide between them, or when a fuzzy match
        would change a number ("Phường 10" is never "Phường 1").
        """
        q = _ADMIN_PREFIX.sub("", fold(text))
        if not q:
            return None
        exact = self._exact.get(q)
        if exact:
            if len(exact) > 1 and sender is not None:
                exact = [u for u in exact if u.parent == sender.id] or exact
            return exact[0] if len(exact) == 1 else None
        names = list(self._exact)
        found = process.extract(
            q, names, scorer=fuzz.ratio, limit=3, score_cutoff=UNIT_THRESHOLD - 10
        )
        if not found or found[0][1] < UNIT_THRESHOLD:
            return None
        name, score = found[0][0], found[0][1]
        if _digits(name) != _digits(q):
            return None
        units = self._exact[name]
        rivals = [f for f in found[1:] if self._exact[f[0]] != units]
        if rivals and score - rivals[0][1] < UNIT_MARGIN:
            return None  # two units about as close: a person must say which
        return units[0] if len(units) == 1 else None

    def in_letterhead(self, lines: list[str]) -> UnitHit | None:
        """The most specific unit named in the letterhead lines (a phường under its quận)."""
        hits: list[UnitHit] = []
        for i, line in enumerate(lines):
            hit = self._line_hit(line)
            if hit is not None and hit.unit is None and i + 1 < len(lines):
                # a name wrapped onto the next line: "ỦY BAN NHÂN DÂN QUẬN CẦU" / "GIẤY"
                joined = self._line_hit(f"{line} {lines[i + 1]}")
                if joined is not None and joined.unit is not None:
                    hit = joined
            if hit is not None:
                hits.append(hit)
        known = [h for h in hits if h.unit is not None]
        unknown = [h for h in hits if h.unit is None]
        parents_in_plan = {u.parent for u in self.plan.units if u.parent}
        if unknown and all(h.unit is not None and h.unit.id in parents_in_plan for h in known):
            return unknown[0]  # "UBND QUẬN CẦU GIẤY / UBND PHƯỜNG LÁNG THƯỢNG": the ward is unknown
        if known:
            parents = {h.unit.parent for h in known if h.unit is not None}
            deepest = [h for h in known if h.unit is not None and h.unit.id not in parents]
            return (deepest or known)[0]
        return hits[0] if hits else None

    def _line_hit(self, line: str) -> UnitHit | None:
        f = fold(line)
        if not f or any(w in f for w in _NOT_LETTERHEAD):
            return None
        body = _ADMIN_PREFIX.sub("", f)
        # Only lines printed as a letterhead is (upper case, or after "UBND"/"Công an",
        # or "Phường X"/"P. X"): "Quan Hoa" alone is a table cell, not the sender.
        if not (body != f or _upper(line) or f.startswith(("phuong ", "p ", "xa ", "thi tran "))):
            return None
        unit = self.by_name(body)
        if unit is not None:
            return UnitHit(unit, line.strip(), 100.0)
        m = _NAMED.search(body)
        if m and len(body.split()) <= 8:
            unit = self.by_name(m.group(1))
            return UnitHit(unit, line.strip(), 100.0 if unit else 0.0)
        return None

    def in_file_name(self, name: str) -> Unit | None:
        f = f" {fold(name.rsplit('.', 1)[0])} "
        found = sorted(
            ((len(n), u) for u, n in self._names if n and f" {n} " in f), key=lambda x: -x[0]
        )
        return found[0][1] if found else None
