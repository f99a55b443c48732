"""Two readers agreeing against a third are one reading; rows without rules are rows.

A class the fresh tune sets of session 16 showed silent (it fails on the reader before
it): a photo's "56" in DejaVu Serif Condensed, read "96" by the page OCR and again from
its word box (psm 7), while psm 13 read "56" (typefaces-tune2 seed 478).

And one figure column that held every row's figure, its row rules lost (typefaces 484):
the page is read as a page without rules, every figure exact.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import scan_case

from extract.ocr import cells, word_box


def test_a_word_box_read_against_another_number_is_contested() -> None:
    cell = cells.DigitsRead("56", 0.5, blank=False, other="06")
    assert word_box._rival(cell, "96") == "56"
    assert word_box._rival(cells.DigitsRead("-1", 0.4, blank=False), "31") is None
    assert word_box._rival(cells.DigitsRead("06", 0.4, blank=False), "6") is None
    # psm 13 read the page's number: three readings for it, no rival
    assert word_box._rival(cells.DigitsRead("36", 0.5, blank=False, other="56"), "56") is None


@pytest.mark.slow
def test_a_word_box_agreement_against_another_reading_goes_to_review(tmp_path: Path) -> None:
    g, plan, case = scan_case.drawn(478, "typefaces")
    assert case.values["nd111"] == 56
    got = scan_case.read(g, plan, case, tmp_path)
    assert got["nd111"].value == 56 or got["nd111"].needs_review
    assert scan_case.silent(case, got) == []


@pytest.mark.slow
def test_rows_whose_rules_were_lost_are_read_from_their_words(tmp_path: Path) -> None:
    g, plan, case = scan_case.drawn(484, "typefaces")
    assert case.medium == "photo"
    got = scan_case.read(g, plan, case, tmp_path)
    assert {i: (r.value, r.needs_review) for i, r in got.items()} == {
        i: (v, False) for i, v in case.values.items()
    }
