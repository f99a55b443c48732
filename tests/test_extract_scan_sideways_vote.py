"""A page lying sideways whose text's way up its rows' levelling hid (issue 10, layouts).

Layout-grammar tune seeds as drawn: 768 (a landscape table turned 270°, skewed 1.75°,
a blurred 150-dpi JPEG-q<50 TIFF) and 770 (a two-page TIFF turned 270°). Levelled by its
rows (not its text's lines), each page's ink vote was undecided, and Tesseract's OSD on
the same slanted page turned 768 not at all (confidence 0.3): no table, five figures
missing. Levelled along its columns for the vote, each page is turned by its own ink.
Real LibreOffice for the case; the vote is OpenCV's, no Tesseract needed.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract.ocr.level import level_page, orient
from extract.ocr.pages import load_pages
from extract.ocr.streaks import streaks_removed
from extract.settings import ScanSettings

pytestmark = pytest.mark.slow

lg = load_grammar("layouts")

# seed -> the pages whose vote the rows' levelling left undecided
PAGES = {768: (1,), 770: (1, 2)}


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    plan = load_plan(lg.PLAN_PATH)
    work, out = tmp_path_factory.mktemp("work"), tmp_path_factory.mktemp("out")
    built = lg.make_cases(list(PAGES), out, work, plan)  # type: ignore[attr-defined]
    return {c.seed: out / c.file for c in built}


@pytest.mark.parametrize("seed", list(PAGES))
def test_a_sideways_page_is_turned_by_its_own_ink(
    seed: int, cases: dict[int, Path], tmp_path: Path
) -> None:
    settings = ScanSettings()
    for page in load_pages(cases[seed], settings):
        if page.page not in PAGES[seed]:
            continue
        gray, streaked = streaks_removed(page.gray)
        level, notes = level_page(replace(page, gray=gray, streaked=streaked), settings)
        up, how = orient(level, settings, tmp_path, notes)
        assert how == "ink", f"page {page.page}: not decided by its ink ({how!r})"
        assert notes[-1] == f"Trang {page.page}: trang bị xoay, đã quay lại 90°."
        assert up.gray.shape[1] > up.gray.shape[0] or seed != 768  # landscape again
