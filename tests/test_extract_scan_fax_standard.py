"""A fax sent at standard resolution (issue 10): each scan line twice as tall as wide.

A fax server stores such a page as a TIFF of 204×98 dpi (here 150×75): half as many rows
as the page is tall. Read at face value the print is squashed to half its height and
nothing is read; the rows are repeated to square pixels first. Cases come from the seeded
grammar of `samples/returns/scan_conditions.py`, pinned to a standard fax, then stored
as the fax server does. Real LibreOffice, real Tesseract.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import Plan, load_plan
from extract import extract_file
from extract.ocr.pages import open_pages
from extract.settings import ScanSettings

pytestmark = pytest.mark.slow

sc = load_grammar()
SEEDS = (100_201, 100_202)  # outside the benchmark's range


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(sc.PLAN_PATH)


@pytest.fixture(scope="module")
def faxes(plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[Path, object]]:
    work = tmp_path_factory.mktemp("work")
    out = tmp_path_factory.mktemp("cases")
    drawn = []
    for seed in SEEDS:
        case = sc.draw_case(plan, seed)
        case.medium, case.source, case.rules = "fax", "letter", "full"
        case.landscape, case.pages = False, 1
        case.conditions.update(
            dpi=150, turn=0, streaks=False, stamp_on_figures=False, blur=0.0, jpeg=95
        )
        # The fax's threshold, drawn as the grammar draws it for a fax.
        case.conditions["threshold"] = int(np.random.default_rng(seed).integers(120, 175))
        case.conditions["long_side"] = round(297 / 25.4 * 150)
        case.conditions.pop("container", None)
        drawn.append(case)
    pdfs = sc.build_sources(plan, drawn, work)
    built = {}
    for case in drawn:
        png = sc.render_case(case, pdfs[case.seed], work, out)
        page = np.asarray(Image.open(png).convert("L"))
        # The grammar prints each scan line twice; the fax server stores it once.
        offset = int(np.argmax([(page[o:-1:2] == page[o + 1 :: 2]).mean() for o in (0, 1)]))
        tif = out / f"fax-{case.seed}.tif"
        Image.fromarray(page[offset::2]).convert("1").save(
            tif, "TIFF", compression="group4", dpi=(150, 75)
        )
        built[case.seed] = (tif, case)
    return built


def test_rows_repeated_to_square_pixels(faxes: dict) -> None:
    for tif, _case in faxes.values():
        stored = Image.open(tif)
        with open_pages(tif, ScanSettings()) as source:
            page = source.load(0)
        assert page.dpi == 150
        assert page.gray.shape == (2 * stored.height, stored.width)
        assert set(np.unique(page.gray)) <= {0, 255}  # still black and white: a fax


def test_standard_fax_figures_read(faxes: dict, plan: Plan) -> None:
    exact = 0
    for tif, case in faxes.values():
        ex = extract_file(tif, plan)
        assert ex.unit == case.unit
        got = {r.indicator: r for r in ex.records if r.unit == case.unit}
        wrong = [i for i, r in got.items() if not r.needs_review and r.value != case.values[i]]
        assert wrong == []  # never a silent error
        exact += sum(
            1
            for i, v in case.values.items()
            if i in got and not got[i].needs_review and got[i].value == v
        )
    # Squashed to half its height, the page read nothing (no table, no sender): 0 of 10.
    assert exact >= 6
