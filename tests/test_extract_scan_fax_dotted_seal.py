"""A faint seal sent by fax, printed as dots, is found and wiped (issue 10).

The sender's threshold keeps a pixel here and there of a light seal: its rings come as
dots a few pixels apart, which the Hough transform on the page's small grey never saw,
so nothing was wiped and the page OCR read the dots and the star into the figures.
Pages and seals come from the seal tests' own grammar (`test_extract_scan_seals`),
pressed light and faxed with a noisy threshold.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
import scan_case
from PIL import Image, ImageDraw

from extract.ocr import rings, seals
from tests.test_extract_scan_seals import DPI, _page, _stamped


def test_seals_faxed_as_dots_are_found_and_wiped() -> None:
    """Nine in ten found (a seal whose dots are too few is not), each where it was
    pressed, its wipe keeping the print."""
    found_at = 0
    for seed in range(61, 71):
        page, faxed, _figures, (cx, cy, r) = _stamped(seed, black=True, dots=True)
        on_ring = rings.round_share(faxed < 128, cx, cy, r, 0.0)
        assert 0.05 < on_ring < 0.5  # dots along the ring, not its stroke
        assert rings.find_rings(faxed, DPI) == []  # the grey alone shows no circle
        found = rings.find_rings(faxed, DPI, dotted=True)
        if not found:
            continue
        outer = max(found, key=lambda g: g.r)
        assert math.hypot(outer.cx - cx, outer.cy - cy) < 6 and abs(outer.r - r) < 6
        found_at += 1
        unsealed = seals.wipe_rings(faxed, DPI, fax=True, dotted=True)
        assert (unsealed.gray[page < 128] < 128).mean() >= 0.97
    assert found_at >= 9


def test_no_dotted_ring_on_a_page_without_a_seal() -> None:
    """Print, a table's frame, a bullet and scattered specks make no ring of dots."""
    rng = np.random.default_rng(7)
    page, _figures = _page(rng)
    img = Image.fromarray(page)
    draw = ImageDraw.Draw(img)
    draw.ellipse((200, 1000, 260, 1060), outline=0, width=3)
    draw.rectangle((250, 250, 1300, 900), outline=0, width=2)
    gray = np.asarray(img).copy()
    specks = rng.random(gray.shape) < 0.002
    gray[specks] = 0
    assert rings.find_rings(gray, DPI, dotted=True) == []


@pytest.mark.slow
def test_a_figure_under_a_dotted_seal_is_read(tmp_path: Path) -> None:
    """Real Tesseract on the conditions grammar's tune seed 746 as drawn (a fax stored in
    a PDF, a faint seal over the figures column, come as dots): its seal was not found,
    and nd111's "15" was read with the seal's dots and lettering as a cell of marks
    (nothing read). Found and wiped, the figure is read 15 (still sent to review: the
    seal's lettering stays beside it), and no figure is wrong unflagged."""
    sc, plan, case = scan_case.drawn(746)
    assert case.medium == "fax" and "stamp-on-figures" in case.tags()
    got = scan_case.read(sc, plan, case, tmp_path)
    assert scan_case.silent(case, got) == []
    assert case.values["nd111"] == 15
    assert "nd111" in got and got["nd111"].value == 15
