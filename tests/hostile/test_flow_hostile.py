"""The Prefect intake flow reads in worker threads, where SIGALRM cannot stop a reader:
its reading task goes through the child process too, with the same limits."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from hostile.files import GENERATORS
from hostile.returns import PLAN, filled_return


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["merge_whole_sheet", "xml_bomb_docx"])
def test_the_flow_quarantines_a_bomb_and_does_not_read_it_again(
    prefect_harness: None, tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.intake import intake_flow

    monkeypatch.setenv("CHITIEU_READ_MEMORY_MB", "1536")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    gen, suffix = GENERATORS[kind]
    expect = gen(random.Random(3), inbox / f"bom{suffix}")
    filled_return(inbox / "yen-hoa.xlsx", "yen-hoa", [1, 0, 2, 1, 1])
    db = f"sqlite:///{tmp_path / 's.db'}"
    run = intake_flow(PLAN, inbox, home=tmp_path / "home", db_url=db, review_in_ui=False)
    by = {f.file_name: f for f in run.summary.files}
    assert by["yen-hoa.xlsx"].status.value == "accepted"
    bomb = by[f"bom{suffix}"]
    assert bomb.status.value == "quarantined"
    assert any(w in (bomb.reason or "").lower() for w in expect.refuse), bomb.reason
    again = intake_flow(PLAN, inbox, home=tmp_path / "home", db_url=db, review_in_ui=False)
    held = {f.file_name: f for f in again.summary.files}[f"bom{suffix}"]
    assert held.still_quarantined and again.cached == 0  # not read again, not even cached
