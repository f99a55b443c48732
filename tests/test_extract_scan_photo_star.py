"""A photo's figure under a seal's solid star (issue 10): the star's centre lies on the
"7" of "74", and wiping the seal took the 7's stem with the star (a dark red over black
print, in dim cool light). Every reader then read "4", alike and surely. On a fax a star
beside a figure already made it unsure (`cell_kinds.star_beside`, the whole star); on a
photo, whose star is a shade lighter than print at its edge, a star whose centre stands
on the figure does. Real Tesseract; the grammar's case as drawn.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import scan_case

from extract.ocr.cell_kinds import star_beside
from extract.ocr.rings import Ring


def _ring(cx: float, cy: float) -> Ring:
    return Ring(cx=cx, cy=cy, r=150.0, width=4.0)


def test_a_photos_star_hides_a_digit_only_with_its_centre_on_the_figure() -> None:
    figure = (1400, 750, 1440, 778)  # "74" at 206 dpi, 28 px tall
    on = _ring(1402, 745)  # centre on the figure's first digit, just over its top
    edge = _ring(1473, 764)  # centre 33 px right: its body over the figure's edge only
    assert star_beside([on], figure, 206.0, body=0.0)
    assert not star_beside([edge], figure, 206.0, body=0.0)
    assert star_beside([edge], figure, 206.0)  # a fax's star, black to its points


@pytest.mark.slow
def test_a_photo_figure_under_a_seals_star_is_flagged(tmp_path: Path) -> None:
    """The grammar's tune seed 5374 as drawn: its cnbb "74" was read "4" surely; now no
    figure of the case is wrong unflagged, and the others are still read."""
    g, plan, case = scan_case.drawn(5374)
    assert case.medium == "photo"
    got = scan_case.read(g, plan, case, tmp_path)
    want = case.values
    assert want["cnbb"] == 74
    assert scan_case.silent(case, got) == []
    assert "cnbb" in got and got["cnbb"].needs_review
    assert sum(not r.needs_review and r.value == want[i] for i, r in got.items()) >= 3
