"""A red stamp over a photo's figure (issue 10): lifting the stamp's red to paper lifts
the print under its solid star and its ring too. Fully ruled forms under 1800 px, as
drawn: seed 4614 (check tablecloth, turned 90°), the star took the "5" of "56" and every
re-read read the "6" that was left, surely; seed 782 (cloth), the star took the "1" of
"17" and the page OCR read "7" too (it reads the same page). A figure with the lifted
ink over or beside its print is flagged whoever agrees; one with it elsewhere in its
cell is not sure on its re-reads alone. Cases from the seeded grammar; real
LibreOffice, real Tesseract.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract import extract_file
from extract.ocr.level import STAMP_LIFT, level_page
from extract.ocr.pages import load_pages
from extract.settings import ScanSettings

pytestmark = pytest.mark.slow

sc = load_grammar()
# Even: the tuning half; outside the shared tune sets (0-399). What each was drawn as.
SEEDS = {
    4614: {"desk=check", "source=form", "turn=90", "px<1800", "stamp-on-figures"},
    782: {"desk=cloth", "source=form", "px<1800", "stamp-on-figures"},
}


@pytest.fixture(scope="module", params=sorted(SEEDS))
def stamped_form(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, object]:
    plan = load_plan(sc.PLAN_PATH)  # type: ignore[attr-defined]
    out = tmp_path_factory.mktemp("cases")
    work = tmp_path_factory.mktemp("work")
    (case,) = sc.make_cases([request.param], out, work, plan)  # type: ignore[attr-defined]
    assert SEEDS[request.param] <= set(case.tags())
    return out / case.file, case


def test_the_level_page_knows_where_the_stamp_was_lifted(
    stamped_form: tuple[Path, object],
) -> None:
    path, _case = stamped_form
    settings = ScanSettings.resolve(None)
    level, _notes = level_page(load_pages(path, settings)[0], settings)
    assert level.stamped is not None
    assert level.stamped.shape == level.gray.shape
    lifted = level.stamped >= STAMP_LIFT
    # A stamp, not the page: its star and ring are a small part of it.
    assert 0 < np.count_nonzero(lifted) < 0.05 * lifted.size


def test_a_figure_under_the_stamp_is_never_passed_on_what_the_stamp_left(
    stamped_form: tuple[Path, object],
) -> None:
    path, case = stamped_form
    ex = extract_file(path, load_plan(sc.PLAN_PATH))  # type: ignore[attr-defined]
    values = case.values  # type: ignore[attr-defined]
    wrong = [
        (r.indicator, r.value, values[r.indicator])
        for r in ex.records
        if r.indicator in values and not r.needs_review and r.value != values[r.indicator]
    ]
    assert wrong == []
    exact = [r for r in ex.records if not r.needs_review and r.value == values[r.indicator]]
    assert exact  # a figure the stamp did not reach still reads
