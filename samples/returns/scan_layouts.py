"""Page layouts of returns from outside that the scan grammar never draws, by seed.

    .venv/bin/python samples/returns/scan_layouts.py --seeds 0-7 --out /tmp/layouts/cases

A second grammar beside `scan_conditions.py` (whose draws it leaves alone: the same seed
there still gives the same case). One seed → one ward's return letter in one of four
layouts, against a plan of 20 indicators (`layouts/plan.yaml`):

- `split`: the results table runs over a page break; its rows go on on page 2 with the
  header printed again, or without it;
- `wide`: a landscape page, 6–10 columns side by side (target, result, rate, last year's
  figure, the year so far, a comparison, notes), flat or under period group headers; the
  result is not the right-most column;
- `p2`: page 1 is prose only, the table is on page 2;
- `many`: 10–20 indicators in one table (it may run onto a second page by itself).

Each comes back as a flatbed scan, a fax or a phone photo under the conditions
`scan_conditions.py` draws (light, shadows, rules faint or missing, stamps, turns...),
drawn from a seed of their own. Odd seeds are the test half (never tuned on).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pdfplumber
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Cm
from PIL import Image

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

import _grammars  # noqa: E402
import _return_media as return_media  # noqa: E402
import _return_pages as return_pages  # noqa: E402
import _scanning as scanning  # noqa: E402

from chitieu.plan import Plan  # noqa: E402
from chitieu.render.pdf import convert_to_pdf  # noqa: E402

sc = _grammars.load("scan_cases", "scan_conditions.py")

PLAN_PATH = HERE / "layouts" / "plan.yaml"
LAYOUTS = ("split", "wide", "p2", "many")
CONDITION_SEEDS = 1_000_003  # conditions come from scan_conditions' draws at seed + this
parse_seeds = sc.parse_seeds  # type: ignore[attr-defined]
is_test = sc.is_test  # type: ignore[attr-defined]

PROSE = [
    "Ngay sau khi nhận được Kế hoạch, Ủy ban nhân dân phường đã ban hành kế hoạch triển khai, "
    "phân công nhiệm vụ cụ thể cho các ban, ngành, đoàn thể và các tổ dân phố trên địa bàn.",
    "Công tác tuyên truyền được tổ chức thường xuyên trên hệ thống loa truyền thanh của "
    "phường, lồng ghép trong các buổi sinh hoạt của tổ dân phố, chi hội và các đoàn thể.",
    "Lực lượng Công an phường tăng cường nắm tình hình, rà soát, lập danh sách người nghiện, "
    "người sử dụng trái phép chất ma túy, phối hợp với gia đình quản lý, giáo dục, giúp đỡ.",
    "Ban Chỉ đạo phường tổ chức kiểm tra các cơ sở kinh doanh dịch vụ có điều kiện về an ninh "
    "trật tự, kịp thời phát hiện, ngăn chặn các hành vi tàng trữ, sử dụng trái phép chất ma túy.",
    "Mặt trận Tổ quốc và các đoàn thể phường vận động hội viên, đoàn viên và nhân dân tích cực "
    "tham gia phòng, chống ma túy, tố giác tội phạm, xây dựng tổ dân phố không có ma túy.",
    "Trạm Y tế phường phối hợp với Công an phường xác định tình trạng nghiện, tư vấn, hỗ trợ "
    "người nghiện và gia đình lựa chọn hình thức cai nghiện phù hợp.",
    "Nhìn chung, các chỉ tiêu được giao cơ bản hoàn thành; tuy nhiên tình hình tội phạm về "
    "ma túy trên địa bàn còn diễn biến phức tạp, cần tiếp tục tăng cường công tác quản lý.",
]


@dataclass
class LayoutCase(sc.Case):  # type: ignore[misc,name-defined]
    """A return in one of the layouts, with the conditions it came back under."""

    layout: str = "split"
    rows: int = 5
    header_again: bool = False  # split: the header printed again on page 2
    head_rows: int = 1  # page 1's table rows before the break (split)
    columns: tuple[str, ...] = ()  # wide: the figure columns, in order
    grouped: bool = False  # wide: period group headers over the columns
    prose: int = 2  # paragraphs of prose before the table

    def tags(self) -> list[str]:
        out = [t for t in super().tags() if t != "landscape" and not t.startswith("pages=")]
        out.append(f"layout={self.layout}")
        if self.layout == "split":
            out.append("split:header-again" if self.header_again else "split:no-header")
        if self.layout == "wide":
            n = 3 + len(self.columns)
            out.append("cols=6-7" if n < 8 else "cols=8-10")
            out.append("wide:grouped" if self.grouped else "wide:flat")
        out.append("rows=10-20" if self.rows >= 10 else "rows<10")
        if self.pages > 1:
            out.append(f"pages={self.pages}:{self.conditions.get('container')}")
        return out


# The wide table's figure columns besides the result: (header, group header, what).
EXTRA_COLUMNS = (
    ("Chỉ tiêu giao", "target"),
    ("Tỷ lệ (%)", "rate"),
    ("Cùng kỳ năm 2020", "previous"),
    ("So sánh cùng kỳ (+/-)", "compare"),
    ("Lũy kế 6 tháng năm 2021", "cumulative"),
    ("Ghi chú", "note"),
)


def draw_case(plan: Plan, seed: int) -> LayoutCase:
    """The layout from this seed; medium and conditions from scan_conditions' grammar."""
    base = sc.draw_case(plan, seed + CONDITION_SEEDS)  # type: ignore[attr-defined]
    rng = np.random.default_rng(7_919 * seed + 3)
    layout = str(rng.choice(LAYOUTS))
    wards = [u.id for u in plan.reporting_units if u.kind == "phường"]
    unit = wards[int(rng.integers(len(wards)))]
    n = int(rng.integers(10, 21)) if layout == "many" else int(rng.integers(5, 10))
    if layout == "split":
        n = int(rng.integers(7, 15))
    picked = sorted(rng.choice(len(plan.indicators), size=n, replace=False).tolist())
    values = {plan.indicators[i].id: int(rng.choice(sc.FIGURES)) for i in picked}
    case = LayoutCase(
        seed,
        unit,
        values,
        "letter",
        base.rules if base.source == "letter" else str(rng.choice(["full", "faint", "across"])),
        layout == "wide",
        2 if layout in ("split", "p2") else 1,
        base.medium,
        dict(base.conditions),
        layout=layout,
        rows=n,
        prose=int(rng.integers(1, 4)),
    )
    if layout == "split":
        case.header_again = bool(rng.random() < 0.5)
        case.head_rows = int(rng.integers(3, min(n - 2, 8) + 1))
    if layout == "wide":
        k = int(rng.integers(3, 8))  # 6-10 columns with TT, Chỉ tiêu, ĐVT
        extra = [EXTRA_COLUMNS[i] for i in sorted(rng.choice(6, size=k - 1, replace=False))]
        at = int(rng.integers(0, len(extra)))  # the result is never the last column
        cols = [h for h, _ in extra]
        cols.insert(min(at, len(cols) - 1), "Kết quả thực hiện")
        case.columns = tuple(cols)
        case.grouped = bool(rng.random() < 0.4)
    case.conditions["container"] = case.conditions.get(
        "container", "tiff" if rng.random() < 0.5 else "pdf"
    )
    case.conditions["layout_other"] = int(rng.integers(0, 2**31))  # other columns' figures
    return case


# --- the document ---------------------------------------------------------------------


def _other(kind: str, value: int, target: int, rng: np.random.Generator) -> str:
    """A figure of another column, beside the result `value`."""
    if kind == "target":
        return f"{target:02d}"
    if kind == "rate":
        return f"{round(100 * value / target)}" if target else "-"
    if kind == "previous":
        return f"{int(rng.choice(sc.FIGURES)):02d}"
    if kind == "compare":
        d = int(rng.integers(-9, 10))
        return f"+{d}" if d > 0 else str(d) if d else "0"
    if kind == "cumulative":
        return f"{value + int(rng.choice(sc.FIGURES)):02d}"
    return str(rng.choice(["", "", "Vượt chỉ tiêu", "Đạt"]))


def _table(doc: object, case: LayoutCase, plan: Plan, rows: list[str], header: bool) -> object:
    """The results table (or one page's part of it): header rows, then `rows`."""
    unit = plan.unit_by_id[case.unit]
    kinds = dict(EXTRA_COLUMNS)
    figure_cols = list(case.columns) or ["Kết quả thực hiện"]
    heads = ["TT", "Chỉ tiêu", "Đơn vị tính", *figure_cols]
    groups = 2 if header and case.grouped else 1 if header else 0
    t = doc.add_table(rows=groups + len(rows), cols=len(heads))  # type: ignore[attr-defined]
    return_pages.ruled(t)
    usable = 25.7 if case.landscape else 16.5
    fixed = [1.0, 7.0 if case.landscape else 9.0, 2.0]
    rest = (usable - sum(fixed)) / len(figure_cols)
    widths = fixed + [rest] * len(figure_cols)
    t.autofit = False  # type: ignore[attr-defined]
    for col, w in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):  # type: ignore[attr-defined]
        col.set(qn("w:w"), str(int(w * 567)))  # twips: LibreOffice sizes from the grid
    for row in t.rows:
        for c, w in enumerate(widths):
            row.cells[c].width = Cm(w)
    if groups == 2:
        for c in range(3):
            return_pages.write_cell(t.cell(0, c).merge(t.cell(1, c)), heads[c], bold=True)
        period = {
            "previous": "Cùng kỳ năm 2020",
            "cumulative": "Lũy kế 6 tháng năm 2021",
            "note": "Ghi chú",
        }
        spans: list[tuple[str, int, int]] = []
        for c, h in enumerate(figure_cols, start=3):
            g = period.get(kinds.get(h, "result"), "Tháng 6 năm 2021")
            if spans and spans[-1][0] == g:
                spans[-1] = (g, spans[-1][1], c)
            else:
                spans.append((g, c, c))
        for g, a, b in spans:
            if g in ("Cùng kỳ năm 2020", "Lũy kế 6 tháng năm 2021", "Ghi chú") and a == b:
                return_pages.write_cell(t.cell(0, a).merge(t.cell(1, a)), g, bold=True)
                continue
            return_pages.write_cell(
                t.cell(0, a).merge(t.cell(0, b)) if b > a else t.cell(0, a), g, bold=True
            )
            for c in range(a, b + 1):
                sub = figure_cols[c - 3]
                return_pages.write_cell(
                    t.cell(1, c), "Kết quả" if sub == "Kết quả thực hiện" else sub, bold=True
                )
    elif groups == 1:
        for c, h in enumerate(heads):
            return_pages.write_cell(t.cell(0, c), h, bold=True)
    rng = np.random.default_rng(int(case.conditions["layout_other"]) + len(rows))
    names = {ind.id: ind for ind in plan.indicators}
    order = list(case.values)
    for r, ind_id in enumerate(rows, start=groups):
        ind = names[ind_id]
        value = case.values[ind_id]
        target = int(plan.target(unit.id, ind_id, plan.main_period.key) or 0)
        return_pages.write_cell(t.cell(r, 0), str(order.index(ind_id) + 1))
        return_pages.write_cell(t.cell(r, 1), ind.name, align="left")
        return_pages.write_cell(t.cell(r, 2), ind.measure or "")
        for c, h in enumerate(figure_cols, start=3):
            kind = kinds.get(h, "result")
            text = f"{value:02d}" if kind == "result" else _other(kind, value, target, rng)
            return_pages.write_cell(t.cell(r, c), text)
    if case.rules != "full":
        sc._borders(t, case.rules)
    return t


def _page_break(doc: object) -> None:
    p = doc.add_paragraph()  # type: ignore[attr-defined]
    p.add_run().add_break(WD_BREAK.PAGE)


def layout_docx(plan: Plan, case: LayoutCase, number: str, path: Path) -> None:
    """The ward's return letter in the case's layout."""
    unit = plan.unit_by_id[case.unit]
    doc = return_pages.new_doc()
    if case.landscape:
        sec = doc.sections[0]
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = Cm(29.7), Cm(21)
        sec.left_margin, sec.right_margin = Cm(2), Cm(2)
        sec.top_margin, sec.bottom_margin = Cm(1.5), Cm(1.5)
    return_pages.letterhead(
        doc,
        "UBND QUẬN CẦU GIẤY",
        f"UBND PHƯỜNG {unit.name.upper()}",
        number,
        f"{unit.name}, ngày 30 tháng 6 năm 2021",
    )
    return_pages.write_paragraph(doc, "", space_after=4)
    return_pages.write_paragraph(doc, "BÁO CÁO", bold=True, align="center", size=14, space_after=0)
    return_pages.write_paragraph(
        doc,
        "Kết quả thực hiện chỉ tiêu Tháng hành động phòng, chống ma túy năm 2021",
        bold=True,
        align="center",
        space_after=8,
    )
    return_pages.write_paragraph(
        doc,
        f"Thực hiện Kế hoạch số {plan.document.number} ngày 31/5/2021 của Ủy ban nhân dân "
        f"quận Cầu Giấy, Ủy ban nhân dân phường {unit.name} báo cáo kết quả thực hiện các chỉ "
        "tiêu được giao trong Tháng hành động phòng, chống ma túy như sau:",
        align="justify",
    )
    prose = PROSE if case.layout == "p2" else PROSE[: case.prose]
    return_pages.write_paragraph(doc, "I. KẾT QUẢ TRIỂN KHAI", bold=True, space_after=3)
    for text in prose:
        return_pages.write_paragraph(doc, text, align="justify", space_after=4)
    if case.layout == "p2":
        _page_break(doc)
    return_pages.write_paragraph(
        doc, "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", bold=True, space_after=4
    )
    rows = list(case.values)
    if case.layout == "split":
        _table(doc, case, plan, rows[: case.head_rows], header=True)
        _page_break(doc)
        _table(doc, case, plan, rows[case.head_rows :], header=case.header_again)
    else:
        _table(doc, case, plan, rows, header=True)
    return_pages.write_paragraph(doc, "", space_after=4)
    return_pages.write_paragraph(
        doc, "Ủy ban nhân dân phường trân trọng báo cáo./.", align="justify", space_after=8
    )
    return_pages.signature_block(doc, "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An")
    doc.save(str(path))


def build_sources(plan: Plan, cases: list[LayoutCase], work: Path) -> dict[int, Path]:
    """Every case's DOCX → PDF in one LibreOffice call; the page count as printed."""
    docs = []
    for case in cases:
        path = work / f"l{case.seed:05d}.docx"
        layout_docx(plan, case, sc.letter_number(case.seed, 40), path)  # type: ignore[attr-defined]
        docs.append(path)
    convert_to_pdf(docs, work, timeout=600)
    out = {c.seed: work / f"l{c.seed:05d}.pdf" for c in cases}
    for case in cases:
        with pdfplumber.open(out[case.seed]) as pdf:
            case.pages = min(len(pdf.pages), 3)
    return out


# --- pixels ---------------------------------------------------------------------------


def _words(pdf: Path, page: int) -> list[dict]:
    with pdfplumber.open(pdf) as doc:
        return doc.pages[page].extract_words() if page < len(doc.pages) else []


def _page_pixels(
    pdf: Path, case: LayoutCase, page: Image.Image, index: int, rng: np.random.Generator
) -> Image.Image:
    """Signature (on the page that has the signer), stamp maybe over a result, tint."""
    c = case.conditions
    dpi = int(c["dpi"])  # type: ignore[arg-type]
    img = page.convert("RGB")
    words = _words(pdf, index)
    names = [w for w in words if w["text"] == "An"]
    if names:
        w = names[-1]
        img = scanning.degrade(
            img,
            dpi,
            (w["x0"], w["top"], w["x1"], w["bottom"]),
            rng,
            angle=0.0,
            colour=True,
            noise=0.0,
        )
    wanted = {f"{v:02d}" for v in case.values.values()}
    hits = [w for w in words if w["text"] in wanted]
    if c.get("stamp_on_figures") and hits:
        w = hits[int(rng.integers(len(hits)))]
        img = scanning.stamp_over(img, (w["x0"], w["top"], w["x1"], w["bottom"]), dpi, rng)
    if c.get("tint"):
        img = scanning.tint_paper(img, rng)
    return img


def render_case(case: LayoutCase, pdf: Path, work: Path, out_dir: Path) -> Path:
    """The case's file, every page degraded as drawn; returns its path."""
    rng = np.random.default_rng(99_991 * case.seed + 11)
    dpi = int(case.conditions["dpi"])  # type: ignore[arg-type]
    imgs = []
    for i, page in enumerate(return_media.rasterise_all(pdf, dpi, work)[: case.pages]):
        img = _page_pixels(pdf, case, page, i, rng)
        imgs.append(return_media.as_returned(img, case, rng, first=i == 0))
    path = return_media.save_pages(case, imgs, out_dir)
    case.file = path.name
    return path


def make_cases(
    seeds: list[int], out_dir: Path, work: Path, plan: Plan | None = None
) -> list[LayoutCase]:
    """Draw, build and degrade every seed's case into `out_dir` (truth.json beside them)."""
    return sc.write_cases(sys.modules[__name__], seeds, out_dir, work, plan)


if __name__ == "__main__":
    raise SystemExit(sc.main(grammar=sys.modules[__name__]))
