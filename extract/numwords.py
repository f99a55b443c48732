"""Vietnamese numbers written in words ("chín mươi hai" = 92), as returns repeat a figure
in brackets after the digits so that it cannot be altered."""

from __future__ import annotations

from extract.text import fold

# Folded words. "năm" folds like the year word, "mười" like "mươi": both are numbers here.
_DIGITS = {
    "khong": 0,
    "mot": 1,
    "hai": 2,
    "ba": 3,
    "bon": 4,
    "tu": 4,
    "nam": 5,
    "lam": 5,
    "nham": 5,
    "sau": 6,
    "bay": 7,
    "tam": 8,
    "chin": 9,
}
_SCALES = {"nghin": 1000, "ngan": 1000, "trieu": 1_000_000}
_FILLERS = {"linh", "le", "bang", "chu", "so"}


def words_value(text: str) -> int | None:
    """The number `text` spells, or None when any word is not a number word."""
    tokens = [t for t in fold(text).split() if t not in _FILLERS]
    if not tokens:
        return None
    total = section = num = 0
    for tok in tokens:
        if tok in _DIGITS:
            num += _DIGITS[tok]
        elif tok == "muoi":
            num = num * 10 if 0 < num < 10 else num + 10
        elif tok == "tram":
            section += (num or 1) * 100
            num = 0
        elif tok in _SCALES:
            total += ((section + num) or 1) * _SCALES[tok]
            section = num = 0
        else:
            return None
    return total + section + num
