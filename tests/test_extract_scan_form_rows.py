"""Printed scans of our own return form (issue 10): the first row's figures are read by
the page OCR as they are, not joined with what lies on the rule above them.

The header's descenders rest on the rule under it, and a blurred rule's edge outlives its
mask: the page OCR read the first row's "01" and "10" as "'01", "_01", "10.", which then
no longer agreed with the digits' re-read, and the figure was sent to review. Cases come
from the seeded grammar (`samples/returns/scan_conditions.py`, seeds outside the
benchmark's range). Real LibreOffice and Tesseract.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan
from extract import read_document
from extract.interpret import interpret
from extract.ocr import grid

sc = load_grammar()


def _upright_form_scans(plan: object, n: int) -> list[int]:
    seeds, seed = [], 300_000
    while len(seeds) < n:
        case = sc.draw_case(plan, seed)
        if case.source == "form" and case.medium == "scan" and case.conditions["turn"] == 0:
            seeds.append(seed)
        seed += 2  # even: the odd ones are nobody's to tune on
    return seeds


def test_between_cells_is_wiped_and_cells_kept() -> None:
    """Inside a ruled table, what lies in no cell (the rules' band) goes white; the
    cells and what lies outside the table stay as they were."""
    rng = np.random.default_rng(7)
    page = rng.integers(0, 255, (300, 400)).astype(np.uint8)
    before = page.copy()
    cells = tuple(
        grid.GridCell(
            r, c, 1, 1, (50 + 100 * c + 4, 40 + 60 * r + 4, 150 + 100 * c - 4, 100 + 60 * r - 4)
        )
        for r in range(3)
        for c in range(3)
    )
    table = grid.GridTable(box=(50, 40, 350, 220), n_rows=3, n_cols=3, cells=cells)
    grid.wipe_between_cells(page, [table])
    inside = np.zeros(page.shape, bool)
    for cell in cells:
        x0, y0, x1, y1 = cell.box
        inside[y0:y1, x0:x1] = True
    frame = np.zeros(page.shape, bool)
    frame[40:220, 50:350] = True
    assert (page[inside] == before[inside]).all()
    assert (page[~frame] == before[~frame]).all()
    assert (page[frame & ~inside] == 255).all()


@pytest.mark.slow
def test_first_row_figures_read_alike_by_page_and_cell(tmp_path: Path) -> None:
    plan = load_plan(sc.PLAN_PATH)
    cases = sc.make_cases(_upright_form_scans(plan, 8), tmp_path / "cases", tmp_path, plan)
    joined = exact = 0
    for case in cases:
        path = tmp_path / "cases" / case.file
        doc = read_document(path)
        first = doc.tables[0].cells[1]
        figures = {id(c): c for c in first if c is not None and c.digits not in (None, "?")}
        # Without the wipe, 6 of these 8 first rows had a figure the page read with a mark
        # of the rule joined to it ("'01", "Ø1", "04-").
        joined += any(c.text.replace(" ", "") != c.digits for c in figures.values())
        got = {r.indicator: r for r in interpret(doc, plan, case.file).records}
        for ind, value in case.values.items():
            r = got.get(ind)
            assert r is None or r.needs_review or r.value == value  # never silently wrong
            exact += r is not None and not r.needs_review and r.value == value
    assert joined <= 1
    assert exact >= 0.9 * 5 * len(cases)
