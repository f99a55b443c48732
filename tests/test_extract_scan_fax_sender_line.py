"""A fax sent turned, its table not fully ruled (issue 10): the sending machine's line
("FROM: ... FAX: 024 ... P.001/002", a quarter inch from the sheet's edge) runs down a side
once the page is read upright, and its characters are no column of figures.

The page OCR read that line's characters one by one ("5", "2", "8" stacked at the edge);
they stood as figures beside the letterhead's lines and a table was rebuilt from the
header, the real one unread (a 2-page fax: 0 of 5 figures). The cases: the conditions
grammar's faxes turned 90° or 270° whose table is not fully ruled (its table rebuilt from
words), tune seeds, built at run time and read by real Tesseract.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract import read_document
from extract.ocr.sender_line import EDGE

pytestmark = pytest.mark.slow

sc = load_grammar()
PLAN = load_plan(sc.PLAN_PATH)
SEEDS = [
    s
    for s in range(0, 400, 2)
    if (c := sc.draw_case(PLAN, s)).medium == "fax"
    and {"turn=90", "turn=270"} & set(c.tags())
    and "rules=full" not in c.tags()
    and "landscape" not in c.tags()
][:4]
A4_WIDTH = 595.0  # points, portrait


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[object, Path]]:
    out = tmp_path_factory.mktemp("cases")
    built = sc.make_cases(SEEDS, out, tmp_path_factory.mktemp("work"), PLAN)
    return [(case, out / case.file) for case in built]


def test_the_class_is_there() -> None:
    assert len(SEEDS) == 4


def test_no_table_reaches_into_the_sender_lines_margin(cases: list) -> None:
    found = 0
    for case, path in cases:
        doc = read_document(path)
        first = [t for t in doc.tables if t.page == 1]
        found += bool(first)
        for table in first:
            right = max(c.where.bbox[2] for row in table.cells for c in row if c is not None)
            assert right < A4_WIDTH - EDGE * 72, (case.seed, right)
        figures = {
            c.digits for t in first for row in t.cells for c in row if c is not None and c.digits
        }
        # The table read is the return's: most of its figures are among its cells.
        wanted = {f"{v:02d}" for v in case.values.values()} | {str(v) for v in case.values.values()}
        assert len(figures & wanted) >= 3, (case.seed, figures)
    assert found == len(cases)
