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

Protocol, one Unix-socket connection per message: the parent gives the server a plan
once (`("plan", fingerprint, plan)`, kept in the server, inherited by every child);
then per file `("read", path, fingerprint, limits, memory)`: the server forks, and the
child sends its pid, then one pickled `ChildReport`. No report (the connection
closed) means the child died: killed by the kernel, or crashed in C code.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import resource
import selectors
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from chitieu.errors import ExtractError, UnreadableFileError
from extract.limits import DEFAULT_LIMITS, Limits

if TYPE_CHECKING:
    from chitieu.plan import Plan
    from chitieu.record import Extraction

# Address space a reading child may use (bytes); CHITIEU_READ_MEMORY_MB overrides.
# CHITIEU_READ_TIMEOUT_S caps the wall-clock limit below (a per-file budget).
DEFAULT_MEMORY_MB = 1400
# Seconds beyond the reader's own limits before the parent kills the child: the
# reader's SIGALRM (in the child's main thread) normally fires first, with its message.
GRACE_S = 15.0

PRELOAD = [
    "chitieu.plan",
    "chitieu.record",
    "extract.pipeline",
    "extract.interpret",
    "extract.formats.xlsx",
    "extract.formats.docx",
    "extract.formats.pdf",
    "openpyxl",
    "docx",
    "extract.formats.scan",  # cv2, numpy: imported under the child's limit they could fail
    "pypdfium2",
]


def memory_limit() -> int:
    """The child's address-space limit in bytes."""
    mb = os.environ.get("CHITIEU_READ_MEMORY_MB")
    return int(mb) * 2**20 if mb and mb.isdigit() else DEFAULT_MEMORY_MB * 2**20


@dataclass(frozen=True)
class ChildReport:
    """What one child did: its outcome and the peak memory it used (for benchmarks)."""

    outcome: str  # ok | unreadable | tool | memory | bug | timeout | died
    value: Any
    peak_rss_mb: float = 0.0
    peak_vm_mb: float = 0.0  # address space at its peak: what RLIMIT_AS bounds


# -- framing: 8-byte length, then a pickle -------------------------------------------------


def _send(sock: socket.socket, obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    sock.sendall(struct.pack("!Q", len(data)) + data)


def _recv_exact(sock: socket.socket, n: int) -> bytes:
    chunks = []
    while n:
        chunk = sock.recv(min(n, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _recv(sock: socket.socket) -> Any:
    (n,) = struct.unpack("!Q", _recv_exact(sock, 8))
    return pickle.loads(_recv_exact(sock, n))


# Plans the server has been given, by fingerprint: unpickling a 3,321-unit plan for
# every file would cost more than the fork; a child inherits them with the fork.
_PLANS: dict[str, Any] = {}


# -- the child ------------------------------------------------------------------------------


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def _peak_vm_mb() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _child(conn: socket.socket, request: tuple[Any, ...]) -> None:
    """In the forked child: limit itself, read the file, report."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    _send(conn, os.getpid())
    _, path, fingerprint, limits, memory = request
    report = _read_limited(path, _PLANS[fingerprint], limits, memory)
    try:
        _send(conn, report)
    except MemoryError:
        _send(conn, ChildReport("memory", None, _peak_rss_mb(), _peak_vm_mb()))


def _read_limited(path: Path, plan: Plan, limits: Limits, memory: int) -> ChildReport:
    """In a child: set the memory limit, read, and say how it went (never raises)."""
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
    return ChildReport(report.outcome, report.value, _peak_rss_mb(), _peak_vm_mb())


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


# -- the server -----------------------------------------------------------------------------


def serve() -> None:
    """The reader server's main loop (run by `_Server`): fork a child per connection."""
    import importlib

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    for name in PRELOAD:  # a missing optional reader fails in the child, with its message
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    from chitieu.render.pdf import keep_no_profile

    keep_no_profile()  # children end with os._exit or a kill: no atexit to remove a copy
    address = os.path.join(tempfile.mkdtemp(prefix="chitieu-reader-"), "s")
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(64)
    sys.stdout.write(address + "\n")
    sys.stdout.flush()
    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ)
    sel.register(sys.stdin, selectors.EVENT_READ)
    try:
        while True:
            for key, _ in sel.select():
                if key.fileobj is sys.stdin:
                    if not sys.stdin.buffer.read1(4096):
                        return  # the parent is gone
                    continue
                conn, _ = listener.accept()
                try:
                    conn.settimeout(30)
                    request = _recv(conn)
                    conn.settimeout(None)
                except (EOFError, OSError, pickle.UnpicklingError):
                    conn.close()
                    continue
                if request[0] == "plan":  # kept here, so that children inherit it
                    _PLANS[request[1]] = request[2]
                    while len(_PLANS) > 4:
                        _PLANS.pop(next(iter(_PLANS)))
                    _send(conn, "ok")
                elif os.fork() == 0:
                    listener.close()
                    code = 0
                    try:
                        _child(conn, request)
                    except BaseException:
                        code = 1
                    finally:
                        os._exit(code)
                conn.close()
    finally:
        os.unlink(address)
        os.rmdir(os.path.dirname(address))


class _Server:
    """The parent's handle on its reader server, started on first use."""

    _lock: ClassVar[threading.Lock] = threading.Lock()
    _proc: ClassVar[subprocess.Popen[bytes] | None] = None
    _address: ClassVar[str | None] = None
    _plans: ClassVar[set[str]] = set()  # fingerprints the running server holds

    @classmethod
    def with_plan(cls, plan: Plan) -> str:
        """The server's address, once it holds `plan`."""
        address = cls.address()
        with cls._lock:
            if plan.fingerprint not in cls._plans:
                with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
                    conn.connect(address)
                    _send(conn, ("plan", plan.fingerprint, plan))
                    conn.settimeout(60)
                    if _recv(conn) != "ok":
                        raise RuntimeError("tiến trình đọc tệp không nhận kế hoạch")
                cls._plans = {*list(cls._plans)[-3:], plan.fingerprint}
        return address

    @classmethod
    def address(cls) -> str:
        with cls._lock:
            if cls._proc is None or cls._proc.poll() is not None:
                cls._plans = set()
                env = {
                    **os.environ,
                    "CHITIEU_READER_PATH": json.dumps(sys.path),
                    # glibc reserves 64 MB of address space per thread's malloc arena:
                    # with RLIMIT_AS, the scan reader's threads would fail to start.
                    "MALLOC_ARENA_MAX": os.environ.get("MALLOC_ARENA_MAX", "2"),
                    # numpy's OpenBLAS starts a thread per core at import, with its
                    # buffers: address space the readers never use (no matrix products),
                    # and a child's size would depend on whether its caller had set this
                    # (the scan reader sets it in its own process when it loads Tesseract).
                    "OPENBLAS_NUM_THREADS": "1",
                }
                code = (
                    "import json, os, sys; "
                    "sys.path[:0] = json.loads(os.environ['CHITIEU_READER_PATH']); "
                    "from extract.isolated import serve; serve()"
                )
                cls._proc = subprocess.Popen(
                    [sys.executable, "-c", code],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    env=env,
                    close_fds=True,
                )
                assert cls._proc.stdout is not None
                line = cls._proc.stdout.readline().decode().strip()
                if not line:
                    raise RuntimeError("không khởi động được tiến trình đọc tệp")
                cls._address = line
            assert cls._address is not None
            return cls._address


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
        conn.connect(_Server.with_plan(plan))
        conn.settimeout(30)
        _send(conn, ("read", Path(path), plan.fingerprint, limits, memory))
        pid = _recv(conn)
        try:
            conn.settimeout(max(deadline - time.monotonic(), 0.001))
            report = _recv(conn)
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
    if report.outcome == "crashed":  # a signal other than the kernel's kill (SIGSEGV…)
        raise UnreadableFileError(
            path,
            f"bộ đọc gặp lỗi nghiêm trọng khi xử lý tệp (tín hiệu {report.value}); tệp có thể "
            f"bị hỏng hoặc có dạng chưa gặp. {kept}",
        )
    if report.outcome == "died":
        raise UnreadableFileError(
            path,
            "tiến trình đọc tệp dừng bất thường (có thể do vượt giới hạn "
            f"{memory // 2**20} MB bộ nhớ); tệp có thể bị hỏng. {kept}",
        )
    raise RuntimeError(report.value)


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
            report = _read_limited(path, plan, limits or DEFAULT_LIMITS, memory)
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


__all__ = ["ChildReport", "extract_forked", "extract_isolated", "memory_limit", "read_in_child"]
