"""The receipt time is when the inbox first saw a file, or a time given with it; the
file's own modification time (the sender's to set) is kept as information only."""

from __future__ import annotations

import os
import random
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from chitieu.plan import load_plan
from chitieu.receipt import write_receipt
from chitieu.store import Store
from hostile.returns import PLAN, cli, filled_return, intake_json

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DEADLINE = datetime(2021, 7, 2)  # the Cầu Giấy plan's report deadline


@pytest.mark.parametrize("seed", [31, 32, 71])
def test_an_old_file_time_does_not_make_a_late_return_on_time(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    f = filled_return(inbox / "quan-hoa.xlsx", "quan-hoa", [2, 1, 1, 0, 1])
    stamp = DEADLINE - timedelta(days=rng.randint(1, 30), minutes=rng.randint(0, 1440))
    os.utime(f, (stamp.replace(tzinfo=VN).timestamp(),) * 2)  # "zipped" before the deadline
    before = datetime.now(VN).replace(tzinfo=None)
    data = intake_json(inbox, tmp_path / "home")
    after = datetime.now(VN).replace(tzinfo=None)
    (got,) = data["files"]
    assert got["status"] == "accepted" and got["on_time"] is False
    assert before - timedelta(seconds=1) <= datetime.fromisoformat(got["received_at"]) <= after
    with Store.open(f"sqlite:///{tmp_path / 'home' / 'store.db'}") as store:
        pid = store.plan_id(load_plan(PLAN))
        assert pid is not None
        (sub,) = store.submissions(pid)
        assert sub.received_via == "inbox"
        assert abs(sub.file_mtime - stamp) < timedelta(seconds=1)  # kept, as information
        assert store.receipts(pid)["quan-hoa"] == sub.received_at
    # the report judges by the recorded time: Quan Hoa is late
    out = cli(
        "report", str(PLAN), "--out", str(tmp_path / "bc"), "--no-pdf", home=tmp_path / "home"
    )
    assert out.returncode == 0, out.stderr
    from openpyxl import load_workbook

    (xlsx,) = (tmp_path / "bc").rglob("*.xlsx")
    rows = [
        [str(c.value) for c in r]
        for ws in load_workbook(xlsx)
        for r in ws.iter_rows()
        if any("Quan Hoa" in str(c.value) for c in r)
    ]
    assert any(any("muộn" in v.lower() for v in r) for r in rows), rows


@pytest.mark.parametrize("seed", [33, 73])
def test_a_receipt_time_given_with_the_file_decides(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    on_time = filled_return(inbox / "quan-hoa.xlsx", "quan-hoa", [2, 1, 1, 0, 1])
    late = filled_return(inbox / "yen-hoa.xlsx", "yen-hoa", [1, 1, 1, 1, 1])
    early_at = DEADLINE - timedelta(hours=rng.randint(1, 200), minutes=rng.randint(0, 59))
    late_at = DEADLINE + timedelta(hours=rng.randint(1, 200))
    write_receipt(on_time, early_at)
    write_receipt(late, late_at)
    os.utime(late, (early_at.replace(tzinfo=VN).timestamp(),) * 2)  # the mtime says nothing
    data = intake_json(inbox, tmp_path / "home")
    by = {f["file"]: f for f in data["files"]}
    assert set(by) == {"quan-hoa.xlsx", "yen-hoa.xlsx"}  # the .received files are not returns
    assert by["quan-hoa.xlsx"]["on_time"] is True and by["yen-hoa.xlsx"]["on_time"] is False
    assert datetime.fromisoformat(by["yen-hoa.xlsx"]["received_at"]) == late_at.replace(second=0)


def test_a_single_file_with_its_receipt_time(tmp_path: Path) -> None:
    f = filled_return(tmp_path / "quan-hoa.xlsx", "quan-hoa", [2, 1, 1, 0, 1])
    data = intake_json(f, tmp_path / "home", "--received-at", "01/07/2021 16:45")
    (got,) = data["files"]
    assert got["received_at"] == "2021-07-01T16:45:00" and got["on_time"] is True


def test_a_receipt_file_that_is_not_a_time_is_said(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    f = filled_return(inbox / "quan-hoa.xlsx", "quan-hoa", [2, 1, 1, 0, 1])
    (inbox / "quan-hoa.xlsx.received").write_text("hôm qua", encoding="utf-8")
    (inbox / "mo-coi.xlsx.received").write_text("01/07/2021", encoding="utf-8")
    data = intake_json(inbox, tmp_path / "home")
    (got,) = data["files"]
    assert got["status"] == "failed" and "hôm qua" in got["reason"]
    assert [s["file"] for s in data["skipped"]] == ["mo-coi.xlsx.received"]
    assert f.exists()
