"""`load_plan_cached`: a flow parses the plan once per process, and again when it changes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from chitieu.errors import PlanError
from chitieu.plan import load_plan, load_plan_cached

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "cau-giay-2021" / "plan.yaml"


def _copy(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    shutil.copyfile(SAMPLE, path)
    return path


def test_same_unchanged_file_gives_the_same_object(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    first = load_plan_cached(path)
    assert load_plan_cached(path) is first
    assert load_plan_cached(str(path)) is first
    assert first == load_plan(path)  # same content as an uncached load
    assert first.source == path


def test_edited_file_gives_a_new_plan(tmp_path: Path) -> None:
    path = _copy(tmp_path)
    first = load_plan_cached(path)
    text = path.read_text(encoding="utf-8")
    old = first.document.number
    assert old in text
    path.write_text(text.replace(f'number: "{old}"', 'number: "999/KH-UBND"'), encoding="utf-8")
    second = load_plan_cached(path)
    assert second is not first
    assert second.document.number == "999/KH-UBND"
    assert first.document.number == old  # the earlier object is left as it was


def test_same_bytes_at_another_path_keep_their_own_source(tmp_path: Path) -> None:
    a = _copy(tmp_path)
    (tmp_path / "b").mkdir()
    b = _copy(tmp_path / "b")
    assert load_plan_cached(a).source == a
    assert load_plan_cached(b).source == b


def test_a_broken_plan_is_not_cached(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text("document: [", encoding="utf-8")
    with pytest.raises(PlanError):
        load_plan_cached(path)
    shutil.copyfile(SAMPLE, path)
    assert load_plan_cached(path).units
    path.unlink()
    with pytest.raises(PlanError):  # a missing file is still an error, not a stale plan
        load_plan_cached(path)
