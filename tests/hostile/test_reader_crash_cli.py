"""A reading child killed by a signal, through the real commands: `chitieu intake` (the
reader server's children) and `chitieu extract` (a fork of the command).

The crash is injected into the real processes by a `sitecustomize` module put first on
their PYTHONPATH: every page the reader starts sends its process SIGSEGV. The scanned
return is a two-page TIFF of seeded random marks (nothing of it is read before the crash).
Expected: the file refused with a Vietnamese reason naming it, its pages and the signal;
the other file of the inbox taken in; the original kept byte for byte; no record of the
crashed file stored; never a traceback.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
from pathlib import Path

import sqlalchemy as sa
from PIL import Image, ImageDraw

from hostile.returns import PLAN, ROOT, cli, filled_return

CRASH_EVERY_PAGE = '''
"""Test only: every page the scan reader starts kills its process with SIGSEGV."""
import faulthandler, os, signal
from contextlib import contextmanager

import extract.page_watch as page_watch


_reading = page_watch.reading


@contextmanager
def _crash(page):
    with _reading(page):  # the page is told as started, then the process dies
        faulthandler.disable()
        os.kill(os.getpid(), signal.SIGSEGV)
        yield


page_watch.reading = _crash
'''


def _two_page_tiff(path: Path, seed: int) -> Path:
    rng = random.Random(seed)
    pages = []
    for _ in range(2):
        img = Image.new("L", (1240, 1754), 255)
        draw = ImageDraw.Draw(img)
        for _ in range(rng.randint(20, 60)):
            x, y = rng.randint(0, 1100), rng.randint(0, 1650)
            draw.rectangle((x, y, x + rng.randint(10, 120), y + rng.randint(2, 30)), fill=0)
        pages.append(img)
    pages[0].save(path, "TIFF", save_all=True, append_images=pages[1:], dpi=(150, 150))
    return path


def _env(tmp_path: Path) -> dict[str, str]:
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(CRASH_EVERY_PAGE, "utf-8")
    path = os.environ.get("PYTHONPATH", str(ROOT))
    return {"PYTHONPATH": f"{hook}{os.pathsep}{path}", "OMP_THREAD_LIMIT": "1"}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_intake_quarantines_a_file_whose_reader_crashes_and_takes_the_others(
    tmp_path: Path,
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    scan = _two_page_tiff(inbox / "bao-cao-quet.tif", seed=3)
    good = filled_return(inbox / "yen-hoa.xlsx", "yen-hoa", [1, 0, 2, 1, 1])
    shas = {p.name: _sha(p) for p in inbox.iterdir()}
    home = tmp_path / "home"
    out = cli("intake", str(PLAN), str(inbox), "--json", home=home, env=_env(tmp_path))
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    files = {f["file"]: f for f in json.loads(out.stdout)["files"]}
    assert files[good.name]["status"] == "accepted"
    assert files[scan.name]["status"] == "quarantined"
    reason = str(files[scan.name]["reason"])
    assert "trang 1, 2" in reason and "tín hiệu 11" in reason, reason
    assert {p.name: _sha(p) for p in inbox.iterdir()} == shas
    engine = sa.create_engine(f"sqlite:///{home / 'store.db'}")
    with engine.connect() as conn:
        held = conn.execute(
            sa.text(
                "SELECT s.file_name, s.status, count(r.id) FROM submissions s "
                "LEFT JOIN records r ON r.submission_id = s.id GROUP BY s.id"
            )
        ).all()
    engine.dispose()
    assert {(n, s, c > 0) for n, s, c in held} == {
        (scan.name, "quarantined", False),
        (good.name, "accepted", True),
    }


def test_extract_names_the_file_its_pages_and_the_signal(tmp_path: Path) -> None:
    scan = _two_page_tiff(tmp_path / "bao-cao-quet.tif", seed=4)
    sha = _sha(scan)
    out = cli("extract", str(PLAN), str(scan), "--json", home=tmp_path, env=_env(tmp_path))
    assert out.returncode == 2 and out.stdout == ""
    assert "Traceback" not in out.stderr and "Fatal Python error" not in out.stderr
    assert scan.name in out.stderr and "trang 1, 2" in out.stderr, out.stderr
    assert "tín hiệu 11" in out.stderr and "giữ nguyên" in out.stderr
    assert _sha(scan) == sha
