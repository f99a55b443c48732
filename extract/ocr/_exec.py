"""Tesseract and OCRmyPDF as subprocesses (timeouts, `OMP_THREAD_LIMIT=1`), TSV parsing,
and the pool of Tesseract workers every read runs on.

Direct tesseract calls pin OpenMP to one thread: on 2 cores the default build took 6.6 s
per page instead of 1.38 s (extraction-notes.md). We parallelise across workers instead,
one per core (`ocr_pool`). Page and cell reads run in this process when libtesseract is
there (`_tessapi`); the command is for orientation (OSD), OCRmyPDF and the fallback.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from chitieu.errors import ExtractError


@dataclass(frozen=True)
class Word:
    """One word of Tesseract's TSV output (level 5), in the pixels of its input image."""

    text: str
    left: int
    top: int
    width: int
    height: int
    conf: float  # 0..100
    page: int = 1  # 1-based image index for multi-image input
    block: int = 0
    line: int = 0

    @property
    def center(self) -> tuple[float, float]:
        return (self.left + self.width / 2, self.top + self.height / 2)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name  # tools installed in the venv (ocrmypdf)
    path = str(beside) if beside.exists() else shutil.which(name)
    if path is None:
        raise ExtractError(
            f"Không tìm thấy chương trình {name}: cần cài đặt gói hệ thống (scripts/install-system.sh)."
        )
    return path


def run_tool(args: Sequence[str], timeout_s: float, what: str) -> subprocess.CompletedProcess[str]:
    """Run one external tool; a timeout or a failure becomes an `ExtractError` in Vietnamese."""
    try:
        proc = subprocess.run(
            [_tool(args[0]), *args[1:]],
            capture_output=True,
            text=True,
            timeout=timeout_s,
            env=_env(),
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ExtractError(f"{what}: quá thời gian {timeout_s:.0f} giây.") from exc
    if proc.returncode != 0:
        tail = (proc.stderr or "").strip().splitlines()[-1:] or [""]
        raise ExtractError(f"{what}: {args[0]} lỗi (mã {proc.returncode}) {tail[0]}".strip())
    return proc


def parse_tsv(tsv: str) -> list[Word]:
    """Words (level 5) with non-empty text from `tesseract ... tsv` output."""
    words: list[Word] = []
    reader = csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    next(reader, None)  # header
    for row in reader:
        if len(row) < 12 or row[0] != "5":
            continue
        text = row[11].strip()
        if not text:
            continue
        words.append(
            Word(
                text=text,
                left=int(row[6]),
                top=int(row[7]),
                width=int(row[8]),
                height=int(row[9]),
                conf=float(row[10]),
                page=int(row[1]),
                block=int(row[2]),
                line=int(row[4]),
            )
        )
    return words


def tesseract_tsv(
    image: Path,
    *,
    language: str,
    psm: int,
    timeout_s: float,
    dpi: int | None = None,
    whitelist: str | None = None,
) -> list[Word]:
    """OCR one image (or a text file listing images, one page each) to words with confidences."""
    args = ["tesseract", str(image), "stdout", "-l", language, "--psm", str(psm)]
    if dpi:
        args += ["--dpi", str(dpi)]
    if whitelist:
        args += ["-c", f"tessedit_char_whitelist={whitelist}"]
    args.append("tsv")
    proc = run_tool(args, timeout_s, f"Nhận dạng ký tự {image.name}")
    return parse_tsv(proc.stdout)


def tesseract_orientation(image: Path, *, timeout_s: float, dpi: int | None = None) -> int:
    """Clockwise degrees (0, 90, 180, 270) that turn the page upright (`--psm 0`, OSD).

    0 when OSD is unsure (confidence < 2) or finds too little text to decide. In this
    process when libtesseract is there (the OSD model stays loaded: a `--psm 0` process
    spent a fifth of its 0.8 s CPU starting).
    """
    from . import _tessapi

    if _tessapi.available():
        import cv2

        gray = cv2.imread(str(image), cv2.IMREAD_GRAYSCALE)
        if gray is None:
            return 0
        with _tessapi.lend("osd") as engine:
            found = engine.orientation(gray, dpi=dpi)
        if found is None:
            return 0
        turn, conf = found
        return turn if turn in (90, 180, 270) and conf >= 2.0 else 0
    args = ["tesseract", str(image), "stdout", "--psm", "0"]
    if dpi:
        args += ["--dpi", str(dpi)]
    try:
        out = run_tool(args, timeout_s, f"Xác định chiều trang {image.name}").stdout
    except ExtractError:
        return 0  # "Too few characters": nothing to turn by
    fields = dict(
        (k.strip(), v.strip()) for k, _, v in (ln.partition(":") for ln in out.splitlines()) if v
    )
    try:
        turn = int(fields.get("Rotate", "0"))
        conf = float(fields.get("Orientation confidence", "0"))
    except ValueError:
        return 0
    return turn if turn in (90, 180, 270) and conf >= 2.0 else 0


def tesseract_text(image: Path, *, language: str, timeout_s: float) -> str:
    """Plain `tesseract IMAGE stdout -l LANG`: the baseline of benchmarks/scan_speed.py."""
    return run_tool(
        ["tesseract", str(image), "stdout", "-l", language], timeout_s, image.name
    ).stdout


def ocrmypdf(src: Path, dst: Path, *, language: str, timeout_s: float, jobs: int = 1) -> None:
    """Searchable PDF of a scan (deskewed, psm 11), in a child process: the API holds a global lock."""
    run_tool(
        [
            "ocrmypdf",
            "-l",
            language,
            "--deskew",
            "--rotate-pages",
            "--tesseract-pagesegmode",
            "11",
            "--output-type",
            "pdf",
            "--optimize",
            "0",
            "--mode",
            "skip",
            "-j",
            str(jobs),
            "--quiet",
            str(src),
            str(dst),
        ],
        timeout_s,
        f"OCRmyPDF {src.name}",
    )


_pools: dict[int, ThreadPoolExecutor] = {}
_pools_lock = threading.Lock()


def ocr_pool(workers: int) -> ThreadPoolExecutor:
    """The process's Tesseract workers: one per core, shared by every page and file.

    Every read (page OCR, cell batches) runs here, so the cores are never oversubscribed
    however many pages or files are open, and each worker reuses the models it loaded.
    """
    with _pools_lock:
        pool = _pools.get(workers)
        if pool is None:
            pool = _pools[workers] = ThreadPoolExecutor(
                max_workers=max(1, workers), thread_name_prefix="tesseract"
            )
        return pool


def _forget_pools_in_child() -> None:
    """A forked child has none of the pools' threads: it starts pools of its own."""
    global _pools_lock
    _pools.clear()
    _pools_lock = threading.Lock()


os.register_at_fork(after_in_child=_forget_pools_in_child)
