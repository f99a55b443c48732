"""A table printed with grey row rules among black ones, scanned blurred at 150 dpi
(issue 10, flatbed scans, "rules=faint"): no piece of a grey rule passes the rule
finder, so the grid merged its rows into one cell ("74 74 05") and their figures were
lost. Its profile across the table (a thin dip under the paper in nearly every stretch)
adds it (`grey_rules`). Seeded pages drawn here; real Tesseract.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
import scan_case
from PIL import Image, ImageDraw, ImageFont

from extract.formats.scan import read_scan
from extract.ocr import grey_rules

SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
LABELS = (
    "Điều tra khám phá hình sự",
    "Cai nghiện tự nguyện tại TT",
    "Người nghiện có hồ sơ quản lý",
    "Người sau cai được quản lý",
)
DPI = 150


def _page(rng: np.random.Generator) -> tuple[np.ndarray, list[int]]:
    """A ruled table (150 dpi): black frame, column rules and header rule; the rules
    between its figure rows grey, the page blurred as a flatbed scan at low resolution."""
    img = Image.new("L", (1240, 900), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF, 24)
    cols = [80, 130, 560, 700, 860, 1100]
    top, head, row_h = 150, 60, 55
    figures = [int(rng.integers(10, 140)) for _ in LABELS]
    draw.text((cols[1] + 10, top + 18), "Chỉ tiêu", fill=0, font=font)
    draw.text((cols[2] + 20, top + 18), "Đơn vị", fill=0, font=font)
    draw.text((cols[3] + 20, top + 18), "Kết quả", fill=0, font=font)
    draw.text((cols[4] + 20, top + 18), "Ghi chú", fill=0, font=font)
    grey = int(rng.integers(238, 242))
    for r, (label, figure) in enumerate(zip(LABELS, figures, strict=True)):
        y = top + head + row_h * r
        draw.text((cols[0] + 15, y + 14), str(r + 1), fill=0, font=font)
        draw.text((cols[1] + 10, y + 14), label, fill=0, font=font)
        draw.text((cols[2] + 30, y + 14), "người", fill=0, font=font)
        draw.text((cols[3] + 60, y + 14), str(figure), fill=0, font=font)
        if r:  # a grey rule between two figure rows
            draw.line((cols[0], y, cols[-1], y), fill=grey, width=3)
    bottom = top + head + row_h * len(LABELS)
    for y in (top, top + head, bottom):
        draw.line((cols[0], y, cols[-1], y), fill=0, width=2)
    for x in cols:
        draw.line((x, top, x, bottom), fill=0, width=2)
    draw.text((80, bottom + 60), "Ủy ban nhân dân phường trân trọng báo cáo./.", fill=0, font=font)
    page = cv2.GaussianBlur(np.asarray(img), (0, 0), 1.1)
    return page, figures


@pytest.mark.parametrize("seed", [1, 2])
def test_grey_row_rules_part_the_rows_of_a_blurred_scan(seed: int, tmp_path: Path) -> None:
    gray, figures = _page(np.random.default_rng(seed))
    path = tmp_path / "page.png"
    cv2.imwrite(str(path), gray)
    Image.open(path).save(path, dpi=(DPI, DPI))
    doc = read_scan(path)
    (table,) = doc.tables
    assert len(table.cells) == len(LABELS) + 1
    column = [row[3] for row in table.cells[1:]]
    assert [int(c.digits) for c in column if c is not None and c.digits] == figures


def _figures(grammar: str, seed: int, tmp_path: Path) -> tuple[object, dict]:
    """A grammar's tune case as drawn, and its figures as read (by indicator)."""
    g, plan, case = scan_case.drawn(seed, grammar)
    return case, scan_case.read(g, plan, case, tmp_path)


def _sure(case: object, got: dict) -> dict[str, int]:
    """The figures read right and not sent to review; none read wrong unflagged."""
    assert scan_case.silent(case, got) == []
    return {i: r.value for i, r in got.items() if not r.needs_review}


@pytest.mark.slow
def test_grey_row_rules_of_a_wide_blurred_table_part_its_rows(tmp_path: Path) -> None:
    """Real Tesseract on the layouts grammar's tune seed 42 (a wide table, some of its
    rules grey, a blurred 150 dpi scan): rows 2-4 were one cell ("74 74 05"), cntn read
    nothing, nguoi_nghien and tu_van missing."""
    case, got = _figures("layouts", 42, tmp_path)
    assert "blur" in case.tags() and "rules=faint" in case.tags()  # type: ignore[attr-defined]
    sure = _sure(case, got)
    assert {"cntn", "nguoi_nghien", "tu_van"} <= set(sure)


@pytest.mark.slow
def test_grey_row_rules_under_a_seal_part_the_figures(tmp_path: Path) -> None:
    """Real Tesseract on the conditions grammar's tune seed 694 (faint rules, a grey seal
    over the result column): the rules under the seal were found in pieces, the column's
    rows 2-5 one cell and its four figures lost. Parted at the table's row lines, three
    are read sure (the one under the seal's middle stays for review)."""
    case, got = _figures("conditions", 694, tmp_path)
    assert case.medium == "scan" and "stamp-on-figures" in case.tags()  # type: ignore[attr-defined]
    sure = _sure(case, got)
    assert {"nd111", "cnbb", "cntn"} <= set(sure)


@pytest.mark.parametrize("dpi", [150, 200, 300, 400, 600])
def test_a_row_lines_band_at_any_resolution_is_searched(dpi: int) -> None:
    """`_parted` searches a band of a few rows around a row line: at 300 dpi and up the
    band is fewer rows than the window that keeps a found rule's own edge out, and the
    search raised (a ValueError, the page unread). A grey rule across the band is found
    at every resolution; a blank band gives none."""
    reach = 2 * max(4, int(dpi * 0.025)) + 4
    band = np.full((2 * reach, 6 * dpi // 2), 230, np.uint8)
    band[reach - 1 : reach + 2, :] = 212  # a grey rule at the row line
    band = cv2.GaussianBlur(band, (0, 0), 1.0)
    rows = grey_rules._added_rows(band, np.zeros(band.shape, np.uint8), dpi, 0.6)
    assert [abs(y - reach) <= 2 for y, _shows in rows] == [True]
    blank = np.full(band.shape, 230, np.uint8)
    assert grey_rules._added_rows(blank, np.zeros(band.shape, np.uint8), dpi, 0.6) == []
