"""The sender named only in the body, its authority misread (issue 10): a photo with
the letterhead out of the picture leaves "… Ủy ban nhân dân phường X báo cáo" as the only
place the ward is named, and the page OCR read "dân" as "dên", which folds to "đến" — a
word that says the name after it is not the subject. Every record of the return went
missing. An authority of several words read one letter wrong is still the authority.
"""

from __future__ import annotations

import random

import pytest

from chitieu.plan import load_plan
from extract.document import ReadDocument, TextLine
from extract.sender import decide_sender
from extract.units import UnitFinder

PLAN = "samples/cau-giay-2021/plan.yaml"
ISSUER = "Thực hiện Kế hoạch số 152/KH-UBND ngày 31/5/2021 của Ủy ban nhân dân quận Cầu"
# One letter of "Ủy ban nhân dân" misread as a photo's OCR does.
MISREADS = ["Ủy ban nhân dên", "Ủy ban nhân dẫn", "Ủy ban nhăn dân", "Uy ban nhân dán"]


def _letter(authority: str, ward: str) -> ReadDocument:
    """What the page OCR gives of a letter whose letterhead is out of the picture."""
    lines = [
        "Kết quả thực hiện chỉ tiêu Tháng hành động phòng, chống ma túy năm 2021",
        ISSUER,
        f"Giấy, {authority} phường {ward} báo cáo kết quả thực hiện các chỉ tiêu được",
        "giao trong Tháng hành động phòng, chống ma túy như sau:",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
    ]
    return ReadDocument(kind="image", lines=[TextLine(t) for t in lines])


@pytest.mark.parametrize("seed", range(4))
def test_a_ward_named_after_a_misread_authority_is_the_sender(seed: int) -> None:
    plan = load_plan(PLAN)
    finder = UnitFinder(plan)
    rng = random.Random(seed)
    wards = [u for u in plan.reporting_units if u.kind == "phường"]
    for ward in rng.sample(wards, min(4, len(wards))):
        for authority in ["Ủy ban nhân dân", *MISREADS]:
            sender = decide_sender(_letter(authority, ward.name), finder, "")
            assert sender.unit is not None and sender.unit.id == ward.id, (authority, ward.id)


def test_the_issuer_after_a_word_like_den_is_still_not_the_subject() -> None:
    """A stop word that is no authority's letter keeps its meaning: the plan's issuer
    "của Ủy ban nhân dân quận Cầu Giấy" never becomes the sender."""
    finder = UnitFinder(load_plan(PLAN))
    doc = ReadDocument(
        kind="image",
        lines=[TextLine("Kính gửi đến Ủy ban nhân dân quận Cầu Giấy báo cáo kết quả như sau:")],
    )
    assert decide_sender(doc, finder, "").unit is None
