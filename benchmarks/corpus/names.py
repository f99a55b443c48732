"""How writers name a unit: in a letterhead, a table row, a signature, a sentence.

Each function takes the random generator of the case so that the variant is part of the
case's seed. Variants follow what returns actually do: with or without the kind, "UBND"
or "Ủy ban nhân dân", "P." for phường, the plan's abbreviation spelled out or the
reverse, upper case letterheads, text typed without diacritics.
"""

from __future__ import annotations

import random
import unicodedata

from benchmarks.corpus.plans import PlanSpec, UnitSpec

KIND_ABBR = {"phường": "P.", "xã": "X.", "thị trấn": "TT.", "quận": "Q.", "huyện": "H."}


def fold(text: str) -> str:
    """Diacritics removed, case kept: a return typed without a Vietnamese keyboard."""
    text = text.replace("đ", "d").replace("Đ", "D")
    nfd = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in nfd if not unicodedata.combining(ch))


def upper(text: str) -> str:
    return text.upper()


def full(u: UnitSpec) -> str:
    """ "Phường Dịch Vọng", "Phường 10", "Sở Y tế"."""
    if not u.council or u.name.lower().startswith(u.kind):
        return u.name
    return f"{u.kind.capitalize()} {u.name}"


def agency_names(u: UnitSpec, spec: PlanSpec) -> list[str]:
    """Ways to write an agency (not a council): its plan name, long or short form."""
    out = [u.name]
    if u.long:
        out.append(u.long)
    if u.short:
        out.append(u.short)
    if u.id == "cong-an-tinh":
        out.append(f"Công an tỉnh {spec.place}")
    return out


def sender_line(u: UnitSpec, spec: PlanSpec, style: str, rng: random.Random) -> str:
    """The letterhead's sender line. style: plain, abbrev, kindless, folded."""
    if not u.council:
        names = agency_names(u, spec)
        if style == "abbrev":
            short = [n for n in names[1:] if n != u.name] or names
            return upper(rng.choice(short))
        name = upper(rng.choice(names[:2]) if u.long else names[0])
        return fold(name) if style == "folded" else name
    council = rng.choice(["UBND", "ỦY BAN NHÂN DÂN"])
    bare = u.name.removeprefix(u.kind.capitalize() + " ")
    if style == "abbrev":
        sep = rng.choice(["", " "]) if bare[:1].isdigit() else " "
        return f"UBND {KIND_ABBR[u.kind]}{sep}{bare}"
    if style == "kindless":
        return upper(f"{council} {bare}")
    line = upper(f"{council} {full(u)}")
    return fold(line) if style == "folded" else line


def row_label(u: UnitSpec, spec: PlanSpec, rng: random.Random) -> tuple[str, str]:
    """A unit's label in a consolidated table row or column, and its variant class;
    sometimes numbered inside the cell ("3. Phường 1", "- Xã Sóc Sơn")."""
    label, variant = _row_label(u, spec, rng)
    if rng.random() < 0.15:
        return f"{rng.choice(['1.', '2.', '-', '+', 'a)'])} {label}", variant
    return label, variant


def _row_label(u: UnitSpec, spec: PlanSpec, rng: random.Random) -> tuple[str, str]:
    if not u.council:
        name = rng.choice(agency_names(u, spec))
        return name, "plain" if name == u.name else "abbrev"
    choice = rng.choice(["name", "full", "full", "abbrev", "ubnd", "folded"])
    if choice == "name":
        return u.name, "kindless" if not u.name.startswith(u.kind.capitalize()) else "plain"
    if choice == "abbrev":
        return f"{KIND_ABBR[u.kind]} {u.name.removeprefix(u.kind.capitalize() + ' ')}", "abbrev"
    if choice == "ubnd":
        return f"UBND {u.kind} {u.name.removeprefix(u.kind.capitalize() + ' ')}", "plain"
    if choice == "folded":
        return fold(full(u)), "folded"
    return full(u), "plain"


def body_name(u: UnitSpec, spec: PlanSpec, rng: random.Random) -> str:
    """The unit as the subject of a sentence: "UBND phường Dịch Vọng", "Sở Y tế"."""
    if not u.council:
        return rng.choice(agency_names(u, spec))
    name = u.name.removeprefix(u.kind.capitalize() + " ")
    return f"{rng.choice(['UBND', 'Ủy ban nhân dân'])} {u.kind} {name}"


def signature_authority(u: UnitSpec, rng: random.Random) -> str:
    name = u.name.removeprefix(u.kind.capitalize() + " ")
    council = rng.choice(["ỦY BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN", "UBND"])
    return upper(f"TM. {council} {u.kind} {name}")


def template_line(u: UnitSpec, spec: PlanSpec) -> str:
    """A letterhead left as the template: "UBND XÃ ……"."""
    if u.council:
        return upper(f"UBND {u.kind}") + " ……"
    return upper(u.name.split()[0]) + " ……"


def contains_other(u: UnitSpec, spec: PlanSpec) -> bool:
    """The unit's name is contained in another's, or contains it (Phường 1 / Phường 11)."""
    mine = u.name.lower()
    for other in spec.units:
        if other is u:
            continue
        theirs = other.name.lower()
        if theirs.startswith(mine) or mine.startswith(theirs):
            return True
        if mine in theirs or theirs in mine:
            return True
    return False


def drop_word(u: UnitSpec, spec: PlanSpec, rng: random.Random, unique: bool = True) -> str | None:
    """The name with one word lost (OCR), if what is left names only this unit (or, with
    `unique` False, if it fits several units: "Thắng" for Thắng Nhất and Thắng Nhì)."""
    words = u.name.split()
    if len(words) < 2 or not u.council:
        return None
    order = list(range(len(words)))
    rng.shuffle(order)
    for i in order:
        left = [w for j, w in enumerate(words) if j != i]
        if left[0][:1].isdigit() or all(w[:1].isdigit() for w in left):
            continue
        lset = {w.lower() for w in left}
        owners = [
            o
            for o in spec.units
            if o.kind == u.kind and lset <= {w.lower() for w in o.name.split()}
        ]
        if (owners == [u]) if unique else (u in owners and len(owners) > 1):
            return " ".join(left)
    return None


NUMBER_WORDS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def in_words(n: int) -> str:
    """Vietnamese number words for 0..999 ("chín mươi hai", "một trăm linh năm")."""
    if n < 10:
        return NUMBER_WORDS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        head = "mười" if tens == 1 else f"{NUMBER_WORDS[tens]} mươi"
        if unit == 0:
            return head
        word = {1: "mốt" if tens > 1 else "một", 5: "lăm", 4: "tư" if tens > 1 else "bốn"}.get(
            unit, NUMBER_WORDS[unit]
        )
        return f"{head} {word}"
    hundreds, rest = divmod(n, 100)
    head = f"{NUMBER_WORDS[hundreds]} trăm"
    if rest == 0:
        return head
    if rest < 10:
        return f"{head} linh {NUMBER_WORDS[rest]}"
    return f"{head} {in_words(rest)}"
