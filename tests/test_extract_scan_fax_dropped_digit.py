"""A fax's figure the page OCR read with a digit left out ("3" for "31": the thin "1"
lost at the page's threshold) stands at the re-read where two re-reads agree on it, no
other reading was made, the ink stands as many digits apart, and no seal is about
(issue 10). It was flagged: the page OCR "sure of another number".
"""

from __future__ import annotations

from pathlib import Path

import pytest
import scan_case

from extract.ocr.cells import DigitsRead
from extract.ocr.confidence import dropped_by_page


def _read(text: str, confirmed: bool = True, other: str | None = None) -> DigitsRead:
    return DigitsRead(text, 0.96, False, other=other, confirmed=confirmed)


def test_a_digit_the_page_left_out_is_dropped_by_the_page() -> None:
    assert dropped_by_page("3", _read("31"), 2)
    assert dropped_by_page("1", _read("11"), 2)
    assert dropped_by_page("12", _read("102"), 3)


@pytest.mark.parametrize(
    ("page", "read", "ink"),
    [
        ("3", _read("31", confirmed=False), 2),  # one re-read alone
        ("3", _read("31", other="3"), 2),  # a second reading sides with the page
        ("3", _read("31"), 1),  # the ink shows one digit: the re-read made one up
        ("4", _read("31"), 2),  # other ink, not less of it
        ("31", _read("31"), 2),  # agreed: nothing dropped
        ("", _read("31"), 2),  # the page read nothing
    ],
)
def test_other_disagreements_are_not(page: str, read: DigitsRead, ink: int) -> None:
    assert not dropped_by_page(page, read, ink)


@pytest.mark.slow
def test_a_fax_whose_page_ocr_lost_a_thin_one_reads_the_figure(tmp_path: Path) -> None:
    """The grammar's tune seed 13846 as drawn: its cnbb "31" the page OCR read "3"; now
    exact, and no figure of the case wrong unflagged."""
    g, plan, case = scan_case.drawn(13846)
    assert case.medium == "fax"
    got = scan_case.read(g, plan, case, tmp_path)
    want = case.values
    assert want["cnbb"] == 31
    assert scan_case.silent(case, got) == []
    assert "cnbb" in got and not got["cnbb"].needs_review and got["cnbb"].value == 31
