"""How a ward's typist types the return, drawn by seed: typeface, size, figures' look.

    .venv/bin/python samples/returns/scan_typefaces.py --seeds 0-7 --out /tmp/fonts/cases

A third grammar beside `scan_conditions.py` and `scan_layouts.py` (whose draws it leaves
alone). Our generator types every return in Times New Roman 12-13 pt with centred,
zero-padded regular figures under "Kết quả thực hiện"; real returns are typed by other
people. One seed → one ward's return letter (the plan of `scan_conditions.py`) typed with:

- a typeface among the fonts `scripts/install-system.sh` installs (Liberation Serif, Sans,
  Sans Narrow; DejaVu Serif, Sans and their condensed cuts), body size 11–14 pt;
- the figures maybe in another face (a table pasted from a spreadsheet, or typed in a
  font without Vietnamese: URW's Nimbus, C059, P052, Bookman, Gothic, the monospaced
  faces), 11–14 pt, bold or regular, left / centred / right aligned in their cells,
  zero-padded ("07") or not ("7");
- figures above a thousand, with a thousands dot ("1.250") or without ("1250");
- the figure column's header worded "Kết quả thực hiện", "Kết quả", "Số liệu" or
  "Thực hiện"; the figure column 2.2–4 cm wide;
- line spacing 1.0–1.5 and cell padding 0–6 pt;

and comes back as a flatbed scan, a fax or a phone photo under the conditions
`scan_conditions.py` draws (from a seed of its own). Odd seeds are the test half (never
tuned on); even seeds the tuning half.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pdfplumber
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import _grammars  # noqa: E402

from chitieu.plan import Plan  # noqa: E402
from chitieu.render.pdf import convert_to_pdf  # noqa: E402

sc = _grammars.load("scan_cases", "scan_conditions.py")
import _return_media as return_media  # noqa: E402  (on the path scan_conditions set)
import _return_pages as return_pages  # noqa: E402

PLAN_PATH = sc.PLAN_PATH  # type: ignore[attr-defined]
CONDITION_SEEDS = 2_000_029  # conditions come from scan_conditions' draws at seed + this
parse_seeds = sc.parse_seeds  # type: ignore[attr-defined]
is_test = sc.is_test  # type: ignore[attr-defined]

# Faces with Vietnamese glyphs (the letter's body); Liberation Sans Narrow has none and
# falls back per glyph, as a typist's narrow face does.
FACES = (
    "Liberation Serif",
    "Liberation Sans",
    "Liberation Sans Narrow",
    "DejaVu Serif",
    "DejaVu Sans",
    "DejaVu Serif Condensed",
    "DejaVu Sans Condensed",
)
# Faces the figures alone may come in (digits only: no Vietnamese needed).
FIGURE_FACES = (
    *FACES,
    "Liberation Mono",
    "DejaVu Sans Mono",
    "Nimbus Roman",
    "Nimbus Sans",
    "Nimbus Sans Narrow",
    "C059",
    "P052",
    "URW Bookman",
    "URW Gothic",
)
HEADERS = ("Kết quả thực hiện", "Kết quả", "Số liệu", "Thực hiện")
ALIGNS = ("left", "center", "right")
BIG = (
    1000,
    1012,
    1250,
    1307,
    1500,
    2034,
    2500,
    3600,
    4718,
    5000,
    7125,
    9870,
    9500,
)  # under 10 000: more is flagged as absurd


@dataclass
class TypefaceCase(sc.Case):  # type: ignore[misc,name-defined]
    """A return letter as one typist typed it, with the conditions it came back under."""

    face: str = "Liberation Serif"
    size: float = 13.0
    figure_face: str = "Liberation Serif"
    figure_size: float = 12.0
    bold: bool = False  # the figures in bold
    align: str = "center"  # the figures in their cells
    pad: bool = True  # "07", not "7"
    thousands: str = ""  # "." → "1.250"; "" → "1250" (only figures >= 1000 show it)
    header: str = "Kết quả thực hiện"
    spacing: float = 1.0  # line spacing of the letter
    padding: float = 2.0  # points above and below a cell's text
    width: float = 3.5  # the figure column, cm

    def tags(self) -> list[str]:
        out = [t for t in super().tags() if not t.startswith("pages=")]
        out.append(f"face={self.face}")
        if self.figure_face != self.face:
            out.append(f"figure-face={self.figure_face}")
        out.append(f"size={int(self.figure_size)}")
        out.append("figures=bold" if self.bold else "figures=regular")
        out.append(f"align={self.align}")
        if any(v >= 1000 for v in self.values.values()):
            out.append("thousands=dot" if self.thousands else "thousands=none")
        if not self.pad:
            out.append("unpadded")
        out.append(f"header={self.header}")
        out.append("spacing>1.2" if self.spacing > 1.2 else "spacing<=1.2")
        if self.pages > 1:
            out.append(f"pages={self.pages}:{self.conditions.get('container')}")
        return out

    def text(self, value: int) -> str:
        """A figure as this typist types it."""
        if value >= 1000:
            s = str(value)
            if self.thousands:
                groups = []
                while len(s) > 3:
                    groups.insert(0, s[-3:])
                    s = s[:-3]
                s = self.thousands.join([s, *groups])
            return s
        return f"{value:02d}" if self.pad else str(value)


def draw_case(plan: Plan, seed: int) -> TypefaceCase:
    """The typist's choices from this seed; medium and conditions from scan_conditions."""
    base = sc.draw_case(plan, seed + CONDITION_SEEDS)  # type: ignore[attr-defined]
    rng = np.random.default_rng(6_361 * seed + 29)
    wards = [u.id for u in plan.reporting_units if u.kind == "phường"]
    unit = wards[int(rng.integers(len(wards)))]
    values = {ind.id: int(rng.choice(sc.FIGURES)) for ind in plan.indicators}  # type: ignore[attr-defined]
    big = rng.random() < 0.35
    if big:  # one to three indicators counted in thousands (people reached, leaflets...)
        ids = list(values)
        for i in rng.choice(len(ids), size=int(rng.integers(1, 4)), replace=False):
            values[ids[int(i)]] = int(rng.choice(BIG))
    rules = base.rules if base.source == "letter" else str(rng.choice(["full", "faint", "across"]))
    case = TypefaceCase(
        seed, unit, values, "letter", rules, False, 1, base.medium, dict(base.conditions)
    )
    case.face = str(rng.choice(FACES))
    case.size = float(rng.choice([11, 12, 13, 14]))
    case.figure_face = case.face if rng.random() < 0.65 else str(rng.choice(FIGURE_FACES))
    case.figure_size = float(rng.choice([11, 12, 13, 14]))
    case.bold = bool(rng.random() < 0.35)
    case.align = str(rng.choice(ALIGNS))
    case.pad = bool(rng.random() < 0.6)
    case.thousands = "." if rng.random() < 0.7 else ""
    case.header = str(rng.choice(HEADERS))
    case.spacing = float(rng.choice([1.0, 1.0, 1.15, 1.3, 1.5]))
    case.padding = float(rng.choice([0, 1, 2, 3, 4, 6]))
    case.width = round(float(rng.uniform(2.2, 4.0)), 1)
    case.conditions["container"] = case.conditions.get(
        "container", "tiff" if rng.random() < 0.5 else "pdf"
    )
    return case


# --- the document ---------------------------------------------------------------------


def _face_everywhere(run: object, face: str) -> None:
    """The face for complex scripts too, so no glyph falls back to another font."""
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:cs"), face)  # type: ignore[attr-defined]


def _run(p: object, text: str, face: str, size: float, bold: bool, italic: bool = False) -> None:
    r = p.add_run(text)  # type: ignore[attr-defined]
    r.bold, r.italic, r.font.size, r.font.name = bold, italic, Pt(size), face
    _face_everywhere(r, face)


def _para(
    doc: object,
    case: TypefaceCase,
    text: str,
    *,
    bold: bool = False,
    size: float = 0.0,
    align: str = "left",
    italic: bool = False,
    after: float = 3,
) -> object:
    p = return_pages.write_paragraph(
        doc,  # type: ignore[arg-type]
        text,
        bold=bold,
        size=size or case.size,
        align=align,
        italic=italic,
        space_after=after,
        face=case.face,
        line_spacing=case.spacing,
    )
    _face_everywhere(p.runs[0], case.face)  # type: ignore[attr-defined]
    return p


def _cell(
    cell: object,
    case: TypefaceCase,
    text: str,
    *,
    bold: bool = False,
    align: str = "center",
    face: str = "",
    size: float = 0.0,
) -> None:
    p = cell.paragraphs[0]  # type: ignore[attr-defined]
    p.alignment = return_pages.ALIGN[align]
    p.paragraph_format.space_after = Pt(case.padding)
    p.paragraph_format.space_before = Pt(case.padding)
    _run(p, text, face or case.face, size or min(case.size, 13), bold)


def typed_docx(plan: Plan, case: TypefaceCase, number: str, path: Path) -> None:
    """The ward's return letter as the case's typist typed it."""
    unit = plan.unit_by_id[case.unit]
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin, sec.bottom_margin = Cm(2), Cm(2)
    sec.left_margin, sec.right_margin = Cm(3), Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = case.face, Pt(case.size)
    head = doc.add_table(rows=2, cols=2)  # the borderless letterhead table
    head.alignment = WD_TABLE_ALIGNMENT.CENTER
    small = min(case.size, 13)
    _cell(head.cell(0, 0), case, "UBND QUẬN CẦU GIẤY", size=small - 1)
    p = head.cell(0, 0).add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, f"UBND PHƯỜNG {unit.name.upper()}", case.face, small - 1, True)
    _cell(head.cell(0, 1), case, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=small - 1)
    p = head.cell(0, 1).add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(p, "Độc lập - Tự do - Hạnh phúc", case.face, small, True)
    _cell(head.cell(1, 0), case, f"Số: {number}", size=small)
    _cell(head.cell(1, 1), case, f"{unit.name}, ngày 30 tháng 6 năm 2021", size=small)
    head.cell(1, 1).paragraphs[0].runs[0].italic = True
    _para(doc, case, "", after=4)
    _para(doc, case, "BÁO CÁO", bold=True, align="center", size=case.size + 1, after=0)
    _para(
        doc,
        case,
        "Kết quả thực hiện chỉ tiêu Tháng hành động phòng, chống ma túy năm 2021",
        bold=True,
        align="center",
        after=8,
    )
    _para(
        doc,
        case,
        f"Thực hiện Kế hoạch số {plan.document.number} ngày 31/5/2021 của Ủy ban nhân dân "
        f"quận Cầu Giấy, Ủy ban nhân dân phường {unit.name} báo cáo kết quả thực hiện các chỉ "
        "tiêu được giao trong Tháng hành động phòng, chống ma túy như sau:",
        align="justify",
    )
    t = doc.add_table(rows=1 + len(plan.indicators), cols=4)
    return_pages.ruled(t)
    widths = (1.1, 15.6 - 1.1 - 2.4 - case.width, 2.4, case.width)
    t.autofit = False
    for col, w in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(int(w * 567)))  # twips: LibreOffice sizes from the grid
    for row in t.rows:
        for c, w in enumerate(widths):
            row.cells[c].width = Cm(w)
    for c, label in enumerate(("TT", "Chỉ tiêu", "Đơn vị tính", case.header)):
        _cell(t.cell(0, c), case, label, bold=True)
    for r, ind in enumerate(plan.indicators, start=1):
        _cell(t.cell(r, 0), case, str(r))
        _cell(t.cell(r, 1), case, ind.name, align="left")
        _cell(t.cell(r, 2), case, ind.measure or "")
        _cell(
            t.cell(r, 3),
            case,
            case.text(case.values[ind.id]),
            bold=case.bold,
            align=case.align,
            face=case.figure_face,
            size=case.figure_size,
        )
    if case.rules != "full":
        sc._borders(t, case.rules)  # type: ignore[attr-defined]
    _para(doc, case, "", after=4)
    _para(doc, case, "Ủy ban nhân dân phường trân trọng báo cáo./.", align="justify", after=8)
    for text, bold in (
        ("TM. ỦY BAN NHÂN DÂN", True),
        ("CHỦ TỊCH", True),
        ("", False),
        ("", False),
        ("", False),
        ("Nguyễn Văn An", True),
    ):
        p = _para(doc, case, text, bold=bold, align="center", after=0)
        p.paragraph_format.left_indent = Cm(9)  # type: ignore[attr-defined]
    doc.save(str(path))


def build_sources(plan: Plan, cases: list[TypefaceCase], work: Path) -> dict[int, Path]:
    """Every case's DOCX → PDF in one LibreOffice call; the page count as printed."""
    docs = []
    for case in cases:
        path = work / f"t{case.seed:05d}.docx"
        # numbered by seed, not by place in the batch: a seed is one case, built with any
        typed_docx(plan, case, f"{50 + case.seed % 50}/BC-UBND", path)
        docs.append(path)
    convert_to_pdf(docs, work, timeout=600)
    out = {c.seed: work / f"t{c.seed:05d}.pdf" for c in cases}
    for case in cases:
        with pdfplumber.open(out[case.seed]) as pdf:
            case.pages = min(len(pdf.pages), 2)
    return out


# --- pixels ---------------------------------------------------------------------------


def render_case(case: TypefaceCase, pdf: Path, work: Path, out_dir: Path) -> Path:
    """The case's file, every page degraded as drawn; returns its path."""
    rng = np.random.default_rng(99_991 * case.seed + 23)
    dpi = int(case.conditions["dpi"])  # type: ignore[arg-type]
    imgs = []
    for i, page in enumerate(return_media.rasterise_all(pdf, dpi, work)[: case.pages]):
        img = sc._page_pixels(pdf, case, page, i == 0, rng)  # type: ignore[attr-defined]
        imgs.append(return_media.as_returned(img, case, rng, first=i == 0))
    return return_media.save_pages(case, imgs, out_dir)


def make_cases(
    seeds: list[int], out_dir: Path, work: Path, plan: Plan | None = None
) -> list[TypefaceCase]:
    """Draw, build and degrade every seed's case into `out_dir` (truth.json beside them)."""
    return sc.write_cases(sys.modules[__name__], seeds, out_dir, work, plan)  # type: ignore[attr-defined]


if __name__ == "__main__":
    raise SystemExit(sc.main(grammar=sys.modules[__name__]))  # type: ignore[attr-defined]
