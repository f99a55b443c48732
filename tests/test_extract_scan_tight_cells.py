"""Figures typed tight against their cell's rules (issue 10, typefaces grammar).

With no cell padding, 11 pt figures in a 150-dpi scan reach past the grid's inset, so
their crops touch the edge and every re-read was capped at half sure; lone unpadded
digits the page OCR skips ("3", "8") went to review though read right by every re-read.
On the page as scanned, a figure standing apart from the rules is whole
(`tight_cells.whole_in_cell`); one joined to a rule, or running past it, is not.
"""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import Plan, load_plan
from extract import extract_file
from extract.ocr.tight_cells import whole_in_cell

tf = load_grammar("typefaces")

TIGHT = 356  # a blurred 150-dpi scan, DejaVu Serif 11 pt figures, left-aligned, unpadded


def _cell(gap: int) -> tuple[np.ndarray, tuple[int, int, int, int]]:
    """A ruled cell (rules at rows 10 and 40, columns 10 and 110) with a digit-sized bar
    `gap` pixels under its top rule (0: joined to it); the interior cut 3 px inside."""
    page = np.full((60, 130), 250, np.uint8)
    page[9:12, 10:111] = page[39:42, 10:111] = 60
    page[10:41, 9:12] = page[10:41, 109:112] = 60
    page[11 + gap : 34, 20:26] = 40
    return page, (13, 13, 107, 37)


def test_a_figure_apart_from_its_rules_is_whole() -> None:
    page, box = _cell(3)
    assert whole_in_cell(page, box, 150)


def test_a_figure_joined_to_a_rule_may_be_cut() -> None:
    page, box = _cell(0)
    assert not whole_in_cell(page, box, 150)


def test_a_mark_running_past_the_cell_may_be_cut() -> None:
    page, box = _cell(3)
    page[20:30, 100:125] = 40  # across the right rule and on
    assert not whole_in_cell(page, box, 150)


@pytest.mark.slow
def test_lone_digits_typed_tight_read_exactly(tmp_path_factory: pytest.TempPathFactory) -> None:
    plan: Plan = load_plan(tf.PLAN_PATH)
    case = tf.draw_case(plan, TIGHT)
    assert not tf.is_test(case.seed)
    work, out = tmp_path_factory.mktemp("work"), tmp_path_factory.mktemp("cases")
    pdfs = tf.build_sources(plan, [case], work)
    got = extract_file(tf.render_case(case, pdfs[case.seed], work, out), plan)
    read = {r.indicator: r for r in got.records}
    silent = [k for k, r in read.items() if not r.needs_review and case.values[k] != r.value]
    assert not silent
    not_exact = {
        k: read[k].value if k in read else None
        for k, v in case.values.items()
        if k not in read or read[k].value != v or read[k].needs_review
    }
    assert not not_exact
