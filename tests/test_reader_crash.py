"""A reading child that dies in C code (a segfault in OpenCV, Tesseract or pdfium): the
file is read again, one page at a time, then without the page that keeps crashing; the
user gets the figures that could be read, flagged, or a Vietnamese reason naming the file
and the page, never a traceback; the original is untouched.

The crash is injected: the child's page reader sends itself SIGSEGV (`extract_forked`
forks its process, so a patched reader is the child's). Each reading runs in a fresh
interpreter (`_read`), single-threaded as `chitieu extract` is when it forks: forked
from a pytest worker whose earlier tests left Prefect's threads running, the child hung
starting its first Tesseract thread (CI, once). The document is a
two-page return drawn from the seeded grammar of `samples/returns/scan_conditions.py`
(the first two-page printed scan of the even seeds from 200,000); real Tesseract.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.plan import Plan, load_plan

pytestmark = pytest.mark.slow

sc: Any = load_grammar()
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(sc.PLAN_PATH)


@pytest.fixture(scope="module")
def two_pages(plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> Path:
    seed = next(
        s
        for s in range(200_000, 202_000, 2)
        if (c := sc.draw_case(plan, s)).pages == 2 and c.medium != "photo"
    )
    case = sc.draw_case(plan, seed)
    case.conditions["turn"] = 0  # no orientation pass: the test is about the crash
    work, out = tmp_path_factory.mktemp("work"), tmp_path_factory.mktemp("cases")
    pdfs = sc.build_sources(plan, [case], work)
    return Path(sc.render_case(case, pdfs[seed], work, out))


DRIVER = """
import faulthandler, json, os, signal, sys
from pathlib import Path
from chitieu.errors import UnreadableFileError
from chitieu.plan import load_plan
from extract.formats import scan
from extract.isolated import extract_forked

path, plan, crash, marker = Path(sys.argv[1]), load_plan(sys.argv[2]), sys.argv[3], sys.argv[4]
read_page = scan.read_page


def crashing(page, *args):
    hit = crash == "all" or (crash == "2" and page.page == 2) or (
        crash == "2-once" and page.page == 2 and not os.path.exists(marker)
    )
    if hit:
        Path(marker).touch()
        faulthandler.disable()  # the stacks of a crash on purpose are noise
        os.kill(os.getpid(), signal.SIGSEGV)
    return read_page(page, *args)


scan.read_page = crashing
try:
    print(json.dumps({"json": extract_forked(path, plan).to_json()}))
except UnreadableFileError as err:
    print(json.dumps({"refused": err.message}))
"""


def _read(path: Path, crash: str, marker: Path) -> dict[str, Any]:
    """`extract_forked` on `path` in a fresh interpreter, its page reader crashing on the
    pages `crash` names ("none", "2", "2-once", "all"): its JSON, or the refusal."""
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, str(path), str(sc.PLAN_PATH), crash, str(marker)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-1500:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def normal(two_pages: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The file read as always (no crash), as JSON: what every reading is compared with."""
    return _read(two_pages, "none", tmp_path_factory.mktemp("none") / "m")["json"]


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_crash_that_does_not_come_back_leaves_no_trace(
    two_pages: Path, normal: dict[str, Any], tmp_path: Path
) -> None:
    """The first child dies on page 2; the second reads the file as a normal reading does."""
    assert normal["records"]  # premise: the file has figures
    marker = tmp_path / "crashed-once"
    sha = _sha(two_pages)
    got = _read(two_pages, "2-once", marker)
    assert marker.exists()  # the crash did happen
    assert got["json"] == normal
    assert _sha(two_pages) == sha


def test_a_page_that_always_crashes_is_left_out_and_named(
    two_pages: Path, normal: dict[str, Any], tmp_path: Path
) -> None:
    """Page 2 kills every child that reads it: page 1 is read, its figures flagged, the
    missing page named in a problem."""
    sha = _sha(two_pages)
    got = _read(two_pages, "2", tmp_path / "crashed")["json"]
    problems = got["problems"]
    warnings = [p["message"] for p in problems if p["code"] == "reader_warning"]
    assert any("trang 2" in w and "trang 1" not in w for w in warnings), problems
    records = got["records"]
    assert all(r["needs_review"] and "trang 2" in r.get("note", "") for r in records)
    assert any(p["code"] == "low_confidence" for p in problems) or not records
    seen = {(r["unit"], r["indicator"], r["period"], r["value"]) for r in normal["records"]}
    assert {(r["unit"], r["indicator"], r["period"], r["value"]) for r in records} <= seen
    if any(r["where"].get("page") == 1 for r in normal["records"]):
        assert records
    assert _sha(two_pages) == sha


def test_a_file_that_crashes_on_every_page_is_refused_naming_file_pages_and_signal(
    two_pages: Path, tmp_path: Path
) -> None:
    sha = _sha(two_pages)
    message = _read(two_pages, "all", tmp_path / "crashed")["refused"]
    assert two_pages.name in message
    assert "trang 1, 2" in message and "tín hiệu 11" in message, message
    assert "Tệp được giữ nguyên" in message
    assert _sha(two_pages) == sha
