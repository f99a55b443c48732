"""Pages of two-page returns lying sideways (issue 10), from the seeded layout grammar of
`samples/returns/scan_layouts.py`, as drawn: each page's way up and level found on its own.

Page 2 of a wide table sent by fax turned 90° (seed 90): its three rows run down the
page, levelled by its rows they lay slanted, and the letters of the fax's sender line
across the top outvoted them: the page was read as it lay, its rows lost (its figures,
under the seal's ring, are still not read). Real LibreOffice, real Tesseract.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract.formats.scan import read_scan

pytestmark = pytest.mark.slow

lg = load_grammar("layouts")

# seed -> how far page 2 is turned back (clockwise) and a row label it must then show
PAGE_2: dict[int, tuple[int, str]] = {
    90: (270, "Người sau cai nghiện"),  # fax turned 90°, the sender line across its top
}


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    plan = load_plan(lg.PLAN_PATH)  # type: ignore[attr-defined]
    work = tmp_path_factory.mktemp("work")
    out = tmp_path_factory.mktemp("cases")
    built = lg.make_cases(list(PAGE_2), out, work, plan)  # type: ignore[attr-defined]
    return {c.seed: out / c.file for c in built}


@pytest.mark.parametrize("seed", list(PAGE_2))
def test_page_2_lying_sideways_is_turned_upright_and_its_rows_read(
    seed: int, cases: dict[int, Path]
) -> None:
    turn, label = PAGE_2[seed]
    doc = read_scan(cases[seed])
    turns = [w for w in doc.warnings if w.startswith("Trang 2: trang bị xoay")]
    assert turns == [f"Trang 2: trang bị xoay, đã quay lại {turn}°."]
    page_2 = " ".join(c.text for t in doc.tables if t.page == 2 for row in t.cells for c in row)
    assert label in page_2
