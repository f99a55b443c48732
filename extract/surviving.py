"""A file whose reading child died: read again, and if one page keeps killing the
reader, read the other pages without it.

A child that dies in C code leaves no report, only the pages it had in hand
(`page_watch`). An intermittent crash (a race in a C library) does not come back on a
second reading, done one page at a time so that a crash that does come back names one
page; if it does, that page is left out of a third reading and the rest of the file is
read. Its figures come back flagged for review with a problem naming the page; only a
file that dies even then (or outside any page) is refused, naming the file, the page
and the signal. Nothing is written before the final outcome is known (the caller stores
the extraction, or quarantines the file, once this returns).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from chitieu.record import Extraction, Problem
from extract.child_report import ChildReport, outcome
from extract.page_watch import FIRST_READ, Reread, page_words

DIED = ("crashed", "died")  # the child left no report (a signal, the kernel, an exit)
REREADS = 2  # one page at a time, then without the page that crashed


def reread_until_read(read: Callable[[Reread], ChildReport]) -> tuple[ChildReport, Reread]:
    """The last child's report, and how it read (what it left out) — see the module."""
    how = FIRST_READ
    report = read(how)
    for _ in range(REREADS):
        if report.outcome not in DIED:
            break
        if not how.one_page_at_a_time:
            how = Reread(one_page_at_a_time=True, skip=how.skip)
        elif report.pages:
            how = Reread(one_page_at_a_time=True, skip=how.skip | report.pages)
        else:  # it died outside any page, one page at a time: again would die again
            break
        report = read(how)
    return report, how


def surviving(
    path: Path,
    read: Callable[[Reread], ChildReport],
    memory: int,
    kept: str = "Tệp được giữ nguyên và cách ly.",
) -> Extraction:
    """The extraction of `path` by `read` (one child per call), after rereads; raises as
    `child_report.outcome` when even the last child could not read it."""
    report, how = reread_until_read(read)
    if report.outcome in DIED:  # every page that killed a child, not only the last
        report = dataclasses.replace(report, pages=report.pages | how.skip)
    extraction = outcome(path, report, memory, kept)
    return without_pages(extraction, how.skip) if how.skip else extraction


def without_pages(extraction: Extraction, pages: frozenset[int]) -> Extraction:
    """An extraction read without `pages`: every figure flagged, the gap named."""
    gap = (
        f"Không đọc được {page_words(pages)}: bộ đọc bị dừng đột ngột mỗi lần đọc đến "
        f"{'các trang' if len(pages) > 1 else 'trang'} này; số liệu ở đó bị thiếu."
    )
    note = f"tệp thiếu {page_words(pages)} (bộ đọc không đọc được), cần đối chiếu bản gốc"
    records = tuple(
        dataclasses.replace(r, needs_review=True, note=f"{r.note}; {note}" if r.note else note)
        for r in extraction.records
    )
    problems = [*extraction.problems, Problem("reader_warning", gap)]
    if records and not any(p.code == Problem.LOW_CONFIDENCE for p in problems):
        problems.append(
            Problem(
                Problem.LOW_CONFIDENCE, f"{len(records)}/{len(records)} số liệu cần kiểm tra lại."
            )
        )
    return dataclasses.replace(extraction, records=records, problems=tuple(problems))


__all__ = ["REREADS", "reread_until_read", "surviving", "without_pages"]
