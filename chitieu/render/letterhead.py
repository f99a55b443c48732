"""The top of page 1 (ND30 ô 1–5): the two-column letterhead, tên loại, trích yếu, Kính gửi.

Left column: cơ quan chủ quản (not bold), cơ quan ban hành (bold) and its rule (40 % of the
name's widest line), then "Số: …". Right column: Quốc hiệu (bold 12 pt), Tiêu ngữ (bold
13 pt) with a rule exactly as long as it, then the italic place-and-date line on the same
row as "Số". A borderless table keeps the two columns side by side.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from docx.table import Table

from chitieu.render import _oxml
from chitieu.render.metrics import text_width_pt, wrapped_lines
from chitieu.render.name_breaks import balanced_lines, two_lines
from chitieu.render.text import Container, body, line, rule, text_rule, tight, width_pt
from chitieu.vnformat import place_date_line

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
LEFT_MM = 68.0
RIGHT_MM = 97.0
CELL_PAD_MM = 1.9  # Word's default left/right cell margin (0,08")
ISSUER_PT = 13
PARENT_PT = 12.5
QUOC_HIEU_PT = 12.5
TIEU_NGU_PT = 13.5
NUMBER_PT = 13
DATE_PT = 14
DATE_MIN_PT = 13  # ND30 ô 4: 13–14 pt
TYPE_PT = 14
TITLE_PT = 14
TITLE_MM = 165.0  # the trích yếu spans the portrait text width
RULE_FRACTION = 0.4  # ND30: 1/3–1/2 of the text above
LINE_HEIGHT = 1.149  # a single-spaced line of Liberation Serif, in units of its size
ASCENT = 0.891  # its baseline below the line's top, likewise
KINH_GUI_MM = 30.0  # where "Kính gửi:" starts when it lists several recipients
TYPE_NAMES = {
    "KH": "KẾ HOẠCH",
    "BC": "BÁO CÁO",
    "TB": "THÔNG BÁO",
    "QĐ": "QUYẾT ĐỊNH",
    "CTr": "CHƯƠNG TRÌNH",
    "HD": "HƯỚNG DẪN",
    "TTr": "TỜ TRÌNH",
    "PA": "PHƯƠNG ÁN",
}


@dataclass(frozen=True)
class Letterhead:
    """What the top of page 1 says. `type_name` None means a công văn (then `vv` is used)."""

    issuer: str
    number: str
    place: str
    date: date | None
    parent: str | None = None
    type_name: str | None = "KẾ HOẠCH"
    title: str = ""
    vv: str | None = None  # công văn: "V/v đôn đốc báo cáo …"
    date_text: str | None = None  # overrides the date line (templates use a placeholder)

    @property
    def date_line(self) -> str:
        if self.date_text is not None:
            return self.date_text
        if self.date is None:
            return f"{self.place}, ngày      tháng      năm"
        return place_date_line(self.place, self.date)


# Where the name of a place starts inside an agency's name ("… THÀNH PHỐ VŨNG TÀU"); "XÃ"
# of "XÃ HỘI" is not a place.
_PLACE = re.compile(
    r"\b(THÀNH PHỐ|TỈNH|QUẬN|HUYỆN|THỊ XÃ|THỊ TRẤN|PHƯỜNG|XÃ(?! HỘI))\s+\S", re.UNICODE
)


def name_lines(name: str, size: float, width_pt: float, *, bold: bool) -> str:
    """An agency's name broken for a letterhead column: between the body and the place.

    "ỦY BAN NHÂN DÂN THÀNH PHỐ VŨNG TÀU" that does not fit becomes "ỦY BAN NHÂN DÂN" /
    "THÀNH PHỐ VŨNG TÀU", never "ỦY BAN NHÂN DÂN THÀNH" / "PHỐ VŨNG TÀU". Parts that are
    still too wide wrap at words. Lines are joined with "\n".
    """
    name = " ".join(name.split())
    if text_width_pt(name, size, bold=bold) <= width_pt:
        return name
    starts = [m.start() for m in _PLACE.finditer(name) if m.start() > 0]
    parts = [name[: starts[-1]].strip(), name[starts[-1] :].strip()] if starts else [name]
    lines: list[str] = []
    for n, part in enumerate(parts):
        # a place too wide wraps as it comes (never right after its kind: lint ND30.05);
        # a body's name at the word that cuts none of its words
        lines.extend(
            wrapped_lines(part, size, width_pt, bold=bold)
            if n
            else two_lines(part, size, width_pt, bold=bold)
        )
    return "\n".join(ln for ln in lines if ln)


def date_fit(text: str, width: float) -> tuple[float, str]:
    """The date line's size and text for a column `width` pt wide: 14 pt on one line, else
    13 pt, else broken after the place's comma ("Bà Rịa - Vũng Tàu," / "ngày 23 tháng 12
    năm 2023"), never between "năm" and the year."""
    for size in (DATE_PT, DATE_MIN_PT):
        if text_width_pt(text, size, italic=True) <= width:
            return size, text
    place, sep, rest = text.partition(", ")
    if sep and "\n" not in text:
        return DATE_MIN_PT, f"{place},\n{rest}"
    return DATE_MIN_PT, text


def _lines_pt(text: str, size: float) -> float:
    return (text.count("\n") + 1) * size * LINE_HEIGHT if text else 0.0


def _aligned_gaps(parent: str, issuer: str, date_pt: float) -> tuple[float, float]:
    """The space above "Số:" and above the date line that puts their baselines level: the
    taller of the two blocks above them (a managing body, an issuer on three lines) gets
    the 6 pt gap, the other the difference too (both blocks end with an equal rule)."""
    left = _lines_pt(parent, PARENT_PT) + _lines_pt(issuer, ISSUER_PT) + ASCENT * NUMBER_PT
    right = (QUOC_HIEU_PT + TIEU_NGU_PT) * LINE_HEIGHT + ASCENT * date_pt
    low = max(left, right)
    return round(6 + low - left, 1), round(6 + low - right, 1)


def number_text(number: str) -> str:
    """Số and ký hiệu as printed: a number the văn thư has yet to give ("/KH-UBND") leaves
    room to write it in by hand ("      /KH-UBND")."""
    number = number.strip()
    return f"      {number}" if number.startswith("/") else number


def _inner_pt(mm: float) -> float:
    return width_pt(mm - 2 * CELL_PAD_MM)


def letterhead_table(container: Container, head: Letterhead) -> Table:
    """The two-column letterhead: issuer block | Quốc hiệu block, then Số | date line."""
    table = container.add_table(rows=1, cols=2)  # type: ignore[attr-defined]
    _oxml.table_borders(table, None)
    _oxml.fixed_widths(table, [Mm(LEFT_MM), Mm(RIGHT_MM)])
    left, right = table.cell(0, 0), table.cell(0, 1)
    left_w, right_w = _inner_pt(LEFT_MM), _inner_pt(RIGHT_MM)

    # cells start with one empty paragraph: fill it with the first line
    def first_line(cell, text: str, size: float, bold: bool) -> None:  # type: ignore[no-untyped-def]
        p = cell.paragraphs[0]
        tight(p)
        for n, part in enumerate(text.split("\n")):
            run = p.add_run()
            if n:
                run.add_break()
            run.add_text(part)
            _oxml.style_run(run, size, bold=bold)

    issuer = name_lines(head.issuer.upper(), ISSUER_PT, left_w, bold=True)
    parent = name_lines(head.parent.upper(), PARENT_PT, left_w, bold=False) if head.parent else ""
    if parent:
        first_line(left, parent, PARENT_PT, False)
        line(left, issuer, ISSUER_PT, bold=True)
    else:
        first_line(left, issuer, ISSUER_PT, True)
    text_rule(left, issuer, ISSUER_PT, left_w, RULE_FRACTION)
    # Số under the issuer (ô 3), the date line under the Tiêu ngữ (ô 4), in one row so
    # that each stays with its block, and on one line with each other (ND30: "same row")
    date_pt, date_text = date_fit(head.date_line, right_w)
    left_gap, right_gap = _aligned_gaps(parent, issuer, date_pt)
    p = line(left, f"Số: {number_text(head.number)}", NUMBER_PT)
    p.paragraph_format.space_before = Pt(left_gap)
    if head.type_name is None and head.vv:
        vv = line(left, head.vv if head.vv.startswith("V/v") else f"V/v {head.vv}", 12)
        vv.paragraph_format.space_before = Pt(6)

    first_line(right, QUOC_HIEU, QUOC_HIEU_PT, True)
    line(right, TIEU_NGU, TIEU_NGU_PT, bold=True)
    rule(right, text_width_pt(TIEU_NGU, TIEU_NGU_PT, bold=True), right_w)
    p = line(right, date_text, date_pt, italic=True)
    p.paragraph_format.space_before = Pt(right_gap)
    for row in table.rows:
        _oxml.cant_split(row)
    return table


def title_block(container: Container, head: Letterhead) -> None:
    """Tên loại (uppercase bold, centred) and trích yếu (bold, in even lines that keep a
    place's name whole: `balanced_lines`) with its rule."""
    if head.type_name is None:
        return
    p = line(container, head.type_name.upper(), TYPE_PT, bold=True)
    p.paragraph_format.space_before = Pt(18)
    _oxml.keep_with_next(p)
    if head.title:
        title = balanced_lines(head.title, TITLE_PT, width_pt(TITLE_MM), bold=True)
        t = line(container, title, TITLE_PT, bold=True)
        _oxml.keep_with_next(t)
        text_rule(container, title, TITLE_PT, width_pt(TITLE_MM), RULE_FRACTION)
    spacer = line(container, "", TITLE_PT)
    spacer.paragraph_format.space_after = Pt(6)


def kinh_gui(container: Container, recipients: Sequence[str]) -> None:
    """ "Kính gửi: X." inline for one recipient; "- …;" lines, the last ending ".", for several."""
    items = [r.strip().lstrip("-").strip().rstrip(";.") for r in recipients if r.strip()]
    if not items:
        return
    if len(items) == 1:
        p = line(container, f"Kính gửi: {items[0]}.", 14)
        p.paragraph_format.space_after = Pt(6)
        return
    label = line(container, "Kính gửi:", 14, align=WD_ALIGN_PARAGRAPH.LEFT)
    label.paragraph_format.left_indent = Mm(KINH_GUI_MM)
    label.paragraph_format.space_before = Pt(6)
    hang = Mm(KINH_GUI_MM) + Pt(text_width_pt("Kính gửi: ", 14))
    for n, item in enumerate(items):
        end = "." if n == len(items) - 1 else ";"
        p = line(container, f"- {item}{end}", 14, align=WD_ALIGN_PARAGRAPH.LEFT)
        p.paragraph_format.left_indent = hang
    body(container, "", indent=False)


__all__ = [
    "QUOC_HIEU",
    "TIEU_NGU",
    "TYPE_NAMES",
    "Letterhead",
    "kinh_gui",
    "letterhead_table",
    "title_block",
]
