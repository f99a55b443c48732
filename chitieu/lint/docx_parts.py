"""The parts of a .docx the lint looks at, as plain records: a paragraph with its effective
formatting and where it is, a section's page setup, a table as a grid of texts; and how
each is read off its XML element (`chitieu.lint.docx_view` walks the document).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

from chitieu.lint.effective import EffectiveFormat, RunFormat, find, on_off, to_int


@dataclass(eq=False)  # identity: two empty paragraphs are not the same place
class Para:
    """One paragraph, where it is, its text and effective formatting."""

    number: int  # 1-based, over every paragraph of the document in reading order
    where: str  # "đoạn 12" / "bảng 1, hàng 2, ô 1"
    text: str  # with "\n" for line breaks, NFC
    runs: list[RunFormat]
    align: str | None  # left/center/right/both/...
    first_line: int | None  # twips (negative for hanging)
    left: int
    right: int
    before: int
    after: int
    line: int | None
    line_rule: str | None
    border_top: bool
    border_bottom: bool
    drawing_widths: list[int]  # twips, lines/shapes anchored in this paragraph
    container_width: int | None  # twips available to the paragraph (cell or text area)
    section: int
    cell: tuple[int, int, int] | None  # (table, row, column) numbers, 1-based
    element: Any = field(repr=False)

    @property
    def clean(self) -> str:
        return re.sub(r"\s+", " ", self.text).strip()

    @property
    def text_runs(self) -> list[RunFormat]:
        return [r for r in self.runs if r.text.strip()]

    def sizes(self) -> set[float | None]:
        return {r.size for r in self.text_runs}

    @property
    def bold(self) -> bool:
        runs = self.text_runs
        return bool(runs) and all(r.bold for r in runs)

    @property
    def any_bold(self) -> bool:
        return any(r.bold for r in self.text_runs)

    @property
    def italic(self) -> bool:
        runs = self.text_runs
        return bool(runs) and all(r.italic for r in runs)

    @property
    def any_italic(self) -> bool:
        return any(r.italic for r in self.text_runs)

    @property
    def width(self) -> int | None:
        """Twips between the indents: the length of a border drawn on this paragraph."""
        if self.container_width is None:
            return None
        return self.container_width - self.left - self.right


@dataclass
class SectionSetup:
    number: int
    width: int  # twips
    height: int
    top: int
    bottom: int
    left: int
    right: int
    title_page: bool
    page_start: int | None  # pgNumType/@start
    header_ids: dict[str, str]  # "default"/"first"/"even" -> relationship id
    has_table: bool = False

    @property
    def text_width(self) -> int:
        return self.width - self.left - self.right


@dataclass
class Grid:
    """A table as a grid of texts; merged cells repeat the text of their origin."""

    number: int
    rows: list[list[str]]
    para_index: int  # number of the first paragraph after the table (for "what precedes")
    first_para: int  # number of the first paragraph inside it
    width: int = 0  # twips: the sum of its grid columns (or its stated width)
    section: int = 1  # the section it is in


def section_setup(n: int, s: Any) -> SectionSetup:
    """A section's page setup from its `w:sectPr` (twips)."""
    pg = s.find(qn("w:pgSz"))
    mar = s.find(qn("w:pgMar"))
    num = s.find(qn("w:pgNumType"))

    def g(el: Any, a: str, default: int = 0) -> int:
        v = to_int(el.get(qn(f"w:{a}"))) if el is not None else None
        return default if v is None else v

    headers = {
        h.get(qn("w:type"), "default"): h.get(qn("r:id"))
        for h in s.findall(qn("w:headerReference"))
    }
    return SectionSetup(
        number=n,
        width=g(pg, "w"),
        height=g(pg, "h"),
        top=abs(g(mar, "top")),
        bottom=abs(g(mar, "bottom")),
        left=g(mar, "left"),
        right=g(mar, "right"),
        title_page=bool(on_off(s.find(qn("w:titlePg")))),
        page_start=to_int(num.get(qn("w:start"))) if num is not None else None,
        header_ids=headers,
    )


def cell_margins(tbl: Any, styles: EffectiveFormat) -> int:
    """Left + right cell margins (twips), from the table or its style; Word's default 2×108."""
    total = 0
    for side, alt in (("left", "start"), ("right", "end")):
        value = None
        tblpr = tbl.find(qn("w:tblPr"))
        for src in (tblpr, *styles.table_style_pprs(tblpr)):
            m = find(src, "w:tblCellMar")
            if m is None:
                continue
            el = (
                m.find(qn(f"w:{side}"))
                if m.find(qn(f"w:{side}")) is not None
                else m.find(qn(f"w:{alt}"))
            )
            if el is not None:
                value = to_int(el.get(qn("w:w")))
                break
        total += 108 if value is None else value
    return total


def drawing_widths(p: Any) -> list[int]:
    """Widths (twips) of lines and shapes drawn in a paragraph: DrawingML extents, VML lines."""
    out: list[int] = []
    wp = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
    for ext in p.iter(f"{wp}extent"):
        cx = to_int(ext.get("cx"))
        if cx:
            out.append(round(cx / 635))  # EMU → twips
    v = "{urn:schemas-microsoft-com:vml}"
    for line in p.iter(f"{v}line"):
        a, b = _vml_point(line.get("from")), _vml_point(line.get("to"))
        if a is not None and b is not None:
            out.append(round(abs(b - a) * 20))
    return out


def _vml_point(value: str | None) -> float | None:
    if not value:
        return None
    m = re.match(r"\s*(-?[\d.]+)(pt)?", value)
    return float(m.group(1)) if m else None


__all__ = [
    "Grid",
    "Para",
    "SectionSetup",
    "cell_margins",
    "drawing_widths",
    "section_setup",
]
