"""The corpus of returns generated from a grammar of variation (benchmarks/corpus/):
its ground truth is consistent with itself and with its plans, and a slice of the TRAIN
half (even seeds) is read without a silent error. The test half (odd seeds) is left to
`benchmarks/extract_accuracy.py`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import build_corpus, half_of, make_case
from benchmarks.corpus.plans import PLANS, write_plans
from benchmarks.corpus.score import Tally, score
from chitieu.plan import load_plan
from extract import extract_file

TRAIN_SLICE = [s for s in range(0, 60) if half_of(s) == "train"]


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_plans(tmp_path_factory.mktemp("plans"))


def test_plans_pass_plan_check(plans: dict[str, Path]) -> None:
    assert len(plans) >= 3
    for path in plans.values():
        done = subprocess.run(
            [str(Path(sys.executable).with_name("chitieu")), "plan", "check", str(path)],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr


def test_halves_split_by_seed_parity() -> None:
    assert half_of(10) == "train" and half_of(11) == "test"
    assert make_case(11).truth()["half"] == "test"


@pytest.mark.parametrize("seed", TRAIN_SLICE)
def test_truth_is_consistent(seed: int, plans: dict[str, Path]) -> None:
    case = make_case(seed)
    again = make_case(seed)
    assert case.truth() == again.truth(), "the same seed must give the same case"
    plan = load_plan(plans[case.plan])
    truth = case.truth()
    for prefix in ("plan:", "fmt:", "kind:", "period:", "unit:"):
        assert any(c.startswith(prefix) for c in truth["classes"]), prefix
    keys = [(r["unit"], r["indicator"]) for r in truth["records"]]
    assert len(keys) == len(set(keys))
    for unit, ind in keys:
        assert unit in plan.unit_by_id and ind in plan.indicator_by_id
    if any(r["needs_review"] for r in truth["records"]):
        assert "low_confidence" in truth["problems"]
    if "unit:not_in_plan" in truth["classes"]:
        assert not truth["records"] and "unknown_unit" in truth["problems"]
    # every value the truth expects is written in the table, in one of its forms
    written = {str(v).split()[0] for row in case.doc.grid.rows for v in row if str(v).strip()}
    for rec in truth["records"]:
        v = rec["value"]
        forms = {str(v), f"{v:02d}" if v >= 0 else str(v), f"{v:,}".replace(",", ".")}
        assert forms & written or v == 0 or "value:arabic_indic" in truth["classes"], (seed, rec)


def test_every_class_of_issue_9_is_generated() -> None:
    classes = {c for s in range(240) for c in make_case(s).classes}
    for needed in (
        "unit:parent_above",
        "unit:wrapped",
        "unit:three_lines",
        "unit:abbrev",
        "unit:kindless",
        "unit:template_body",
        "unit:template_signature",
        "unit:ocr_lost_word",
        "unit:consolidated_nonplan",
        "unit:units_as_columns",
        "unit:contained_names",
        "role:kh_th",
        "role:kehoach_thuchien",
        "role:chitieu_uoc",
        "role:trongky_luyke",
        "role:ky_cungky",
        "role:tongso_nam_nu",
        "total:trongdo_mismatch",
        "total:group_mismatch",
        "period:other",
        "value:negative",
        "value:thousands_text",
        "value:words",
        "value:measure",
        "value:measure_thousands",
        "value:dash_zero",
        "value:dash_not_assigned",
        "value:arabic_indic",
        "prose:others",
    ):
        assert needed in classes, needed
    assert {c.removeprefix("plan:") for c in classes if c.startswith("plan:")} == set(PLANS)


def test_train_slice_has_no_silent_error(tmp_path: Path) -> None:
    truth = build_corpus(tmp_path, TRAIN_SLICE, {"xlsx", "docx"})
    plans = {k: load_plan(Path(p)) for k, p in truth["plans"].items()}
    total = Tally()
    for rel, exp in truth["files"].items():
        total.add(score(rel, exp, extract_file(tmp_path / rel, plans[exp["plan"]])))
    assert total.files >= 10
    silent = [d for d in total.details if "SILENT" in d]
    assert total.silent == 0, silent
