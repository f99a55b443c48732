"""Names composed from the plan model: numbered wards, agencies, the default signer, and
the letterhead's line breaks, over a grammar of names rather than a list of examples."""

from __future__ import annotations

import random

import pytest

from chitieu.plan import parse_plan
from chitieu.plan_parts import Unit, default_signer
from chitieu.render.letterhead import ISSUER_PT, LEFT_MM, name_lines
from chitieu.render.metrics import text_width_pt
from chitieu.render.text import width_pt

PLACE_KINDS = ["phường", "xã", "thị trấn", "quận", "huyện", "thị xã", "thành phố", "tỉnh"]
NAMES = ["Quan Hoa", "Thắng Nhất", "Long Sơn", "Phan Rang - Tháp Chàm", "Bà Rịa - Vũng Tàu"]


@pytest.mark.parametrize("seed", range(20))
def test_numbered_and_named_units(seed: int) -> None:
    rng = random.Random(seed)
    kind = rng.choice(PLACE_KINDS)
    k = kind[:1].upper() + kind[1:]
    numbered = Unit(id="u", name=f"{k} {rng.randint(1, 40)}", kind=kind)
    # the kind is part of the name: never "phường Phường 10"
    assert numbered.full_name == numbered.name
    assert numbered.in_prose == numbered.name
    assert numbered.government == f"Ủy ban nhân dân {numbered.name}"
    assert numbered.government_short == f"UBND {numbered.name}"
    named = Unit(id="v", name=rng.choice(NAMES), kind=kind)
    assert named.full_name == f"{k} {named.name}"
    assert named.in_prose == f"{kind} {named.name}"
    assert named.government == f"Ủy ban nhân dân {kind} {named.name}"


@pytest.mark.parametrize("kind", ["đơn vị", "cơ quan", ""])
def test_agencies_carry_no_kind(kind: str) -> None:
    u = Unit(id="a", name="Sở Lao động - Thương binh và Xã hội", kind=kind)
    assert u.full_name == u.in_prose == u.government == u.name


@pytest.mark.parametrize(
    ("issuer", "block"),
    [
        ("ỦY BAN NHÂN DÂN THÀNH PHỐ VŨNG TÀU", ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")),
        ("BAN CHỈ ĐẠO 138 QUẬN CẦU GIẤY", ("TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN")),
        ("SỞ Y TẾ", (None, "GIÁM ĐỐC")),
    ],
)
def test_default_signer_is_a_valid_block(issuer: str, block: tuple[str | None, str]) -> None:
    s = default_signer(issuer)
    assert (s.authority, s.title) == block and s.name == ""
    assert "THỦ TRƯỞNG CƠ QUAN" not in (s.authority or "") + s.title


def test_plan_without_signer_warns() -> None:
    text = """
document: {number: "01/KH-UBND", date: 2024-01-02, place: "Vũng Tàu",
           issuer: "ỦY BAN NHÂN DÂN THÀNH PHỐ VŨNG TÀU", title: "Thử"}
period: {start: 2024-01-01, end: 2024-12-31}
units: [{id: p1, name: "Phường 1"}]
indicators: [{id: a, name: "Số vụ", measure: "vụ"}]
"""
    plan = parse_plan(text)
    assert plan.warnings() and "người ký" in plan.warnings()[0]
    assert plan.units[0].government == "Ủy ban nhân dân Phường 1"


@pytest.mark.parametrize("seed", range(30))
def test_letterhead_breaks_between_body_and_place(seed: int) -> None:
    rng = random.Random(seed)
    body = rng.choice(["ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "BAN CHỈ ĐẠO PHÒNG, CHỐNG MA TÚY"])
    kind = rng.choice(PLACE_KINDS).upper()
    place = f"{kind} {rng.choice(NAMES).upper()}"
    issuer = f"{body} {place}"
    width = width_pt(LEFT_MM - 3.8)
    lines = name_lines(issuer, ISSUER_PT, width, bold=True).split("\n")
    assert " ".join(lines) == issuer
    assert all(text_width_pt(ln, ISSUER_PT, bold=True) <= width + 0.5 for ln in lines)
    if len(lines) > 1 and text_width_pt(place, ISSUER_PT, bold=True) <= width:
        assert place in lines  # the place is one whole line
