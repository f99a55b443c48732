"""Read one file in a child process, under a wall-clock and a memory limit.

A hostile file can make a parser take gigabytes (an xlsx whose one merge covers the
whole sheet) or hang (a cyclic page tree). Within one process neither can be stopped
reliably: SIGALRM works only in the main thread (the Prefect flow reads in worker
threads), and Python cannot bound a library's memory. So every file is read in its own
child process, which sets `RLIMIT_AS` on itself before reading and is killed when the
wall-clock limit passes. A child per file also gives all its memory back at the end.

Start-up cost: children are forked by a *reader server*, one small process started once
per parent process that has already imported the readers (`PRELOAD`), so a child costs
a fork, not a Python start and an import (`benchmarks/bench_isolation.py` measures it).
The server is single-threaded, so forking it is safe even when the caller runs in
Prefect's thread pool; and unlike `multiprocessing`'s forkserver it never re-imports
the caller's `__main__` in the child. It exits when its parent closes its stdin (dies).

The server and its protocol are in `extract.reader_server`; what a child does and what
its report means, in `extract.child_report`. No report (the connection closed) means
the child died: killed by the kernel, or crashed in C code.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from extract.child_report import ChildReport, memory_limit, read_limited
from extract.limits import DEFAULT_LIMITS, Limits
from extract.page_watch import FIRST_READ, Reread, in_hand
from extract.reader_server import Server, recv, send
from extract.surviving import surviving

if TYPE_CHECKING:
    from chitieu.plan import Plan
    from chitieu.record import Extraction

# Seconds beyond the reader's own limits before the parent kills the child: the
# reader's SIGALRM (in the child's main thread) normally fires first, with its message.
GRACE_S = 15.0


def read_in_child(
    path: Path,
    plan: Plan,
    limits: Limits | None = None,
    *,
    memory: int | None = None,
    timeout: float | None = None,
    reread: Reread = FIRST_READ,
) -> ChildReport:
    """Read `path` in a child process; the raw report (see `extract_isolated`)."""
    limits = limits or DEFAULT_LIMITS
    memory = memory_limit() if memory is None else memory
    timeout = wall_clock_limit(path, limits) if timeout is None else timeout
    import time

    deadline = time.monotonic() + timeout
    news: list[str] = []  # pages started and done (`page_watch`)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.connect(Server.with_plan(plan))
        conn.settimeout(30)
        send(conn, ("read", Path(path), plan.fingerprint, limits, memory, reread))
        pid = recv(conn)
        try:
            while True:
                conn.settimeout(max(deadline - time.monotonic(), 0.001))
                message = recv(conn)
                if not isinstance(message, str):
                    return message  # type: ignore[no-any-return]
                news.append(message)
        except TimeoutError:
            _kill(pid)
            return ChildReport("timeout", timeout)
        except (EOFError, OSError, pickle.UnpicklingError):
            return _death(_ended(pid), in_hand(news))


def _ended(pid: int) -> int | None:
    """How the server's child `pid` ended (its exit status), or None if unknown."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.connect(Server.address())
            conn.settimeout(30)
            send(conn, ("ended", pid))
            return recv(conn)  # type: ignore[no-any-return]
    except (EOFError, OSError, pickle.UnpicklingError, RuntimeError):
        return None


def _death(status: int | None, pages: frozenset[int]) -> ChildReport:
    """The report of a child that sent none: "crashed" when a signal other than the
    kernel's kill ended it (SIGSEGV, SIGABRT…), else "died"."""
    signum = os.WTERMSIG(status) if status is not None and os.WIFSIGNALED(status) else 0
    died = "crashed" if signum not in (0, signal.SIGKILL) else "died"
    return ChildReport(died, signum, pages=pages)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def wall_clock_limit(path: Path, limits: Limits) -> float:
    """The parent's limit: the reader's own limit for this kind of file, plus grace."""
    try:
        from extract.formats import sniff

        kind = sniff(path)
    except Exception:
        kind = "other"
    own = limits.timeout_s if kind in ("xlsx", "docx") else limits.scan_timeout_s
    cap = os.environ.get("CHITIEU_READ_TIMEOUT_S", "")
    return min(own + GRACE_S, float(cap)) if cap.replace(".", "", 1).isdigit() else own + GRACE_S


def extract_isolated(
    path: Path,
    plan: Plan,
    limits: Limits | None = None,
    *,
    memory: int | None = None,
    timeout: float | None = None,
) -> Extraction:
    """`extract.extract_file`, in a child process with a wall-clock and memory limit.

    A child that dies (a crash in C code) is followed by rereads (`surviving`).

    Raises:
        UnreadableFileError: the file cannot be read, or reading it went over a limit.
        ExtractError: a tool of the reader failed (worth a retry).
        RuntimeError: a bug in a reader (not the file's fault).
    """
    memory = memory_limit() if memory is None else memory
    return surviving(
        path,
        lambda again: read_in_child(
            path, plan, limits, memory=memory, timeout=timeout, reread=again
        ),
        memory,
    )


def extract_forked(path: Path, plan: Plan, limits: Limits | None = None) -> Extraction:
    """`extract.extract_file` in a fork of this process, under the memory limit.

    For a one-shot command (`chitieu extract`): a crash in C code (OpenCV, Tesseract,
    pdfium) or a runaway allocation ends the child, and the command still names the file
    and the reason (after rereads, `surviving`). A fork costs milliseconds; no reader
    server is started. Call it before any thread is started (the scan reader starts its
    own in the child).
    """
    memory = memory_limit()
    limits = limits or DEFAULT_LIMITS
    return surviving(
        path,
        lambda again: _read_in_fork(path, plan, limits, memory, again),
        memory,
        kept="Tệp được giữ nguyên.",
    )


def _read_in_fork(
    path: Path, plan: Plan, limits: Limits, memory: int, reread: Reread
) -> ChildReport:
    sys.stdout.flush()
    sys.stderr.flush()
    inlet, outlet = os.pipe()
    # Pages started and done, a line each: at most `max_pdf_pages` × 2 short lines, far
    # below a pipe's buffer, so the child never waits for the parent to read them.
    news_in, news_out = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read, write the report, leave without running atexit
        os.close(inlet)
        os.close(news_in)
        code = 1
        try:

            def tell(message: str) -> None:  # a line each, atomic (under PIPE_BUF)
                os.write(news_out, f"{message}\n".encode())

            report = read_limited(path, plan, limits, memory, reread=reread, send=tell)
            with os.fdopen(outlet, "wb") as out:
                pickle.dump(report, out, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    os.close(outlet)
    os.close(news_out)
    with os.fdopen(inlet, "rb") as inp:
        data = inp.read()
    _, status = os.waitpid(pid, 0)
    with os.fdopen(news_in, "rb") as news:
        pages = in_hand(news.read().decode("ascii", "replace").split())
    try:
        return pickle.loads(data)  # type: ignore[no-any-return]
    except (EOFError, pickle.UnpicklingError):
        return _death(status, pages)


__all__ = ["extract_forked", "extract_isolated", "read_in_child"]
