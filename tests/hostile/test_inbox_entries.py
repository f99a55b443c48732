"""Inbox entries a sender or a careless copy can produce: names that are not UTF-8,
symbolic links, FIFOs, directories. Each through the real `chitieu intake`."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from chitieu.archive import sha256_of
from hostile.returns import filled_return, intake_json

# Vietnamese names as a Windows zip stores them (legacy code pages), unzipped on Linux.
WORDS = ["Báo cáo", "Phường Quan Hoa", "tháng 6", "Kết quả", "ma túy", "Yên Hòa", "Đợt 2"]
CODEPAGES = ["cp1258", "cp1252", "cp437", "cp850", "latin-1"]


def _non_utf8_name(rng: random.Random) -> bytes:
    """A file name whose bytes are not valid UTF-8: a legacy code page, or random high bytes."""
    while True:
        if rng.random() < 0.7:
            words = rng.sample(WORDS, rng.randint(1, 3))
            raw = " ".join(words).encode(rng.choice(CODEPAGES), errors="replace")
        else:
            raw = bytes(rng.randint(0x80, 0xFF) for _ in range(rng.randint(1, 12)))
            raw = rng.choice([b"", b"bc-"]) + raw
        raw = raw.replace(b"/", b"_").replace(b"\0", b"_") + b".xlsx"
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_names_that_are_not_utf8_are_taken_in_and_never_block_the_inbox(
    tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    weird = os.fsencode(inbox) + b"/" + _non_utf8_name(rng)
    filled_return(weird, "quan-hoa", [rng.randint(0, 5) for _ in range(5)])
    filled_return(inbox / "yen-hoa.xlsx", "yen-hoa", [1, 1, 1, 1, 1])
    before = Path(os.fsdecode(weird)).read_bytes()
    data = intake_json(inbox, tmp_path / "home")
    by_status = {f["file"]: f["status"] for f in data["files"]}
    assert set(by_status.values()) == {"accepted"}, data["files"]
    (shown,) = [n for n in by_status if n != "yen-hoa.xlsx"]
    assert "\ufffd" in shown and shown.endswith(".xlsx")
    assert data["counted"]["quan-hoa"] == shown
    assert Path(os.fsdecode(weird)).read_bytes() == before  # the original is untouched
    again = intake_json(inbox, tmp_path / "home")  # a rerun is not blocked either
    assert {f["status"] for f in again["files"]} == {"duplicate"}


def test_only_regular_files_are_taken_in_and_the_rest_is_said(tmp_path: Path) -> None:
    inbox, outside = tmp_path / "inbox", tmp_path / "outside"
    inbox.mkdir()
    outside.mkdir()
    secret = filled_return(outside / "secret.xlsx", "quan-hoa", [3, 3, 3, 3, 3])
    filled_return(inbox / "yen-hoa.xlsx", "yen-hoa", [1, 1, 1, 1, 1])
    (inbox / "quan-hoa.xlsx").symlink_to(secret)
    (inbox / "passwd").symlink_to("/etc/passwd")
    (inbox / "dangling.xlsx").symlink_to(tmp_path / "nowhere.xlsx")
    os.mkfifo(inbox / "pipe.xlsx")
    (inbox / "folder.xlsx").mkdir()
    data = intake_json(inbox, tmp_path / "home")
    assert [f["file"] for f in data["files"]] == ["yen-hoa.xlsx"]
    skipped = {s["file"]: s["reason"] for s in data["skipped"]}
    assert set(skipped) == {"quan-hoa.xlsx", "passwd", "dangling.xlsx", "pipe.xlsx", "folder.xlsx"}
    assert "symlink" in skipped["passwd"] and "FIFO" in skipped["pipe.xlsx"]
    assert "thư mục" in skipped["folder.xlsx"]
    archived = {p.name.split(".")[0] for p in (tmp_path / "home" / "archive").rglob("*.*")}
    assert sha256_of(secret) not in archived
    assert sha256_of(Path("/etc/passwd")) not in archived
