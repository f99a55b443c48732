"""Quarterly and 6-month consolidated reports of series plans whose targets are yearly,
printed and read back as a văn thư would (tests/report_layout.py): the phụ lục's CT năm,
KQ kỳ, Lũy kế and Tỷ lệ against the reconciliation, each Tổng cộng against its column,
the sentences' own and lũy kế totals, and never the year's target printed as the
quarter's. TUNE seeds were looked at as pages; HELD_OUT seeds only as counts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from report_layout import reports_problems
from series_grammar import series_plan, series_returns

from chitieu.plan import parse_plan
from chitieu.reconcile import reconcile
from chitieu.report import write_report
from chitieu.report.view import build_view

KINDS = {"quarter": ["quarter", "year"], "half-year": ["half-year", "nine-months", "year"]}
TUNE = [(3, "quarter"), (4, "half-year")]
HELD_OUT = [(3003, "quarter"), (3004, "half-year")]


@pytest.mark.parametrize("half", ["tune", "held_out"])
def test_sub_year_reports_print_the_years_target_and_lũy_kế(half: str, tmp_path: Path) -> None:
    views = {}
    for seed, kind in TUNE if half == "tune" else HELD_OUT:
        plan = parse_plan(json.dumps(series_plan(seed, KINDS[kind]), ensure_ascii=False))
        period, records, receipts = series_returns(plan, seed, kind)
        rec = reconcile(plan, records, receipts)
        paths = write_report(plan, rec, tmp_path / str(seed), period=period, pdf=False)
        docx = paths[0].rename(paths[0].with_name(f"s{seed}-{paths[0].name}"))
        view = build_view(plan, rec, period=period)
        assert view.on_year and view.own_column == (kind == "quarter")
        views[docx.stem] = (view, docx)
    problems = reports_problems(views, tmp_path / "pdf")
    print(f"{half}: {len(views)} reports, {len(problems)} with problems")
    assert problems == {}
