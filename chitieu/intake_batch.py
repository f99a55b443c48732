"""Intake of many files at once: files received and stored in batches (the Prefect flow).

`chitieu intake` commits each file as it goes. The flow reads files in parallel and files
them afterwards, so it can file a batch of them in one transaction (`Store.batch`):
a national intake (3,321 returns) commits a few hundred times instead of several times
per file. Nothing of the per-file guarantees is lost: each write is a savepoint, so a
file whose storing fails leaves nothing of itself (its records are all stored or none)
and takes no other file's records with it; it is reported `failed` and tried again next
run. A batch that cannot be committed at all raises: none of its files is stored, and
the caller retries it or reports them failed.

Each file goes through the same `receive` and `file_reading` as `chitieu intake`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from chitieu.intake import Arrival, FileOutcome, file_reading, guarded, receive
from chitieu.record import Extraction

if TYPE_CHECKING:
    from chitieu.plan import Plan
    from chitieu.store import Store


@dataclass(frozen=True)
class Reading:
    """What reading one file gave: an extraction, or the reason it could not be read."""

    path: Path
    extraction: Extraction | None
    error: str | None = None
    unreadable: bool = False  # cannot be read at all: not read again on later runs


def receive_batch(
    store: Store,
    plan: Plan,
    plan_id: int,
    paths: Sequence[Path],
    archive_dir: Path,
    *,
    seen_at: datetime,
    retry_quarantined: bool = False,
) -> list[Arrival | FileOutcome]:
    """`receive` for each file (archive, first sighting), one transaction for all: per
    file its arrival (to be read) or its outcome (no need to read it)."""
    out: list[Arrival | FileOutcome] = []
    with store.batch():
        for path in paths:
            out.append(
                guarded(path, seen_at, lambda path=path: receive(
                    store, plan, plan_id, path, archive_dir,
                    seen_at=seen_at, retry_quarantined=retry_quarantined,
                ))
            )  # fmt: skip
    return out


def store_batch(
    store: Store,
    plan: Plan,
    plan_id: int,
    readings: Sequence[Reading],
    archive_dir: Path,
    *,
    seen_at: datetime,
    retry_quarantined: bool = False,
) -> list[FileOutcome]:
    """`file_reading` for each reading, one transaction for all (see the module docstring).

    Raises:
        sqlalchemy.exc.SQLAlchemyError: the batch could not be committed (nothing stored).
    """
    out: list[FileOutcome] = []
    with store.batch():
        for r in readings:
            out.append(
                guarded(r.path, seen_at, lambda r=r: file_reading(
                    store, plan, plan_id, r.path, None, archive_dir,
                    extraction=r.extraction, error=r.error, unreadable=r.unreadable,
                    seen_at=seen_at, retry_quarantined=retry_quarantined,
                ))
            )  # fmt: skip
    return out
