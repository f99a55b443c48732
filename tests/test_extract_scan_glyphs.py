"""A flagged figure confirmed by the page's own digit shapes (issue 10, glyphs).

Figures are printed in Liberation Serif at 300 dpi, blurred, speckled and cut to black and
white as a fax leaves them, and prepared as the reader prepares a cell
(`cell_crops.prepare_crop`). The page's sure figures give the templates; an unsure figure
is confirmed only when every digit is clearly one template, its ink stands apart into as
many digits, and a reader proposed that value. A digit no sure figure shows gives no
opinion; a value no reader proposed is never made up.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import scan_case
from PIL import Image, ImageDraw, ImageFont

from extract.ocr import glyphs
from extract.ocr.cell_crops import prepare_crop

FONT = "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf"


def _cell(text: str, seed: int) -> np.ndarray:
    """A fax-like cell with `text` in it, prepared as the reader prepares a number cell."""
    img = Image.new("L", (260, 90), 255)
    ImageDraw.Draw(img).text((40, 18), text, font=ImageFont.truetype(FONT, 50), fill=0)
    rng = np.random.default_rng(seed)
    g = np.asarray(img, np.float32)
    g = g + rng.normal(0, 40, g.shape)  # grain
    bw = np.where(g < 140, 0, 255).astype(np.uint8)  # a fax: black and white
    return prepare_crop(bw, 300.0)[0]


SURE = ["2047", "1358", "92", "75", "30"]  # every digit but 6, several times


def _page(*unsure: tuple[str, set[str]]) -> list[glyphs.Figure]:
    figs = [glyphs.Figure(_cell(v, i), v, {v}, True, False) for i, v in enumerate(SURE)]
    figs += [
        glyphs.Figure(_cell(text, 100 + i), "?", props, False, True)
        for i, (text, props) in enumerate(unsure)
    ]
    return figs


def test_an_unsure_figure_whose_digits_match_the_pages_is_confirmed() -> None:
    """ "11" read "1" by one reader and "11" by another, "47" read apart: the page's own
    1s, 4s and 7s make them sure, at the value a reader proposed."""
    figs = _page(("11", {"1", "11"}), ("47", {"47", "41"}), ("803", {"803", "808"}))
    assert glyphs.confirmed(figs) == {5: "11", 6: "47", 7: "803"}


def test_a_value_no_reader_proposed_is_never_confirmed() -> None:
    """The shapes read "38"; the readers proposed "36" and "88": it stays flagged."""
    assert glyphs.confirmed(_page(("38", {"36", "88"}))) == {}


def test_a_digit_no_sure_figure_shows_gives_no_opinion() -> None:
    """No sure figure has a 6: "16" is not confirmed, whatever the readers proposed (a 6
    is never taken for its nearest template)."""
    assert glyphs.confirmed(_page(("16", {"16", "10", "18", "15"}))) == {}


def test_a_figure_whose_ink_shows_other_digit_count_stays_flagged() -> None:
    """The ink shows two digits; the readers proposed one: no template reading agrees."""
    assert glyphs.confirmed(_page(("11", {"1"}))) == {}


def test_a_cut_figure_is_not_confirmed_at_fewer_digits_than_a_reader_saw() -> None:
    """A crop its cell's edge cut may have lost digits: its lone "1" is confirmed only
    when no reader saw more digits in the cell ("137" by the page OCR: flagged)."""
    figs = _page(("1", {"1"}))
    figs[-1].cut, figs[-1].seen = True, 1
    assert glyphs.confirmed(figs) == {5: "1"}
    figs[-1].seen = 3
    assert glyphs.confirmed(figs) == {}


def test_no_figure_is_confirmed_at_fewer_digits_than_its_stretched_read_saw() -> None:
    """A fax's "137" whose 7 kept only its bar: the crop shows "13", read so by the page
    OCR and the re-read; stretched, the re-read saw "137". The shapes' "13" is not
    confirmed: a digit was lost (layouts-tune3 372). At as many digits, it is."""
    figs = _page(("13", {"13", "137"}))
    figs[-1].stretched = 3
    assert glyphs.confirmed(figs) == {}
    figs[-1].stretched = 2
    assert glyphs.confirmed(figs) == {5: "13"}


@pytest.mark.parametrize("text", ["2047", "1358", "92"])
def test_a_sure_figures_digits_match_its_own_templates(text: str) -> None:
    """Another print of a sure figure reads back as itself, digit by digit."""
    shapes = glyphs.templates(_page())
    assert glyphs.read_by_shapes(_cell(text, 999), shapes) == text


@pytest.mark.slow
def test_a_faxed_eleven_read_one_is_confirmed_by_the_pages_ones(tmp_path) -> None:
    """A fax (conditions seed 322, even, as drawn): nd94's "11" read "1" by the page OCR
    and the re-reads, "11" by the stretched read; its ink shows two digits, so it was
    flagged (`cell_crops.ink_digits`). The page's sure figures print their 1s alike: each
    digit is a 1 (correlation 0.95-0.96, 0.33 above any other digit), "11" was proposed:
    sure. Real LibreOffice, real Tesseract."""
    from benchmarks.scan_conditions import load_grammar
    from chitieu.plan import load_plan
    from extract import extract_file

    sc = load_grammar()
    plan = load_plan(sc.PLAN_PATH)  # type: ignore[attr-defined]
    (tmp_path / "cases").mkdir()
    (tmp_path / "work").mkdir()
    (case,) = sc.make_cases([322], tmp_path / "cases", tmp_path / "work", plan)  # type: ignore[attr-defined]
    assert "medium=fax" in case.tags() and case.values["nd94"] == 11
    ex = extract_file(tmp_path / "cases" / case.file, plan)
    got = {r.indicator: r for r in ex.records}
    assert (got["nd94"].value, got["nd94"].needs_review) == (11, False)
    wrong = [r for r in ex.records if not r.needs_review and r.value != case.values[r.indicator]]
    assert wrong == []


@pytest.mark.slow
def test_a_fax_figure_whose_digit_came_as_dots_is_flagged(tmp_path: Path) -> None:
    """The layouts grammar's tune seed 372 as drawn: a fax turned 90°, its table split
    over two pages; its "137" has a thin 7 whose stem came as dots. The page OCR and
    the re-read read "13", the stretched re-read "137", and the page's shapes "13": the
    figure is flagged, and nothing is wrong unflagged."""
    g, plan, case = scan_case.drawn(372, "layouts")
    assert case.medium == "fax" and case.values["cnbb"] == 137
    got = scan_case.read(g, plan, case, tmp_path)
    assert scan_case.silent(case, got) == []
    assert got["cnbb"].needs_review
    assert sum(not r.needs_review and r.value == case.values[i] for i, r in got.items()) >= 4
