"""A fax figure whose crop ran into its cell's edge may have lost digits there: the page's
own digit shapes (`glyphs`) must not confirm what is left of it.

Conditions seed 3886 (even, as drawn): a fax turned 270°, a seal over the figures. nd94's
"137" is read "137" by the page OCR but "1" (0.5) by the re-read of a crop cut at the
cell's edge; the crop's ink shows one digit, a 1 the page prints alike, and "1" was a
reader's proposal: the shapes confirmed "1", sure and wrong. Cut crops are left as they
are. Real LibreOffice, real Tesseract.
"""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.slow
def test_a_cut_fax_figure_is_not_confirmed_by_the_pages_shapes(tmp_path: Path) -> None:
    from benchmarks.scan_conditions import load_grammar
    from chitieu.plan import load_plan
    from extract import extract_file

    sc = load_grammar()
    plan = load_plan(sc.PLAN_PATH)  # type: ignore[attr-defined]
    (tmp_path / "cases").mkdir()
    (tmp_path / "work").mkdir()
    (case,) = sc.make_cases([3886], tmp_path / "cases", tmp_path / "work", plan)  # type: ignore[attr-defined]
    assert "medium=fax" in case.tags() and case.values["nd94"] == 137
    ex = extract_file(tmp_path / "cases" / case.file, plan)
    got = {r.indicator: r for r in ex.records}
    assert got["nd94"].value == 137 or got["nd94"].needs_review
    wrong = [r for r in ex.records if not r.needs_review and r.value != case.values[r.indicator]]
    assert wrong == []
