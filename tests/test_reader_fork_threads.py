"""Readers are forked only from single-threaded processes.

A fork copies one thread: a lock another thread held (a malloc arena's, PDFium's,
Tesseract's, OpenMP's or OpenCV's pool) stays held forever in the child, and libgomp
is not fork-safe. `chitieu extract` forks itself (`extract_forked`) and the reader
server forks a child per file, so both must have no thread but the main one when they
fork: checked here in the real processes (the command with `os.fork` watched, the
server through /proc), on a generated image return.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw

from chitieu.plan import load_plan
from extract.isolated import read_in_child
from extract.reader_server import Server

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"

WATCH_FORK = """
import json, os, sys
parent = os.getpid()
seen = []
real = os.fork
def fork():
    seen.append(len(os.listdir("/proc/self/task")))
    return real()
os.fork = fork
sys.argv = ["chitieu", "extract", sys.argv[1], sys.argv[2], "--json"]
from chitieu.cli import main
try:
    main()
finally:
    if os.getpid() == parent:
        sys.stderr.write("THREADS-AT-FORK " + json.dumps(seen) + "\\n")
"""


def _image_return(path: Path) -> Path:
    img = Image.new("L", (900, 600), 255)
    draw = ImageDraw.Draw(img)
    draw.text((60, 60), "BAO CAO KET QUA 2021", fill=0)
    draw.rectangle((50, 120, 850, 500), outline=0, width=3)
    img.save(path, dpi=(200, 200))
    return path


def _threads(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/task"))


def test_chitieu_extract_forks_with_one_thread(tmp_path: Path) -> None:
    scan = _image_return(tmp_path / "bao-cao.png")
    out = subprocess.run(
        [sys.executable, "-c", WATCH_FORK, str(PLAN), str(scan)],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},
    )
    line = next(ln for ln in out.stderr.splitlines() if ln.startswith("THREADS-AT-FORK"))
    seen = json.loads(line.split(" ", 1)[1])
    assert seen and seen == [1] * len(seen), seen


def test_the_reader_server_stays_single_threaded(tmp_path: Path) -> None:
    scan = _image_return(tmp_path / "bao-cao.png")
    Server.address()
    assert Server._proc is not None
    server = Server._proc.pid
    assert _threads(server) == 1  # the readers imported (PRELOAD): no pool started
    report = read_in_child(scan, load_plan(PLAN))
    assert report.outcome in ("ok", "unreadable"), report
    assert _threads(server) == 1
