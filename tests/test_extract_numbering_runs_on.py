"""A table's part on a later page, its header left on the page before or lost to the
scan: its row numbers run on ("6", "7", ... "12") and its figures stand unworded beside
them. The row numbers are never taken for the figures (issue 10: layouts-tune3 396, a
fax whose second page's "6".."12" were read as its figures, all flagged). The figures
are taken, for review (their column is not worded as the result). Tables drawn by seed.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from chitieu.plan import Plan, load_plan
from chitieu.record import Where
from extract.document import Cell, ReadDocument, Table, TextLine
from extract.interpret import interpret

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
LETTER = ["UBND QUẬN CẦU GIẤY", "UBND PHƯỜNG DỊCH VỌNG", "BÁO CÁO", "tháng 6/2021"]


def _continued(plan: Plan, rng: random.Random) -> tuple[ReadDocument, dict[str, int], int]:
    """A table without its header: rows numbered from `start`, each with a figure that
    runs on from no other (no three figures in a row one more than the last)."""
    start = rng.randint(4, 12)
    inds = rng.sample(plan.indicators, rng.randint(3, min(8, len(plan.indicators))))
    figures: dict[str, int] = {}
    for ind in inds:
        v = rng.randint(0, 150)
        while figures and v == list(figures.values())[-1] + 1:
            v = rng.randint(0, 150)
        figures[ind.id] = v
    rows = [[str(start + i), ind.name, "người", str(figures[ind.id])] for i, ind in enumerate(inds)]
    if rng.random() < 0.5:  # the header merged with the first row, its rule lost
        rows[0][0] = f"TT {rows[0][0]}"
        rows[0][1] = f"Chỉ tiêu {rows[0][1]}"
    cells: list[list[Cell | None]] = [
        [
            Cell(t, r, c, where=Where(cell=f"{chr(65 + c)}{r + 1}", table=0))
            for c, t in enumerate(row)
        ]
        for r, row in enumerate(rows)
    ]
    doc = ReadDocument(kind="pdf", lines=[TextLine(t) for t in LETTER], tables=[Table(cells)])
    return doc, figures, start


@pytest.mark.parametrize("seed", range(8))
def test_row_numbers_running_on_are_never_the_figures(seed: int) -> None:
    plan = load_plan(PLAN)
    doc, figures, start = _continued(plan, random.Random(seed))
    got = {r.indicator: r for r in interpret(doc, plan).records}
    assert set(got) == set(figures), (start, got)
    for ind, value in figures.items():
        assert got[ind].value == value, (start, ind, got[ind].value)


def test_a_result_column_worded_as_such_is_kept_whatever_its_figures() -> None:
    """Figures that happen to run on ("5", "6", "7") under "Kết quả thực hiện" are the
    figures, sure."""
    plan = load_plan(PLAN)
    inds = plan.indicators[:3]
    rows = [["TT", "Chỉ tiêu", "Đơn vị tính", "Kết quả thực hiện"]] + [
        [str(i + 1), ind.name, "người", str(5 + i)] for i, ind in enumerate(inds)
    ]
    cells: list[list[Cell | None]] = [
        [
            Cell(t, r, c, where=Where(cell=f"{chr(65 + c)}{r + 1}", table=0))
            for c, t in enumerate(row)
        ]
        for r, row in enumerate(rows)
    ]
    doc = ReadDocument(kind="docx", lines=[TextLine(t) for t in LETTER], tables=[Table(cells)])
    got = {r.indicator: r for r in interpret(doc, plan).records}
    assert [got[i.id].value for i in inds] == [5, 6, 7]
    assert not any(r.needs_review for r in got.values())
