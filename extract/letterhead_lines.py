"""A letterhead line's own words: without the quốc hiệu a text PDF interleaves with it,
the document number, or the place and date."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise

from rapidfuzz.distance import Levenshtein

from extract.unit_words import tokens

_FULL_KINDS = frozenset({"phuong", "xa", "quan", "huyen"})

# "Số: 12/BC-UBND", and a form's "Số:   /BC-UBND" its colon misread ("Số “BC-VBND" on
# a fax): the document's symbol, letters a hyphen joins, says it as well as the colon.
_NUMBER_LINE = re.compile(r"^\s*số\s*(?::|\d|/|[^\w\s]*\s*\w{1,4}\s*-\s*\w{2,})", re.IGNORECASE)
QUOC_HIEU_LINES = (
    tokens("Cộng hòa xã hội chủ nghĩa Việt Nam"),
    tokens("Độc lập - Tự do - Hạnh phúc"),
)
QUOC_HIEU = QUOC_HIEU_LINES[0] + QUOC_HIEU_LINES[1]


@lru_cache(maxsize=4096)
def letterhead_words(line: str) -> tuple[str, ...]:
    """A letterhead line's words without the quốc hiệu printed beside it, the number
    ("Số: 12/BC-UBND") or the place and date, as a text PDF interleaves them."""
    words = tokens(line)
    if not words or _NUMBER_LINE.match(line):
        return ()
    if any(_wrap_piece(words, phrase) for phrase in QUOC_HIEU_LINES):
        return ()
    out: list[str] = []
    i = 0
    while i < len(words):
        n = _run_at(words, i, QUOC_HIEU)
        if n >= 3:
            i += n
            continue
        out.append(words[i])
        i += 1
    words = tuple(out)
    words = _unmangled_ubnd(words)
    if len(words) >= 2 and words[0] == "so" and words[1].isdigit():
        return ()
    if _dated(words):  # the place before "ngày" is not a unit line
        return ()
    return words


def _dated(words: tuple[str, ...]) -> bool:
    """A place-and-date line: "ngày" and then "tháng", or a day and "tháng" with one
    letter misread ("Quan Hoa, ngày 30 thúng 6 năm 2021" on a fax), or "năm" and a year."""
    if "ngay" not in words:
        return False
    after = words[words.index("ngay") + 1 :]
    pairs = list(pairwise(after))
    return (
        "thang" in after
        or any(a.isdigit() and Levenshtein.distance(b, "thang") <= 1 for a, b in pairs)
        or any(a == "nam" and b.isdigit() and len(b) == 4 for a, b in pairs)
    )


def _unmangled_ubnd(words: tuple[str, ...]) -> tuple[str, ...]:
    """The line with its first word read back as "UBND" when it is one letter off (added,
    dropped or changed) and a full kind word follows: "LUBND PHƯỜNG YÊN HÒA" (a fax's
    streak beside the "U" read as a letter), "URND", "U8ND" (split into "u 8 nd"). Left
    as read, the line names nothing and its parent above passes for the sender."""
    for k in (1, 2, 3):
        if len(words) < k + 2 or words[k] not in _FULL_KINDS:
            continue
        first = "".join(words[:k])
        if (k > 1 and first == "ubnd") or (
            first != "ubnd" and Levenshtein.distance(first, "ubnd") == 1
        ):  # "UBN D", "U BND": the same word split by a space
            return ("ubnd", *words[k:])
    return words


def _run_at(words: tuple[str, ...], i: int, ref: tuple[str, ...]) -> int:
    best = 0
    for s in range(len(ref)):
        n = 0
        while i + n < len(words) and s + n < len(ref) and words[i + n] == ref[s + n]:
            n += 1
        best = max(best, n)
    return best


def _wrap_piece(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    """The quốc hiệu line, or the start or the end of it when it wraps ("VIỆT NAM");
    never a middle piece ("XÃ HỘI" ends "Lao động - Thương binh và Xã hội"). One letter
    misread in a word ("VHẸT NAM", a fax) is still the piece: left as a line of its own,
    it parted a sender's name wrapped by a wide face ("UBND PHƯỜNG DỊCH VỌNG" / "HẬU")
    and the ward the first line names passed for the sender."""
    n = len(words)
    if n < 2:
        return False
    return any(
        len(words) == len(piece) and _letters_off(words, piece) <= 1
        for piece in (phrase[:n], phrase[-n:])
    )


def _letters_off(words: tuple[str, ...], piece: tuple[str, ...]) -> int:
    """Letters changed, word by word (a word of two letters or less must match)."""
    off = 0
    for w, p in zip(words, piece, strict=True):
        if w != p:
            if len(p) <= 2 or len(w) != len(p):
                return 2
            off += Levenshtein.distance(w, p)
    return off
