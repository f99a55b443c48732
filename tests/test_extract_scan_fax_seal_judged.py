"""A fax figure a black seal's wipe cut next to is sure only where the wipe took nothing
near it (`extract/ocr/seal_scars.py`).

Synthetic: a fax page (Liberation Serif, black and white, 200 dpi) with a black ring
wiped by `seals.wipe_rings(fax=True)`: a figure far from the ring is clear; one the ring
runs through (its "9" cut), and the "4" of a "41" whose "1" lay along the ring (wiped
whole but its serifs) are not. End to end: the conditions grammar's tune seed 266 (a
fax, its seal's ring through the cells under "10" and "09", nowhere near their digits)
reads both exactly; before this rule both were flagged.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract import extract_file
from extract.ocr import seal_scars, seals

FONT = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"
DPI = 200.0
CX, CY, R = 700, 600, 150  # a 3.8 cm seal at 200 dpi


def _fax(figures: dict[str, tuple[int, int]]) -> tuple[np.ndarray, dict[str, tuple]]:
    img = Image.new("L", (1400, 1200), 255)
    draw = ImageDraw.Draw(img)
    draw.ellipse((CX - R, CY - R, CX + R, CY + R), outline=0, width=5)
    font = ImageFont.truetype(FONT, 40)
    boxes = {}
    for text, at in figures.items():
        draw.text(at, text, font=font, fill=0)
        boxes[text] = draw.textbbox(at, text, font=font)
    return np.where(np.asarray(img) < 128, 0, 255).astype(np.uint8), boxes


def _cell(box: tuple) -> tuple[int, int, int, int]:
    return (box[0] - 60, box[1] - 20, box[2] + 60, box[3] + 20)


def test_a_figure_is_clear_only_where_the_wipe_took_nothing_near_it() -> None:
    font = ImageFont.truetype(FONT, 40)
    measure = ImageDraw.Draw(Image.new("L", (8, 8)))
    four, both = measure.textbbox((0, 0), "4", font=font), measure.textbbox((0, 0), "41", font=font)
    stem = (four[2] + both[2]) / 2  # the "1" of "41": its stem on the ring's leftmost point
    page, boxes = _fax(
        {
            "7": (300, 200),  # far from the ring
            "10": (CX - 20, CY - R - 60),  # above the ring, a figure's height off
            "89": (CX + R - 30, CY - 20),  # the ring through it
            "41": (int(CX - R - stem), CY - 10),
        }
    )
    sealed = seals.wipe_rings(page, DPI, fax=True)
    assert len(sealed.rings) == 1
    b41 = boxes["41"]
    # The "1" went with the ring: the page OCR places the "4" alone.
    four_box = (b41[0], b41[1], b41[0] + four[2] - four[0] + 1, b41[3])
    assert sealed.scarred(b41)  # what the old rule flagged
    beside = page[b41[1] : b41[3], four_box[2] + 2 : b41[2]]
    wiped = sealed.gray[b41[1] : b41[3], four_box[2] + 2 : b41[2]]
    assert (beside == 0).sum() > 2 * (wiped == 0).sum()  # most of the "1" is gone

    def clear(box: tuple) -> bool:
        return seal_scars.clear(page, sealed.gray, box, _cell(box))

    assert clear(boxes["7"]) and clear(boxes["10"])
    assert not clear(boxes["89"])
    assert not clear(four_box)  # a whole digit beside it went with the ring
    assert not seal_scars.clear(page, sealed.gray, None, _cell(boxes["7"]))  # no digit word


@pytest.mark.slow
def test_a_fax_figure_the_ring_passed_far_from_is_read_exactly(tmp_path: Path) -> None:
    sc = load_grammar()
    plan = load_plan(sc.PLAN_PATH)
    case = sc.draw_case(plan, 266)
    assert case.medium == "fax" and "stamp-on-figures" in case.tags()
    pdfs = sc.build_sources(plan, [case], tmp_path)
    fax = sc.render_case(case, pdfs[case.seed], tmp_path, tmp_path)
    got = {r.indicator: r for r in extract_file(fax, plan).records if r.unit == case.unit}
    assert [i for i, r in got.items() if not r.needs_review and r.value != case.values[i]] == []
    assert (case.values["nd111"], case.values["cntn"]) == (10, 9)
    for indicator in ("nd111", "cntn"):
        assert not got[indicator].needs_review and got[indicator].value == case.values[indicator]
