"""Every sample plan, and seeded random plans, printed as a văn thư would check them.

The plan DOCX is converted by LibreOffice and read back with pdfplumber: every word inside its
page, ruled tables inside the text area, the issuer's letterhead lines unbroken, the signature
block complete, every period's targets printed; and `chitieu lint` finds no error. Random
plans come from tests/plan_grammar.py: the TUNE seeds were looked at while the layout was
written, the HELD_OUT seeds were not (run them, report both).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_layout import all_problems
from plan_grammar import random_plan_yaml

from chitieu.draft import plan_docx_name, write_plan_docx
from chitieu.lint import lint_docx
from chitieu.plan import Plan, load_plan, parse_plan
from chitieu.render.pdf import convert_to_pdf

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_PLANS = sorted((ROOT / "samples").glob("*/plan.yaml"))
TUNE = [1, 2, 3, 4, 5]
HELD_OUT = [1001, 1002, 1003, 1004, 1005]


def _print(plans: dict[str, Plan], out: Path) -> dict[str, tuple[Plan, Path, Path]]:
    """Each plan's DOCX and PDF, all PDFs from one LibreOffice call."""
    docxs = {}
    for key, plan in plans.items():
        folder = out / key
        folder.mkdir(parents=True)
        docxs[key] = write_plan_docx(plan, folder / f"{key}-{plan_docx_name(plan)}")
    pdfs = convert_to_pdf(list(docxs.values()), out / "pdf")
    return {k: (plans[k], docxs[k], pdf) for k, pdf in zip(docxs, pdfs, strict=True)}


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Plan, Path, Path]]:
    plans = {p.parent.name: load_plan(p) for p in SAMPLE_PLANS}
    return _print(plans, tmp_path_factory.mktemp("samples"))


def _random(seeds: list[int], out: Path) -> dict[str, tuple[Plan, Path, Path]]:
    plans = {f"seed{s}": parse_plan(random_plan_yaml(s), out / f"seed{s}.yaml") for s in seeds}
    return _print(plans, out)


def test_the_five_seeds_have_samples() -> None:
    names = {p.parent.name for p in SAMPLE_PLANS}
    assert {
        "cau-giay-2021",
        "ha-noi-vung-xanh-2024",
        "vung-tau-2022",
        "ha-noi-du-an-5",
        "kon-tum-2024",
    } <= names


@pytest.mark.parametrize("name", [p.parent.name for p in SAMPLE_PLANS])
def test_sample_plan_prints_right(samples: dict[str, tuple[Plan, Path, Path]], name: str) -> None:
    plan, docx, pdf = samples[name]
    assert all_problems(pdf, plan) == []
    errors = [f.to_json() for f in lint_docx(docx, plan) if f.severity == "error"]
    assert errors == []


@pytest.mark.parametrize("half", ["tune", "held_out"])
def test_random_plans_print_right(half: str, tmp_path: Path) -> None:
    printed = _random(TUNE if half == "tune" else HELD_OUT, tmp_path)
    problems = {}
    for key, (plan, docx, pdf) in printed.items():
        found = all_problems(pdf, plan)
        found += [
            f"lint {f.rule_id}: {f.message_vi}"
            for f in lint_docx(docx, plan)
            if f.severity == "error"
        ]
        if found:
            problems[key] = found[:5]
    assert problems == {}
