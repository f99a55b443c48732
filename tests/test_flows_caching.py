"""The intake cache key is the file's content (sha256) plus the plan's, not its path; the
task body turns an unreadable file into a result (tested with `task.fn`, no server)."""

from __future__ import annotations

import shutil
from pathlib import Path

from flows.caching import document_cache_key, file_sha256

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
XLSX = ROOT / "samples" / "returns" / "xlsx" / "form-quan-hoa.xlsx"


def key(path: Path, plan: Path = PLAN) -> str | None:
    return document_cache_key(None, {"path": path, "plan_path": plan})


def test_key_follows_content_not_path(tmp_path: Path) -> None:
    copy = tmp_path / "renamed.xlsx"
    shutil.copyfile(XLSX, copy)
    assert key(copy) == key(XLSX)
    assert file_sha256(copy) in (key(copy) or "")
    copy.write_bytes(copy.read_bytes() + b"\0")
    assert key(copy) != key(XLSX)


def test_key_changes_with_the_plan(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.read_text(encoding="utf-8").replace("01", "02", 1), encoding="utf-8")
    assert key(XLSX, plan) != key(XLSX)


def test_no_key_for_a_file_that_is_gone(tmp_path: Path) -> None:
    assert key(tmp_path / "missing.xlsx") is None


def test_unreadable_file_is_a_reading_not_a_crash() -> None:
    from flows.intake import read_document

    reading = read_document.fn(ROOT / "samples" / "returns" / "bad" / "corrupt.xlsx", PLAN)
    assert reading.extraction is None
    assert reading.error and "hỏng" in reading.error
    good = read_document.fn(XLSX, PLAN)
    assert good.error is None and good.extraction is not None
    assert {(r.indicator, r.value) for r in good.extraction.records} >= {("nd111", 3)}
