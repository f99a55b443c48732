"""What a reading child did, and what it means for the file: the child reads under its
memory limit and never raises (`read_limited`); its `ChildReport` says how it went, and
`outcome` turns that into the extraction or the matching error, in Vietnamese.

Used by the reader server's children (`extract.reader_server`) and by
`extract.isolated.extract_forked`.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import resource
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from chitieu.errors import ExtractError, UnreadableFileError
from extract.limits import Limits
from extract.page_watch import FIRST_READ, Reread, page_words, watch

if TYPE_CHECKING:
    from chitieu.plan import Plan
    from chitieu.record import Extraction

# Address space a reading child may use (bytes); CHITIEU_READ_MEMORY_MB overrides.
# CHITIEU_READ_TIMEOUT_S caps the wall-clock limit below (a per-file budget).
DEFAULT_MEMORY_MB = 1400


def memory_limit() -> int:
    """The child's address-space limit in bytes."""
    mb = os.environ.get("CHITIEU_READ_MEMORY_MB")
    return int(mb) * 2**20 if mb and mb.isdigit() else DEFAULT_MEMORY_MB * 2**20


@dataclass(frozen=True)
class ChildReport:
    """What one child did: its outcome and the peak memory it used (for benchmarks)."""

    outcome: str  # ok | unreadable | tool | memory | bug | timeout | crashed | died
    value: Any
    peak_rss_mb: float = 0.0
    peak_vm_mb: float = 0.0  # address space at its peak: what RLIMIT_AS bounds
    pages: frozenset[int] = frozenset()  # pages it had in hand when it died (`page_watch`)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def peak_vm_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


# glibc's mallopt parameter for the number of malloc arenas.
_M_ARENA_MAX = -8


def few_malloc_arenas() -> None:
    """Let this process's threads share two malloc arenas (unless MALLOC_ARENA_MAX says).

    glibc gives each new thread an arena of its own, each reserving 64 MB of address
    space: the scan reader's threads (pages, Tesseract workers, OpenCV's pool) took a
    2-page scan's child to 974-1001 MB of the 1,400 MB `RLIMIT_AS`, 815 and 781 MB with
    two arenas, the same pixels read. Near the limit a failed allocation inside C code
    ends the child (Tesseract aborts on `bad_alloc`) instead of raising MemoryError.
    """
    if os.environ.get("MALLOC_ARENA_MAX") or not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).mallopt(_M_ARENA_MAX, 2)


def read_limited(
    path: Path,
    plan: Plan,
    limits: Limits,
    memory: int,
    *,
    reread: Reread = FIRST_READ,
    send: Callable[[str], None] | None = None,
) -> ChildReport:
    """In a child: set the memory limit, read, and say how it went (never raises).

    `send` is told each page started and done (`page_watch`); `reread`: how to read
    after an earlier child died on this file."""
    few_malloc_arenas()
    if send is not None:
        watch(send, reread)
    if memory > 0:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        from extract.pipeline import extract_file

        report = ChildReport("ok", extract_file(path, plan, limits))
    except UnreadableFileError as exc:
        report = ChildReport("unreadable", exc.reason)
    except ExtractError as exc:
        report = ChildReport("tool", exc.message)
    except MemoryError:
        report = ChildReport("memory", None)
    except RecursionError:
        report = ChildReport("unreadable", "cấu trúc tệp lồng nhau quá sâu, không đọc được.")
    except BaseException as exc:  # a bug in a reader: the parent reports it, retried next run
        report = ChildReport("bug", f"{type(exc).__name__}: {exc}")
        if _is_pdf_damage(exc):
            report = ChildReport("unreadable", f"tệp PDF bị hỏng, không mở được trang ({exc}).")
        elif _is_out_of_memory(exc):
            report = ChildReport("memory", None)
    return ChildReport(report.outcome, report.value, peak_rss_mb(), peak_vm_mb())


_OOM_WORDS = ("insufficient memory", "outofmemory", "out of memory", "bad_alloc", "cannot allocate")


def _is_out_of_memory(exc: BaseException) -> bool:
    """A C library's own out-of-memory error (OpenCV's cv2.error, a C++ bad_alloc): under
    RLIMIT_AS it is the limit speaking, not a bug."""
    text = str(exc).lower().replace(" ", "") if exc.args else ""
    return any(w.replace(" ", "") in text for w in _OOM_WORDS)


def _is_pdf_damage(exc: BaseException) -> bool:
    """pdfium's own error: the file's fault (a broken or cyclic page tree), not ours."""
    pdfium = sys.modules.get("pypdfium2")
    error = getattr(pdfium, "PdfiumError", None) if pdfium is not None else None
    return error is not None and isinstance(exc, error)


def outcome(
    path: Path, report: ChildReport, memory: int, kept: str = "Tệp được giữ nguyên và cách ly."
) -> Extraction:
    """The extraction a child's report stands for, or the matching error (`kept`: what
    became of the file, for the message)."""
    if report.outcome == "ok":
        return report.value  # type: ignore[no-any-return]
    if report.outcome == "unreadable":
        raise UnreadableFileError(path, report.value)
    if report.outcome == "tool":
        raise ExtractError(report.value)
    if report.outcome == "memory":
        raise UnreadableFileError(
            path,
            f"đọc tệp cần quá {memory // 2**20} MB bộ nhớ; tệp có thể bị hỏng hoặc cố ý "
            f"gây quá tải (bom dữ liệu). {kept}",
        )
    if report.outcome == "timeout":
        raise UnreadableFileError(
            path,
            f"đọc tệp quá {report.value:g} giây; tệp có thể bị hỏng hoặc cố ý gây treo. {kept}",
        )
    where = f" khi đọc {page_words(report.pages)}" if report.pages else ""
    if report.outcome == "crashed":  # a signal other than the kernel's kill (SIGSEGV…)
        raise UnreadableFileError(
            path,
            f"bộ đọc gặp lỗi nghiêm trọng{where or ' khi xử lý tệp'} (tín hiệu "
            f"{report.value}); tệp có thể bị hỏng, có dạng chưa gặp, hoặc cần quá "
            f"{memory // 2**20} MB bộ nhớ. {kept}",
        )
    if report.outcome == "died":
        raise UnreadableFileError(
            path,
            f"tiến trình đọc tệp dừng bất thường{where} (có thể do vượt giới hạn "
            f"{memory // 2**20} MB bộ nhớ); tệp có thể bị hỏng. {kept}",
        )
    raise RuntimeError(report.value)


__all__ = [
    "ChildReport",
    "few_malloc_arenas",
    "memory_limit",
    "outcome",
    "peak_rss_mb",
    "peak_vm_mb",
    "read_limited",
]
