"""A fax figure a black seal's ring crosses is read through the ring, by its geometry
(`extract/ocr/ring_cuts.py`), and sure only when both readers read the page OCR's number.

Synthetic: a fax page (Liberation Serif, black and white, 200 dpi) with a black ring
through "120" (its strokes cross the ring), beside a "41" whose "1" lies along it, and
under a "7" whose bar runs along it: the ring's band comes out of "120" with its strokes
put back, and both readers (real Tesseract) read 120; the "1" and the "7"'s bar meet
the band from one side only, so those figures stay unsure. End to end: the conditions
grammar's tune seed 260 (a fax, its seal's inner ring beside the "2" of "02"), flagged
before, reads "02" exactly.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract import extract_file
from extract.ocr import ring_cuts, seal_scars, seals
from extract.settings import ScanSettings

FONT = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"
DPI = 200.0
CX, CY, R = 700, 600, 150  # a 3.8 cm seal at 200 dpi


def _fax() -> tuple[np.ndarray, dict[str, tuple]]:
    img = Image.new("L", (1400, 1200), 255)
    draw = ImageDraw.Draw(img)
    draw.ellipse((CX - R, CY - R, CX + R, CY + R), outline=0, width=4)
    font = ImageFont.truetype(FONT, 40)
    measure = ImageDraw.Draw(Image.new("L", (8, 8)))
    four, both = measure.textbbox((0, 0), "4", font=font), measure.textbbox((0, 0), "41", font=font)
    stem = (four[2] + both[2]) / 2  # the "1" of "41": its stem on the ring's leftmost point
    figures = {
        "120": (CX - 30, CY + R - 22),  # the ring across its digits' middles
        "41": (int(CX - R - stem), CY - 10),
        "7": (CX + R - 50, CY - R + 10),  # its bar along the ring
    }
    boxes = {}
    for text, at in figures.items():
        draw.text(at, text, font=font, fill=0)
        boxes[text] = draw.textbbox(at, text, font=font)
    return np.where(np.asarray(img) < 128, 0, 255).astype(np.uint8), boxes


def _around(box: tuple) -> tuple[int, int, int, int]:
    """The figure's neighbourhood in a cell a little wider than it."""
    cell = (box[0] - 60, box[1] - 20, box[2] + 60, box[3] + 20)
    return seal_scars.neighbourhood(box, cell)


def test_a_figure_the_ring_crosses_is_read_through_it_and_a_stroke_along_it_is_not(
    tmp_path: Path,
) -> None:
    page, boxes = _fax()
    sealed = seals.wipe_rings(page, DPI, fax=True)
    assert len(sealed.rings) == 1
    ring = sealed.rings[0]
    for text in boxes:  # the old rule: the wipe came near each of them, none is sure
        box = boxes[text]
        cell = (box[0] - 60, box[1] - 20, box[2] + 60, box[3] + 20)
        assert not seal_scars.clear(page, sealed.gray, box, cell)

    through = ring_cuts.through_ring(page, sealed.rings, _around(boxes["120"]))
    assert through is not None
    x0, y0, x1, y1 = _around(boxes["120"])
    yy, xx = np.mgrid[y0:y1, x0:x1]
    off = np.abs(np.hypot(xx - ring.cx, yy - ring.cy) - ring.r)
    on_ring = off <= ring.width / 2
    band = off <= ring.width / 2 + ring_cuts.EDGE + ring_cuts.SHIFT + 1
    # The ring's ink is gone but where a digit's stroke crosses it: most of it.
    assert (through[on_ring] < 128).sum() < 0.5 * (page[y0:y1, x0:x1][on_ring] < 128).sum()
    # The digits' strokes away from the ring are as they were.
    assert np.array_equal(through[~band] < 128, page[y0:y1, x0:x1][~band] < 128)

    # A stroke meeting the band from one side only: what the band hides is not known.
    assert ring_cuts.through_ring(page, sealed.rings, _around(boxes["41"])) is None
    assert ring_cuts.through_ring(page, sealed.rings, _around(boxes["7"])) is None

    sure = ring_cuts.read_through(
        [
            ring_cuts.Candidate(0, "120", through),
            ring_cuts.Candidate(1, "126", through),  # the page OCR read another number
        ],
        DPI,
        tmp_path / "rings",
        ScanSettings(),
    )
    assert set(sure) == {0} and sure[0][0] == "120"


@pytest.mark.slow
def test_a_fax_figure_beside_the_seals_inner_ring_is_read_exactly(tmp_path: Path) -> None:
    sc = load_grammar()
    plan = load_plan(sc.PLAN_PATH)
    case = sc.draw_case(plan, 260)
    assert case.medium == "fax" and "stamp-on-figures" in case.tags()
    pdfs = sc.build_sources(plan, [case], tmp_path)
    fax = sc.render_case(case, pdfs[case.seed], tmp_path, tmp_path)
    got = {r.indicator: r for r in extract_file(fax, plan).records if r.unit == case.unit}
    assert [i for i, r in got.items() if not r.needs_review and r.value != case.values[i]] == []
    assert case.values["nd94"] == 2
    assert not got["nd94"].needs_review and got["nd94"].value == 2
