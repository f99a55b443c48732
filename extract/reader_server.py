"""The reader server: one small process per parent, started on first use, that has
already imported the readers (`PRELOAD`) and forks a child per file, so that a child
costs a fork, not a Python start and an import.

Protocol, one Unix-socket connection per message: the parent gives the server a plan
once (`("plan", fingerprint, plan)`, kept in the server, inherited by every child);
then per file `("read", path, fingerprint, limits, memory, reread)`: the server forks,
and the child sends its pid, a string per page started and done (`page_watch`), then
one pickled `ChildReport`. `("ended", pid)` asks how a child that sent no report ended
(its exit status: the signal that killed it). It exits when its parent closes
its stdin (dies). See `extract.isolated` for why files are read in children.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import selectors
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
from typing import TYPE_CHECKING, Any, ClassVar

from extract.child_report import ChildReport, peak_rss_mb, peak_vm_mb, read_limited

if TYPE_CHECKING:
    from chitieu.plan import Plan

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


# -- framing: 8-byte length, then a pickle -------------------------------------------------


def send(sock: socket.socket, obj: object) -> None:
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


def recv(sock: socket.socket) -> Any:
    (n,) = struct.unpack("!Q", _recv_exact(sock, 8))
    return pickle.loads(_recv_exact(sock, n))


# Plans the server has been given, by fingerprint: unpickling a 3,321-unit plan for
# every file would cost more than the fork; a child inherits them with the fork.
_PLANS: dict[str, Any] = {}


def _child(conn: socket.socket, request: tuple[Any, ...]) -> None:
    """In the forked child: limit itself, read the file, report."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    send(conn, os.getpid())
    _, path, fingerprint, limits, memory, reread = request
    lock = threading.Lock()  # pages are read in parallel: one message at a time

    def tell(message: str) -> None:  # the pages in hand (`page_watch`), before the report
        with lock:
            send(conn, message)

    report = read_limited(path, _PLANS[fingerprint], limits, memory, reread=reread, send=tell)
    try:
        send(conn, report)
    except MemoryError:
        send(conn, ChildReport("memory", None, peak_rss_mb(), peak_vm_mb()))


# -- the server -----------------------------------------------------------------------------

# Exit statuses of children reaped by the server (pid → status), kept for the parent to
# ask about a child that sent no report: a signal (a crash in C code) or the kernel's kill.
_ENDED: dict[int, int] = {}


def _reap() -> None:
    """Collect ended children (no zombies), remembering how the last few ended."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        _ENDED[pid] = status
        while len(_ENDED) > 256:
            _ENDED.pop(next(iter(_ENDED)))


def _ended(pid: int) -> int | None:
    """The exit status of child `pid` (it closed its connection, so it is ending), or
    None if it has not ended within a few seconds or is not ours."""
    import time

    deadline = time.monotonic() + 5.0
    while pid not in _ENDED:
        try:
            got, status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            return None
        if got == pid:
            return status
        if time.monotonic() > deadline:
            return None
        time.sleep(0.01)
    return _ENDED.pop(pid)


def serve() -> None:
    """The reader server's main loop (run by `Server`): fork a child per connection."""
    import importlib

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
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
                _reap()
                if key.fileobj is sys.stdin:
                    if not sys.stdin.buffer.read1(4096):
                        return  # the parent is gone
                    continue
                conn, _ = listener.accept()
                try:
                    conn.settimeout(30)
                    request = recv(conn)
                    conn.settimeout(None)
                except (EOFError, OSError, pickle.UnpicklingError):
                    conn.close()
                    continue
                if request[0] == "ended":  # how a child that sent no report ended
                    send(conn, _ended(request[1]))
                elif request[0] == "plan":  # kept here, so that children inherit it
                    _PLANS[request[1]] = request[2]
                    while len(_PLANS) > 4:
                        _PLANS.pop(next(iter(_PLANS)))
                    send(conn, "ok")
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


class Server:
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
                    send(conn, ("plan", plan.fingerprint, plan))
                    conn.settimeout(60)
                    if recv(conn) != "ok":
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
                    "from extract.reader_server import serve; serve()"
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


__all__ = ["PRELOAD", "Server", "recv", "send", "serve"]
