"""A scan grammar's case drawn by seed, rendered and read with real Tesseract: the
scaffolding the seeded scan tests share (the tests assert on what was drawn before it is
rendered, so drawing and reading are two steps)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import Plan, load_plan
from extract import extract_file


def drawn(seed: int, grammar: str = "conditions") -> tuple[Any, Plan, Any]:
    """The grammar (a module of `samples/returns/`), its plan and the case of `seed`."""
    g: Any = load_grammar(grammar)
    plan = load_plan(g.PLAN_PATH)
    return g, plan, g.draw_case(plan, seed)


def read(g: Any, plan: Plan, case: Any, tmp_path: Path) -> dict[str, Any]:
    """The case rendered as its medium makes it and read: its unit's records, by
    indicator."""
    pdfs = g.build_sources(plan, [case], tmp_path)
    path = g.render_case(case, pdfs[case.seed], tmp_path, tmp_path)
    return {r.indicator: r for r in extract_file(path, plan).records if r.unit == case.unit}


def silent(case: Any, got: dict[str, Any]) -> list[str]:
    """The indicators read wrong and not sent to review: there must be none."""
    return [i for i, r in got.items() if not r.needs_review and r.value != case.values.get(i)]


def assert_read_surely(seed: int, indicator: str, value: int, tmp_path: Path) -> None:
    """The conditions grammar's case of `seed`, made as the benchmark makes it, reads
    `indicator` as `value` and sure, and no other figure wrong and let pass."""
    g: Any = load_grammar()
    plan = load_plan(g.PLAN_PATH)
    (case,) = g.make_cases([seed], tmp_path, tmp_path, plan)
    ex = extract_file(tmp_path / case.file, plan)
    (rec,) = [r for r in ex.records if r.indicator == indicator]
    assert rec.value == value and not rec.needs_review
    truth = {r["indicator"]: r["value"] for r in case.truth()["records"]}
    for r in ex.records:  # nothing else read wrong and let pass
        assert r.needs_review or r.value == truth[r.indicator]
