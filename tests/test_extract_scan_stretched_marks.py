"""A stretched re-read's marks are not digits (issue 10, fresh).

A figure whose ink is wider than its digits allow is read again stretched across; when
that read finds more digits, one was lost and the figure goes to review. The digits-only
reader's whitelist has "-": beside a photo's lifted stamp or a rule's remnant it read a
plain "10" stretched as "-10-", counted as four characters against two, and the figure,
read alike by the page OCR and the re-read, was flagged. Only digits count now; a mark
standing apart as tall as a digit is `cell_crops.ink_digits`' business. Real Tesseract,
the case built from the conditions grammar (an even seed of a fresh tune set).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract import extract_file
from extract.ocr.table_read import _digits

pytestmark = pytest.mark.slow
sc = load_grammar()


def test_a_readings_digits_leave_marks_and_leading_zeros_out() -> None:
    assert _digits("-10-") == "10"
    assert _digits("03-") == "3"
    assert _digits("1-1") == "11"  # two digits apart: more than "1"


def test_a_photos_figure_read_stretched_with_marks_stands(tmp_path: Path) -> None:
    plan = load_plan(sc.PLAN_PATH)
    (case,) = sc.make_cases([654], tmp_path, tmp_path, plan)
    ex = extract_file(tmp_path / case.file, plan)
    truth = {r["indicator"]: r["value"] for r in case.truth()["records"]}
    (rec,) = [r for r in ex.records if r.indicator == "cntn"]
    assert rec.value == truth["cntn"] == 10 and not rec.needs_review
    for r in ex.records:  # nothing else read wrong and let pass
        assert r.needs_review or r.value == truth[r.indicator]
