"""Vietnamese text as a matcher sees it: folded (no diacritics, no case) and with the
usual administrative abbreviations spelled out, so "NĐ111/CP" meets "Nghị định 111".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Abbreviations seen in headers of returned forms, on folded text (token -> words).
# "tt" alone is "thứ tự" (a numbering column); inside a phrase it is "trung tâm".
ABBREVIATIONS: dict[str, str] = {
    "cnbb": "cai nghien bat buoc",
    "cntn": "cai nghien tu nguyen",
    "nd": "nghi dinh",
    "qd": "quyet dinh",
    "hs": "hinh su",
    "cp": "chinh phu",
    "csdt": "canh sat dieu tra",
    "csdttp": "canh sat dieu tra toi pham",
    "ubnd": "uy ban nhan dan",
    "bcd": "ban chi dao",
    "kq": "ket qua",
    "sl": "so luong",
    "th": "thuc hien",
    "cn": "cai nghien",
    "gd": "giao duc",
    "ql": "quan ly",
    "tp": "thanh pho",
}
_IN_PHRASE = {"tt": "trung tam"}

_TI_LE = re.compile(r"\bti le\b")
_SPLIT_ALNUM = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")
_NON_WORD = re.compile(r"[^a-z0-9%]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Đ and the letters OCR and keyboards give for it (Ð, ð: Icelandic eth; Ɖ, ɖ: African D).
_D_LIKE = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ɖ": "d", "Ɖ": "D"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lowercase ASCII words: "Lập hồ sơ đưa CNBB" -> "lap ho so dua cnbb"."""
    text = unicodedata.normalize("NFD", text.translate(_D_LIKE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _SPLIT_ALNUM.sub(" ", text)
    return _NON_WORD.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def expand(text: str) -> str:
    """Folded, with abbreviations spelled out: "NĐ111/CP" -> "nghi dinh 111 chinh phu"."""
    tokens = fold(text).split()
    out: list[str] = []
    for tok in tokens:
        if tok in ABBREVIATIONS:
            out.append(ABBREVIATIONS[tok])
        elif tok in _IN_PHRASE and len(tokens) > 1:
            out.append(_IN_PHRASE[tok])
        else:
            out.append(tok)
    joined = " ".join(out)
    # "tỉ lệ" and "tỷ lệ" are one word spelled two ways: a rate either way
    return _TI_LE.sub("ty le", joined) if "ti le" in joined else joined


def numbers_in(folded: str) -> set[str]:
    """Distinguishing numbers of a label (decree numbers), without years."""
    return {
        t for t in folded.split() if t.isdigit() and not (len(t) == 4 and t[:2] in ("19", "20"))
    }
