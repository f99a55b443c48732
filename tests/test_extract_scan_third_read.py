"""An agreement the re-read barely made out is checked by a third read.

Phototune2 2876 (conditions seed, even, a photo): "56" was read "96" by the page OCR and
by the digits-only re-read (psm 7, confidence 0.48): two readings agreeing made it sure,
silently wrong. A third read (psm 13) read "56": the figure goes to review. Not on faxes,
whose unsure agreements their own rules judge.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.ocr import cells, confidence


def test_a_contested_agreement_is_one_reading() -> None:
    read = cells.DigitsRead("96", 0.48, blank=False, other="56", contested=True)
    number, conf, rule = confidence.judged_digits("96", 0.9, read, photo=True)
    assert (number, rule) == ("96", confidence.CONTESTED) and conf <= 0.5


def test_an_uncontested_agreement_stands() -> None:
    read = cells.DigitsRead("96", 0.48, blank=False)
    number, conf, rule = confidence.judged_digits("96", 0.9, read, photo=True)
    assert (number, rule) == ("96", "agreed") and conf >= 0.6


@pytest.mark.slow
def test_a_photo_figure_two_readers_misread_alike_is_flagged(tmp_path: Path) -> None:
    from benchmarks.scan_conditions import load_grammar
    from chitieu.plan import load_plan
    from extract import extract_file

    sc = load_grammar()
    plan = load_plan(sc.PLAN_PATH)  # type: ignore[attr-defined]
    (tmp_path / "cases").mkdir()
    (tmp_path / "work").mkdir()
    (case,) = sc.make_cases([2876], tmp_path / "cases", tmp_path / "work", plan)  # type: ignore[attr-defined]
    assert "medium=photo" in case.tags() and case.values["nd94"] == 56
    ex = extract_file(tmp_path / "cases" / case.file, plan)
    got = {r.indicator: r for r in ex.records}
    assert got["nd94"].value == 56 or got["nd94"].needs_review
    wrong = [r for r in ex.records if not r.needs_review and r.value != case.values[r.indicator]]
    assert wrong == []
