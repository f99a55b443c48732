"""A photo's figure beside a lifted stamp's ghost, read from its print alone (issue 10,
stamp: `stamp_reads`).

Lifted to paper by its colour, a red stamp leaves a ghost on a photo's page: its blurred
edges half lifted (a faint outline of the ring) and its body brighter than the tinted
paper. A figure in such a cell needs a second opinion besides its re-reads; the page OCR
read the ghost's edge as a digit ("956" for "56", "102)" for "12") or nothing, and the
two models reading the cell's grey crop read the ghost too: plain figures were flagged.
The cells here are drawn as the level step leaves them (seeded: paper tint, grain, the
ghost's bright body and faint outline through the cell, JPEG); real Tesseract.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from extract.ocr import cells, grey_read, stamp_reads
from extract.ocr.confidence import digits_confidence
from extract.settings import ScanSettings

pytestmark = pytest.mark.slow

SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
FIGURES = [9, 12, 19, 31, 45, 56, 74, 89, 102, 120]


def _ghosted_cell(seed: int) -> tuple[np.ndarray, str]:
    """A number cell of a levelled photo (~250 dpi) with a lifted stamp's ghost: its
    body a disc lifted to white over the grey paper, its ring's outline a faint grey
    line (two rings), the figure beside them."""
    rng = np.random.default_rng(seed)
    figure = str(FIGURES[seed % len(FIGURES)])
    w, h = 320, 100
    paper = int(rng.integers(226, 240))
    img = Image.new("L", (w, h), paper)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(SERIF, int(rng.integers(30, 36)))
    at = (int(rng.integers(120, 160)), int(rng.integers(8, 20)))
    x0, _y0, _x1, y1 = draw.textbbox(at, figure, font=font)
    # The ghost: a disc (r ~ 1.8 cm) whose edge passes just beside or below the figure.
    r = 175
    if rng.random() < 0.5:  # to its left
        cx, cy = x0 - int(rng.integers(6, 16)) - r, int(rng.integers(20, 80))
    else:  # below it
        cx, cy = int(rng.integers(100, 220)), y1 + int(rng.integers(6, 16)) + r
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=255)
    for rr in (r, r - r // 5):
        grey = int(rng.integers(165, 200))
        draw.ellipse((cx - rr, cy - rr, cx + rr, cy + rr), outline=grey, width=3)
    draw.text(at, figure, fill=int(rng.integers(20, 50)), font=font)
    page = cv2.GaussianBlur(np.asarray(img), (5, 5), 1.0).astype(np.float32)
    page = np.clip(page + rng.normal(0, float(rng.uniform(2, 5)), page.shape), 0, 255)
    ok, jpeg = cv2.imencode(
        ".jpg", page.astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(40, 70))]
    )
    assert ok
    return cv2.imdecode(jpeg, cv2.IMREAD_GRAYSCALE), figure


def _ghost_reads(page: str, figure: str) -> bool:
    return stamp_reads._ghost_read(page, figure)


def test_which_page_readings_leave_the_figure_to_its_print() -> None:
    assert _ghost_reads("", "56")  # the page OCR read nothing
    assert _ghost_reads("956", "56") and _ghost_reads("102)", "12")  # the ghost's edge
    assert not _ghost_reads("18", "19")  # other digits: the page OCR's doubt stands
    assert not _ghost_reads("5", "56")  # fewer digits: a digit the page did not see
    assert not _ghost_reads(None, "56")  # words


@pytest.mark.parametrize("seed", [0, 2, 4, 6, 10, 12])
def test_a_figure_beside_the_ghost_is_read_surely_from_its_print(seed: int, tmp_path: Path) -> None:
    cell, figure = _ghosted_cell(seed)
    box = [(0, 0, cell.shape[1], cell.shape[0])]
    settings = ScanSettings()
    (page,) = [""]  # the page OCR missed it beside the ghost
    read = cells.DigitsRead(figure, 0.96, blank=False, confirmed=True)  # both re-reads
    with ThreadPoolExecutor(1) as pool:
        (grey,) = grey_read.confirm(
            cell, 250.0, box, [page], [read], pool, tmp_path / "g", settings, unseen=[0]
        )
        # Before: the grey crop holds the ghost too; the lifted stamp caps the re-reads.
        capped = cells.DigitsRead(figure, 0.5, blank=False, confirmed=True, seconded=grey.seconded)
        assert not grey.seconded  # the premise
        assert digits_confidence(page, 0.0, capped, photo=True) == (figure, 0.5)
        (out,), sure = stamp_reads.confirm(
            cell, 250.0, box, [page], [read], [0], pool, tmp_path / "p", settings
        )
    assert sure == {0} and out.text == figure
    number, conf = digits_confidence(page, 0.0, out, photo=True)
    assert number == figure and conf >= settings.min_digits_confidence


@pytest.mark.parametrize("seed", [0, 2, 4])
def test_print_that_shows_another_number_confirms_nothing(seed: int, tmp_path: Path) -> None:
    cell, figure = _ghosted_cell(seed)
    box = [(0, 0, cell.shape[1], cell.shape[0])]
    wrong = str(int(figure) + 3)  # what a cut re-read might have said
    read = cells.DigitsRead(wrong, 0.96, blank=False, confirmed=True)
    with ThreadPoolExecutor(1) as pool:
        (out,), sure = stamp_reads.confirm(
            cell, 250.0, box, [""], [read], [0], pool, tmp_path, ScanSettings()
        )
    assert sure == set() and out == read
