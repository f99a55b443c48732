"""A fax's figure read at a ladder of cuts of its softened grey (issue 10).

The sending machine's threshold breaks a digit's thin strokes (a light one) or thickens
them (a dark one); the reader softens the page and cuts each number crop by Otsu, which
on a softened staircase lands where the thin strokes fall apart again: "14" read "14"
and "4", "11" read "1" or nothing, flagged though plain to see. Read at four darker cuts,
the number most of them read whole, the others nothing or part of it, confirms the
figure, unless an earlier reading or the page OCR saw a digit it lacks. Real Tesseract
on cells drawn like the grammar's faxes, and the grammar's tune seed 352 as drawn.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract import extract_file
from extract.ocr import bilevel, cell_crops, cells, fax_cuts, geometry
from extract.settings import ScanSettings

sc = load_grammar()
SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"
FIGURES = (11, 14, 28, 45, 89, 17, 20, 31, 137, 102, 68, 56, 4, 7)


def _fax_cell(seed: int) -> tuple[np.ndarray, str, float]:
    """A number cell as a fax gives it and the reader softens it: print drawn grey,
    skewed on the glass, standard (150 dpi, rows doubled) or fine (200 dpi), noise,
    thresholded where the grammar's faxes are, levelled back, softened."""
    rng = np.random.default_rng(seed)
    figure = str(int(rng.choice(FIGURES)))
    dpi = int(rng.choice([150, 200]))
    k = dpi / 200
    w, h = int(280 * k), int(75 * k)
    img = Image.new("L", (w * 4, h * 4), 255)
    ImageDraw.Draw(img).text(
        (int(rng.integers(80, 140) * k * 4), int(rng.integers(12, 20) * k * 4)),
        figure,
        fill=0,
        font=ImageFont.truetype(SERIF, int(rng.integers(30, 36) * k * 4)),
    )
    angle = float(rng.uniform(-3, 3))
    img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=255)
    grey = np.asarray(img.resize((w, h), Image.LANCZOS)).astype(np.float32)
    grey += rng.normal(0, float(rng.uniform(2, 12)), grey.shape)
    if dpi < 200:  # standard resolution: every other line sent, printed twice
        half = cv2.resize(grey, (w, h // 2), interpolation=cv2.INTER_AREA)
        grey = cv2.resize(half, (w, h), interpolation=cv2.INTER_NEAREST)
    bw = np.where(grey < int(rng.integers(120, 176)), 0, 255).astype(np.uint8)
    level = geometry.rotate(bw, -angle)
    return bilevel.soften(bilevel.despeckle(level, dpi), dpi), figure, float(dpi)


def _confirm(cell: np.ndarray, dpi: float, read: cells.DigitsRead, page: str, work: Path):
    with ThreadPoolExecutor(1) as pool:
        (out,) = fax_cuts.confirm(
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


def test_the_number_most_cuts_read_whole_and_none_contradicts() -> None:
    agreed = fax_cuts._agreed
    assert agreed([("14", 0.8), ("14", 0.6), ("", 0.0), ("14", 0.9)]) == ("14", 0.8)
    assert agreed([("45", 0.4), ("4", 0.0), ("45", 0.8), ("45", 0.9)]) == ("45", 0.8)
    assert agreed([("28", 0.9), ("28", 0.9), ("48", 0.9), ("28", 0.9)]) is None  # a "4"
    assert agreed([("11", 0.9), ("11", 0.9), ("", 0.0), ("", 0.0)]) is None  # too few
    assert agreed([("7", 0.9), ("7", 0.9), ("7", 0.9), ("-", 0.9)]) is None
    assert fax_cuts._against("28", ["48", "8", ""])
    assert not fax_cuts._against("28", ["8", None, "2"])


def test_a_fax_figure_otsu_lost_is_read_at_the_cuts(tmp_path: Path) -> None:
    """A standard fax's "45" whose Otsu crop the digits model reads as nothing: the cuts
    read it, and it comes out confirmed and sure."""
    cell, figure, dpi = _fax_cell(38)
    assert (figure, dpi) == ("45", 150.0)
    (first,) = cells.read_digits(
        [cell_crops.prepare_crop(cell, dpi)[0]], tmp_path, ScanSettings(), 1
    )
    assert first[0] != figure  # as the reader cut it, the figure is lost
    out = _confirm(cell, dpi, cells.DigitsRead(first[0], 0.0, blank=False), "", tmp_path)
    assert (out.text, out.confirmed) == (figure, True) and out.confidence >= 0.6


def test_cuts_never_confirm_a_wrong_figure_nor_overrule_a_contradiction(tmp_path: Path) -> None:
    """Over drawn cells (both resolutions, light and dark thresholds): whatever the cuts
    confirm is the figure; and a figure an earlier reading saw another digit in (the
    page OCR's "4" beside it) is left as it was."""
    confirmed = 0
    for seed in range(40):
        cell, figure, dpi = _fax_cell(seed)
        out = _confirm(cell, dpi, cells.DigitsRead("", 0.0, blank=False), "", tmp_path)
        if out.confirmed:
            confirmed += 1
            assert out.text == figure, seed
        other = cells.DigitsRead("", 0.0, blank=False, other="4" + figure)
        assert not _confirm(cell, dpi, other, "", tmp_path).confirmed
    assert confirmed >= 30


@pytest.mark.slow
def test_a_standard_fax_whose_figures_otsu_broke_reads_them(tmp_path: Path) -> None:
    """The grammar's tune seed 352 as drawn (a standard fax, streaks, fully ruled): its
    two "14" were read "14" and "4" / "1" and flagged; now exact, none wrong unflagged."""
    plan = load_plan(sc.PLAN_PATH)
    case = sc.draw_case(plan, 352)
    assert case.medium == "fax" and case.conditions["dpi"] == 150
    pdfs = sc.build_sources(plan, [case], tmp_path)
    fax = sc.render_case(case, pdfs[case.seed], tmp_path, tmp_path)
    ex = extract_file(fax, plan)
    got = {r.indicator: r for r in ex.records if r.unit == case.unit}
    assert [i for i, r in got.items() if not r.needs_review and r.value != case.values[i]] == []
    fourteens = [i for i, v in case.values.items() if v == 14]
    assert len(fourteens) == 2
    assert all(i in got and not got[i].needs_review and got[i].value == 14 for i in fourteens)
