"""A PDF page's words grouped into printed lines, as pdfplumber reads them back: the
primitives of the printed-document checks (pdf_layout.py, pdf_tables.py, form_lines.py).
"""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4


@dataclass
class Line:
    """A printed line: its words' box, text and (when the words carry them) fonts."""

    top: float
    x0: float
    x1: float
    text: str
    sizes: set[int]
    bold: bool  # every word bold
    italic: bool  # every word italic


def page_words(page) -> list[dict]:  # type: ignore[no-untyped-def]
    """A page's words with their font name and size."""
    return page.extract_words(extra_attrs=["fontname", "size"])


def lines_of(words: list[dict]) -> list[Line]:
    """Words grouped into printed lines (same top, within 2 pt), top to bottom, each left
    to right."""
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
                sizes={round(w["size"]) for w in r if "size" in w},
                bold=all("Bold" in w.get("fontname", "") for w in r),
                italic=all("Italic" in w.get("fontname", "") for w in r),
            )
        )
    return out


def page_lines(page, words: list[dict] | None = None) -> list[Line]:  # type: ignore[no-untyped-def]
    """The printed lines of `words` (default: all of `page`'s, with their fonts)."""
    return lines_of(page_words(page) if words is None else words)


def line_texts(words: list[dict]) -> list[str]:
    """The text of each printed line of `words`, top to bottom."""
    return [ln.text for ln in lines_of(words)]


def page_line_texts(page) -> list[tuple[float, str]]:  # type: ignore[no-untyped-def]
    """(top, text) of each printed line of a page, top to bottom."""
    return [(ln.top, ln.text) for ln in lines_of(page.extract_words())]
