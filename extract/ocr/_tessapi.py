"""Tesseract in this process (libtesseract's C API through ctypes): a model is loaded once,
not once per read.

A `tesseract` process spends 0.15–0.2 s of CPU starting and loading its model before it
reads anything: on a 2-page scan, eight processes spent about half of all Tesseract CPU
that way, and with every core busy that is wall time too (issue 14). An `Engine` here is
one `TessBaseAPI` with its model loaded; engines are kept per language and lent to one
thread at a time (`lend`), so a second page, a second file or an intake worker's next
file reads with a model already loaded. The words are the CLI's (same TSV, same
confidences, same boxes: checked by tests/test_extract_scan_ocr.py).

`available()` is False when libtesseract cannot be loaded (then the readers fall back to
one `tesseract` process per batch) or when `CHITIEU_OCR_PROCESS=1` asks for processes.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import importlib
import os
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING

from chitieu.errors import ExtractError

from ._exec import Word, ocr_pool, parse_tsv

if TYPE_CHECKING:  # numpy is imported by the reads (and by `warm_ahead`), not here
    import numpy as np

_P = ctypes.c_void_p
_LEPT_SEVERITY_NONE = 6  # leptonica's L_SEVERITY_NONE
_lib: ctypes.CDLL | None = None
_loaded = False
_lock = threading.Lock()
_idle: dict[str, list[Engine]] = {}
_all: list[Engine] = []
_loading: dict[str, int] = {}
_quiet = False


def _load() -> ctypes.CDLL | None:
    global _lib, _loaded
    with _lock:
        if _loaded:
            return _lib
        _loaded = True
        # libgomp reads its environment when loaded: one thread per read, as for the CLI
        # (the default OpenMP build took 6.6 s a page instead of 1.38 s on 2 cores).
        os.environ["OMP_THREAD_LIMIT"] = "1"
        # Likewise numpy's OpenBLAS, when numpy is not imported yet (the scan reader
        # imports it after this): it starts a thread per core at import (0.02 s of CPU)
        # for matrix products the reader never does; the cores are the Tesseract workers'.
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
        name = ctypes.util.find_library("tesseract") or "libtesseract.so.5"
        try:
            lib = ctypes.CDLL(name)
        except OSError:
            return None
        lib.TessBaseAPICreate.restype = _P
        lib.TessBaseAPIInit3.argtypes = [_P, ctypes.c_char_p, ctypes.c_char_p]
        lib.TessBaseAPISetPageSegMode.argtypes = [_P, ctypes.c_int]
        lib.TessBaseAPISetVariable.argtypes = [_P, ctypes.c_char_p, ctypes.c_char_p]
        lib.TessBaseAPISetImage.argtypes = [_P, _P] + [ctypes.c_int] * 4
        lib.TessBaseAPISetSourceResolution.argtypes = [_P, ctypes.c_int]
        lib.TessBaseAPIRecognize.argtypes = [_P, _P]
        lib.TessBaseAPIGetTsvText.argtypes = [_P, ctypes.c_int]
        lib.TessBaseAPIGetTsvText.restype = _P
        lib.TessDeleteText.argtypes = [_P]
        lib.TessBaseAPIClear.argtypes = [_P]
        lib.TessBaseAPIEnd.argtypes = [_P]
        lib.TessBaseAPIDelete.argtypes = [_P]
        lib.TessMonitorCreate.restype = _P
        lib.TessMonitorSetDeadlineMSecs.argtypes = [_P, ctypes.c_int]
        lib.TessMonitorDelete.argtypes = [_P]
        _f, _i = ctypes.POINTER(ctypes.c_float), ctypes.POINTER(ctypes.c_int)
        lib.TessBaseAPIDetectOrientationScript.argtypes = [
            _P,
            _i,
            _f,
            ctypes.POINTER(ctypes.c_char_p),
            _f,
        ]
        try:  # Leptonica's messages ("box outside rectangle") would land on our stderr
            lept = ctypes.CDLL(ctypes.util.find_library("lept") or "liblept.so.5")
            lept.setMsgSeverity(_LEPT_SEVERITY_NONE)
        except (OSError, AttributeError):
            pass
        _lib = lib
        atexit.register(_close_all)
        return _lib


def available() -> bool:
    """Whether reads run in this process (libtesseract found, processes not asked for)."""
    if os.environ.get("CHITIEU_OCR_PROCESS", "") not in ("", "0"):
        return False
    return _load() is not None


class Engine:
    """One loaded model. Not for two threads at once: borrow it with `lend`."""

    def __init__(self, language: str) -> None:
        lib = _load()
        if lib is None:
            raise ExtractError("Không nạp được thư viện libtesseract.")
        self.language = language
        self._lib = lib
        self._h = lib.TessBaseAPICreate()
        if lib.TessBaseAPIInit3(self._h, None, language.encode()) != 0:
            lib.TessBaseAPIDelete(self._h)
            self._h = None
            raise ExtractError(
                f"Không nạp được dữ liệu nhận dạng tiếng '{language}' của Tesseract"
                " (cần gói tesseract-ocr-" + language + ")."
            )
        global _quiet
        with _lock:
            if not _quiet:
                # Tesseract's diagnostics ("Empty page!!", statistics) would land on our
                # stderr. `debug_file` is global to the library: set once, by the first
                # model, before any read can be printing through it.
                lib.TessBaseAPISetVariable(self._h, b"debug_file", os.devnull.encode())
                _quiet = True
            _all.append(self)

    def words(
        self,
        image: np.ndarray,
        *,
        psm: int,
        dpi: int,
        timeout_s: float,
        whitelist: str | None = None,
        page: int = 1,
    ) -> list[Word]:
        """`tesseract IMAGE stdout --psm PSM --dpi DPI [-c whitelist] tsv`, without a process.

        `image` is 8-bit grey. `page` is the 1-based page number the words carry.
        """
        import numpy as np

        lib, h = self._lib, self._h
        img = np.ascontiguousarray(image, dtype=np.uint8)
        height, width = img.shape[:2]
        lib.TessBaseAPISetPageSegMode(h, psm)
        lib.TessBaseAPISetVariable(h, b"tessedit_char_whitelist", (whitelist or "").encode())
        # Tesseract copies the pixels into its own image: no copy of ours needed (`img`
        # lives until the call returns).
        lib.TessBaseAPISetImage(h, img.ctypes.data, width, height, 1, width)
        lib.TessBaseAPISetSourceResolution(h, int(dpi))
        monitor = lib.TessMonitorCreate()
        lib.TessMonitorSetDeadlineMSecs(monitor, int(timeout_s * 1000))
        started = time.monotonic()
        try:
            failed = lib.TessBaseAPIRecognize(h, monitor) != 0
            if time.monotonic() - started >= timeout_s:
                raise ExtractError(f"Nhận dạng ký tự: quá thời gian {timeout_s:.0f} giây.")
            if failed:
                raise ExtractError("Nhận dạng ký tự: Tesseract không đọc được ảnh.")
            text = lib.TessBaseAPIGetTsvText(h, page - 1)
            try:
                tsv = ctypes.string_at(text).decode("utf-8", "replace") if text else ""
            finally:
                lib.TessDeleteText(text)
        finally:
            lib.TessMonitorDelete(monitor)
            lib.TessBaseAPIClear(h)
        # GetTsvText has no header line; parse_tsv skips the first line.
        return parse_tsv("header\n" + tsv)

    def orientation(self, image: np.ndarray, *, dpi: int | None) -> tuple[int, float] | None:
        """(clockwise degrees that turn the page upright, confidence) by OSD, as
        `tesseract IMAGE stdout --psm 0` prints them ("Rotate", "Orientation confidence");
        None when OSD finds too little text. Needs the `osd` model."""
        import numpy as np

        lib, h = self._lib, self._h
        img = np.ascontiguousarray(image, dtype=np.uint8)
        height, width = img.shape[:2]
        lib.TessBaseAPISetPageSegMode(h, 0)
        lib.TessBaseAPISetImage(h, img.ctypes.data, width, height, 1, width)
        if dpi:
            lib.TessBaseAPISetSourceResolution(h, int(dpi))
        degrees, conf = ctypes.c_int(), ctypes.c_float()
        script, script_conf = ctypes.c_char_p(), ctypes.c_float()
        try:
            found = lib.TessBaseAPIDetectOrientationScript(
                h,
                ctypes.byref(degrees),
                ctypes.byref(conf),
                ctypes.byref(script),
                ctypes.byref(script_conf),
            )
        finally:
            lib.TessBaseAPIClear(h)
        if not found:
            return None
        # The text is turned `degrees` counter-clockwise: the CLI's "Rotate" undoes it.
        return (360 - degrees.value) % 360, float(conf.value)

    def close(self) -> None:
        if self._h is not None:
            self._lib.TessBaseAPIEnd(self._h)
            self._lib.TessBaseAPIDelete(self._h)
            self._h = None


@contextmanager
def lend(language: str) -> Iterator[Engine]:
    """An idle engine of `language` (loaded now if every one is busy), back when done."""
    with _lock:
        idle = _idle.setdefault(language, [])
        engine = idle.pop() if idle else None
    if engine is None:
        engine = Engine(language)
    try:
        yield engine
    finally:
        with _lock:
            _idle[language].append(engine)


def warm(language: str, count: int = 1) -> None:
    """Load one more model of `language` ahead, unless `count` are loaded or loading
    (called while the pages are still being rendered and levelled)."""
    with _lock:
        have = sum(1 for e in _all if e.language == language) + _loading.get(language, 0)
        if have >= count:
            return
        _loading[language] = _loading.get(language, 0) + 1
    try:
        engine = Engine(language)
    finally:
        with _lock:
            _loading[language] -= 1
    with _lock:
        _idle.setdefault(language, []).append(engine)


def warm_ahead(models: Sequence[tuple[str, int]], workers: int) -> None:
    """Start loading `(language, count)` models on the Tesseract workers, now, so that
    they load while the caller still imports and renders (nothing when reads run as
    processes). Each `warm` is a no-op when enough models are loaded or loading."""
    if not available():
        return
    _settle_environment()
    pool = ocr_pool(workers)
    for language, count in models:
        pool.submit(warm, language, count)


def _settle_environment() -> None:
    """Import, before the first model-loading thread starts, the modules that write the
    process environment when imported: numpy (sets then unsets OPENBLAS_MAIN_FREE) and
    OpenCV (sets LD_LIBRARY_PATH). glibc's setenv may move the environment while another
    thread's getenv walks it, and Tesseract reads its settings while a model loads: the
    reader died of SIGSEGV inside getenv ("segfault at 150 … in libc.so.6", twice in
    about 95 runs) when these imports ran beside `warm`. The rest of the scan reader's
    imports still overlap the loading."""
    for name in ("numpy", "cv2"):
        with suppress(ImportError):  # the scan reader's own import names what is missing
            importlib.import_module(name)


def _before_fork() -> None:
    _lock.acquire()


def _after_fork_in_parent() -> None:
    _lock.release()


def _after_fork_in_child() -> None:
    """A forked child (extract/isolated.py's readers) keeps the models that were idle at
    the fork, and forgets those another thread was using: their state is mid-read."""
    global _lock
    idle = [e for engines in _idle.values() for e in engines]
    _all[:] = idle
    _loading.clear()
    _lock = threading.Lock()


os.register_at_fork(
    before=_before_fork, after_in_parent=_after_fork_in_parent, after_in_child=_after_fork_in_child
)


def _close_all() -> None:
    """Free the models before C++ static destructors run (else Tesseract warns of leaks)."""
    with _lock:
        for engine in _all:
            engine.close()
        _all.clear()
        _idle.clear()
