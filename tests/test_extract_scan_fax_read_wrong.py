"""Fax figures the readers disagree on, or agree on unsurely (`extract/ocr/table_read.py`).

End to end on the conditions grammar's tune seeds, with real Tesseract:

- seed 606 (a fax, a seal over the figures): the page OCR reads "30" surely where the
  digits re-read and its psm-13 cross-check both read "20". The figure stays flagged,
  but the reading suggested for review is the two re-reads' (it was the page OCR's).
- seed 356 (a fax, a seal over the figures): the page OCR read the seal's marks into the
  "11" ("119", surely), the re-read "11". Flagged as before (a seal over it), but the
  re-read's is the reading suggested (the page OCR's was, the re-read set aside).
- seed 1518 (a fax, a faint seal's dots over the "7" of "07"): the page OCR and the
  re-read both read "0", the re-read at confidence 0. That was sure (silent); the
  re-read barely made anything out, so it is no second reading and the figure is flagged.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import scan_case


def _read(seed: int, tmp_path: Path) -> tuple[dict, dict, list[str]]:
    """The fax case's records by indicator, its values, and those read wrong unflagged."""
    sc, plan, case = scan_case.drawn(seed)
    assert case.medium == "fax" and not sc.is_test(seed)
    got = scan_case.read(sc, plan, case, tmp_path)
    return got, case.values, scan_case.silent(case, got)


@pytest.mark.slow
def test_two_agreeing_re_reads_are_the_reading_suggested(tmp_path: Path) -> None:
    got, values, silent = _read(606, tmp_path)
    assert silent == []
    assert values["hinh_su"] == 20
    assert got["hinh_su"].needs_review and got["hinh_su"].value == 20


@pytest.mark.slow
def test_a_figure_the_re_read_barely_made_out_is_not_sure(tmp_path: Path) -> None:
    got, values, silent = _read(1518, tmp_path)
    assert values["cntn"] == 7
    assert silent == []
    assert got["cntn"].needs_review


@pytest.mark.slow
def test_under_a_seal_the_re_read_is_the_reading_suggested(tmp_path: Path) -> None:
    got, values, silent = _read(356, tmp_path)
    assert silent == []
    assert values["nd111"] == 11
    assert got["nd111"].needs_review and got["nd111"].value == 11
