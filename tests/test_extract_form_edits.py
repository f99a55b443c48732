"""Our XLSX return form, unprotected and edited by a ward (rows inserted above and inside
the table, rows deleted, columns inserted or moved), with openpyxl and with LibreOffice
Calc itself (`lo_edit.py`), on forms with and without defined names: no value is ever
wrong without a flag, every typed value is read, and after an edit in Calc (which moves
the names with their cells) nothing needs review but what was typed with words.

Seeds 0–29 were looked at while writing the reader; seeds 1000–1029 are the held-out half.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from form_edits import Case, Score, make_case, score
from lo_edit import edit_in_calc

from chitieu.form_ids import HIDDEN_SHEET
from extract import extract_file

pytestmark = pytest.mark.slow  # LibreOffice

TUNED = range(0, 30)
HELD_OUT = range(1000, 1030)


def _run(seeds: range, out: Path) -> tuple[list[Case], dict[int, Score]]:
    cases = [make_case(seed, out) for seed in seeds]
    calc = {c.path: c.ops for c in cases if c.tool == "calc" and c.ops}
    if calc:
        edit_in_calc(calc)
    return cases, {c.seed: score(c, extract_file(c.path, c.plan)) for c in cases}


@pytest.fixture(scope="module", params=["tuned", "held-out"])
def half(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[list[Case], dict[int, Score]]:
    seeds = TUNED if request.param == "tuned" else HELD_OUT
    return _run(seeds, tmp_path_factory.mktemp(request.param))


def test_no_silent_error_and_nothing_lost(half: tuple[list[Case], dict[int, Score]]) -> None:
    cases, scores = half
    total = Score()
    for s in scores.values():
        total.add(s)
    assert {c.tool for c in cases} == {"openpyxl", "calc"} and any(c.old for c in cases)
    assert sum(c.moved for c in cases) >= len(cases) // 2
    assert total.silent == 0, total.details
    assert total.missing == 0 and total.spurious == 0, total.details
    assert total.exact == total.expected, total.details
    assert total.worded_unflagged == 0, total.details


def test_calc_edits_follow_the_names(half: tuple[list[Case], dict[int, Score]]) -> None:
    """LibreOffice moved the defined names: every value is trusted, except words typed."""
    cases, scores = half
    named = [c for c in cases if c.tool == "calc" and not c.old]
    assert named
    for case in named:
        assert scores[case.seed].flagged == len(case.worded), (case.ops, scores[case.seed].details)


def test_calc_really_edited_the_sheet(half: tuple[list[Case], dict[int, Score]]) -> None:
    """The Calc cases are files LibreOffice wrote (not the openpyxl draft): the hidden
    sheet is still there and the header sits where the operations put it."""
    cases, _ = half
    for case in (c for c in cases if c.tool == "calc" and c.ops):
        wb = openpyxl.load_workbook(case.path)
        assert HIDDEN_SHEET in wb.sheetnames
        assert "LibreOffice" in (wb.properties.creator or "") + _app(case.path)


def _app(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        return zf.read("docProps/app.xml").decode("utf-8", "replace")
