"""Intake flow: inbox → archived files → records in the store.

Files go through in batches (`FILES_PER_BATCH`). A batch is first received in one
transaction (`chitieu.intake_batch.receive_batch`: each file archived, its first sighting
recorded); a file already stored, or held in quarantine for a reason a new reading cannot
change, is not read again. One task per remaining file reads the document in a child
process with a wall-clock and a memory limit (`extract.isolated`; SIGALRM cannot stop a
reader in a worker thread): it is cached on the file's sha256, retried when a tool
crashes, tagged `ocr` for concurrency limits, and runs in parallel (one thread per core by
default, a Dask cluster when the flow is given a `DaskTaskRunner`). Reading touches no
database, so it can run anywhere. The flow then files each batch's readings into the
store in one transaction (`chitieu.intake_batch.store_batch`, each file a savepoint of
it, through the code `chitieu intake` runs), in inbox order, while later batches are
still being read.

Why batches: a task and a store session per file and per step cost more than reading a
small xlsx (`benchmarks/bench_national.py --flow`).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture, wait
from prefect.states import State
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.utilities.annotations import quote

from chitieu.errors import ChitieuError, UnreadableFileError
from chitieu.inbox import display_name, list_inbox
from chitieu.intake import FileOutcome, IntakeSummary, Status
from chitieu.intake_batch import Reading, receive_batch, store_batch
from chitieu.plan import load_plan_cached
from chitieu.store.models import VN_TIME, wall_clock
from flows.artifacts import publish_intake, publish_status
from flows.caching import document_cache_key
from flows.progress import task_done_hook
from flows.review import ReviewOutcome, review_in_prefect_ui
from flows.runtime import data_dir, database_url, results_dir, review_server

__all__ = ["FILES_PER_BATCH", "IntakeRun", "Reading", "intake_flow", "read_document"]


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
)
def read_document(path: Path, plan_path: Path, name: str = "") -> Reading:
    """Read one returned document in a child process (wall-clock and memory limits);
    an unreadable file is a result, not a failure. `name` only labels the run. Runs of
    files that may need Tesseract are tagged `ocr` (`may_need_ocr`)."""
    from extract.isolated import extract_isolated

    try:
        return Reading(path, extract_isolated(path, load_plan_cached(plan_path)))
    except UnreadableFileError as exc:
        return Reading(path, None, exc.reason, unreadable=True)
    except ChitieuError as exc:
        return Reading(path, None, exc.message)


@task(name="nhận-lô", task_run_name="nhận {label}", cache_policy=NO_CACHE)
def receive_files(
    db_url: str,
    plan_path: Path,
    plan_id: int,
    paths: Sequence[Path],
    archive: Path,
    seen_at: datetime,
    retry_quarantined: bool = False,
    label: str = "",
) -> list[FileOutcome | None]:
    """Archive a batch of files and record their first sightings (one transaction); per
    file its outcome when it need not be read (already stored, held in quarantine, cannot
    be archived), else None."""
    from chitieu.store import Store

    with Store.open(db_url) as store:
        got = receive_batch(
            store, load_plan_cached(plan_path), plan_id, paths, archive,
            seen_at=seen_at, retry_quarantined=retry_quarantined,
        )  # fmt: skip
    return [g if isinstance(g, FileOutcome) else None for g in got]


@task(
    name="lưu-lô",
    task_run_name="lưu {label}",
    cache_policy=NO_CACHE,
    retries=1,
    retry_delay_seconds=5,
)
def store_readings(
    db_url: str,
    plan_path: Path,
    plan_id: int,
    readings: Sequence[Reading],
    seen_at: datetime,
    archive: Path,
    retry_quarantined: bool = False,
    label: str = "",
) -> list[FileOutcome]:
    """File a batch of readings into the store (archive copy, receipt, records,
    quarantine) in one transaction, each file in a savepoint of it. Retried once when the
    batch cannot be committed (nothing of it was stored; storing again is idempotent)."""
    from chitieu.store import Store

    with Store.open(db_url) as store:
        return store_batch(
            store, load_plan_cached(plan_path), plan_id, readings, archive,
            seen_at=seen_at, retry_quarantined=retry_quarantined,
        )  # fmt: skip


@task(name="lưu-kế-hoạch", cache_policy=NO_CACHE)
def save_plan(db_url: str, plan_path: Path) -> int:
    from chitieu.store import Store

    with Store.open(db_url) as store:
        return store.save_plan(load_plan_cached(plan_path))


def may_need_ocr(path: Path) -> bool:
    """A PDF or an image may be a scan: its reading is tagged `ocr`, for a Prefect
    concurrency limit on Tesseract (`prefect concurrency-limit create ocr 4`). Office
    files are not: a tagged task run asks the Prefect API for a slot even when no limit
    exists, a round trip as long as reading a small xlsx."""
    from extract.formats import sniff

    try:
        return sniff(path) in ("pdf", "image")
    except (ChitieuError, OSError):  # the reading will say what is wrong with it
        return False


def failed_outcome(path: Path, received_at: datetime, state: State) -> FileOutcome:
    """A file whose reading crashed even after retries: not stored, tried again next run."""
    return _try_next_run(path, received_at, "lỗi khi đọc tệp", state)


def not_stored(path: Path, received_at: datetime, state: State) -> FileOutcome:
    """A file read but whose batch could not be stored: tried again next run."""
    return _try_next_run(path, received_at, "lỗi khi lưu vào cơ sở dữ liệu", state)


def _try_next_run(path: Path, received_at: datetime, what: str, state: State) -> FileOutcome:
    return FileOutcome(
        display_name(path),
        path,
        Status.failed,
        received_at,
        reason=f"{what} ({state.message or state.name}); sẽ thử lại lần sau",
    )


# One file per core at a time: a scan's reading already runs several Tesseract jobs, and
# Prefect's default thread pool is unbounded (thousands of scans, thousands of threads).
FILES_AT_ONCE = os.cpu_count() or 2
# Files received, and stored, per transaction and per task. Larger batches commit less
# often but hold SQLite's write lock longer (other writers wait) and start storing later.
FILES_PER_BATCH = 50


@dataclass
class _Batch:
    """Files of one batch: what was known without reading them, and the readings pending."""

    files: list[Path]
    early: dict[Path, FileOutcome]
    futures: dict[Path, PrefectFuture[Reading]]
    label: str


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
    batch_size: int = FILES_PER_BATCH,
) -> IntakeRun:
    """Take in every file of `inbox` for the plan at `plan_path`.

    `review_in_ui`: None pauses for review only when a configured Prefect server
    answers; False never pauses (the records wait for `chitieu review`).
    `retry_quarantined`: read again files quarantined because they could not be read.
    `batch_size`: files received and stored per transaction (see the module docstring).
    """
    base = data_dir(home)
    url = database_url(base, db_url)
    listing = list_inbox(inbox)
    files = listing.files
    seen_at = datetime.now(VN_TIME)  # the moment the inbox was looked at
    plan_id = save_plan(url, plan_path)
    archive = base / "archive"
    run = IntakeRun(IntakeSummary(plan_id, skipped=listing.skipped))
    reader = read_document.with_options(result_storage=results_dir(base))
    ocr_reader = reader.with_options(tags={"ocr"})  # see `may_need_ocr`
    size = max(1, batch_size)
    batches: list[_Batch] = []
    for start in range(0, len(files), size):  # receive each batch, then start reading it
        chunk = files[start : start + size]
        label = f"tệp {start + 1}–{start + len(chunk)}/{len(files)}"
        got = receive_files(
            url, plan_path, plan_id, chunk, archive, seen_at, retry_quarantined, label
        )
        early = {p: g for p, g in zip(chunk, got, strict=True) if g is not None}
        futures = {
            p: (ocr_reader if may_need_ocr(p) else reader).submit(p, plan_path, display_name(p))
            for p in chunk
            if p not in early
        }
        batches.append(_Batch(chunk, early, futures, label))
    for batch in batches:  # in inbox order, while later batches are still being read
        run.summary.files += _store(run, batch, url, plan_path, plan_id, seen_at, archive,
                                    retry_quarantined)  # fmt: skip
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


def _store(
    run: IntakeRun,
    batch: _Batch,
    url: str,
    plan_path: Path,
    plan_id: int,
    seen_at: datetime,
    archive: Path,
    retry_quarantined: bool,
) -> list[FileOutcome]:
    """Wait for a batch's readings and file them; its outcomes in inbox order."""
    wait(list(batch.futures.values()))
    outcomes = dict(batch.early)
    readings: list[Reading] = []
    for path, future in batch.futures.items():
        state = future.state
        if not state.is_completed():
            outcomes[path] = failed_outcome(path, wall_clock(seen_at), state)
            continue
        run.cached += state.name == "Cached"
        readings.append(future.result())
    if readings:  # quoted: Prefect would otherwise walk every record looking for futures
        state = store_readings(
            url, plan_path, plan_id, quote(readings), seen_at, archive, retry_quarantined,
            batch.label, return_state=True,
        )  # fmt: skip
        if state.is_completed():
            stored = state.result()
        else:  # the batch could not be committed, even on retry: nothing of it was stored
            stored = [not_stored(r.path, wall_clock(seen_at), state) for r in readings]
        outcomes.update((o.path, o) for o in stored)
    batch.futures.clear()  # the readings are stored: let them go (3,321 files at once)
    return [outcomes[p] for p in batch.files]


@task(name="tệp-được-tính", cache_policy=NO_CACHE)
def counted_files(db_url: str, plan_id: int) -> dict[str, str]:
    """Unit → the file whose figures count, as `chitieu intake` reports it."""
    from chitieu.store import Store

    out: dict[str, str] = {}
    with Store.open(db_url) as store:
        for rec in store.current_results(plan_id):
            if rec.file_name:
                out.setdefault(rec.unit, rec.file_name)
    return out
