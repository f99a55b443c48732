"""Draft flow: plan file → plan (kế hoạch), quota annex and one return form per unit.

Wiring only: `chitieu.draft.draft` decides everything, as `chitieu draft` does.
LibreOffice occasionally dies on a first start; the task is retried.
"""

from __future__ import annotations

from pathlib import Path

from prefect import flow, task

from flows.progress import notify


@task(name="soạn-văn-bản", retries=2, retry_delay_seconds=[2, 10])
def draft_documents(plan_path: Path, out_dir: Path, pdf: bool = True) -> list[Path]:
    """Write every document of the plan; returns the paths written."""
    from chitieu.draft import draft
    from chitieu.plan import load_plan

    result = draft(load_plan(plan_path), out_dir, pdf=pdf, progress=lambda s: notify("draft", s))
    return result.paths


@flow(name="soan-thao-ke-hoach", log_prints=False)
def draft_flow(plan_path: Path, out_dir: Path, pdf: bool = True) -> list[Path]:
    """Draft the plan's documents into `out_dir`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    return draft_documents(plan_path, out_dir, pdf)
