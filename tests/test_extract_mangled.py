"""Damaged copies of real samples (bytes flipped, cut short): each is read or refused with
UnreadableFileError — never another exception, never a hang (contracts.md §2, exit 2)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from chitieu.errors import UnreadableFileError
from chitieu.plan import load_plan
from extract import extract_file

ROOT = Path(__file__).resolve().parent.parent
RETURNS = ROOT / "samples" / "returns"
SOURCES = [
    "xlsx/ward-trung-hoa-merged.xlsx",
    "xlsx/form-quan-hoa.xlsx",
    "docx/annex-152-cau-giay.docx",
    "docx/bc-yen-hoa-2row.docx",
    "pdf/bc-quan-hoa.pdf",
    "pdf/annex-152-cau-giay.pdf",
]


def _mangle(data: bytes, rng: random.Random) -> bytes:
    how = rng.randrange(3)
    if how == 0:  # cut short
        return data[: rng.randrange(8, len(data))]
    buf = bytearray(data)
    start = rng.randrange(30, len(buf))
    if how == 1:  # a burst of noise, as a bad transfer leaves
        for i in range(start, min(len(buf), start + rng.randrange(1, 400))):
            buf[i] = rng.randrange(256)
    else:  # scattered bit flips
        for _ in range(rng.randrange(1, 20)):
            i = rng.randrange(30, len(buf))
            buf[i] ^= 1 << rng.randrange(8)
    return bytes(buf)


@pytest.mark.parametrize("source", SOURCES)
def test_damaged_copies_are_read_or_refused(source: str, tmp_path: Path) -> None:
    plan = load_plan(ROOT / "samples" / "cau-giay-2021" / "plan.yaml")
    data = (RETURNS / source).read_bytes()
    rng = random.Random(source)
    outcomes = {"read": 0, "refused": 0}
    for n in range(12):
        path = tmp_path / f"{n}{Path(source).suffix}"
        path.write_bytes(_mangle(data, rng))
        try:
            got = extract_file(path, plan)
        except UnreadableFileError as exc:
            assert path.name in exc.message and "\n" not in exc.message
            outcomes["refused"] += 1
        else:
            assert all(isinstance(r.value, int) or r.needs_review for r in got.records)
            outcomes["read"] += 1
    assert outcomes["refused"] >= 1, outcomes
