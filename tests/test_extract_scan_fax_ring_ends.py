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

DPIS = [200.0, 300.0]


def _at(dpi: float) -> tuple[float, float, float, int, float]:
    """The page's scale at `dpi`: the seal's centre and radius (3.8 cm), its ring's width
    and a figure's height, px."""
    k = dpi / 200
    return 600 * k, 600 * k, 150 * k, round(4 * k), 34 * k


def _page(
    dpi: float, strokes: list[tuple[float, float]], arcs: list[tuple[float, float]]
) -> np.ndarray:
    """A ring with radial strokes of print (angle in degrees, length as a share of the
    figure's height) ending in its band from inside, and arcs of print lying along it
    just inside (from and to angle), black and white."""
    cx, cy, r, w, h = _at(dpi)
    k = dpi / 200
    img = Image.new("L", (round(1200 * k), round(1200 * k)), 255)
    draw = ImageDraw.Draw(img)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=0, width=w)
    for angle, length in strokes:
        a = math.radians(angle)
        ends = [(cx + q * math.cos(a), cy + q * math.sin(a)) for q in (r - length * h, r - 1)]
        draw.line(ends, fill=0, width=round(4 * k))
    for a0, a1 in arcs:  # print beside the ring's inner edge
        q = r - w - 2
        draw.arc((cx - q, cy - q, cx + q, cy + q), a0, a1, fill=0, width=round(3 * k))
    return np.where(np.asarray(img) < 128, 0, 255).astype(np.uint8)


def _around(dpi: float, angle: float) -> tuple[int, int, int, int]:
    """A figure's neighbourhood where the ring is at `angle` (degrees)."""
    cx, cy, r, _w, h = _at(dpi)
    a = math.radians(angle)
    x, y = cx + (r - 0.45 * h) * math.cos(a), cy + (r - 0.45 * h) * math.sin(a)
    return int(x - 1.3 * h), int(y - 0.9 * h), int(x + 1.3 * h), int(y + 0.9 * h)


def _through(page: np.ndarray, dpi: float, angle: float, ends: bool) -> np.ndarray | None:
    sealed = seals.wipe_rings(page, dpi, fax=True)
    assert len(sealed.rings) == 1
    height = _at(dpi)[4] if ends else None
    return ring_cuts.through_ring(page, sealed.rings, _around(dpi, angle), height)


@pytest.mark.parametrize("dpi", DPIS)
def test_a_stroke_ending_in_a_slanting_ring_is_read_with_the_band_left_out(dpi: float) -> None:
    page = _page(dpi, [(45, 1.2)], [])
    assert _through(page, dpi, 45, ends=False) is None  # the old rule: one side only
    through = _through(page, dpi, 45, ends=True)
    assert through is not None
    cx, cy, r, w, h = _at(dpi)
    x0, y0, x1, y1 = _around(dpi, 45)
    yy, xx = np.mgrid[y0:y1, x0:x1]
    d = np.hypot(xx - cx, yy - cy)
    assert not (through[np.abs(d - (r - w / 2)) <= 1] < 128).any()  # the band is out
    assert (through[d < r - 0.45 * h] < 128).any()  # the stroke stays


@pytest.mark.parametrize("dpi", DPIS)
@pytest.mark.parametrize("angle", [0, 90, 180, 270, 10, 80])  # the ring upright or level
def test_a_stroke_ending_in_a_level_or_upright_ring_stays_unsure(dpi: float, angle: float) -> None:
    page = _page(dpi, [(angle, 1.2)], [])
    assert _through(page, dpi, angle, ends=True) is None


@pytest.mark.parametrize("dpi", DPIS)
def test_two_ends_close_on_one_side_or_a_stroke_along_the_ring_stay_unsure(dpi: float) -> None:
    page = _page(dpi, [(43, 1.2), (47, 1.2)], [])  # a third of a digit's height apart
    assert _through(page, dpi, 45, ends=True) is None
    page = _page(dpi, [], [(38, 52)])  # print lying along the ring's inside
    assert _through(page, dpi, 45, ends=True) is None


@pytest.mark.slow
def test_a_fax_figure_a_slanting_ring_crosses_is_read_exactly(tmp_path: Path) -> None:
    assert_read_surely(888, "cnbb", 3, tmp_path)
