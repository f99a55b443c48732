"""Intake flow: inbox → archived files → records in the store.

One task per file reads the document (`extract.extract_file`): it is cached on the
file's sha256, retried when a tool crashes, and runs in parallel (one thread per core by
default, a Dask cluster when the flow is given a `DaskTaskRunner`). Reading touches no database,
so it can run anywhere; the flow then files each reading into the store, one at a
time, through `chitieu.intake` — the same code `chitieu intake` runs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from prefect import flow, task
from prefect.futures import wait
from prefect.states import State
from prefect.task_runners import ThreadPoolTaskRunner

from chitieu.errors import ChitieuError, UnreadableFileError
from chitieu.intake import FileOutcome, IntakeSummary, Status, inbox_files, received_time
from chitieu.intake import file_reading as core_file_reading
from chitieu.plan import load_plan
from chitieu.record import Extraction
from flows.artifacts import publish_intake, publish_status
from flows.caching import document_cache_key
from flows.progress import task_done_hook
from flows.review import review_in_prefect_ui
from flows.runtime import data_dir, database_url, results_dir, review_server


@dataclass(frozen=True)
class Reading:
    """What reading one file gave: an extraction, or the reason it could not be read."""

    path: Path
    extraction: Extraction | None
    error: str | None = None


@dataclass
class IntakeRun:
    """The core's `IntakeSummary`, plus what only the flow knows: cache hits, UI reviews."""

    summary: IntakeSummary
    cached: int = 0  # files whose reading came from the cache (read by an earlier run)
    reviewed: int = 0  # doubtful figures answered in the Prefect UI during this run


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
    from extract import extract_file

    try:
        return Reading(path, extract_file(path, load_plan(plan_path)))
    except UnreadableFileError as exc:
        return Reading(path, None, exc.reason)
    except ChitieuError as exc:
        return Reading(path, None, exc.message)


@task(name="lưu-kết-quả", task_run_name="lưu {reading.path.name}")
def file_reading(
    db_url: str,
    plan_path: Path,
    plan_id: int,
    reading: Reading,
    received_at: datetime,
    archive: Path,
) -> FileOutcome:
    """File one reading into the store (archive copy, receipt, records, quarantine)."""
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
    from chitieu.store import Store

    with Store.open(db_url) as store:
        return store.save_plan(load_plan(plan_path))


def failed_outcome(path: Path, received_at: datetime, state: State) -> FileOutcome:
    """A file whose reading crashed even after retries: not stored, tried again next run."""
    return FileOutcome(
        path.name,
        path,
        Status.failed,
        received_at,
        reason=f"lỗi khi đọc tệp ({state.message or state.name}); sẽ thử lại lần sau",
    )


# One file per core at a time: a scan's reading already runs several Tesseract jobs, and
# Prefect's default thread pool is unbounded (thousands of scans, thousands of threads).
FILES_AT_ONCE = os.cpu_count() or 2


@flow(
    name="tiep-nhan-bao-cao",
    log_prints=False,
    task_runner=ThreadPoolTaskRunner(max_workers=FILES_AT_ONCE),
)
def intake_flow(
    plan_path: Path,
    inbox: Path,
    home: Path | None = None,
    db_url: str | None = None,
    review_in_ui: bool | None = None,
    review_timeout: int = 3600,
) -> IntakeRun:
    """Take in every file of `inbox` for the plan at `plan_path`.

    `review_in_ui`: None pauses for review only when a configured Prefect server
    answers; False never pauses (the records wait for `chitieu review`).
    """
    base = data_dir(home)
    url = database_url(base, db_url)
    files = inbox_files(inbox)
    received = {p: received_time(p) for p in files}
    plan_id = save_plan(url, plan_path)
    reader = read_document.with_options(result_storage=results_dir(base))
    futures = [reader.submit(p, plan_path) for p in files]
    wait(futures)
    run = IntakeRun(IntakeSummary(plan_id))
    archive = base / "archive"
    for path, fut in zip(files, futures, strict=True):
        state = fut.state
        if not state.is_completed():
            run.summary.files.append(failed_outcome(path, received[path], state))
            continue
        run.cached += state.name == "Cached"
        outcome = file_reading(url, plan_path, plan_id, fut.result(), received[path], archive)
        run.summary.files.append(outcome)
    if review_in_ui is None:
        review_in_ui = review_server() is not None
    run.summary.pending_review, run.reviewed = review_in_prefect_ui(
        url, plan_path, plan_id, enabled=review_in_ui, timeout=review_timeout
    )
    run.summary.counted = counted_files(url, plan_id)
    publish_intake(load_plan(plan_path), run.summary, run.cached)
    publish_status(plan_path, url)
    return run


@task(name="tệp-được-tính")
def counted_files(db_url: str, plan_id: int) -> dict[str, str]:
    """Unit → the file whose figures count, as `chitieu intake` reports it."""
    from chitieu.store import Store

    out: dict[str, str] = {}
    with Store.open(db_url) as store:
        for rec in store.current_results(plan_id):
            if rec.file_name:
                out.setdefault(rec.unit, rec.file_name)
    return out
