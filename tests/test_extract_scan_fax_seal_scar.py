"""A fax figure that a black seal's wipe cut next to is never sure.

On a fax the seal is as black as the print: wiping its ring cuts the strokes of a figure
the ring crosses, and the page OCR reads the same wiped page, so the page OCR and the
cell re-read agree on whatever the cut left ("3 silent fax figures on the held-out sets",
README, session 8). Such a figure goes to review. Real Tesseract on the conditions
grammar's tune seed 4 as drawn (a fax, a seal over the figures): its "89", the ring
through it, is read right but must be flagged.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract import extract_file

sc = load_grammar()


@pytest.mark.slow
def test_a_fax_figure_the_seals_wipe_cut_is_flagged(tmp_path: Path) -> None:
    plan = load_plan(sc.PLAN_PATH)
    case = sc.draw_case(plan, 4)
    assert case.medium == "fax" and "stamp-on-figures" in case.tags()
    pdfs = sc.build_sources(plan, [case], tmp_path)
    fax = sc.render_case(case, pdfs[case.seed], tmp_path, tmp_path)
    got = {r.indicator: r for r in extract_file(fax, plan).records if r.unit == case.unit}
    assert [i for i, r in got.items() if not r.needs_review and r.value != case.values[i]] == []
    assert case.values["nd94"] == 89
    assert "nd94" in got and got["nd94"].needs_review
