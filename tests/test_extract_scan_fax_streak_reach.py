"""A streak filled beside a faxed seal's dots, away from the figure, takes none of it
(issue 10).

`fax_cuts` cuts a figure a streak's fill may have taken print of with that ink put back,
and where the cuts then disagree the figure is unreadable ("?", flagged). The fill was
counted anywhere in the cell: on tune seed 964 a streak crossed a faxed seal's dotted
ring at the far left of the cell of "45"; the page OCR and the re-read both read "45",
but one cut of the ladder (the darkest, the seal's star joined to the "5") read "43", and
the figure was flagged unreadable. Only fill within a digit's reach of the figure's ink
counts now. Real Tesseract; the grammar's case as drawn.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract import extract_file
from extract.ocr import bilevel, fax_cuts
from extract.ocr.streaks import streaks_removed

sc = load_grammar()
SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"


def _cell_with_dots(figure_x: int) -> np.ndarray:
    """A fax cell (black and white) with "45" at `figure_x` and a column of seal dots
    (2 px each, a faxed dotted ring) near its left edge."""
    img = Image.new("L", (300, 90), 255)
    ImageDraw.Draw(img).text((figure_x, 20), "45", fill=0, font=ImageFont.truetype(SERIF, 40))
    page = np.where(np.asarray(img) < 150, 0, 255).astype(np.uint8)
    for y in range(12, 80, 6):
        page[y : y + 2, 20:22] = 0
    return page


def _streak_along(page: np.ndarray, x: int) -> tuple[np.ndarray, np.ndarray]:
    """The page with a 2-px column streak at `x`, filled: (softened page, where the fill
    may have taken print)."""
    streaked = page.copy()
    streaked[:, x : x + 2] = 0
    out, lost = streaks_removed(streaked)
    assert lost is not None
    return bilevel.soften(out, 200.0), lost


def test_fill_beside_a_seals_dots_far_from_the_figure_takes_none_of_it() -> None:
    clean, lost = _streak_along(_cell_with_dots(150), 22)  # along the dots' right side
    assert np.count_nonzero(lost[:, 20:25]) > 0  # the fill marked print beside the dots
    box = (0, 0, clean.shape[1], clean.shape[0])
    assert not fax_cuts._lost_to_streak(lost, clean, box)


def test_fill_along_the_figure_still_counts() -> None:
    page = _cell_with_dots(150)
    right = int(np.flatnonzero((page < 128).any(axis=0))[-1])  # the "5"'s last column
    clean, lost = _streak_along(page, right - 1)
    box = (0, 0, clean.shape[1], clean.shape[0])
    assert fax_cuts._lost_to_streak(lost, clean, box)


def _drawn_and_read(seed: int, tmp_path: Path) -> tuple[object, dict]:
    """The grammar's case for `seed` as drawn, and its unit's records read from it."""
    plan = load_plan(sc.PLAN_PATH)
    case = sc.draw_case(plan, seed)
    fax = sc.render_case(case, sc.build_sources(plan, [case], tmp_path)[seed], tmp_path, tmp_path)
    records = extract_file(fax, plan).records
    return case, {r.indicator: r for r in records if r.unit == case.unit}


@pytest.mark.slow
def test_a_fax_whose_streak_crossed_a_seal_beside_a_figure_reads_it(tmp_path: Path) -> None:
    """The grammar's tune seed 964 as drawn: its "45" (a streak through the seal's dots at
    the cell's far left) was flagged unreadable; now it is exact, and no figure of the
    case is wrong unflagged."""
    case, got = _drawn_and_read(964, tmp_path)
    assert case.medium == "fax" and case.conditions["streaks"]  # type: ignore[attr-defined]
    want = case.values  # type: ignore[attr-defined]
    assert [i for i, r in got.items() if not r.needs_review and r.value != want[i]] == []
    assert want["nd94"] == 45
    assert "nd94" in got and not got["nd94"].needs_review and got["nd94"].value == 45
