"""Periods with no target of their own (6-month periods of yearly quotas) print no table.

Plans come from tests/plan_grammar.py (seeds whose periods are a reporting series) and the
Vũng Tàu sample; the lint rule NQ.BANG_TRONG must flag a phụ lục table without figures.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from plan_grammar import random_plan, random_plan_yaml

from chitieu.draft import write_plan_docx
from chitieu.lint import lint_docx
from chitieu.plan import load_plan, parse_plan
from chitieu.render.quota_annex import QuotaAnnex

ROOT = Path(__file__).resolve().parent.parent
# seeds whose periods are a series (checked below): tuning half, and a half not looked at
SERIES_TUNE = [5, 1003]
SERIES_HELD_OUT = [1005, 2003, 2007, 2009]


def _series_plans(seeds: list[int], tmp: Path):  # type: ignore[no-untyped-def]
    out = []
    for s in seeds:
        if isinstance(random_plan(s)["periods"], dict):
            out.append(parse_plan(random_plan_yaml(s), tmp / f"seed{s}.yaml"))
    return out


def _blank(cells: list[str]) -> bool:
    return all(c.strip() in ("", "-") for c in cells)


@pytest.mark.parametrize("half", ["tune", "held_out"])
def test_no_empty_period_table(half: str, tmp_path: Path) -> None:
    plans = _series_plans(SERIES_TUNE if half == "tune" else SERIES_HELD_OUT, tmp_path)
    plans.append(load_plan(ROOT / "samples" / "vung-tau-2022" / "plan.yaml"))
    assert len(plans) >= 3
    for plan in plans:
        annex = QuotaAnnex.of(plan)
        tables = annex.tables(252)
        for t in tables:
            figures = [c for r in t.rows for c in r.cells[2:]]
            assert not _blank(figures), (plan.document.title, t.heading)
        untargeted = [
            p
            for p in plan.all_periods
            if any(not annex.has_target(i, p.key) for i in annex.indicators)
        ]
        if untargeted:  # what is reported in those periods is said once, in the notes
            assert any("không giao chỉ tiêu riêng" in n for n in annex.notes())


def test_vung_tau_half_years_are_a_note_not_tables() -> None:
    annex = QuotaAnnex.of(load_plan(ROOT / "samples" / "vung-tau-2022" / "plan.yaml"))
    heads = [t.heading or "" for t in annex.tables(252)]
    assert not any("6 tháng" in h for h in heads)
    assert [h for h in heads if h.startswith("Năm ")] == [f"Năm {y}" for y in range(2022, 2026)]
    assert any(
        n.startswith("Kỳ báo cáo 6 tháng đầu năm 2022, 2023, 2024 và 2025") for n in annex.notes()
    )
    sheets = [name for name, *_ in annex.sheet_blocks()]
    assert not any("6 tháng" in s for s in sheets)


def test_lint_flags_an_annex_table_without_figures(tmp_path: Path) -> None:
    plan = parse_plan(random_plan_yaml(1003), tmp_path / "plan.yaml")
    docx = write_plan_docx(plan, tmp_path / "ke-hoach.docx")
    assert not [f for f in lint_docx(docx, plan) if f.rule_id == "NQ.BANG_TRONG"]
    doc = Document(str(docx))
    annex = next(t for t in doc.tables if t.rows[0].cells[0].text == "TT")
    for row in annex.rows:
        if row.cells[0].text.strip().isdigit():
            for cell in row.cells[2:]:
                for p in cell.paragraphs:
                    for r in p.runs:
                        r.text = ""
    emptied = tmp_path / "trong.docx"
    doc.save(str(emptied))
    found = [f for f in lint_docx(emptied) if f.rule_id == "NQ.BANG_TRONG"]
    assert len(found) == 1 and found[0].severity == "error"
