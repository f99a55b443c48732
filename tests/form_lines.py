"""Printed lines of a PDF page with their fonts, for the return form's checks."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pdfplumber


@dataclass(frozen=True)
class Expected:
    """What the form of one unit must print, from the test's own grammar (not the code)."""

    issuer_words: str  # the issuing body's name as it must appear (uppercase)
    parent: str | None  # the managing body's line above it, None when there is none
    signing: str  # the first signing line ("TM. ỦY BAN NHÂN DÂN", "THỦ TRƯỞNG ĐƠN VỊ")


@dataclass
class Line:
    top: float
    x0: float
    x1: float
    text: str
    sizes: set[int]
    bold: bool  # every word bold
    italic: bool  # every word italic


def page_lines(page, words: list[dict] | None = None) -> list[Line]:  # type: ignore[no-untyped-def]
    """Printed lines (words within 2 pt of the same top), with their fonts."""
    if words is None:
        words = page.extract_words(extra_attrs=["fontname", "size"])
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - w["top"]) < 2:
            rows[-1].append(w)
        else:
            rows.append([w])
    out = []
    for r in rows:
        r.sort(key=lambda w: w["x0"])
        out.append(
            Line(
                top=r[0]["top"],
                x0=r[0]["x0"],
                x1=r[-1]["x1"],
                text=" ".join(w["text"] for w in r),
                sizes={round(w["size"]) for w in r},
                bold=all("Bold" in w["fontname"] for w in r),
                italic=all("Italic" in w["fontname"] for w in r),
            )
        )
    return out


def page_words(page) -> list[dict]:  # type: ignore[no-untyped-def]
    return page.extract_words(extra_attrs=["fontname", "size"])


def size_ok(line: Line, low: int, high: int) -> bool:
    return bool(line.sizes) and all(low <= s <= high for s in line.sizes)


def first_page_words(pdf: Path) -> list[dict]:
    with pdfplumber.open(pdf) as doc:
        return page_words(doc.pages[0])


__all__ = ["Expected", "Line", "first_page_words", "page_lines", "page_words", "size_ok"]
