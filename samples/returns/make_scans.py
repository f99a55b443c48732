"""Deterministic generator of scanned and photographed returns, with their ground truth.

    .venv/bin/python samples/returns/make_scans.py [--out samples/returns]

Source pages are DOCX (python-docx) → PDF in ONE soffice call with its own profile →
`pdftoppm -gray` at 150/200/300 dpi → degraded with a seeded RNG: rotation 1–2°, a red
round stamp over the signature, a pen signature, noise, JPEG; photos add a perspective
warp on a dark table, uneven light and blur. Writes `scan/`, `photo/` and
`truth_scans.json` (file → unit, records, problems).
"""

from __future__ import annotations

import argparse
import io
import json
import math
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import img2pdf
import numpy as np
import pdfplumber
import qrcode
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from PIL import Image, ImageDraw, ImageFont, ImageOps

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from chitieu.form_ids import qr_payload  # noqa: E402
from chitieu.plan import Plan, load_plan  # noqa: E402
from chitieu.render.pdf import convert_to_pdf  # noqa: E402

PLAN_PATH = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
SEED = 20210630
FONT = "Times New Roman"
SERIF = "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf"
HAND = "/usr/share/fonts/opentype/urw-base35/Z003-MediumItalic.otf"  # a pen-like italic


@dataclass
class Source:
    """One DOCX page to make, and the truth it carries."""

    name: str
    unit: str | None  # the document's own unit (a ward's return), None for the annex
    records: list[dict[str, object]]
    signer_name: str
    qr: str | None = None
    variants: list[dict[str, object]] = field(default_factory=list)
    form: bool = False  # the drafting engineer's real return form (chitieu.render), filled in
    handwritten: bool = False  # the form's results written by hand, in blue ink


def _para(
    doc: Document,
    text: str,
    *,
    bold: bool = False,
    size: float = 13,
    align: str = "left",
    italic: bool = False,
    space_after: float = 3,
) -> None:
    p = doc.add_paragraph()
    p.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]
    p.paragraph_format.space_after = Pt(space_after)
    p.paragraph_format.space_before = Pt(0)
    run = p.add_run(text)
    run.bold, run.italic, run.font.size, run.font.name = bold, italic, Pt(size), FONT


def _cell(
    cell: object, text: str, *, bold: bool = False, size: float = 12, align: str = "center"
) -> None:
    p = cell.paragraphs[0]  # type: ignore[attr-defined]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.LEFT
    p.paragraph_format.space_after = Pt(2)
    p.paragraph_format.space_before = Pt(2)
    run = p.add_run(text)
    run.bold, run.font.size, run.font.name = bold, Pt(size), FONT


def _new_doc() -> Document:
    doc = Document()
    sec = doc.sections[0]
    sec.orientation = WD_ORIENT.PORTRAIT
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.top_margin, sec.bottom_margin = Cm(2), Cm(2)
    sec.left_margin, sec.right_margin = Cm(3), Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(13)
    return doc


def _letterhead(doc: Document, upper: str, issuer: str, number: str, place_date: str) -> None:
    t = doc.add_table(rows=2, cols=2)  # borderless layout table, as officials type it
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    _cell(t.cell(0, 0), upper, size=12)
    _cell(t.cell(0, 0), "", size=4)
    t.cell(0, 0).paragraphs[0].runs[0].text = upper
    p = t.cell(0, 0).add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run(issuer)
    r.bold, r.font.size, r.font.name = True, Pt(12), FONT
    _cell(t.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12)
    p = t.cell(0, 1).add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = p.add_run("Độc lập - Tự do - Hạnh phúc")
    r.bold, r.font.size, r.font.name = True, Pt(13), FONT
    _cell(t.cell(1, 0), f"Số: {number}", size=13)
    _cell(t.cell(1, 1), place_date, size=13)
    t.cell(1, 1).paragraphs[0].runs[0].italic = True


def _signature_block(doc: Document, authority: str, title: str, name: str) -> None:
    for text, bold in (
        (authority, True),
        (title, True),
        ("", False),
        ("", False),
        ("", False),
        (name, True),
    ):
        p = doc.add_paragraph()
        p.paragraph_format.left_indent = Cm(9)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        r = p.add_run(text)
        r.bold, r.font.size, r.font.name = bold, Pt(13), FONT


def _ruled(table: object) -> None:
    table.style = "Table Grid"  # type: ignore[attr-defined]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER  # type: ignore[attr-defined]


def annex_docx(plan: Plan, path: Path) -> None:
    """Seed 000's annex: two header rows, 9 units, Tổng cộng."""
    doc = _new_doc()
    sec = doc.sections[0]
    sec.left_margin, sec.right_margin = Cm(2), Cm(1.5)
    _para(doc, plan.annex.title, bold=True, align="center", size=13)
    _para(
        doc,
        f"(Kèm theo kế hoạch số {plan.document.number} ngày 31/5/2021 của UBND quận)",
        italic=True,
        align="center",
        space_after=10,
    )
    inds = plan.indicators
    t = doc.add_table(rows=2 + 9 + 1, cols=2 + len(inds))
    _ruled(t)
    widths = [Cm(1.1), Cm(4.4)] + [Cm(2.6)] * len(inds)
    for row in t.rows:
        for c, w in enumerate(widths):
            row.cells[c].width = w
    for c, label in ((0, "TT"), (1, "Đơn vị")):
        merged = t.cell(0, c).merge(t.cell(1, c))
        _cell(merged, label, bold=True)
    _cell(t.cell(0, 2), inds[0].name, bold=True)
    _cell(t.cell(1, 2), "Tổng số", bold=True)
    for i, ind in enumerate(inds[1:3], start=3):
        _cell(t.cell(0, i).merge(t.cell(1, i)), ind.name, bold=True)
    group = t.cell(0, 5).merge(t.cell(0, 6))
    _cell(group, inds[3].group or "", bold=True)
    _cell(t.cell(1, 5), inds[3].name, bold=True)
    _cell(t.cell(1, 6), inds[4].name, bold=True)
    units = plan.reporting_units
    for r, unit in enumerate(units, start=2):
        _cell(t.cell(r, 0), str(r - 1))
        _cell(t.cell(r, 1), unit.name, align="left")
        for c, ind in enumerate(inds, start=2):
            value = plan.target(unit.id, ind.id, plan.main_period.key)
            _cell(t.cell(r, c), "" if value is None else f"{int(value):02d}" if value else "0")
    last = 2 + len(units)
    _cell(t.cell(last, 0).merge(t.cell(last, 1)), "Tổng cộng", bold=True)
    for c, ind in enumerate(inds, start=2):
        _cell(
            t.cell(last, c),
            f"{int(plan.total_target(ind.id, plan.main_period.key)):02d}",
            bold=True,
        )
    _para(doc, "", space_after=6)
    for note in plan.annex.notes:
        _para(doc, f"- {note}", italic=True, size=12, align="justify")
    _signature_block(
        doc, "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH", plan.document.signer.name
    )
    doc.save(str(path))


def return_docx(
    plan: Plan,
    unit_id: str,
    values: dict[str, int],
    number: str,
    signer: str,
    path: Path,
    qr_png: Path | None,
) -> None:
    """A ward's return letter: letterhead, title, prose, results table, signature."""
    unit = plan.unit_by_id[unit_id]
    doc = _new_doc()
    _letterhead(
        doc,
        "UBND QUẬN CẦU GIẤY",
        f"UBND PHƯỜNG {unit.name.upper()}",
        number,
        f"{unit.name}, ngày 30 tháng 6 năm 2021",
    )
    if qr_png is not None:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.add_run().add_picture(str(qr_png), width=Cm(2.8))
    _para(doc, "", space_after=4)
    _para(doc, "BÁO CÁO", bold=True, align="center", size=14, space_after=0)
    _para(
        doc,
        "Kết quả thực hiện chỉ tiêu Tháng hành động phòng, chống ma túy năm 2021",
        bold=True,
        align="center",
        space_after=8,
    )
    _para(
        doc,
        f"Thực hiện Kế hoạch số {plan.document.number} ngày 31/5/2021 của Ủy ban nhân dân "
        f"quận Cầu Giấy, Ủy ban nhân dân phường {unit.name} báo cáo kết quả thực hiện các chỉ "
        "tiêu được giao trong Tháng hành động phòng, chống ma túy như sau:",
        align="justify",
    )
    t = doc.add_table(rows=1 + len(plan.indicators), cols=4)
    _ruled(t)
    for row in t.rows:
        for c, w in enumerate((Cm(1.1), Cm(9.0), Cm(2.4), Cm(3.5))):
            row.cells[c].width = w
    for c, label in enumerate(("TT", "Chỉ tiêu", "Đơn vị tính", "Kết quả thực hiện")):
        _cell(t.cell(0, c), label, bold=True)
    for r, ind in enumerate(plan.indicators, start=1):
        _cell(t.cell(r, 0), str(r))
        _cell(t.cell(r, 1), ind.name, align="left")
        _cell(t.cell(r, 2), ind.measure or "")
        _cell(t.cell(r, 3), f"{values[ind.id]:02d}")
    _para(doc, "", space_after=4)
    _para(doc, "Ủy ban nhân dân phường trân trọng báo cáo./.", align="justify", space_after=8)
    _signature_block(doc, "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", signer)
    doc.save(str(path))


def form_docx(
    plan: Plan, unit_id: str, values: dict[str, int] | None, path: Path, work: Path
) -> None:
    """Our own return form as `chitieu draft` writes it, with the ward's results typed in."""
    from docx import Document as open_docx

    from chitieu.render.return_form import ReturnForm

    form = ReturnForm(plan, plan.unit_by_id[unit_id], plan.main_period)
    form.write_docx(path, work / f"{path.stem}-qr.png")
    if values is None:  # to be written by hand on the printed page
        return
    doc = open_docx(str(path))
    names = {ind.name: ind.id for ind in plan.indicators}
    for table in doc.tables:
        header = [c.text.strip() for c in table.rows[0].cells]
        if "Kết quả thực hiện" not in header:
            continue
        col = header.index("Kết quả thực hiện")
        for row in table.rows[1:]:
            ind = names.get(row.cells[1].text.strip())
            if ind is not None:
                _cell(row.cells[col], f"{values[ind]:02d}" if values[ind] else "0")
    doc.save(str(path))


def write_by_hand(
    page: Image.Image,
    pdf: Path,
    dpi: int,
    plan: Plan,
    values: dict[str, int],
    rng: np.random.Generator,
) -> Image.Image:
    """The results written into the form's empty cells with a pen (Z003 italic, jittered)."""
    with pdfplumber.open(pdf) as doc:
        tables = doc.pages[0].find_tables()
        flat = [[[" ".join((c or "").split()) for c in r] for r in t.extract()] for t in tables]
        i = next(i for i, rows in enumerate(flat) if "Kết quả thực hiện" in rows[0])
        table, rows = tables[i], flat[i]
        col = rows[0].index("Kết quả thực hiện")
        boxes = [r.cells[col] for r in table.rows]
    names = {ind.name: ind.id for ind in plan.indicators}
    font = ImageFont.truetype(HAND, int(dpi * 0.2))
    img = page.convert("RGB")
    k = dpi / 72.0
    for row, box in zip(rows[1:], boxes[1:], strict=True):
        ind = names.get(row[1])
        if ind is None or box is None:
            continue
        text = f"{values[ind]:02d}" if values[ind] else "0"
        x = (box[0] + box[2]) / 2 * k - len(text) * dpi * 0.05 + rng.uniform(-4, 4)
        y = (box[1] + box[3]) / 2 * k - dpi * 0.1 + rng.uniform(-3, 3)
        for ch in text:
            layer = Image.new("L", (int(dpi * 0.3), int(dpi * 0.3)), 0)
            ImageDraw.Draw(layer).text((4, 0), ch, fill=255, font=font)
            layer = layer.rotate(float(rng.uniform(-10, 10)), resample=Image.BICUBIC)
            ink = Image.new("RGB", layer.size, (25, 45, 150))
            img.paste(ink, (int(x), int(y + rng.uniform(-2, 2))), layer)
            x += dpi * (0.1 + rng.uniform(-0.01, 0.015))
    return img


def rasterise(pdf: Path, dpi: int, work: Path) -> Image.Image:
    stem = work / f"{pdf.stem}-{dpi}"
    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-png", "-f", "1", "-l", "1", str(pdf), str(stem)],
        check=True,
        timeout=120,
    )
    found = sorted(work.glob(f"{stem.name}*.png"))
    return Image.open(found[0]).convert("L")


def signer_box(pdf: Path, name: str) -> tuple[float, float, float, float]:
    """Where the signer's name is printed (points), so stamp and signature go above it."""
    with pdfplumber.open(pdf) as doc:
        words = doc.pages[0].extract_words()
    last = name.split()[-1]
    hits = [w for w in words if w["text"] == last]
    w = hits[-1]
    return (w["x0"], w["top"], w["x1"], w["bottom"])


def _stamp(
    img: Image.Image, center: tuple[int, int], dpi: int, rng: np.random.Generator
) -> Image.Image:
    """A red round seal (3.6 cm), multiplied onto the page like ink."""
    r = int(1.8 / 2.54 * dpi)
    size = 2 * r + 8
    layer = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(layer)
    w = max(2, dpi // 60)
    d.ellipse((4, 4, size - 4, size - 4), outline=255, width=w)
    d.ellipse(
        (4 + r // 5, 4 + r // 5, size - 4 - r // 5, size - 4 - r // 5),
        outline=255,
        width=max(1, w // 2),
    )
    font = ImageFont.truetype(SERIF, max(10, dpi // 9))
    text = "ỦY BAN NHÂN DÂN"
    for i, ch in enumerate(text):
        a = math.pi * (1.15 + 0.7 * i / (len(text) - 1))
        x = size / 2 + (r * 0.85) * math.cos(a)
        y = size / 2 + (r * 0.85) * math.sin(a)
        d.text((x, y), ch, fill=255, font=font, anchor="mm")
    d.regular_polygon((size / 2, size / 2, r // 4), 5, fill=255)
    layer = layer.rotate(float(rng.uniform(-25, 25)), resample=Image.BICUBIC)
    alpha = np.asarray(layer, dtype=np.float32) / 255.0 * float(rng.uniform(0.75, 0.9))
    rgb = np.asarray(img.convert("RGB"), dtype=np.float32)
    x0, y0 = center[0] - size // 2, center[1] - size // 2
    region = rgb[y0 : y0 + size, x0 : x0 + size]
    red = np.array([205, 35, 45], dtype=np.float32)
    a = alpha[: region.shape[0], : region.shape[1], None]
    region[:] = region * (1 - a) + np.minimum(region, red) * a
    return Image.fromarray(rgb.astype(np.uint8))


def _signature(
    img: Image.Image, box: tuple[int, int, int, int], rng: np.random.Generator
) -> Image.Image:
    """A quick pen flourish in blue-black ink."""
    draw = ImageDraw.Draw(img)
    x0, y0, x1, y1 = box
    t = np.linspace(0, 1, 120)
    xs = x0 + (x1 - x0) * t
    ys = (y0 + y1) / 2 + (y1 - y0) * 0.35 * np.sin(2 * np.pi * (2.5 + rng.uniform(0, 1)) * t) * (
        1 - 0.5 * t
    )
    pts = list(zip(xs.tolist(), ys.tolist(), strict=True))
    draw.line(pts, fill=(25, 30, 110) if img.mode == "RGB" else 40, width=max(2, (x1 - x0) // 120))
    return img


def degrade(
    page: Image.Image,
    dpi: int,
    sign_pt: tuple[float, float, float, float],
    rng: np.random.Generator,
    *,
    angle: float,
    colour: bool,
    noise: float = 6.0,
    below: bool = False,
) -> Image.Image:
    """Signed, stamped, skewed, noisy: a page as it comes back from a ward's scanner.

    `sign_pt` is the signer's printed name (signature above it), or with `below` the
    signing title (signature in the blank space under it).
    """
    k = dpi / 72.0
    img = page.convert("RGB")
    nx0, ny0, nx1, ny1 = (int(v * k) for v in sign_pt)
    if below:
        ny0 = ny1 + int(2.2 * dpi / 2.54)
    cx = (nx0 + nx1) // 2
    img = _signature(
        img,
        (
            cx - int(1.3 * dpi / 2.54),
            ny0 - int(1.9 * dpi / 2.54),
            cx + int(1.5 * dpi / 2.54),
            ny0 - int(0.3 * dpi / 2.54),
        ),
        rng,
    )
    img = _stamp(img, (cx - int(1.6 * dpi / 2.54), ny0 - int(1.5 * dpi / 2.54)), dpi, rng)
    img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=(255, 255, 255))
    arr = np.asarray(img, dtype=np.float32)
    arr = arr + rng.normal(0, noise, arr.shape[:2])[:, :, None]
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    return out if colour else out.convert("L")


def photograph(page: Image.Image, rng: np.random.Generator) -> Image.Image:
    """A phone photo of the page lying on a dark desk: perspective, light gradient, blur."""
    src = np.asarray(page.convert("RGB"))
    h, w = src.shape[:2]
    out_w, out_h = int(w * 1.25), int(h * 1.2)
    jitter = lambda s: float(rng.uniform(0.02, 0.07)) * s  # noqa: E731
    dst = np.float32(
        [
            [out_w * 0.08 + jitter(w), out_h * 0.06 + jitter(h) * 0.5],
            [out_w * 0.92 - jitter(w), out_h * 0.05 + jitter(h) * 0.3],
            [out_w * 0.95 - jitter(w) * 0.3, out_h * 0.95 - jitter(h) * 0.3],
            [out_w * 0.05 + jitter(w) * 0.3, out_h * 0.94 - jitter(h) * 0.5],
        ]
    )
    m = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]), dst)
    desk = np.full((out_h, out_w, 3), (62, 52, 45), dtype=np.uint8)
    desk = (desk + rng.normal(0, 6, desk.shape)).clip(0, 255).astype(np.uint8)
    photo = cv2.warpPerspective(
        src, m, (out_w, out_h), dst=desk, borderMode=cv2.BORDER_TRANSPARENT, flags=cv2.INTER_AREA
    )
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    light = 1.0 - 0.33 * (xx / out_w) * (0.6 + 0.4 * yy / out_h)  # darker towards one corner
    photo = photo.astype(np.float32) * light[:, :, None] * np.array([1.0, 0.97, 0.9])
    photo = cv2.GaussianBlur(photo, (0, 0), 1.0)
    photo = photo + rng.normal(0, 5, photo.shape[:2])[:, :, None]
    return Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8))


def save(img: Image.Image, path: Path, dpi: int, quality: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi))
        path.write_bytes(
            img2pdf.convert(buf.getvalue(), nodate=True, engine=img2pdf.Engine.internal)
        )
    elif suffix in (".jpg", ".jpeg"):
        img.save(path, "JPEG", quality=quality, dpi=(dpi, dpi))
    elif suffix in (".tif", ".tiff"):
        img.save(path, "TIFF", compression="jpeg", quality=quality, dpi=(dpi, dpi))
    else:  # a 16-grey PNG, as office scanners save "text" mode
        grey = ImageOps.posterize(img.convert("L"), 3).point(lambda v: 255 if v >= 224 else v)
        grey.save(path, "PNG", dpi=(dpi, dpi), optimize=True)


def sources(plan: Plan, rng: np.random.Generator) -> list[Source]:
    key = plan.main_period.key
    annex_records = []
    for unit in plan.reporting_units:
        for ind in plan.indicators:
            v = plan.target(unit.id, ind.id, key)
            if v is not None:
                annex_records.append({"unit": unit.id, "indicator": ind.id, "value": int(v)})
    out = [
        Source(
            "annex",
            None,
            annex_records,
            plan.document.signer.name,
            variants=[
                {
                    "file": "scan/annex-200dpi-skew.pdf",
                    "dpi": 200,
                    "angle": 1.5,
                    "colour": False,
                    "quality": 60,
                },
                {
                    "file": "scan/annex-300dpi.jpg",
                    "dpi": 300,
                    "angle": -1.2,
                    "colour": False,
                    "quality": 60,
                },
                {"file": "photo/annex-photo.jpg", "dpi": 200, "photo": True, "quality": 60},
            ],
        )
    ]
    wards = [
        (
            "quan-hoa",
            "Nguyễn Văn Hùng",
            [
                {
                    "file": "scan/quan-hoa-150dpi.png",
                    "dpi": 150,
                    "angle": 1.0,
                    "colour": False,
                    "quality": 0,
                    "noise": 2,
                }
            ],
        ),
        (
            "yen-hoa",
            "Trần Thị Lan",
            [
                {
                    "file": "scan/yen-hoa-300dpi.tif",
                    "dpi": 300,
                    "angle": -1.8,
                    "colour": False,
                    "quality": 60,
                }
            ],
        ),
        (
            "nghia-do",
            "Lê Minh Tuấn",
            [
                {
                    "file": "scan/nghia-do-form-qr-200dpi.pdf",
                    "dpi": 200,
                    "angle": 1.3,
                    "colour": True,
                    "quality": 60,
                },
                {
                    "file": "photo/nghia-do-form-qr-photo.jpg",
                    "dpi": 200,
                    "photo": True,
                    "quality": 60,
                },
            ],
        ),
        (
            "mai-dich",
            "Phạm Thu Hà",
            [{"file": "photo/mai-dich-photo.jpg", "dpi": 200, "photo": True, "quality": 60}],
        ),
        (
            "trung-hoa",
            "Đỗ Quang Vinh",
            [
                {
                    "file": "scan/trung-hoa-lowq.jpg",
                    "dpi": 100,
                    "angle": 2.0,
                    "colour": False,
                    "quality": 25,
                    "blur": 1.6,
                    "noise": 25,
                    "low": True,
                }
            ],
        ),
        (
            "dich-vong",
            "Vũ Thị Mai",
            [
                {
                    "file": "scan/dich-vong-200dpi.jpg",
                    "dpi": 200,
                    "angle": 1.7,
                    "colour": False,
                    "quality": 60,
                }
            ],
        ),
        (
            "nghia-tan",
            "Hoàng Văn Nam",
            [
                {
                    "file": "scan/nghia-tan-colour.pdf",
                    "dpi": 200,
                    "angle": -1.4,
                    "colour": True,
                    "quality": 55,
                },
                {"file": "photo/nghia-tan-photo.jpg", "dpi": 200, "photo": True, "quality": 60},
            ],
        ),
        (
            "dich-vong-hau",
            "Bùi Thị Hằng",
            [
                {
                    "file": "scan/dich-vong-hau-150dpi.tif",
                    "dpi": 150,
                    "angle": -1.0,
                    "colour": False,
                    "quality": 70,
                }
            ],
        ),
    ]
    for i, (unit_id, signer, variants) in enumerate(wards):
        values = {ind.id: int(rng.choice([0, 1, 2, 3, 4, 5, 7, 12, 16])) for ind in plan.indicators}
        records = [{"unit": unit_id, "indicator": k, "value": v} for k, v in values.items()]
        qr = qr_payload(plan.document.number, unit_id, key) if unit_id == "nghia-do" else None
        src = Source(f"return-{unit_id}", unit_id, records, signer, qr=qr, variants=variants)
        src.variants = [dict(v, number=f"{40 + i}/BC-UBND", values=values) for v in variants]
        out.append(src)
    forms = [
        (
            "yen-hoa",
            [
                {
                    "file": "scan/form-yen-hoa-200dpi.pdf",
                    "dpi": 200,
                    "angle": 1.2,
                    "colour": True,
                    "quality": 55,
                }
            ],
        ),
        (
            "dich-vong",
            [{"file": "photo/form-dich-vong-photo.jpg", "dpi": 200, "photo": True, "quality": 60}],
        ),
    ]
    form_rng = np.random.default_rng(SEED + 1)  # the samples above stay as they were
    for unit_id, variants in forms:
        values = {
            ind.id: int(form_rng.choice([0, 1, 2, 3, 5, 8, 11, 14])) for ind in plan.indicators
        }
        records = [{"unit": unit_id, "indicator": k, "value": v} for k, v in values.items()]
        qr = qr_payload(plan.document.number, unit_id, key)
        src = Source(f"form-{unit_id}", unit_id, records, "CHỦ TỊCH", qr=qr, form=True)
        src.variants = [dict(v, values=values) for v in variants]
        out.append(src)
    hand_rng = np.random.default_rng(SEED + 2)
    values = {
        ind.id: int(hand_rng.choice([0, 1, 2, 3, 4, 6, 7, 9, 10, 13])) for ind in plan.indicators
    }
    src = Source(
        "form-quan-hoa-hand",
        "quan-hoa",
        [{"unit": "quan-hoa", "indicator": k, "value": v} for k, v in values.items()],
        "CHỦ TỊCH",
        qr=qr_payload(plan.document.number, "quan-hoa", key),
        form=True,
        handwritten=True,
    )
    src.variants = [
        {
            "file": "scan/form-quan-hoa-handwritten.jpg",
            "dpi": 200,
            "angle": -0.8,
            "colour": True,
            "quality": 60,
            "values": values,
            "hand": True,
        }
    ]
    out.append(src)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = ap.parse_args(argv)
    plan = load_plan(PLAN_PATH)
    rng = np.random.default_rng(SEED)
    srcs = sources(plan, rng)
    hand_rng = np.random.default_rng(SEED + 3)
    truth: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="make-scans-") as tmp:
        work = Path(tmp)
        docs = []
        for src in srcs:
            path = work / f"{src.name}.docx"
            if src.unit is None:
                annex_docx(plan, path)
            elif src.form:
                values = None if src.handwritten else src.variants[0]["values"]
                form_docx(plan, src.unit, values, path, work)  # type: ignore[arg-type]
            else:
                qr_png = None
                if src.qr:
                    qr_png = work / f"{src.name}-qr.png"
                    qrcode.make(src.qr, border=2).save(str(qr_png))
                v = src.variants[0]
                return_docx(
                    plan, src.unit, v["values"], str(v["number"]), src.signer_name, path, qr_png
                )  # type: ignore[arg-type]
            docs.append(path)
        convert_to_pdf(docs, work, timeout=300)  # one soffice call, private profile
        for src in srcs:
            pdf = work / f"{src.name}.pdf"
            sign = signer_box(pdf, src.signer_name)
            for v in src.variants:
                dpi = int(v["dpi"])  # type: ignore[arg-type]
                page = rasterise(pdf, dpi, work)
                if src.handwritten:
                    page = write_by_hand(page, pdf, dpi, plan, v["values"], hand_rng)  # type: ignore[arg-type]
                if v.get("photo"):
                    clean = degrade(
                        page, dpi, sign, rng, angle=0.0, colour=True, noise=3.0, below=src.form
                    )
                    img = photograph(clean, rng)
                else:
                    img = degrade(
                        page,
                        dpi,
                        sign,
                        rng,
                        angle=float(v["angle"]),
                        colour=bool(v["colour"]),  # type: ignore[arg-type]
                        noise=float(v.get("noise", 6.0)),
                        below=src.form,
                    )  # type: ignore[arg-type]
                    if v.get("blur"):
                        img = Image.fromarray(
                            cv2.GaussianBlur(np.asarray(img), (0, 0), float(v["blur"]))
                        )  # type: ignore[arg-type]
                out = args.out / str(v["file"])
                save(img, out, dpi, int(v["quality"]) or 95)  # type: ignore[arg-type]
                entry: dict[str, object] = {
                    "unit": src.unit,
                    "records": src.records,
                    "problems": ["low_confidence"] if v.get("low") else [],
                }
                if v.get("hand"):
                    entry["expect"] = "right_or_flagged"  # handwriting: never silently wrong
                if v.get("low"):
                    entry["expect"] = (
                        "flagged"  # values may be unreadable: each must be right or flagged
                    )
                if src.qr:
                    entry["qr"] = src.qr
                truth[str(v["file"])] = entry
                print(f"{out.relative_to(args.out)}: {out.stat().st_size // 1024} KB")
    (args.out / "truth_scans.json").write_text(
        json.dumps(dict(sorted(truth.items())), ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
