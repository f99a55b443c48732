"""Consolidate flow: store → reconciliation → consolidated report, shown in the Prefect UI.

Wiring only: the reconciliation is `chitieu.reconcile` over the store's current results
(the same glue `chitieu reconcile` uses), the report is `chitieu.report.write_report`.
The flow publishes a table artifact of the reconciliation, a markdown summary and a
link to every file written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from prefect import flow, task

from flows.artifacts import publish, publish_status
from flows.progress import task_done_hook
from flows.runtime import data_dir, database_url


@task(name="đối-chiếu", on_completion=[task_done_hook("consolidate")])
def reconcile_store(db_url: str, plan_path: Path) -> Any:
    """Reconcile the store's current results with the plan's targets."""
    from chitieu.plan import load_plan
    from chitieu.reconcile import reconcile_stored
    from chitieu.store import Store

    plan = load_plan(plan_path)
    with Store.open(db_url) as store:
        return reconcile_stored(plan, store)


@task(
    name="lập-báo-cáo",
    retries=2,
    retry_delay_seconds=[2, 10],
    on_completion=[task_done_hook("consolidate")],
)
def write_report(
    reconciliation: Any, out_dir: Path, pdf: bool = True, on: date | None = None
) -> list[Path]:
    """Write the consolidated report (DOCX, PDF, chart, XLSX); LibreOffice crashes are retried."""
    from chitieu.report import write_report as core_write_report

    return core_write_report(reconciliation.plan, reconciliation, out_dir, pdf=pdf, on=on)


@task(name="đăng-kết-quả", on_completion=[task_done_hook("consolidate")])
def publish_artifacts(reconciliation: Any, files: list[Path]) -> None:
    publish(reconciliation, files)


@flow(name="tong-hop-bao-cao", log_prints=False)
def consolidate_flow(
    plan_path: Path,
    out_dir: Path,
    home: Path | None = None,
    db_url: str | None = None,
    pdf: bool = True,
    on: date | None = None,
) -> tuple[Any, list[Path]]:
    """Reconcile and write the consolidated report (dated `on`, default today) into
    `out_dir`; returns `(Reconciliation, files written)`."""
    url = database_url(data_dir(home), db_url)
    out_dir.mkdir(parents=True, exist_ok=True)
    rec = reconcile_store(url, plan_path)
    files = write_report(rec, out_dir, pdf, on)
    publish_artifacts(rec, files)
    publish_status(plan_path, url, on)
    return rec, files
