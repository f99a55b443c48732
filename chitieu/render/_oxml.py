"""Raw WordprocessingML helpers that python-docx has no API for.

Everything here edits lxml elements of python-docx objects: fonts on all four `w:rFonts`
attributes, paragraph rules (borders), complex fields (PAGE), table borders and grids,
page-number restarts. The ND30 vocabulary lives one layer up, in `blocks`/`official`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

FONT = "Times New Roman"
_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")


def _child(parent: Any, tag: str, *, first: bool = False) -> Any:
    """The child `tag` of `parent`, created if absent."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        if first:
            parent.insert(0, el)
        else:
            parent.append(el)
    return el


def set_fonts(rpr: Any, name: str = FONT) -> None:
    """Put `name` on ascii, hAnsi, cs and eastAsia (ND30 lint checks all four)."""
    fonts = _child(rpr, "w:rFonts", first=True)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def style_run(
    run: Run,
    size: float,
    *,
    bold: bool = False,
    italic: bool = False,
    font: str = FONT,
) -> Run:
    """Font, size, bold and italic set explicitly on one run (also for complex scripts)."""
    run.font.name = font
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    rpr = run._r.get_or_add_rPr()
    set_fonts(rpr, font)
    szcs = _child(rpr, "w:szCs")
    szcs.set(qn("w:val"), str(round(size * 2)))
    keep_symbols_whole(run)
    return run


# A hyphen inside a document symbol: "884/KH-UBND", "30/2020/NĐ-CP", "QĐ-TTg".
_SYMBOL_HYPHEN = re.compile(r"(?<=[0-9A-ZĐ])-(?=[A-ZĐ])")


def keep_symbols_whole(run: Run) -> None:
    """A document symbol's hyphens as Word's non-breaking hyphen: a line never ends at
    "884/KH-" with "UBND" on the next (readers take it for "-")."""
    for t in list(run._r.findall(qn("w:t"))):
        parts = _SYMBOL_HYPHEN.split(t.text or "")
        if len(parts) < 2:
            continue
        t.text = parts[0]
        t.set(qn("xml:space"), "preserve")
        anchor = t
        for part in parts[1:]:
            hyphen = OxmlElement("w:noBreakHyphen")
            anchor.addnext(hyphen)
            anchor = OxmlElement("w:t")
            anchor.text = part
            anchor.set(qn("xml:space"), "preserve")
            hyphen.addnext(anchor)


def paragraph_border(paragraph: Paragraph, edge: str = "top", size_eighths: int = 6) -> None:
    """A solid line along one edge of a paragraph: how our rules (đường kẻ) are drawn."""
    ppr = paragraph._p.get_or_add_pPr()
    bdr = _child(ppr, "w:pBdr")
    line = _child(bdr, f"w:{edge}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), str(size_eighths))
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), "000000")


def add_field(paragraph: Paragraph, instruction: str, size: float, placeholder: str = "1") -> Run:
    """A complex field (e.g. `PAGE`) made of begin / instrText / separate / result / end runs."""

    def run_with(child: Any) -> Run:
        run = paragraph.add_run()
        style_run(run, size)
        run._r.append(child)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    result = style_run(paragraph.add_run(placeholder), size)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)
    return result


def restart_page_numbers(sect_pr: Any, start: int = 1) -> None:
    """Number this section's pages from `start` (each phụ lục is numbered on its own)."""
    pg = _child(sect_pr, "w:pgNumType")
    pg.set(qn("w:start"), str(start))


def table_borders(table: Table, size_eighths: int | None = 4) -> None:
    """All borders of a table single `size_eighths`/8 pt, or none when None."""
    tbl_pr = table._tbl.tblPr
    old = tbl_pr.find(qn("w:tblBorders"))
    if old is not None:
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in _EDGES:
        el = OxmlElement(f"w:{edge}")
        if size_eighths is None:
            el.set(qn("w:val"), "nil")
        else:
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), str(size_eighths))
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    # schema order: tblStyle, tblpPr, tblOverlap, bidiVisual, tblStyleRowBandSize,
    # tblStyleColBandSize, tblW, jc, tblCellSpacing, tblInd, tblBorders, ...
    anchor = None
    for tag in ("w:tblLayout", "w:tblCellMar", "w:tblLook", "w:shd"):
        anchor = tbl_pr.find(qn(tag))
        if anchor is not None:
            break
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        tbl_pr.append(borders)


def cell_margins(table: Table, top_pt: float, bottom_pt: float) -> None:
    """Room between a ruled table's lines and its text, top and bottom (Word's default is
    none: a capital's stacked diacritics, "Ỷ", would touch the line above)."""
    tbl_pr = table._tbl.tblPr
    mar = _child(tbl_pr, "w:tblCellMar")
    # all four, in schema order; left and right stay Word's default 0,075" (5,4 pt)
    for edge, pt in (("top", top_pt), ("left", 5.4), ("bottom", bottom_pt), ("right", 5.4)):
        el = _child(mar, f"w:{edge}")
        el.set(qn("w:w"), str(round(pt * 20)))
        el.set(qn("w:type"), "dxa")
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:  # schema order: … tblLayout, tblCellMar, tblLook
        look.addprevious(mar)


def fixed_widths(table: Table, widths: Sequence[int | Emu]) -> None:
    """Fixed layout with the given column widths (EMU), on the grid and on every cell."""
    table.autofit = False
    tbl = table._tbl
    grid = tbl.tblGrid
    cols = grid.findall(qn("w:gridCol"))
    for col, w in zip(cols, widths, strict=False):
        col.set(qn("w:w"), str(int(Emu(w).twips)))
    for row in table.rows:
        for idx, cell in enumerate(row.cells):
            if idx < len(widths):
                cell.width = Emu(widths[idx])
    tbl_w = _child(tbl.tblPr, "w:tblW")
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(int(Emu(w).twips) for w in widths)))


def repeat_as_header(rows: Iterable[_Row]) -> None:
    """Repeat these rows at the top of every page the table runs onto."""
    for row in rows:
        tr_pr = row._tr.get_or_add_trPr()
        _child(tr_pr, "w:tblHeader").set(qn("w:val"), "true")


def cant_split(row: _Row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    _child(tr_pr, "w:cantSplit").set(qn("w:val"), "true")


def cell_open_edges(cell: _Cell, edges: Iterable[str] = ("top", "left", "right")) -> None:
    """No border on these edges of a cell (a caption row that reads as a line of text)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = tc_pr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        # schema order: tcW, gridSpan, hMerge, vMerge, tcBorders, shd, ..., vAlign
        before = [tc_pr.find(qn(t)) for t in ("w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge")]
        present = [el for el in before if el is not None]
        if present:
            present[-1].addnext(borders)
        else:
            tc_pr.insert(0, borders)
    for edge in edges:
        _child(borders, f"w:{edge}").set(qn("w:val"), "nil")


def cell_vertical_center(cell: _Cell) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    _child(tc_pr, "w:vAlign").set(qn("w:val"), "center")


def cell_shading(cell: _Cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = _child(tc_pr, "w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)


def keep_with_next(paragraph: Paragraph) -> None:
    paragraph.paragraph_format.keep_with_next = True


__all__ = [
    "FONT",
    "add_field",
    "cant_split",
    "cell_margins",
    "cell_open_edges",
    "cell_shading",
    "cell_vertical_center",
    "fixed_widths",
    "keep_symbols_whole",
    "keep_with_next",
    "paragraph_border",
    "repeat_as_header",
    "restart_page_numbers",
    "set_fonts",
    "style_run",
    "table_borders",
]
