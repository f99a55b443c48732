"""The typefaces grammar (`samples/returns/scan_typefaces.py`): a seed gives one case, always
the same; the tune half's draws cover every class it claims to vary; the DOCX it writes
types the figures as drawn (face, size, bold, alignment, thousands dot, header)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import load_plan

tf = load_grammar("typefaces")
PLAN = load_plan(tf.PLAN_PATH)
TUNE = range(0, 200, 2)


def test_same_seed_same_case() -> None:
    for seed in (0, 2, 58, 144):
        a, b = tf.draw_case(PLAN, seed), tf.draw_case(PLAN, seed)
        assert a == b
        assert a.tags() == b.tags()
    assert tf.draw_case(PLAN, 2) != tf.draw_case(PLAN, 4)


def test_draws_cover_the_classes() -> None:
    cases = [tf.draw_case(PLAN, s) for s in TUNE]
    tags = Counter(t for c in cases for t in c.tags())
    for face in tf.FACES:
        assert tags[f"face={face}"] >= 3, face
    for size in (11, 12, 13, 14):
        assert tags[f"size={size}"] >= 10
    for align in ("left", "center", "right"):
        assert tags[f"align={align}"] >= 15
    for header in tf.HEADERS:
        assert tags[f"header={header}"] >= 10
    for tag in ("figures=bold", "figures=regular", "thousands=dot", "thousands=none"):
        assert tags[tag] >= 5, tag
    for medium in ("scan", "fax", "photo"):
        assert tags[f"medium={medium}"] >= 10
    assert sum(n for t, n in tags.items() if t.startswith("figure-face=")) >= 20
    assert tags["unpadded"] >= 20 and tags["spacing>1.2"] >= 10
    assert all(c.half == "tune" for c in cases)


def test_figures_typed_as_drawn(tmp_path: Path) -> None:
    case = next(
        c
        for c in (tf.draw_case(PLAN, s) for s in TUNE)
        if c.bold and c.align == "right" and c.thousands and max(c.values.values()) >= 1000
    )
    path = tmp_path / "t.docx"
    tf.typed_docx(PLAN, case, "1/BC-UBND", path)
    table = next(t for t in Document(str(path)).tables if t.rows[0].cells[0].text == "TT")
    assert table.rows[0].cells[3].text == case.header
    cells = {row.cells[1].text: row.cells[3] for row in table.rows[1:]}
    for ind in PLAN.indicators:
        p = cells[ind.name].paragraphs[0]
        value = case.values[ind.id]
        assert p.text == case.text(value)
        if value >= 1000:
            assert "." in p.text and int(p.text.replace(".", "")) == value
        assert p.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        run = p.runs[0]
        assert run.bold and run.font.name == case.figure_face
        assert run.font.size == Pt(case.figure_size)


def test_conditions_from_their_own_seed() -> None:
    """Medium and conditions are scan_conditions' draws at seed + CONDITION_SEEDS."""
    sc = load_grammar("conditions")
    for seed in (0, 2, 4):
        t = tf.draw_case(PLAN, seed)
        base = sc.draw_case(PLAN, seed + tf.CONDITION_SEEDS)
        assert t.medium == base.medium
        assert {k: v for k, v in t.conditions.items() if k != "container"} == {
            k: v for k, v in base.conditions.items() if k != "container"
        }


@pytest.mark.slow
def test_a_seed_builds_the_same_file_alone_or_in_a_batch(tmp_path: Path) -> None:
    """The letter's number came from the case's place in the batch: seed 14 built with
    others was another file than seed 14 built alone."""
    for name, seeds in (("alone", [14]), ("batch", [2, 4, 14])):
        (tmp_path / name / "work").mkdir(parents=True)
        tf.make_cases(seeds, tmp_path / name / "out", tmp_path / name / "work", PLAN)
    (alone,) = [p for p in (tmp_path / "alone" / "out").iterdir() if p.name.startswith("tune")]
    assert alone.read_bytes() == (tmp_path / "batch" / "out" / alone.name).read_bytes()
