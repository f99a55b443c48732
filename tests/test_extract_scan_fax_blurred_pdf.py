"""A fax a PDF stores as a blurred JPEG (issue 10) is read as a fax: the sending machine's
line along a side of white paper says so, where its share of grey (0.6-2% mid-grey, as
much as a clean flatbed scan) did not, and the fax rules (fax_cuts, fax_votes, the "0X"
rules) never ran on it. A flatbed scan in a PDF, and a photo, are not taken for faxes.

The cases: the conditions grammar's two-page PDF faxes, JPEG 50-90 under 1800 px, and its
two-page PDF scans, tune seeds, built at run time; the faxes read by real Tesseract.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract import extract_file
from extract.ocr import bilevel
from extract.ocr.pages import load_pages
from extract.ocr.streaks import streaks_removed
from extract.settings import ScanSettings

pytestmark = pytest.mark.slow

sc = load_grammar()
PLAN = load_plan(sc.PLAN_PATH)
FAX = {"medium=fax", "pages=2:pdf", "jpeg50-90", "px<1800"}
SCAN = {"medium=scan", "pages=2:pdf"}
TUNE = [s for s in range(600, 1100, 2) if not sc.is_test(s)]
FAXES = [s for s in TUNE if set(sc.draw_case(PLAN, s).tags()) >= FAX][:3]
SCANS = [s for s in TUNE if set(sc.draw_case(PLAN, s).tags()) >= SCAN][:3]


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[int, tuple[object, Path]]:
    out = tmp_path_factory.mktemp("cases")
    built = sc.make_cases(FAXES + SCANS, out, tmp_path_factory.mktemp("work"), PLAN)
    return {case.seed: (case, out / case.file) for case in built}


def _taken_for_fax(path: Path) -> list[bool]:
    """Each page's verdict as `page_read` makes it (after the streaks are drawn out)."""
    verdicts = []
    for page in load_pages(path, ScanSettings()):
        gray, _streaked = streaks_removed(page.gray)
        verdicts.append(bilevel.is_bilevel(gray) or bilevel.faxed(gray, page.dpi) is not None)
    return verdicts


def test_the_class_is_there() -> None:
    assert len(FAXES) == 3 and len(SCANS) == 3


def test_every_faxed_page_is_a_fax(cases: dict) -> None:
    for seed in FAXES:
        assert all(_taken_for_fax(cases[seed][1])), seed


def test_no_scanned_page_is_a_fax(cases: dict) -> None:
    for seed in SCANS:
        assert not any(_taken_for_fax(cases[seed][1])), seed


def test_the_faxes_figures_are_right_or_flagged(cases: dict) -> None:
    """Read as faxes, no figure is wrong and sure, and most are read."""
    read = 0
    for seed in FAXES:
        case, path = cases[seed]
        got = {(r.unit, r.indicator): r for r in extract_file(path, PLAN).records}
        for rec in case.truth()["records"]:
            r = got.get((rec["unit"], rec["indicator"]))
            if r is None:
                continue
            read += 1
            assert r.value == rec["value"] or r.needs_review, (seed, rec["indicator"], r.value)
    assert read >= 3 * len(FAXES)
