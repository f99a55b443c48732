"""What a return form must print (`Expected`), and its printed lines' fonts: the line
helpers are tests/pdf_layout.py's, shared with the plan's checks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from pdf_layout import Line, page_lines, page_words


@dataclass(frozen=True)
class Expected:
    """What the form of one unit must print, from the test's own grammar (not the code)."""

    issuer_words: str  # the issuing body's name as it must appear (uppercase)
    parent: str | None  # the managing body's line above it, None when there is none
    signing: str  # the first signing line ("TM. ỦY BAN NHÂN DÂN", "GIÁM ĐỐC")
    signing_lines: tuple[str, ...] = ()  # every line of the signing block, when known
    symbol: str | None = None  # the ký hiệu after "BC-" ("UBND", "CAT"), when known


def size_ok(line: Line, low: int, high: int) -> bool:
    return bool(line.sizes) and all(low <= s <= high for s in line.sizes)


def first_page_words(pdf: Path) -> list[dict]:
    with pdfplumber.open(pdf) as doc:
        return page_words(doc.pages[0])


__all__ = ["Expected", "Line", "first_page_words", "page_lines", "page_words", "size_ok"]
