"""Cell text -> whole number, and how sure we are of it.

Accepted as certain: "01", "0", "1.234" (thousand separators), "-", "—", "Không" (zero),
a number followed by a measure word ("02 vụ"), an integral spreadsheet number. Blank is
missing, not zero. Anything else gives a value only as a suggestion, for review.
For scans, the digits-only re-read of a cell (`Cell.digits`) must agree with the text, or
be read with high confidence; otherwise the value is for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extract.document import Cell
from extract.text import fold

ZERO_WORDS = {"-", "—", "–", "−", "_", "không", "khong", "0"}
MEASURE_WORDS = {"vu", "nguoi", "doi tuong", "ho so", "truong hop", "lan", "diem", "dt", "ng"}
# Thresholds for read (OCR) cells; digital cells have confidence 1.0.
DIGITS_ACCEPT = 0.60  # a re-read alone is trusted from this confidence (tesseract conf 60)
TEXT_ACCEPT = 0.80  # an OCR text cell without a re-read is trusted from this confidence

_INT = re.compile(r"^[+]?\d{1,6}$")
_THOUSANDS = re.compile(r"^\d{1,3}(?:\.\d{3})+$")
_WITH_MEASURE = re.compile(r"^(\d{1,6})\s+([^\d]+)$")
_NUMBERING = re.compile(r"^\(\s*\d{1,2}\s*\)$|^\(\s*[a-zA-Z]\s*\)$")


@dataclass(frozen=True)
class Parsed:
    """A parsed cell: `value` None with `clean` True means blank (missing)."""

    value: int | None
    clean: bool
    confidence: float = 1.0
    why: str | None = None  # Vietnamese, when not clean

    @property
    def blank(self) -> bool:
        return self.value is None and self.clean


BLANK = Parsed(None, True)


def is_numbering(text: str) -> bool:
    """Column-numbering cells such as "(1)", "(2)" under a header."""
    return bool(_NUMBERING.match(text.strip()))


def parse_text(text: str) -> Parsed:
    # a ruling line read as "|" at a cell's edge is not part of its number
    t = text.replace("\u00a0", " ").strip().strip("|").strip()
    if not t:
        return BLANK
    low = t.lower()
    if low in ZERO_WORDS or fold(t) in ("khong", "0"):
        return Parsed(0, True)
    if _INT.match(t):
        return Parsed(int(t), True)
    if _THOUSANDS.match(t):
        return Parsed(int(t.replace(".", "")), True)
    m = _WITH_MEASURE.match(t)
    if m and fold(m.group(2)) in MEASURE_WORDS:
        return Parsed(int(m.group(1)), True)
    digits = re.findall(r"\d+", t)
    guess = int(digits[0]) if len(digits) == 1 and len(digits[0]) <= 6 else None
    return Parsed(guess, False, 0.3, f"ô «{t}» không phải một số rõ ràng")


def parse_number(value: float | int) -> Parsed:
    """A number stored as a number (spreadsheets)."""
    if isinstance(value, bool):
        return Parsed(None, False, 0.0, "ô chứa giá trị đúng/sai, không phải số")
    if float(value).is_integer() and value >= 0:
        return Parsed(int(value), True)
    return Parsed(
        round(value) if value >= 0 else None, False, 0.3, f"ô chứa số {value} không phải số nguyên"
    )


def parse_cell(cell: Cell) -> Parsed:
    """The value of one cell, using the re-read digits of scans to decide certainty."""
    if cell.formula_without_value:
        return Parsed(None, False, 0.0, "ô chứa công thức nhưng không có giá trị đã tính")
    text = parse_text(cell.text)
    if cell.digits is None:
        if text.clean and cell.confidence < TEXT_ACCEPT and not text.blank:
            return Parsed(
                text.value, False, cell.confidence, "chữ số đọc từ ảnh với độ tin cậy thấp"
            )
        return Parsed(text.value, text.clean, min(text.confidence, cell.confidence), text.why)
    reread = parse_text(cell.digits)
    dconf = cell.digits_confidence if cell.digits_confidence is not None else 0.0
    if text.clean and reread.clean and text.value == reread.value:
        return Parsed(text.value, True, max(cell.confidence, dconf))
    if reread.clean and not reread.blank and dconf >= DIGITS_ACCEPT:
        return Parsed(reread.value, True, dconf)
    # For the reviewer, suggest the read that was surer of itself.
    if text.value is not None and (reread.value is None or cell.confidence >= dconf):
        value = text.value
    else:
        value = reread.value
    if text.blank and reread.blank:
        return BLANK
    return Parsed(value, False, min(dconf, cell.confidence), "hai lần đọc ô không khớp nhau")
