"""Body text of an ND30 document: paragraphs, căn cứ, headings, dashes, notes.

Every paragraph is written with explicit run formatting (Times New Roman, size, bold,
italic), so that a template's styles cannot change what the lint checks. Body layout
(ND30 ô 6): 14 pt, justified, first-line indent 1,27 cm, 6 pt before, 1,2 lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, Protocol

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph

from chitieu.render import _oxml
from chitieu.render.metrics import text_width_pt, widest_line_pt

BODY_PT = 14
FIRST_LINE = Cm(1.27)
SPACE_BEFORE = Pt(6)
LINE_SPACING = 1.2
FOOTNOTE = re.compile(r"\^\[([^\]]+)\]")  # pandoc's inline note: text^[the note]
VN_POINTS = "abcdđeghiklmnopqrstuvxy"  # ND30 điểm order: no f, j, w, z


class Container(Protocol):
    """Anything that takes paragraphs and tables: a Document, a table cell, a docxtpl Subdoc."""

    def add_paragraph(self, text: str = ..., style: Any = ...) -> Paragraph: ...


def tight(p: Paragraph, *, align: WD_ALIGN_PARAGRAPH | None = WD_ALIGN_PARAGRAPH.CENTER) -> None:
    """Single spacing, no gaps: for letterhead, signature and table cells."""
    pf = p.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.first_line_indent = Pt(0)
    if align is not None:
        p.alignment = align


def line(
    container: Container,
    text: str,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = WD_ALIGN_PARAGRAPH.CENTER,
) -> Paragraph:
    """One tight paragraph (letterhead, signature, cells); "\n" is a line break inside it."""
    p = container.add_paragraph()
    tight(p, align=align)
    for n, part in enumerate(text.split("\n") if text else []):
        run = p.add_run()
        if n:
            run.add_break()
        run.add_text(part)
        _oxml.style_run(run, size, bold=bold, italic=italic)
    mark_size(p, size)
    return p


def blank(container: Container, size: float = BODY_PT) -> Paragraph:
    """An empty paragraph (space for a signature)."""
    p = container.add_paragraph()
    tight(p)
    mark_size(p, size)
    return p


def mark_size(p: Paragraph, size: float) -> None:
    """Size and font of the paragraph mark, so empty lines have the intended height."""
    ppr = p._p.get_or_add_pPr()
    rpr = ppr.find(_oxml.qn("w:rPr"))
    if rpr is None:
        from docx.oxml import OxmlElement

        rpr = OxmlElement("w:rPr")
        ppr.append(rpr)
    _oxml.set_fonts(rpr)
    for tag in ("w:sz", "w:szCs"):
        el = rpr.find(_oxml.qn(tag))
        if el is None:
            from docx.oxml import OxmlElement

            el = OxmlElement(tag)
            rpr.append(el)
        el.set(_oxml.qn("w:val"), str(round(size * 2)))


NBSP = "\u00a0"
# a figure and the word after it ("346 buổi", "1.010 lượt"), "năm 2024", "ngày 5/7/2024"
_FIGURE_UNIT = re.compile(r"(?<![\w/])(\d[\d.,]*%?) (?=[^\W\d])")
_WORD_FIGURE = re.compile(r"\b(năm|tháng|ngày|số) (?=\d)")


def figures_kept_whole(text: str) -> str:
    """A generated sentence whose figures keep their unit and their "năm" on their line:
    no line of a justified paragraph ends at "346" with "buổi" opening the next, nor at
    "năm" with the year under it (a non-breaking space between them)."""
    return _WORD_FIGURE.sub(rf"\1{NBSP}", _FIGURE_UNIT.sub(rf"\1{NBSP}", text))


def rule(container: Container, length_pt: float, box_width_pt: float) -> Paragraph:
    """A centred solid line `length_pt` long (an empty paragraph with a top border).

    The line's length is the paragraph's width: `box_width_pt` minus equal left and right
    indents. This is how every ND30 rule of ours is drawn, so the lint can measure it.
    """
    p = container.add_paragraph()
    tight(p)
    side = max(0.0, (box_width_pt - length_pt) / 2)
    pf = p.paragraph_format
    pf.left_indent = Pt(round(side, 1))
    pf.right_indent = Pt(round(side, 1))
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(2)
    pf.space_before = Pt(4)
    _oxml.paragraph_border(p, "top", 6)
    mark_size(p, 2)
    return p


def text_rule(
    container: Container,
    text: str,
    size: float,
    box_width_pt: float,
    fraction: float,
    *,
    bold: bool = True,
) -> Paragraph:
    """A rule about `fraction` of the text above it, within ND30's 1/3–1/2.

    When the text wraps, "the text" may be read as its widest line (what the eye sees) or
    as the whole line unwrapped (what a checker measures): we pick a length inside 1/3–1/2
    of both when one exists, else 1/2 of the widest line.
    """
    widest = widest_line_pt(text, size, box_width_pt, bold=bold)
    full = text_width_pt(text.replace("\n", " "), size, bold=bold)
    lo, hi = max(widest, full) / 3, min(widest, full) / 2
    length = widest * fraction if full <= widest + 0.5 else ((lo + hi) / 2 if lo <= hi else hi)
    return rule(container, length, box_width_pt)


def body(
    container: Container,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float = BODY_PT,
    indent: bool = True,
) -> Paragraph:
    """A body paragraph (ND30 ô 6).

    `**bold**` spans are printed bold; `^[note text]` becomes a footnote at that place.
    """
    from chitieu.render.footnotes import add_footnote

    p = container.add_paragraph()
    pf = p.paragraph_format
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.first_line_indent = FIRST_LINE if indent else Pt(0)
    pf.space_before = SPACE_BEFORE
    pf.space_after = Pt(0)
    pf.line_spacing = LINE_SPACING
    for n, chunk in enumerate(FOOTNOTE.split(text)):
        if n % 2 == 1:
            add_footnote(p, chunk, size)
            continue
        for m, part in enumerate(chunk.split("**")):
            if part:
                _oxml.style_run(p.add_run(part), size, bold=bold or m % 2 == 1, italic=italic)
    mark_size(p, size)
    return p


def heading(container: Container, text: str, level: int = 1) -> Paragraph:
    """`I. MỤC ĐÍCH, YÊU CẦU` (level 1, uppercase bold), `1. …` (2, bold), `a) …` (3)."""
    if level == 1:
        text = text.upper()
    p = body(container, text, bold=level <= 2)
    _oxml.keep_with_next(p)
    return p


def bases(container: Container, items: Sequence[str]) -> list[Paragraph]:
    """Căn cứ: italic, one per line, each ending ";" and the last "."."""
    out = []
    for n, item in enumerate(items):
        item = item.strip().rstrip(";.,")
        if not item.lower().startswith("căn cứ"):
            item = "Căn cứ " + item[:1].lower() + item[1:]
        end = "." if n == len(items) - 1 else ";"
        out.append(body(container, item + end, italic=True))
    return out


def roman(n: int) -> str:
    """1 → I, 4 → IV, 12 → XII."""
    vals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for v, s in vals:
        while n >= v:
            out += s
            n -= v
    return out


def point_label(n: int) -> str:
    """0 → "a)", 4 → "đ)": Vietnamese điểm order."""
    return f"{VN_POINTS[n % len(VN_POINTS)]})"


def width_pt(mm: float) -> float:
    return float(Mm(mm).pt)


__all__ = [
    "BODY_PT",
    "Container",
    "bases",
    "blank",
    "body",
    "figures_kept_whole",
    "heading",
    "line",
    "point_label",
    "roman",
    "rule",
    "text_rule",
    "tight",
    "width_pt",
]
