"""A sentence of the body is never a letterhead's sender line: a photo with the
letterhead out of the picture begins with prose, and a line of it holding "phường"
("Ủy ban nhân dân phường trân trọng báo cáo./.", "phường, lồng ghép trong …") was read
as the letterhead naming a body the plan lacks. Against the signature's ward, every
figure of the return was flagged though each was read right."""

from __future__ import annotations

import random

import pytest

from chitieu.plan import load_plan
from extract.document import ReadDocument, TextLine
from extract.sender import decide_sender
from extract.units import UnitFinder

PLAN = "samples/cau-giay-2021/plan.yaml"
# Body sentences that hold a kind word where a page's first lines may begin.
PROSE = [
    "Ủy ban nhân dân phường trân trọng báo cáo./.",
    "phường, lồng ghép trong các buổi sinh hoạt của tổ dân phố, chi hội và các đoàn thể.",
    "phường tăng cường nắm tình hình, rà soát, lập danh sách người nghiện,",
    "Ủy ban nhân dân phường đã ban hành kế hoạch triển khai, phân công nhiệm vụ cụ thể cho",
    "UBND phường, các ban, ngành, đoàn thể và tổ dân phố trên địa bàn.",
    "phường phối hợp với Công an phường xác định tình trạng nghiện, tư vấn, hỗ trợ",
]


@pytest.fixture(scope="module")
def finder() -> UnitFinder:
    return UnitFinder(load_plan(PLAN))


def _photo(lines: list[str]) -> ReadDocument:
    return ReadDocument(kind="image", lines=[TextLine(t) for t in lines])


def _wards(finder: UnitFinder, seed: int) -> list:
    wards = [u for u in finder.plan.reporting_units if u.kind == "phường"]
    return random.Random(seed).sample(wards, min(3, len(wards)))


@pytest.mark.parametrize("seed", range(3))
def test_a_prose_line_is_not_the_letterheads_sender(finder: UnitFinder, seed: int) -> None:
    rng = random.Random(seed)
    for ward in _wards(finder, seed):
        for prose in PROSE:
            lines = [
                "Thực hiện Kế hoạch số 152/KH-UBND ngày 31/5/2021 của Ủy ban nhân dân quận Cầu",
                f"Giấy, Ủy ban nhân dân phường {ward.name} báo cáo kết quả thực hiện các chỉ tiêu",
                "được giao trong Tháng hành động phòng, chống ma túy như sau:",
                "I. KẾT QUẢ TRIỂN KHAI",
                "Ngay sau khi nhận được Kế hoạch, đã ban hành kế hoạch triển khai cho các ban,",
                "ngành, đoàn thể và các tổ dân phố trên địa bàn.",
                "Công tác tuyên truyền được tổ chức thường xuyên trên hệ thống loa truyền thanh",
                "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU",
                "0=",  # what the page OCR makes of the table's rules
                prose,  # the tenth line: the last a letterhead is looked for in
                "TM. ỦY BAN NHÂN DÂN",
                "CHỦ TỊCH",
            ]
            if rng.random() < 0.5:
                del lines[8]  # or the ninth
            sender = decide_sender(_photo(lines), finder, "")
            assert sender.unit is not None and sender.unit.id == ward.id, prose
            assert sender.note is None and sender.unknown is None, (prose, sender.note)


@pytest.mark.parametrize("seed", range(3))
def test_a_letterhead_name_line_is_still_the_sender(finder: UnitFinder, seed: int) -> None:
    """Controls: a real name line above the same prose stays the sender, and a name
    line the plan lacks is still reported as an unknown sender."""
    for ward in _wards(finder, seed):
        for prose in PROSE:
            head = ["UBND QUẬN CẦU GIẤY", f"UBND PHƯỜNG {ward.name.upper()}", prose]
            sender = decide_sender(_photo(head), finder, "")
            assert sender.unit is not None and sender.unit.id == ward.id, prose
            assert sender.note is None, (prose, sender.note)
            odd = ["UBND QUẬN CẦU GIẤY", "UBND PHƯỜNG KIM XUYÊN", prose]
            assert decide_sender(_photo(odd), finder, "").unknown == "UBND PHƯỜNG KIM XUYÊN"
