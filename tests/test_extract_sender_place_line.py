"""A letterhead whose ward name the OCR misread one letter wrong ("UBND PHƯỜNG DỊCII
VỌNG") is corroborated by the place-and-date line, which names the ward exactly
("Dịch Vọng, ngày 30 tháng 6 năm 2021"): a commune-level body writes its own commune
there (Nghị định 30's địa danh). Its records were all flagged when the body's mention
was misread too, though two parts of the page agree (issue 10).
"""

from __future__ import annotations

import random

import pytest

from chitieu.plan import load_plan
from chitieu.plan_parts import Unit
from extract.document import ReadDocument, TextLine
from extract.sender import decide_sender
from extract.units import UnitFinder

PLAN = "samples/cau-giay-2021/plan.yaml"
# What a fax's OCR makes of one capital: "H" as "II", "T" as "L", "Ơ" as "O", ...
LOOKALIKES = {"H": "II", "T": "L", "N": "IN", "Ư": "U", "Ơ": "O", "Ò": "O", "A": "Ä"}


def _misread(name: str, rng: random.Random) -> str:
    upper = name.upper()
    spots = [i for i, ch in enumerate(upper) if ch in LOOKALIKES]
    i = rng.choice(spots)
    return upper[:i] + LOOKALIKES[upper[i]] + upper[i + 1 :]


def _return(letterhead: str, place: str, body_ward: str) -> ReadDocument:
    lines = [
        "UBND QUẬN CẦU GIẤY",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        f"UBND PHƯỜNG {letterhead}",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 78/BC-UBND",
        f"{place}, ngày 30 tháng 6 năm 2021",
        "BÁO CÁO",
        "Kết quả thực hiện chỉ tiêu Tháng hành động phòng, chống ma túy năm 2021",
        f"Giấy, Ủy ban nhân dân phường {body_ward} báo cáo kết quả thực hiện các chỉ tiêu",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ]
    return ReadDocument(kind="image", lines=[TextLine(t) for t in lines])


def _misread_wards(seed: int) -> list[tuple[Unit, str]]:
    """Wards with a one-letter misreading of their name that the letterhead reader still
    takes for them, damaged."""
    plan = load_plan(PLAN)
    finder = UnitFinder(plan)
    rng = random.Random(seed)
    out = []
    for ward in plan.reporting_units:
        if not any(ch in LOOKALIKES for ch in ward.name.upper()):
            continue
        named = _misread(ward.name, rng)
        letter = finder.in_letterhead(["UBND QUẬN CẦU GIẤY", f"UBND PHƯỜNG {named}"])
        if letter is not None and letter.unit == ward and letter.damaged:
            out.append((ward, named))
    return out


@pytest.mark.parametrize("seed", range(3))
def test_the_place_line_naming_the_ward_exactly_settles_a_misread_letterhead(seed: int) -> None:
    finder = UnitFinder(load_plan(PLAN))
    wards = _misread_wards(seed)
    assert len(wards) >= 4
    for ward, named in wards:
        body = "I" + ward.name  # the body's mention damaged too ("IDịch Vọng")
        sender = decide_sender(_return(named, ward.name, body), finder, "")
        assert sender.unit == ward and sender.note is None, (named, sender)


@pytest.mark.parametrize("seed", range(3))
def test_a_misread_letterhead_stays_for_review_without_an_exact_place(seed: int) -> None:
    """The place misread as well, or naming another unit (the district), corroborates
    nothing: the records stay for review, the ward still the one understood."""
    finder = UnitFinder(load_plan(PLAN))
    rng = random.Random(seed)
    wards = _misread_wards(seed)
    assert len(wards) >= 4
    for ward, named in wards:
        body = "I" + ward.name
        for place in (_misread(ward.name, rng).title(), "Cầu Giấy", ward.name + " Mới"):
            sender = decide_sender(_return(named, place, body), finder, "")
            assert sender.unit == ward and sender.note is not None, (named, place)
