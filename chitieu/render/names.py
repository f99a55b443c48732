"""How agency names read in running text: ND30 Phụ lục II capitalisation."""

from __future__ import annotations

KINDS = ("THÀNH PHỐ", "THỊ XÃ", "THỊ TRẤN", "QUẬN", "HUYỆN", "TỈNH", "PHƯỜNG", "XÃ")
BODIES = {
    "ỦY BAN NHÂN DÂN": "Ủy ban nhân dân",
    "UỶ BAN NHÂN DÂN": "Ủy ban nhân dân",
    "HỘI ĐỒNG NHÂN DÂN": "Hội đồng nhân dân",
    "CÔNG AN": "Công an",
    "BAN CHỈ ĐẠO": "Ban Chỉ đạo",
}


def _title(words: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in words.split())


def in_sentence(name: str) -> str:
    """ "ỦY BAN NHÂN DÂN QUẬN CẦU GIẤY" → "Ủy ban nhân dân quận Cầu Giấy"."""
    if not name.isupper():
        return name
    rest = name.strip()
    head = ""
    for upper, lower in BODIES.items():
        if rest.startswith(upper):
            head, rest = lower, rest[len(upper) :].strip()
            break
    for kind in KINDS:
        if rest.startswith(kind + " "):
            rest = f"{kind.lower()} {_title(rest[len(kind) :])}"
            break
    else:
        rest = _title(rest) if head or rest else rest
    if not head:
        return rest[:1].upper() + rest[1:]
    return f"{head} {rest}".strip()


__all__ = ["in_sentence"]
