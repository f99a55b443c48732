"""Pages of two-page returns lying sideways (issue 10), from the seeded layout grammar of
`samples/returns/scan_layouts.py`, as drawn: each page's way up and level found on its own.

Page 2 of a wide table sent by fax turned 90° (seed 90): its rows run down the page,
levelled by its rows they lay slanted, and the letters of the fax's sender line across
its top outvoted them: the vote left it as it lay. Page 2 of a photo turned 270° (seed
100), levelled by its rows 1.75° off, voted upside down. Both were read once wrongly,
then turned by Tesseract's OSD and read again (the figures came out the same: seed 90's,
under the seal's ring, are still not read). Real LibreOffice, real Tesseract.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract.formats.scan import read_scan
from extract.ocr import bilevel
from extract.ocr.level import level_page, orient
from extract.ocr.pages import load_pages
from extract.ocr.streaks import streaks_removed
from extract.settings import ScanSettings

pytestmark = pytest.mark.slow

lg = load_grammar("layouts")

# seed -> how far page 2 is turned back (clockwise) and a row label it must then show
PAGE_2: dict[int, tuple[int, str]] = {
    90: (270, "Người sau cai nghiện"),  # fax turned 90°, the sender line across its top
    100: (90, "Pano, khẩu hiệu"),  # photo turned 270°, the table alone on page 2
}


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    plan = load_plan(lg.PLAN_PATH)  # type: ignore[attr-defined]
    work = tmp_path_factory.mktemp("work")
    out = tmp_path_factory.mktemp("cases")
    built = lg.make_cases(list(PAGE_2), out, work, plan)  # type: ignore[attr-defined]
    return {c.seed: out / c.file for c in built}


@pytest.mark.parametrize("seed", list(PAGE_2))
def test_the_ink_vote_turns_page_2_the_right_way(
    seed: int, cases: dict[int, Path], tmp_path: Path
) -> None:
    """Before, the vote turned seed 90's page 2 not at all and seed 100's upside down:
    each was read once wrongly, then turned by Tesseract's OSD and read again."""
    settings = ScanSettings()
    page = load_pages(cases[seed], settings)[1]
    gray, streaked = streaks_removed(page.gray)
    page = replace(page, gray=gray, streaked=streaked)
    if not bilevel.is_bilevel(page.gray) and (sent := bilevel.as_sent(page.gray)) is not None:
        page = replace(page, gray=sent)
    level, notes = level_page(page, settings)
    _upright, how = orient(level, settings, tmp_path, notes)
    assert how == "ink"
    assert notes[-1] == f"Trang 2: trang bị xoay, đã quay lại {PAGE_2[seed][0]}°."


def test_page_2_of_a_fax_lying_sideways_is_read_upright(cases: dict[int, Path]) -> None:
    turn, label = PAGE_2[90]
    doc = read_scan(cases[90])
    turns = [w for w in doc.warnings if w.startswith("Trang 2: trang bị xoay")]
    assert turns == [f"Trang 2: trang bị xoay, đã quay lại {turn}°."]
    page_2 = " ".join(c.text for t in doc.tables if t.page == 2 for row in t.cells for c in row)
    assert label in page_2
