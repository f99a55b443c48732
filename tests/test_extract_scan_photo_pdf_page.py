"""A phone photo put into a PDF (issue 10, layouts pass): the PDF's page is sized by the
photo's pixels at whatever density the file said (200 "dpi": a page 5 in tall), not by a
scanner. Its dpi is then no scanner's: the page is read as a camera's image (its
resolution from the frame, enlarged and evened like any photo). Read at the stated dpi,
a 90-dpi photo's rules and print were too thin for the grid and the OCR, and its shadow
was never evened. Seeded pages drawn here; real PDFium and Tesseract.
"""

from __future__ import annotations

import io
from pathlib import Path

import img2pdf
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from extract.formats.scan import read_scan
from extract.ocr.pages import open_pdf_pages
from extract.settings import ScanSettings

SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
LABELS = (
    "Điều tra khám phá hình sự",
    "Lập hồ sơ đưa CNBB",
    "Cai nghiện tự nguyện tại TT",
    "Đưa đối tượng vào quản lý",
    "Người nghiện được tư vấn",
    "Vụ xử phạt vi phạm hành chính",
)


def _page(rng: np.random.Generator) -> tuple[Image.Image, list[int]]:
    """An A4 return page at 200 dpi: a title, then a ruled table of six rows."""
    img = Image.new("L", (1654, 2339), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF, 36)
    draw.text((560, 160), "BÁO CÁO KẾT QUẢ THỰC HIỆN", fill=0, font=font)
    cols = [160, 260, 1000, 1250, 1500]
    top, row_h = 420, 110
    figures = [int(rng.integers(2, 140)) for _ in LABELS]
    heads = ("TT", "Chỉ tiêu", "Đơn vị", "Kết quả")
    for x0, text in zip(cols, heads, strict=False):
        draw.text((x0 + 14, top + 34), text, fill=0, font=font)
    for r, (label, figure) in enumerate(zip(LABELS, figures, strict=True)):
        y = top + row_h * (r + 1) + 34
        draw.text((cols[0] + 30, y), str(r + 1), fill=0, font=font)
        draw.text((cols[1] + 14, y), label, fill=0, font=font)
        draw.text((cols[2] + 30, y), "người", fill=0, font=font)
        draw.text((cols[3] + 80, y), f"{figure:02d}", fill=0, font=font)
    bottom = top + row_h * (len(LABELS) + 1)
    for k in range(len(LABELS) + 2):
        draw.line((cols[0], top + row_h * k, cols[-1], top + row_h * k), fill=0, width=3)
    for x in cols:
        draw.line((x, top, x, bottom), fill=0, width=3)
    return img, figures


def _as_photo_pdf(img: Image.Image, rng: np.random.Generator, path: Path) -> None:
    """The page photographed small (about 90 dpi over the paper), an arm's shadow across
    it, saved as a JPEG saying 200 dpi and put into a PDF as it is (img2pdf)."""
    scale = float(rng.uniform(0.43, 0.48))
    small = img.resize((round(img.width * scale), round(img.height * scale)), Image.LANCZOS)
    a = np.asarray(small.filter(ImageFilter.GaussianBlur(0.6)), dtype=np.float32)
    h, w = a.shape
    yy, xx = np.mgrid[0:h, 0:w]
    cx, cy = float(rng.uniform(0.2, 0.5)) * w, float(rng.uniform(0.3, 0.6)) * h
    shadow = 1.0 - 0.35 * np.exp(-(((xx - cx) / (0.3 * w)) ** 2 + ((yy - cy) / (0.2 * h)) ** 2))
    light = 0.85 + 0.1 * xx / w
    a = a * shadow * light + rng.normal(0.0, 4.0, a.shape)
    photo = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).convert("RGB")
    buf = io.BytesIO()
    photo.save(buf, "JPEG", quality=70, dpi=(200, 200))
    path.write_bytes(img2pdf.convert([buf.getvalue()]))


def test_a_pdf_page_of_no_paper_size_states_no_scanners_dpi(tmp_path: Path) -> None:
    """A4 at 200 dpi states its scan's dpi; the same page at a photo's pixel size does not."""
    img, _ = _page(np.random.default_rng(1))
    for name, image, stated in (
        ("a4.pdf", img, True),
        ("small.pdf", img.resize((744, 1052)), False),
    ):
        buf = io.BytesIO()
        image.save(buf, "JPEG", quality=80, dpi=(200, 200))
        (tmp_path / name).write_bytes(img2pdf.convert([buf.getvalue()]))
        with open_pdf_pages(tmp_path / name, ScanSettings()) as source:
            assert source.load(0).dpi_stated is stated


@pytest.mark.parametrize("seed", [1, 2])
def test_a_small_photo_in_a_pdf_is_read_as_a_photo(seed: int, tmp_path: Path) -> None:
    """Every figure of the photographed table is read, and sure; none is wrong."""
    rng = np.random.default_rng(seed)
    img, figures = _page(rng)
    path = tmp_path / "photo.pdf"
    _as_photo_pdf(img, rng, path)
    doc = read_scan(path)
    assert doc.tables, doc.warnings
    column = [row[-1] for row in doc.tables[0].cells[1:]]
    read = [(c.digits, c.digits_confidence) for c in column if c is not None]
    assert [int(d) if d.isdigit() and conf >= 0.9 else None for d, conf in read] == figures, read
