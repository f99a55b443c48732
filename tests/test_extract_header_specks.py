"""A seal over a header cell: the OCR reads its lettering's specks after the header's
words ("Kết quả thực hiện z4 p4", layouts-tune4 624). The header still names its role;
the specks name none, and an indicator's words with specks are still no role (issue 10).
Specks drawn by a seeded grammar.
"""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest
import scan_case

from extract.roles import ColumnRole, sense_of

HEADERS = {
    "Kết quả thực hiện": ColumnRole.result,
    "Kết quả": ColumnRole.result,
    "Thực hiện": ColumnRole.result,
    "Kế hoạch": ColumnRole.target,
    "Chỉ tiêu giao": ColumnRole.target,
    "Ghi chú": ColumnRole.note,
}
NOT_ROLES = ["Điều tra khám phá hình sự", "Lập hồ sơ đưa CNBB", "Phường Dịch Vọng"]
MARKS = "¬-~'.,:;|_"


def _speck(rng: random.Random) -> str:
    """What a seal's lettering reads as: a letter and a digit either way round, or
    marks. (A letter alone may be a word cut short, "Đơn vị t": not a speck.)"""
    kind = rng.random()
    pair = [rng.choice(string.ascii_letters), rng.choice(string.digits)]
    if kind < 0.35:
        return "".join(pair)
    if kind < 0.6:
        return "".join(reversed(pair))
    return "".join(rng.choice(MARKS) for _ in range(rng.randint(1, 2)))


def _with_specks(text: str, rng: random.Random) -> str:
    return " ".join([text, *(_speck(rng) for _ in range(rng.randint(1, 3)))])


@pytest.mark.parametrize("seed", range(4))
def test_a_header_with_a_seals_specks_keeps_its_role(seed: int) -> None:
    rng = random.Random(seed)
    for header, role in HEADERS.items():
        for _ in range(5):
            text = _with_specks(header, rng)
            assert sense_of(text, 2021).role == role, text


@pytest.mark.parametrize("seed", range(4))
def test_specks_name_no_role(seed: int) -> None:
    rng = random.Random(100 + seed)
    for _ in range(20):
        assert sense_of(" ".join(_speck(rng) for _ in range(3)), 2021).role is None
    for label in NOT_ROLES:
        text = _with_specks(label, rng)
        assert sense_of(text, 2021).role is None, text


@pytest.mark.slow
def test_a_table_part_whose_header_a_seal_specked_is_read(tmp_path: Path) -> None:
    """The layouts grammar's tune seed 624 as drawn: a fax's table cut by the page, its
    header again on page 2 under a seal ("ết quả thực hiện z4 p4"). The figure column is
    the result: "89" is read sure, and nothing is wrong unflagged."""
    g, plan, case = scan_case.drawn(624, "layouts")
    assert case.medium == "fax" and "split:header-again" in case.tags()
    got = scan_case.read(g, plan, case, tmp_path)
    assert scan_case.silent(case, got) == []
    assert got["gia_dinh"].value == case.values["gia_dinh"] == 89
    assert not got["gia_dinh"].needs_review
