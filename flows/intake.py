"""Intake flow: inbox → archived files → records in the store.

Each file is first received (`chitieu.intake.receive`: archived, its first sighting
recorded); one already stored, or held in quarantine for a reason a new reading cannot
change, is not read again. One task per remaining file reads the document in a child
process with a wall-clock and a memory limit (`extract.isolated`; SIGALRM cannot stop
a reader in a worker thread): it is cached on the file's sha256, retried when a tool
crashes, and runs in parallel (one thread per core by default, a Dask cluster when the
flow is given a `DaskTaskRunner`). Reading touches no database, so it can run anywhere;
the flow then files each reading into the store, one at a time, through
`chitieu.intake` — the same code `chitieu intake` runs.
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
from chitieu.inbox import display_name, list_inbox
from chitieu.intake import FileOutcome, IntakeSummary, Status, receive
from chitieu.intake import file_reading as core_file_reading
from chitieu.plan import load_plan_cached
from chitieu.record import Extraction
from chitieu.store.models import VN_TIME, wall_clock
from flows.artifacts import publish_intake, publish_status
from flows.caching import document_cache_key
from flows.progress import task_done_hook
from flows.review import ReviewOutcome, review_in_prefect_ui
from flows.runtime import data_dir, database_url, results_dir, review_server


@dataclass(frozen=True)
class Reading:
    """What reading one file gave: an extraction, or the reason it could not be read."""

    path: Path
    extraction: Extraction | None
    error: str | None = None
    unreadable: bool = False  # cannot be read at all: not read again on later runs


@dataclass
class IntakeRun:
    """The core's `IntakeSummary`, plus what only the flow knows: cache hits, UI reviews."""

    summary: IntakeSummary
    cached: int = 0  # files whose reading came from the cache (read by an earlier run)
    reviewed: int = 0  # doubtful figures answered in the Prefect UI during this run
    review: ReviewOutcome | None = None  # what was asked, answered, still pending


@task(
    name="đọc-tệp",
    task_run_name="đọc {name}",
    cache_key_fn=document_cache_key,
    persist_result=True,
    retries=2,
    retry_delay_seconds=[2, 10],
    on_completion=[task_done_hook("intake")],
    tags=["ocr"],
)
def read_document(path: Path, plan_path: Path, name: str = "") -> Reading:
    """Read one returned document in a child process (wall-clock and memory limits);
    an unreadable file is a result, not a failure. `name` only labels the run."""
    from extract.isolated import extract_isolated

    try:
        return Reading(path, extract_isolated(path, load_plan_cached(plan_path)))
    except UnreadableFileError as exc:
        return Reading(path, None, exc.reason, unreadable=True)
    except ChitieuError as exc:
        return Reading(path, None, exc.message)


@task(name="nhận-tệp", task_run_name="nhận {name}")
def receive_file(
    db_url: str,
    plan_path: Path,
    plan_id: int,
    path: Path,
    archive: Path,
    seen_at: datetime,
    retry_quarantined: bool = False,
    name: str = "",
) -> FileOutcome | None:
    """Archive the file and record its first sighting; its outcome when it need not be
    read (already stored, held in quarantine, cannot be archived), else None."""
    from chitieu.store import Store

    with Store.open(db_url) as store:
        got = receive(
            store, load_plan_cached(plan_path), plan_id, path, archive,
            seen_at=seen_at, retry_quarantined=retry_quarantined,
        )  # fmt: skip
    return got if isinstance(got, FileOutcome) else None


@task(name="lưu-kết-quả", task_run_name="lưu {name}")
def file_reading(
    db_url: str,
    plan_path: Path,
    plan_id: int,
    reading: Reading,
    seen_at: datetime,
    archive: Path,
    retry_quarantined: bool = False,
    name: str = "",
) -> FileOutcome:
    """File one reading into the store (archive copy, receipt, records, quarantine)."""
    from chitieu.store import Store

    with Store.open(db_url) as store:
        return core_file_reading(
            store,
            load_plan_cached(plan_path),
            plan_id,
            reading.path,
            None,
            archive,
            extraction=reading.extraction,
            error=reading.error,
            unreadable=reading.unreadable,
            seen_at=seen_at,
            retry_quarantined=retry_quarantined,
        )


@task(name="lưu-kế-hoạch")
def save_plan(db_url: str, plan_path: Path) -> int:
    from chitieu.store import Store

    with Store.open(db_url) as store:
        return store.save_plan(load_plan_cached(plan_path))


def failed_outcome(path: Path, received_at: datetime, state: State) -> FileOutcome:
    """A file whose reading crashed even after retries: not stored, tried again next run."""
    return FileOutcome(
        display_name(path),
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
    retry_quarantined: bool = False,
) -> IntakeRun:
    """Take in every file of `inbox` for the plan at `plan_path`.

    `review_in_ui`: None pauses for review only when a configured Prefect server
    answers; False never pauses (the records wait for `chitieu review`).
    `retry_quarantined`: read again files quarantined because they could not be read.
    """
    base = data_dir(home)
    url = database_url(base, db_url)
    listing = list_inbox(inbox)
    files = listing.files
    seen_at = datetime.now(VN_TIME)  # the moment the inbox was looked at
    plan_id = save_plan(url, plan_path)
    archive = base / "archive"
    run = IntakeRun(IntakeSummary(plan_id, skipped=listing.skipped))
    early: dict[Path, FileOutcome] = {}
    for path in files:  # one at a time: each writes its sighting to the store
        got = receive_file(
            url, plan_path, plan_id, path, archive, seen_at, retry_quarantined, display_name(path)
        )
        if got is not None:
            early[path] = got
    reader = read_document.with_options(result_storage=results_dir(base))
    futures = {p: reader.submit(p, plan_path, display_name(p)) for p in files if p not in early}
    wait(list(futures.values()))
    for path in files:
        if path in early:
            run.summary.files.append(early[path])
            continue
        state = futures[path].state
        if not state.is_completed():
            run.summary.files.append(failed_outcome(path, wall_clock(seen_at), state))
            continue
        run.cached += state.name == "Cached"
        outcome = file_reading(
            url, plan_path, plan_id, futures[path].result(), seen_at, archive,
            retry_quarantined, display_name(path),
        )  # fmt: skip
        run.summary.files.append(outcome)
    if review_in_ui is None:
        review_in_ui = review_server() is not None
    read_now = {
        f.submission_id
        for f in run.summary.files
        if f.status == Status.accepted and f.submission_id is not None
    }
    run.review = review_in_prefect_ui(
        url, plan_path, plan_id, enabled=review_in_ui, timeout=review_timeout,
        submissions=read_now,
    )  # fmt: skip
    run.summary.pending_review, run.reviewed = len(run.review.pending), len(run.review.answered)
    run.summary.counted = counted_files(url, plan_id)
    publish_intake(load_plan_cached(plan_path), run.summary, run.cached, run.review)
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
