"""A fax figure whose stroke ends in a black seal's ring, where the ring runs on a slant,
is read through the ring with the band left out there (`extract/ocr/ring_cuts.py`,
`_ends_in_band`); a stroke along the ring, two ends close on one side, or a ring running
level or upright (along a digit's bar or stem) keep the figure unsure.

Synthetic: a black ring on a fax page and strokes drawn against it (radial strokes
ending in its band, an arc lying along it). End to end: the conditions grammar's tune
seed 888 (a fax, its second seal's thin inner ring across "03" on a slant, ink meeting
it from one side there), flagged before, reads 3 surely.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from extract.ocr import ring_cuts, seals
from tests.scan_case import assert_read_surely

DPI = 200.0
CX, CY, R, W = 600, 600, 150, 4  # a 3.8 cm seal at 200 dpi, its ring 4 px wide
HEIGHT = 34.0  # the figure's height, px


def _page(strokes: list[tuple[float, float, float]], arcs: list[tuple[float, float]]) -> np.ndarray:
    """A ring with radial strokes (angle in degrees, from and to radius) and arcs of print
    lying along it just inside (from and to angle), black and white."""
    img = Image.new("L", (1200, 1200), 255)
    draw = ImageDraw.Draw(img)
    draw.ellipse((CX - R, CY - R, CX + R, CY + R), outline=0, width=W)
    for angle, r0, r1 in strokes:
        a = math.radians(angle)
        ends = [(CX + r * math.cos(a), CY + r * math.sin(a)) for r in (r0, r1)]
        draw.line(ends, fill=0, width=4)
    for a0, a1 in arcs:  # 3 px of print beside the ring's inner edge
        r = R - W - 2
        draw.arc((CX - r, CY - r, CX + r, CY + r), a0, a1, fill=0, width=3)
    return np.where(np.asarray(img) < 128, 0, 255).astype(np.uint8)


def _around(angle: float) -> tuple[int, int, int, int]:
    """A figure's neighbourhood where the ring is at `angle` (degrees)."""
    a = math.radians(angle)
    x, y = CX + (R - 15) * math.cos(a), CY + (R - 15) * math.sin(a)
    return int(x - 45), int(y - 30), int(x + 45), int(y + 30)


def _through(page: np.ndarray, angle: float, ends: float | None) -> np.ndarray | None:
    sealed = seals.wipe_rings(page, DPI, fax=True)
    assert len(sealed.rings) == 1
    return ring_cuts.through_ring(page, sealed.rings, _around(angle), ends)


def test_a_stroke_ending_in_a_slanting_ring_is_read_with_the_band_left_out() -> None:
    page = _page([(45, R - 40, R - 1)], [])  # ends in the ring's band, from inside
    assert _through(page, 45, None) is None  # the old rule: one side only, unsure
    through = _through(page, 45, HEIGHT)
    assert through is not None
    x0, y0, x1, y1 = _around(45)
    yy, xx = np.mgrid[y0:y1, x0:x1]
    d = np.hypot(xx - CX, yy - CY)
    assert not (through[np.abs(d - (R - W / 2)) <= 1] < 128).any()  # the band is out
    assert (through[d < R - 15] < 128).any()  # the stroke stays


@pytest.mark.parametrize("angle", [0, 90, 180, 270, 10, 80])  # the ring upright or level
def test_a_stroke_ending_in_a_level_or_upright_ring_stays_unsure(angle: float) -> None:
    page = _page([(angle, R - 40, R - 1)], [])
    assert _through(page, angle, HEIGHT) is None


def test_two_ends_close_on_one_side_or_a_stroke_along_the_ring_stay_unsure() -> None:
    page = _page([(43, R - 40, R - 1), (47, R - 40, R - 1)], [])  # 10 px apart
    assert _through(page, 45, HEIGHT) is None
    page = _page([], [(38, 52)])  # print lying along the ring's inside
    assert _through(page, 45, HEIGHT) is None


@pytest.mark.slow
def test_a_fax_figure_a_slanting_ring_crosses_is_read_exactly(tmp_path: Path) -> None:
    assert_read_surely(888, "cnbb", 3, tmp_path)
