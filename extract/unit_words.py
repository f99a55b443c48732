"""How unit names are written: the authority and kind words before a name, and whether
a run of words spells a name word for word, initials standing for words
("CSĐTTP" = "Cảnh sát điều tra tội phạm"). `extract/units.py` matches with these."""

from __future__ import annotations

import re

from extract.text import fold

# Words that do not tell units apart ("và", "về"): skipped on both sides.
FILLER = frozenset({"va", "ve"})
# Authorities written before a unit's name, folded, longest first.
AUTHORITIES = (
    ("uy", "ban", "nhan", "dan"),
    ("ubnd",),
    ("cong", "an"),  # a ward's police reports for its ward
    ("tm",),
)
# Kind words as written before a name -> the plan's kind, folded.
KIND_WORDS: dict[tuple[str, ...], str] = {
    ("phuong",): "phuong",
    ("p",): "phuong",
    ("xa",): "xa",
    ("x",): "xa",
    ("thi", "tran"): "thi tran",
    ("tt",): "thi tran",
    ("quan",): "quan",
    ("q",): "quan",
    ("huyen",): "huyen",
    ("h",): "huyen",
    ("thanh", "pho"): "thanh pho",
    ("tp",): "thanh pho",
    ("thi", "xa"): "thi xa",
    ("tx",): "thi xa",
    ("tinh",): "tinh",
}
# Bodies that head a letterhead line and are not themselves units of a plan's list
# unless the plan names them ("Sở …", "Phòng …", "Đội …").
BODY_WORDS = (
    "ubnd",
    "uy ban",
    "cong an",
    "so ",
    "phong ",
    "doi ",
    "chi cuc",
    "van phong",
    "trung tam",
    "ban ",
    "bcd",
    "hoi ",
    "tinh doan",
    "thanh doan",
    "huyen doan",
    "quan doan",
    "dang uy",
    "mat tran",
    "uy ban mat tran",
)
COMMITTEE = ("ban chi dao", "bcd ", "bcd", "to cong tac", "thuong truc")


def tokens(text: str) -> tuple[str, ...]:
    return tuple(fold(text).split())


def _initials(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w not in FILLER)


def align(
    text: tuple[str, ...], i: int, name: tuple[str, ...], k: int = 0, initials: bool = True
) -> int | None:
    """End index in `text` when `name[k:]` is spelled by `text[i:]` word for word, a
    word being either equal or (with `initials`) the initials of a run of words on the
    other side. Proper names (a phường's) are never matched by initials: "TH" is a
    column of results, not "Trung Hòa"."""
    if k == len(name):
        return i
    if name[k] in FILLER:
        end = align(text, i, name, k + 1, initials)
        if end is not None:
            return end
    if i >= len(text):
        return None
    tok = text[i]
    if tok in FILLER and tok != name[k]:
        end = align(text, i + 1, name, k, initials)
        if end is not None:
            return end
    if tok == name[k]:
        end = align(text, i + 1, name, k + 1, initials)
        if end is not None:
            return end
    if not initials or tok.isdigit() or name[k].isdigit():
        return None
    # the text abbreviates: "csdttp" for "canh sat dieu tra toi pham"
    if len(tok) >= 2:
        acc = ""
        for m in range(k, len(name)):
            if name[m] not in FILLER:
                if name[m].isdigit():
                    break
                acc += name[m][0]
            if acc == tok and m > k:
                end = align(text, i + 1, name, m + 1)
                if end is not None:
                    return end
            if not tok.startswith(acc):
                break
    # the plan abbreviates: "csdttp" in the plan, the words in the text
    if len(name[k]) >= 2:
        acc = ""
        for m in range(i, len(text)):
            if text[m] not in FILLER:
                if text[m].isdigit():
                    break
                acc += text[m][0]
            if acc == name[k] and m > i:
                end = align(text, m + 1, name, k + 1)
                if end is not None:
                    return end
            if not name[k].startswith(acc):
                break
    return None


def collapse(letters: str) -> str:
    """Runs of one letter as one: "csdtttp" -> "csdtp" (digits are never touched)."""
    return re.sub(r"([a-z])\1+", r"\1", letters)


# numbering that may open a row label: roman numerals and "a)", "b)" (never "p", "x":
# "P. 1" and "X. Sóc Sơn" are kinds)
_ROMAN = frozenset(
    {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "a", "b", "c", "d", "e"}
)


def without_numbering(words: tuple[str, ...]) -> tuple[str, ...]:
    """A row label without its numbering: "1. Phường Dịch Vọng", "II. Xã Sóc Sơn",
    "a) Sở Y tế"."""
    if len(words) > 1 and (words[0].isdigit() or words[0] in _ROMAN):
        return words[1:]
    return words


def subsequence(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    it = iter(whole)
    return all(any(w == x for x in it) for w in part)


def starts_council(words: tuple[str, ...]) -> bool:
    return words[:1] == ("ubnd",) or words[:4] == AUTHORITIES[0]


def starts_body(words: tuple[str, ...]) -> bool:
    text = " ".join(words) + " "
    return text.startswith(BODY_WORDS)


def is_authority_only(words: tuple[str, ...]) -> bool:
    return words in AUTHORITIES or words == ("uy", "ban", "nhan", "dan")


def is_template(words: tuple[str, ...]) -> bool:
    """ "UBND XÃ ……", "SỞ ……": a kind or a body word with no name (dots fold away)."""
    rest = words
    for auth in AUTHORITIES:
        if rest[: len(auth)] == auth:
            rest = rest[len(auth) :]
            break
    return rest in KIND_WORDS or rest in (("so",), ("phong",), ("doi",), ("cong", "an"))
