"""The cơ quan chủ quản an agency prints above its own name (ND30 ô 2), on its return form.

A Sở or a Phòng is a body of its Ủy ban nhân dân ("ỦY BAN NHÂN DÂN TỈNH KON TUM" / "SỞ Y
TẾ"); Công an tỉnh answers to Bộ Công an, the Biên phòng command to Bộ Tư lệnh Bộ đội Biên
phòng, a provincial Liên đoàn Lao động to Tổng Liên đoàn, a police đội to its Công an. The
plan's `managing_body` of a unit overrides these rules ("" = none); an agency no rule
knows prints no line (and `plan check` says so), never a guessed one.
"""

from __future__ import annotations

import re

from chitieu.plan import Plan, Unit

# a body of the Ủy ban nhân dân of its level (cơ quan chuyên môn, đơn vị sự nghiệp)
_OF_THE_COMMITTEE = re.compile(
    r"^(Sở|Phòng|Văn phòng|Thanh tra|Ban Dân tộc|Ban Quản lý|Đài Phát thanh|"
    r"Trung tâm Văn hóa)\b",
    re.IGNORECASE,
)
_DISTRICT = {"quận", "huyện", "thị xã", "thành phố"}


def managing_body(plan: Plan, unit: Unit) -> str | None:
    """The managing body's name in its own spelling ("Bộ Công an"), or None."""
    if unit.is_local_government:
        return None
    if unit.managing_body is not None:
        return unit.managing_body.strip() or None
    name = " ".join(unit.name.split())
    above = plan.unit_by_id.get(unit.parent) if unit.parent else None
    level = above.kind.strip().lower() if above is not None else ""
    if re.match(r"^Công an tỉnh\b", name, re.IGNORECASE):
        return "Bộ Công an"
    if re.match(r"^Bộ Chỉ huy Bộ đội Biên phòng\b", name, re.IGNORECASE):
        return "Bộ Tư lệnh Bộ đội Biên phòng"
    if re.match(r"^Liên đoàn Lao động tỉnh\b", name, re.IGNORECASE):
        return "Tổng Liên đoàn Lao động Việt Nam"
    if above is None or not above.is_local_government:
        return None
    # "Đội Cảnh sát …", or as police write it, "Đội CSĐTTP …" (CS = Cảnh sát)
    if re.match(r"^Đội (Cảnh sát\b|CS)", name, re.IGNORECASE) and level in _DISTRICT:
        return f"Công an {above.in_prose}"
    if _OF_THE_COMMITTEE.match(name):
        return above.government
    return None


def agency_name(plan: Plan, unit: Unit, name: str) -> str:
    """An agency's name as its letterhead prints it: a name ending in its level gets the
    place ("Công an tỉnh" under tỉnh Kon Tum prints "Công an tỉnh Kon Tum", a văn thư's
    proper name, not "Công an tỉnh"), and so does a youth union named by its level
    ("Tỉnh Đoàn" → "Tỉnh Đoàn Kon Tum"); any other name as the plan writes it."""
    above = plan.unit_by_id.get(unit.parent) if unit.parent else None
    if unit.is_local_government or above is None or not above.is_local_government:
        return name
    level = " ".join(above.kind.split()).lower()
    words = " ".join(name.split())
    if level and words.lower().endswith(" " + level):
        return f"{words} {above.name}"
    # "Tỉnh Đoàn", "Huyện Đoàn", "Thành Đoàn": the level comes first, the place still after
    if _YOUTH_UNION.fullmatch(words) and level.split()[0] == words.split()[0].lower():
        return f"{words} {above.name}"
    return name


_YOUTH_UNION = re.compile(r"(Tỉnh|Thành|Huyện|Quận|Thị) (Đoàn|đoàn)")


__all__ = ["agency_name", "managing_body"]
