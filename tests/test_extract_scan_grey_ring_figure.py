"""A figure a grey seal's ring runs through, on a greyscale flatbed scan, is read again.

The seal's wipe keeps the ring's ink wherever print meets it, so an arc along a digit
stays as a stroke of it, and the page OCR and every re-read see the same shape: on the
conditions grammar's tune seed 784 (a greyscale scan, a table without rules, the seal's
outer ring along the "1" of "15") all three read "45", sure (a silent error). Read again
digits-only from the page as scanned with the ring's band taken out
(`figure_reads.band_out_disagree`), it reads "15" surely: the figure is flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract import extract_file
from extract.ocr.cell_kinds import ring_crosses
from extract.ocr.rings import Ring


def test_a_ring_crosses_a_box_only_where_its_stroke_runs_through_it() -> None:
    ring = Ring(cx=100.0, cy=100.0, r=50.0, width=3.0)
    assert ring_crosses([ring], (140, 90, 170, 110))  # across the right-hand arc
    assert not ring_crosses([ring], (80, 90, 120, 110))  # inside, clear of the stroke
    assert not ring_crosses([ring], (160, 90, 190, 110))  # outside it
    assert not ring_crosses([], (140, 90, 170, 110))


@pytest.mark.slow
def test_a_figure_a_grey_ring_runs_through_is_flagged_not_misread(tmp_path: Path) -> None:
    sc = load_grammar()
    plan = load_plan(sc.PLAN_PATH)
    case = sc.draw_case(plan, 784)
    assert case.medium == "scan" and "stamp-on-figures" in case.tags()
    pdfs = sc.build_sources(plan, [case], tmp_path)
    scan = sc.render_case(case, pdfs[case.seed], tmp_path, tmp_path)
    got = {r.indicator: r for r in extract_file(scan, plan).records if r.unit == case.unit}
    assert set(got) == set(case.values)
    assert [i for i, r in got.items() if not r.needs_review and r.value != case.values[i]] == []
    assert got["hinh_su"].value == case.values["hinh_su"] and not got["hinh_su"].needs_review
