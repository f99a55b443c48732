"""A 150-dpi flatbed scan, blurred and JPEG'd: its figures and labels (issue 10, lowres).

The page OCR reads nothing in many of such a page's number cells, and the digits model
read a plain "56" as nothing from its crop (flagged); both models read the cell's grey
crop alike at one of two digit heights (`low_res`). A three-line label's last line, the
decree ("NĐ94/CP"), was dropped by the sparse retry of the prose read, and the row's
indicator with it (missing): a retry keeping fewer digits no longer wins
(`cells._lost_numbers`). Real Tesseract on cells drawn like the grammar's scans, and the
grammar's tune seeds 1134 and 986 as drawn. The page OCR also skipped a blurred "08" of a
table without rules, whose digits-only read gave nothing: its mark is read grey too
(`unread_marks`), and its row no longer merges with the next.
"""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract import extract_file
from extract.ocr import cell_crops, cells, low_res
from extract.settings import ScanSettings

sc = load_grammar()
SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
FIGURES = (56, 11, 14, 28, 45, 89, 17, 20, 31, 137, 102, 68, 4, 7, 8, 3, 9, 12)


def _scan_cell(seed: int) -> tuple[np.ndarray, str]:
    """A number cell as a 150-dpi flatbed scan gives it: 12-14 pt print, blurred
    (sigma 1-1.6 px), noise, JPEG 30-60."""
    rng = np.random.default_rng(seed)
    figure = str(int(rng.choice(FIGURES)))
    if rng.random() < 0.3:
        figure = figure.zfill(2)  # a form's "08"
    w, h = 260, 80  # a result column's cell at 150 dpi
    img = Image.new("L", (w * 4, h * 4), 255)
    size = int(rng.integers(12, 15) * 150 / 72 * 4)
    ImageDraw.Draw(img).text(
        (int(rng.integers(300, 500)), int(rng.integers(60, 120))),
        figure,
        fill=int(rng.integers(0, 40)),
        font=ImageFont.truetype(SERIF, size),
    )
    grey = np.asarray(img.resize((w, h), Image.LANCZOS)).astype(np.float32)
    grey = cv2.GaussianBlur(grey, (0, 0), float(rng.uniform(1.0, 1.6)))
    grey += rng.normal(0, float(rng.uniform(2, 8)), grey.shape)
    buf = io.BytesIO()
    Image.fromarray(np.clip(grey, 0, 255).astype(np.uint8)).save(
        buf, "JPEG", quality=int(rng.integers(30, 61))
    )
    return np.asarray(Image.open(buf)), figure


def _confirm(cell: np.ndarray, read: cells.DigitsRead, page: str, work: Path, dpi: float = 150):
    with ThreadPoolExecutor(1) as pool:
        (out,) = low_res.confirm(
            cell,
            dpi,
            [(0, 0, cell.shape[1], cell.shape[0])],
            [page],
            [read],
            pool,
            work,
            ScanSettings(),
        )
    return out


def test_a_retry_that_dropped_the_decree_number_does_not_win() -> None:
    first = "Đưa đối tượng vào quản lý theo NĐ94CP"
    assert cells._lost_numbers(first, "Đưa đối tượng vào quản lý theo")
    assert not cells._lost_numbers("#t “ung tự nguyện", "Cai nghiện tự nguyện tại TT")
    assert not cells._lost_numbers("NĐI1I1/CP", "NĐ111/CP")


def test_a_56_the_digits_model_reads_as_nothing_is_confirmed(tmp_path: Path) -> None:
    """Drawn as the grammar's 150-dpi scans print it, a "56" whose binarised crop the
    digits model reads as nothing: both models read its grey crop alike (at the larger
    height for the digits model), and it comes out confirmed and sure."""
    cell, figure = _scan_cell(23)
    assert figure == "56"
    (first,) = cells.read_digits(
        [cell_crops.prepare_crop(cell, 150)[0]], tmp_path, ScanSettings(), 1
    )
    assert first[0] != figure  # as the reader cut it, the figure is lost
    out = _confirm(cell, cells.DigitsRead(first[0], 0.0, blank=False), "", tmp_path)
    assert (out.text, out.confirmed) == (figure, True) and out.confidence >= 0.8


def test_low_res_grey_reads_never_confirm_a_wrong_figure(tmp_path: Path) -> None:
    """Over drawn cells: whatever two models confirm is the figure; a binarised read that
    saw another digit ("4" before it) keeps it unconfirmed; a 200-dpi page is left as
    it was."""
    confirmed = 0
    for seed in range(30):
        cell, figure = _scan_cell(seed)
        out = _confirm(cell, cells.DigitsRead("", 0.0, blank=False), "", tmp_path)
        if out.confirmed:
            confirmed += 1
            assert out.text == figure, seed
        other = cells.DigitsRead("", 0.0, blank=False, other="4" + figure)
        assert not _confirm(cell, other, "", tmp_path).confirmed
    assert confirmed >= 20
    cell, _figure = _scan_cell(0)
    blank = cells.DigitsRead("", 0.0, blank=False)
    assert _confirm(cell, blank, "", tmp_path, dpi=200) == blank


@pytest.mark.slow
@pytest.mark.parametrize("seed", [1134, 986])
def test_a_blurred_150_dpi_scans_figures_and_labels_are_read(tmp_path: Path, seed: int) -> None:
    """The grammar's tune seeds as drawn, 150-dpi blurred JPEG scans turned 90° or 180°.
    1134 (fully ruled): "56" was flagged (nothing read by the digits model, nothing by
    the page OCR) and nd94's row missing (its label's "NĐ94/CP" line dropped). 986 (not
    ruled): the page OCR skipped "08" and "04", their digits-only reads gave nothing, and
    the two rows were rebuilt as one (one flagged, one missing). Now all five exact,
    none wrong unflagged."""
    plan = load_plan(sc.PLAN_PATH)
    case = sc.draw_case(plan, seed)
    assert case.medium == "scan" and case.conditions["dpi"] == 150
    assert float(case.conditions["blur"]) >= 1.0 and not case.conditions["stamp_on_figures"]
    pdfs = sc.build_sources(plan, [case], tmp_path)
    scan = sc.render_case(case, pdfs[case.seed], tmp_path, tmp_path)
    ex = extract_file(scan, plan)
    got = {r.indicator: r for r in ex.records if r.unit == case.unit}
    assert [i for i, r in got.items() if not r.needs_review and r.value != case.values[i]] == []
    exact = [i for i, v in case.values.items() if i in got and not got[i].needs_review]
    assert sorted(exact) == sorted(case.values)
