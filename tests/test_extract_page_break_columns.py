"""A scan's table cut by a page, its second part without a header: each column of the
second part goes under the column of the first whose span holds its middle. A scan's
grid may part the first part with a column no cell stands in (a stray line beside the
numbering): nothing continues it, and it no longer keeps the parts apart (issue 10,
layouts-tune3 410: two unworded figure columns on page 2, "không rõ cột nào là kết quả",
three figures flagged). Tables drawn by seed.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from chitieu.plan import load_plan
from chitieu.record import Where
from extract.document import Cell, ReadDocument, Table, TextLine
from extract.interpret import interpret
from extract.page_break import column_map

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
HEADER = ["TT", "Chỉ tiêu", "Đơn vị tính", "Kết quả thực hiện", "Lũy kế 6 tháng", "Ghi chú"]
LETTER = ["UBND QUẬN CẦU GIẤY", "UBND PHƯỜNG YÊN HÒA", "BÁO CÁO", "tháng 6/2021"]
SPANS = [(57, 82), (86, 282), (284, 338), (340, 487), (489, 635), (637, 783)]


def _table(rows: list[list[str]], page: int, phantom: int | None = None) -> Table:
    """Rows laid in SPANS; with `phantom`, a column no cell stands in put before that one
    (its cells None)."""
    cells: list[list[Cell | None]] = []
    for r, row in enumerate(rows):
        line: list[Cell | None] = []
        for c, text in enumerate(row):
            if c == phantom:
                line.append(None)
            x0, x1 = SPANS[c]
            bbox = (float(x0), 40.0 + 30 * r, float(x1), 68.0 + 30 * r)
            line.append(Cell(text, r, len(line), where=Where(page=page, bbox=bbox)))
        cells.append(line)
    return Table(cells, page=page)


@pytest.mark.parametrize("seed", range(6))
def test_a_column_no_cell_stands_in_does_not_keep_the_parts_apart(seed: int) -> None:
    rng = random.Random(seed)
    plan = load_plan(PLAN)
    inds = rng.sample(plan.indicators, rng.randint(4, len(plan.indicators)))
    cut = rng.randint(2, len(inds) - 2)
    results = {i.id: rng.randint(0, 150) for i in inds}
    rows = [
        [str(n), i.name, "người", str(results[i.id]), str(results[i.id] + rng.randint(1, 90)), ""]
        for n, i in enumerate(inds, 1)
    ]
    phantom = rng.randint(1, 5)
    first = _table([HEADER, *rows[:cut]], 1, phantom)
    second = _table([["", *r[1:]] for r in rows[cut:]], 2)
    mapping = column_map(first, second)
    assert mapping == [c + (c >= phantom) for c in range(6)]
    doc = ReadDocument(kind="scan", lines=[TextLine(t) for t in LETTER], tables=[first, second])
    got = {r.indicator: r for r in interpret(doc, plan).records}
    assert {i: r.value for i, r in got.items()} == results
    assert not any(r.needs_review for r in got.values())


def test_a_column_with_cells_of_its_own_and_no_place_stays_apart() -> None:
    """A column of the first part whose cells have no place on the page: the parts do
    not line up, and are not laid one under the other."""
    first = _table([HEADER, ["1", "Điều tra khám phá hình sự", "vụ", "6", "10", ""]], 1, 2)
    first.cells[1][2] = Cell("x", 1, 2)  # its own cell, no place
    second = _table([["", "Lập hồ sơ đưa CNBB", "người", "23", "24", ""]], 2)
    assert column_map(first, second) is None
