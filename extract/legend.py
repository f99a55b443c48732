"""What the symbols of a return's table mean, as its legend says ("Ghi chú: (-) không
phát sinh; (x) không giao chỉ tiêu"). A symbol the legend calls zero is 0; one it calls
"không giao chỉ tiêu" is no figure at all (no record), whatever it would mean alone."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from extract.text import fold


class Meaning(StrEnum):
    zero = "zero"
    not_assigned = "not_assigned"


# Folded phrases, checked in this order (a "không giao chỉ tiêu" also says "không").
_PHRASES: tuple[tuple[str, Meaning], ...] = (
    ("khong giao chi tieu", Meaning.not_assigned),
    ("khong duoc giao", Meaning.not_assigned),
    ("khong giao", Meaning.not_assigned),
    ("khong co chi tieu", Meaning.not_assigned),
    ("khong ap dung", Meaning.not_assigned),
    ("khong thuoc chuc nang", Meaning.not_assigned),
    ("khong thuoc pham vi", Meaning.not_assigned),
    ("khong phat sinh", Meaning.zero),
    ("khong xay ra", Meaning.zero),
    ("khong co so lieu phat sinh", Meaning.zero),
    ("bang 0", Meaning.zero),
    ("bang khong", Meaning.zero),
    ("so 0", Meaning.zero),
    ("la 0", Meaning.zero),
    ("khong co", Meaning.zero),
)
_SYMBOL = r"[-—–−xX*/…]|\.\.\.?"
_ENTRY = re.compile(
    rf"(?:[\"“”'‘’«(\[]\s*({_SYMBOL})\s*[\"“”'‘’»)\]]|(?:^|[\s:;,])({_SYMBOL})(?=\s*(?:[:=]|la\b|là\b|nghĩa là|biểu thị|thể hiện)))"
    r"\s*(?:[:=]|là|nghĩa là|biểu thị|thể hiện|chỉ|được hiểu là)?\s*([^;\n]*)"
)
_ZERO_EQ = re.compile(r"^=?\s*0\b")
_DASHES = {"-", "—", "–", "−"}


@dataclass
class Legend:
    """Symbol -> meaning; dashes are one symbol (a legend's "-" explains a cell's "—")."""

    meanings: dict[str, Meaning] = field(default_factory=dict)

    def meaning(self, text: str) -> Meaning | None:
        t = text.strip()
        if t in _DASHES:
            t = "-"
        return self.meanings.get(t.lower())

    def __bool__(self) -> bool:
        return bool(self.meanings)


def read_legend(texts: list[str]) -> Legend:
    """The symbol meanings stated in `texts` (prose lines and notes under tables)."""
    legend = Legend()
    for text in texts:
        if len(text) > 400:
            continue
        for m in _ENTRY.finditer(text):
            symbol = (m.group(1) or m.group(2)).strip().lower()
            if symbol in _DASHES:
                symbol = "-"
            said = m.group(3)
            meaning = _meaning(said)
            if meaning is not None:
                legend.meanings.setdefault(symbol, meaning)
    return legend


def _meaning(said: str) -> Meaning | None:
    if _ZERO_EQ.match(said.strip()):
        return Meaning.zero
    f = fold(said)
    head = " ".join(f.split()[:8])
    for phrase, meaning in _PHRASES:
        if phrase in head:
            return meaning
    return None
