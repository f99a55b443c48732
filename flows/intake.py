"""Intake flow: inbox → archived files → records in the store.

One task per file reads the document (`extract.extract_file`): it is cached on the
file's sha256, retried when a tool crashes, and runs in parallel (threads by default,
a Dask cluster when the flow is given a `DaskTaskRunner`). Reading touches no database,
so it can run anywhere; the flow then files each reading into the store, one at a
time, through `chitieu.intake` — the same code `chitieu intake` runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, task
from prefect.futures import wait

from flows.caching import document_cache_key, file_sha256
from flows.progress import task_done_hook
from flows.review import review_in_prefect_ui
from flows.runtime import data_dir, database_url, results_dir, review_server


@dataclass(frozen=True)
class Reading:
    """What reading one file gave: an extraction, or the reason it could not be read."""

    path: Path
    sha256: str
    extraction: object | None  # chitieu.record.Extraction
    error: str | None = None


@dataclass
class IntakeSummary:
    """What one intake run did; `cached` counts files the cache spared us reading."""

    files: int = 0
    cached: int = 0
    outcomes: list[object] = field(default_factory=list)  # chitieu.intake.FileOutcome
    pending_review: int = 0
    reviewed: int = 0
    plan_id: int | None = None


def inbox_files(inbox: Path) -> list[Path]:
    """Every regular, non-hidden file of the inbox (not recursive), in name order."""
    return sorted(p for p in inbox.iterdir() if p.is_file() and not p.name.startswith("."))


@task(
    name="đọc-tệp",
    task_run_name="đọc {path.name}",
    cache_key_fn=document_cache_key,
    persist_result=True,
    retries=2,
    retry_delay_seconds=[2, 10],
    on_completion=[task_done_hook("intake")],
    tags=["ocr"],
)
def read_document(path: Path, plan_path: Path) -> Reading:
    """Read one returned document; an unreadable file is a result, not a failure."""
    from chitieu.errors import UnreadableFileError
    from chitieu.plan import load_plan
    from extract import extract_file

    sha = file_sha256(path)
    try:
        return Reading(path, sha, extract_file(path, load_plan(plan_path)))
    except UnreadableFileError as exc:
        return Reading(path, sha, None, exc.reason)


@task(name="lưu-kết-quả", task_run_name="lưu {reading.path.name}")
def file_reading(
    db_url: str,
    plan_path: Path,
    plan_id: int,
    reading: Reading,
    received_at: datetime,
    archive: Path,
) -> object:
    """File one reading into the store (archive copy, receipt, records, quarantine)."""
    from chitieu.intake import file_reading as core_file_reading

    from chitieu.plan import load_plan
    from chitieu.store import Store

    with Store.open(db_url) as store:
        return core_file_reading(
            store,
            load_plan(plan_path),
            plan_id,
            reading.path,
            received_at,
            archive,
            extraction=reading.extraction,
            error=reading.error,
        )


@task(name="lưu-kế-hoạch")
def save_plan(db_url: str, plan_path: Path) -> int:
    from chitieu.plan import load_plan
    from chitieu.store import Store

    with Store.open(db_url) as store:
        return store.save_plan(load_plan(plan_path))


@flow(name="tiep-nhan-bao-cao", log_prints=False)
def intake_flow(
    plan_path: Path,
    inbox: Path,
    home: Path | None = None,
    db_url: str | None = None,
    review_in_ui: bool | None = None,
    review_timeout: int = 3600,
) -> IntakeSummary:
    """Take in every file of `inbox` for the plan at `plan_path`.

    `review_in_ui`: None pauses for review only when a configured Prefect server
    answers; False never pauses (the records wait for `chitieu review`).
    """
    base = data_dir(home)
    url = database_url(base, db_url)
    files = inbox_files(inbox)
    received = {p: datetime.fromtimestamp(p.stat().st_mtime, tz=UTC) for p in files}
    plan_id = save_plan(url, plan_path)
    reader = read_document.with_options(result_storage=results_dir(base))
    futures = [reader.submit(p, plan_path) for p in files]
    wait(futures)
    summary = IntakeSummary(files=len(files), plan_id=plan_id)
    archive = base / "archive"
    for fut in futures:
        summary.cached += fut.state.name == "Cached"
        reading = fut.result()
        summary.outcomes.append(
            file_reading(url, plan_path, plan_id, reading, received[reading.path], archive)
        )
    if review_in_ui is None:
        review_in_ui = review_server() is not None
    summary.pending_review, summary.reviewed = review_in_prefect_ui(
        url, plan_path, plan_id, enabled=review_in_ui, timeout=review_timeout
    )
    return summary
