"""A fax figure a streak ran along, read with the print the streak's fill took put back
(issue 10).

A streak is filled from the lighter of its two neighbours (`streaks`): a stroke crossing
it has ink on both sides and stays whole, but a stroke running along it (the side of a
"2"'s arc) has ink on one side only and goes with the streak: "28" was read "48" and "8"
(tune seed 274, a fine fax turned 180°, a streak through the "2"). Where the fill left
paper beside ink is carried with the page through levelling and turning; a figure there
is cut at the ladder of `fax_cuts` with that ink put back. Real Tesseract; the grammar's
case as drawn.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract import extract_file
from extract.ocr import bilevel, cells, fax_cuts
from extract.ocr.streaks import streaks_removed
from extract.settings import ScanSettings

sc = load_grammar()
SERIF = "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"


def _page_with_figure(figure: str) -> np.ndarray:
    """A black-and-white strip (a fine fax) with one figure in it."""
    img = Image.new("L", (300, 90), 255)
    ImageDraw.Draw(img).text((110, 20), figure, fill=0, font=ImageFont.truetype(SERIF, 40))
    return np.where(np.asarray(img) < 150, 0, 255).astype(np.uint8)


def _rightmost_stroke_column(page: np.ndarray) -> int:
    """The figure's last column of ink (the right side of its last digit's bowl)."""
    return int(np.flatnonzero((page < 128).any(axis=0))[-1])


def test_the_fill_marks_where_a_stroke_ran_along_the_streak_not_where_one_crossed() -> None:
    page = _page_with_figure("20")
    x = _rightmost_stroke_column(page) - 1  # along the "0"'s right side
    streaked = page.copy()
    streaked[:, x : x + 2] = 0
    streaked[80:82, :] = 0  # a row streak below the figure: no print beside it
    _out, lost = streaks_removed(streaked)
    assert lost is not None
    assert np.count_nonzero(lost[:, x : x + 2]) > 0  # the "0"'s side, on one side only
    assert np.count_nonzero(lost[80:82, : x - 1]) + np.count_nonzero(lost[80:82, x + 3 :]) == 0
    clean = page.copy()
    assert streaks_removed(clean)[1] is None


def test_a_figure_a_streak_ran_along_is_read_with_its_ink_put_back(tmp_path: Path) -> None:
    """The "0" of "20" loses its right side to the fill: read as cut, the cuts say "2C"
    or "20" or nothing; with the ink put back, "20" and confirmed. The page OCR's "2"
    (a part of it) does not count against it."""
    page = _page_with_figure("20")
    x = _rightmost_stroke_column(page) - 2
    page[:, x : x + 3] = 0
    out, lost = streaks_removed(page)
    assert lost is not None
    clean = bilevel.soften(out, 200.0)
    box = [(0, 0, clean.shape[1], clean.shape[0])]
    read = cells.DigitsRead("2", 0.9, blank=False)
    with ThreadPoolExecutor(1) as pool:
        (without,) = fax_cuts.confirm(
            clean, 200.0, box, ["2"], [read], pool, tmp_path / "a", ScanSettings()
        )
        (put_back,) = fax_cuts.confirm(
            clean, 200.0, box, ["2"], [read], pool, tmp_path / "b", ScanSettings(), lost
        )
    assert without.text != "20"
    assert (put_back.text, put_back.confirmed) == ("20", True)


@pytest.mark.slow
def test_a_fax_whose_streak_ran_along_a_digit_reads_it(tmp_path: Path) -> None:
    """The grammar's tune seed 274 as drawn: its "28" (a streak along the "2") was read
    "48" and "8" and flagged; now every figure is exact, none wrong unflagged."""
    plan = load_plan(sc.PLAN_PATH)
    case = sc.draw_case(plan, 274)
    assert case.medium == "fax" and case.conditions["streaks"]
    pdfs = sc.build_sources(plan, [case], tmp_path)
    fax = sc.render_case(case, pdfs[case.seed], tmp_path, tmp_path)
    ex = extract_file(fax, plan)
    got = {r.indicator: r for r in ex.records if r.unit == case.unit}
    assert [i for i, r in got.items() if not r.needs_review and r.value != case.values[i]] == []
    assert case.values["hinh_su"] == 28
    assert all(i in got and not got[i].needs_review for i in case.values)
