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

from extract.child_report import ChildReport, memory_limit, outcome, read_limited
from extract.limits import DEFAULT_LIMITS, Limits
from extract.reader_server import Server, recv, send

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
) -> ChildReport:
    """Read `path` in a child process; the raw report (see `extract_isolated`)."""
    limits = limits or DEFAULT_LIMITS
    memory = memory_limit() if memory is None else memory
    timeout = wall_clock_limit(path, limits) if timeout is None else timeout
    import time

    deadline = time.monotonic() + timeout
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.connect(Server.with_plan(plan))
        conn.settimeout(30)
        send(conn, ("read", Path(path), plan.fingerprint, limits, memory))
        pid = recv(conn)
        try:
            conn.settimeout(max(deadline - time.monotonic(), 0.001))
            report = recv(conn)
        except TimeoutError:
            _kill(pid)
            return ChildReport("timeout", timeout)
        except (EOFError, OSError, pickle.UnpicklingError):
            return ChildReport("died", None)
    return report  # type: ignore[no-any-return]


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

    Raises:
        UnreadableFileError: the file cannot be read, or reading it went over a limit.
        ExtractError: a tool of the reader failed (worth a retry).
        RuntimeError: a bug in a reader (not the file's fault).
    """
    report = read_in_child(path, plan, limits, memory=memory, timeout=timeout)
    return outcome(path, report, memory_limit() if memory is None else memory)


def extract_forked(path: Path, plan: Plan, limits: Limits | None = None) -> Extraction:
    """`extract.extract_file` in a fork of this process, under the memory limit.

    For a one-shot command (`chitieu extract`): a crash in C code (OpenCV, Tesseract,
    pdfium) or a runaway allocation ends the child, and the command still names the file
    and the reason. A fork costs milliseconds; no reader server is started. Call it
    before any thread is started (the scan reader starts its own in the child).
    """
    memory = memory_limit()
    sys.stdout.flush()
    sys.stderr.flush()
    inlet, outlet = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: read, write the report, leave without running atexit
        os.close(inlet)
        code = 1
        try:
            report = read_limited(path, plan, limits or DEFAULT_LIMITS, memory)
            with os.fdopen(outlet, "wb") as out:
                pickle.dump(report, out, protocol=pickle.HIGHEST_PROTOCOL)
            code = 0
        finally:
            os._exit(code)
    os.close(outlet)
    with os.fdopen(inlet, "rb") as inp:
        data = inp.read()
    _, status = os.waitpid(pid, 0)
    try:
        report = pickle.loads(data)
    except (EOFError, pickle.UnpicklingError):
        signum = os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0
        report = ChildReport("crashed" if signum not in (0, signal.SIGKILL) else "died", signum)
    return outcome(path, report, memory, kept="Tệp được giữ nguyên.")


__all__ = ["extract_forked", "extract_isolated", "read_in_child"]
