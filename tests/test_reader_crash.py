"""A reading child that dies in C code (a segfault in OpenCV, Tesseract or pdfium): the
file is read again, one page at a time, then without the page that keeps crashing; the
user gets the figures that could be read, flagged, or a Vietnamese reason naming the file
and the page, never a traceback; the original is untouched.

The crash is injected: the child's page reader sends itself SIGSEGV (`extract_forked`
forks this process, so a monkeypatched reader is the child's). The document is a
two-page return drawn from the seeded grammar of `samples/returns/scan_conditions.py`
(the first two-page printed scan of the even seeds from 200,000); real Tesseract.
"""

from __future__ import annotations

import faulthandler
import hashlib
import os
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from benchmarks.scan_conditions import load_grammar
from chitieu.errors import UnreadableFileError
from chitieu.plan import Plan, load_plan
from chitieu.record import Extraction
from extract.formats import scan
from extract.isolated import extract_forked

pytestmark = pytest.mark.slow

sc: Any = load_grammar()


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


@pytest.fixture(scope="module")
def normal(two_pages: Path, plan: Plan) -> Extraction:
    """The file read as always (no crash): what every reading is compared with."""
    return extract_forked(two_pages, plan)


def _crash_on(monkeypatch: pytest.MonkeyPatch, when: Callable[[int], bool]) -> None:
    """Make the child's page reader kill itself with SIGSEGV on the pages `when` picks."""
    read_page = scan.read_page

    def crashing(page: Any, *args: Any) -> Any:
        if when(page.page):
            faulthandler.disable()  # pytest's: the stacks of a crash on purpose are noise
            os.kill(os.getpid(), signal.SIGSEGV)
        return read_page(page, *args)

    monkeypatch.setattr(scan, "read_page", crashing)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_crash_that_does_not_come_back_leaves_no_trace(
    two_pages: Path, plan: Plan, normal: Extraction, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first child dies on page 2; the second reads the file as a normal reading does."""
    assert normal.records  # premise: the file has figures
    marker = tmp_path / "crashed-once"

    def first_time(page: int) -> bool:
        if page != 2 or marker.exists():
            return False
        marker.touch()
        return True

    _crash_on(monkeypatch, first_time)
    sha = _sha(two_pages)
    got = extract_forked(two_pages, plan)
    assert marker.exists()  # the crash did happen
    assert got.to_json() == normal.to_json()
    assert _sha(two_pages) == sha


def test_a_page_that_always_crashes_is_left_out_and_named(
    two_pages: Path, plan: Plan, normal: Extraction, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Page 2 kills every child that reads it: page 1 is read, its figures flagged, the
    missing page named in a problem."""
    _crash_on(monkeypatch, lambda page: page == 2)
    sha = _sha(two_pages)
    got = extract_forked(two_pages, plan)
    warnings = [p.message for p in got.problems if p.code == "reader_warning"]
    assert any("trang 2" in w and "trang 1" not in w for w in warnings), got.problems
    assert all(r.needs_review and "trang 2" in (r.note or "") for r in got.records)
    assert any(p.code == "low_confidence" for p in got.problems) or not got.records
    seen = {(r.unit, r.indicator, r.period, r.value) for r in normal.records}
    assert {(r.unit, r.indicator, r.period, r.value) for r in got.records} <= seen
    if any(r.where.page == 1 for r in normal.records):
        assert got.records
    assert _sha(two_pages) == sha


def test_a_file_that_crashes_on_every_page_is_refused_naming_file_pages_and_signal(
    two_pages: Path, plan: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    _crash_on(monkeypatch, lambda page: True)
    sha = _sha(two_pages)
    with pytest.raises(UnreadableFileError) as err:
        extract_forked(two_pages, plan)
    message = err.value.message
    assert two_pages.name in message
    assert "trang 1, 2" in message and "tín hiệu 11" in message, message
    assert "Tệp được giữ nguyên" in message
    assert _sha(two_pages) == sha
