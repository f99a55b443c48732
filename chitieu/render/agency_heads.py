"""Who signs an agency's return form, and the ký hiệu of its number (ND30 ô 3 and ô 7).

A phường or a huyện reports as its Ủy ban nhân dân ("Số: …/BC-UBND", "TM. ỦY BAN NHÂN
DÂN" / "CHỦ TỊCH"). An agency signs with its head's real title, read off the kind of body
its name starts with: a Sở is signed by its GIÁM ĐỐC, a Phòng by its TRƯỞNG PHÒNG, a Bộ Chỉ
huy by its CHỈ HUY TRƯỞNG, Công an tỉnh by its GIÁM ĐỐC and a district's Công an by its
TRƯỞNG CÔNG AN; a mass organisation signs for its standing committee ("TM. BAN THƯỜNG VỤ" /
"CHỦ TỊCH"). A name no rule knows keeps "THỦ TRƯỞNG ĐƠN VỊ" rather than a guess. Its number
is "Số: …/BC-<abbreviation>", the abbreviation being the initials of its name without the
place (ND30 PL3: "chữ viết tắt tên cơ quan"): Công an tỉnh Kon Tum → CAT, Sở Y tế → SYT,
Sở Lao động - Thương binh và Xã hội → SLĐTBXH. A unit's `signing` and `symbol` in the plan
override both.
"""

from __future__ import annotations

import re
import unicodedata

from chitieu.plan import Plan, Unit

UNKNOWN_HEAD = ["THỦ TRƯỞNG ĐƠN VỊ"]
LOCAL_HEAD = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
LOCAL_SYMBOL = "UBND"
_DISTRICT_KINDS = {"quận", "huyện", "thị xã", "thành phố"}

# (the start of an agency's name, the lines of its signing block), first match wins.
# "{police}" is the head of a Công an, which depends on its level.
_HEADS: tuple[tuple[str, list[str]], ...] = (
    (r"Sở", ["GIÁM ĐỐC"]),
    (r"Công an", ["{police}"]),
    (r"(Bộ|Ban) Chỉ huy", ["CHỈ HUY TRƯỞNG"]),
    (r"Đội", ["ĐỘI TRƯỞNG"]),
    (r"Phòng", ["TRƯỞNG PHÒNG"]),
    (r"Văn phòng", ["CHÁNH VĂN PHÒNG"]),
    (r"Thanh tra", ["CHÁNH THANH TRA"]),
    (r"Chi cục", ["CHI CỤC TRƯỞNG"]),
    (r"Cục", ["CỤC TRƯỞNG"]),
    (r"Viện kiểm sát", ["VIỆN TRƯỞNG"]),
    (r"Tòa án|Toà án", ["CHÁNH ÁN"]),
    (
        r"Trung tâm|Bệnh viện|Đài|Viện|Cơ sở|Kho bạc|Bảo hiểm xã hội|Ngân hàng|Công ty",
        ["GIÁM ĐỐC"],
    ),
    (r"Trường", ["HIỆU TRƯỞNG"]),
    (r"Ban", ["TRƯỞNG BAN"]),
    (r"Liên đoàn lao động", ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"]),
    (r"(Tỉnh|Thành|Huyện|Quận|Thị) đoàn|Đoàn thanh niên", ["TM. BAN THƯỜNG VỤ", "BÍ THƯ"]),
    (r"Hội", ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"]),
    (r"Ủy ban Mặt trận|Uỷ ban Mặt trận", ["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"]),
)
# words an abbreviation leaves out (PL3 abbreviates the names' content words)
_SMALL_WORDS = {"và", "về", "của", "cho", "&", "-", "–"}


def _above(plan: Plan, unit: Unit) -> Unit | None:
    return plan.unit_by_id.get(unit.parent) if unit.parent else None


def _provincial(plan: Plan, place: Unit | None) -> bool:
    """A tỉnh, or a city whose own units are districts (Hà Nội, not Vũng Tàu)."""
    if place is None:
        return False
    kind = " ".join(place.kind.split()).lower()
    if kind == "tỉnh":
        return True
    below = {" ".join(u.kind.split()).lower() for u in plan.units if u.parent == place.id}
    return kind == "thành phố" and bool(below & _DISTRICT_KINDS)


def signing_lines(plan: Plan, unit: Unit, name: str) -> list[str]:
    """The signing block's lines above the signature of `unit`, whose printed name is `name`."""
    if unit.signing:
        return [" ".join(x.split()).upper() for x in unit.signing]
    if unit.is_local_government:
        return list(LOCAL_HEAD)
    words = " ".join(name.split())
    for start, lines in _HEADS:
        if re.match(rf"^({start})\b", words, re.IGNORECASE):
            if lines == ["{police}"]:
                provincial = re.match(r"^Công an tỉnh\b", words, re.IGNORECASE) or (
                    _provincial(plan, _above(plan, unit))
                    and not re.match(r"^Công an (phường|xã|thị trấn)\b", words, re.IGNORECASE)
                )
                return ["GIÁM ĐỐC"] if provincial else ["TRƯỞNG CÔNG AN"]
            return list(lines)
    return list(UNKNOWN_HEAD)


def abbreviation(name: str) -> str:
    """ "Sở Lao động - Thương binh và Xã hội" → "SLĐTBXH"; an acronym in the name stays
    whole ("Đội CSĐTTP về Ma Túy" → "ĐCSĐTTPMT"), a number too ("Quân khu 5" → "QK5")."""
    out = []
    mixed = name != name.upper()  # in an all-capitals name no word is an acronym
    for word in re.split(r"[\s,;()]+", name):
        word = word.strip(".")
        if not word or word.lower() in _SMALL_WORDS:
            continue
        if word.isdigit() or (mixed and len(word) > 1 and word.isupper() and word.isalpha()):
            out.append(word.upper())
        elif word[0].isalnum():  # "Ủy" → "U": initials are bare letters, but Đ
            out.append(unicodedata.normalize("NFD", word[0].upper())[0])
    return "".join(out)


def report_symbol(plan: Plan, unit: Unit, name: str) -> str:
    """The ký hiệu after "BC-" on the return form of `unit` printed as `name`: the plan's
    `symbol`, "UBND" for a local government, else the initials of `name` without the
    place it ends with ("Công an tỉnh Kon Tum" → "CAT")."""
    if unit.symbol:
        return unit.symbol
    if unit.is_local_government:
        return LOCAL_SYMBOL
    above = _above(plan, unit)
    words = " ".join(name.split())
    if above is not None:  # "Công an tỉnh Kon Tum": the level stays (CAT), its name goes
        level = " ".join(above.kind.split()).lower()
        named = f" {words.lower()} ".find(f" {level} ") >= 0
        if named and words.lower().endswith(f" {above.name.lower()}"):
            words = words[: -len(above.name)].strip()
    return abbreviation(words) or LOCAL_SYMBOL


__all__ = ["abbreviation", "report_symbol", "signing_lines"]
