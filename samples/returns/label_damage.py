"""A grammar of OCR damage to indicator labels (row labels, column headers), seeded.

Each draw takes a plan of `samples/` and one text its indicators are known by (name or
alias, with the group for a sub-count), and damages it as scans and phone photos do:
diacritics lost or changed, Đ read Ð or D, letters confused (I/1/l/|, O/0, G/C, rn/m,
n/ii), spaces lost or added, a word cut short, a row number or a rule's bar in front,
the decree number damaged ("NĐI 11/GP", "NĐ14/CP", "NĐ494/CP", "NĐ11 LUCP"). Kinds:

* `label`: a label of the plan, damaged; its indicator is the truth.
* `foreign`: a label of another plan's indicator, damaged; the truth is what the
  matcher names from the undamaged label (mostly nothing): damage must not add a match.
* `sibling`: a decree indicator's label against the plan without that indicator but with
  its sibling of another number ("NĐ111/CP" with only "NĐ94/CP" left): the truth is
  nothing unless the number survives the damage unreadable and one edit off.
* `table`: the row labels of a table naming several indicators of the plan, some
  damaged; each row's truth is its indicator (the table's other rows may decide a
  damaged decree number).

The same seed gives the same draw. Even seeds are the tune half, odd seeds the test half.
"""

from __future__ import annotations

import random
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLANS = (
    "cau-giay-2021",
    "ha-noi-du-an-5",
    "ha-noi-vung-xanh-2024",
    "kon-tum-2024",
    "vung-tau-2022",
)
KINDS = (("label", 5), ("foreign", 2), ("sibling", 1), ("table", 2))


def plan_path(name: str) -> Path:
    return ROOT / "samples" / name / "plan.yaml"


@dataclass(frozen=True)
class Item:
    """One damaged label: the text as OCR left it, the original, the indicator it names."""

    text: str
    original: str
    truth: str | None
    damages: tuple[str, ...]


@dataclass(frozen=True)
class Draw:
    seed: int
    kind: str
    plan: str  # a plan of PLANS
    drop: str | None  # the indicator left out of the plan (sibling draws)
    items: tuple[Item, ...]

    @property
    def half(self) -> str:
        return half_of(self.seed)


def half_of(seed: int) -> str:
    return "tune" if seed % 2 == 0 else "test"


def _nfc(t: str) -> str:
    return unicodedata.normalize("NFC", t)


def _strip(c: str) -> str:
    d = unicodedata.normalize("NFD", c)
    return _nfc("".join(x for x in d if not unicodedata.combining(x)))


_TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")


def _drop_diacritics(rng: random.Random, t: str) -> str:
    share = rng.choice((1.0, 0.5, 0.25))
    return "".join(_strip(c) if rng.random() < share else c for c in t)


def _change_diacritics(rng: random.Random, t: str) -> str:
    out = []
    for c in t:
        d = unicodedata.normalize("NFD", c)
        if len(d) > 1 and rng.random() < 0.3:
            base = d[0] + "".join(x for x in d[1:] if x not in _TONES)
            c = _nfc(base + rng.choice(_TONES)) if rng.random() < 0.7 else _nfc(base)
        elif c in "ươ" and rng.random() < 0.3:
            c = {"ư": "u", "ơ": "o"}[c]
        out.append(c)
    return "".join(out)


def _d_like(rng: random.Random, t: str) -> str:
    if "NĐ" in t and rng.random() < 0.25:  # a fax's "NĐ" read "NB" ("NB1LI/CP")
        t = t.replace("NĐ", "NB")
    return t.replace("Đ", rng.choice(("Ð", "D", "Ð"))).replace("đ", rng.choice(("d", "đ", "ð")))


_CONFUSE = {
    "i": ("l", "1", "|", "í"),
    "l": ("I", "1", "|"),
    "I": ("l", "1", "|"),
    "o": ("0",),
    "O": ("0",),
    "c": ("e",),
    "e": ("c",),
    "C": ("G",),
    "G": ("C",),
    "m": ("rn",),
    "n": ("ii", "u"),
    "u": ("n",),
    "t": ("f", "l"),
    "T": ("I", "F"),
}


def _misread(rng: random.Random, t: str, table: dict[str, tuple[str, ...]], times: int) -> str:
    """`times` letters of `t` read as `table` says they may be, one after another."""
    for _ in range(times):
        spots = [i for i, c in enumerate(t) if c in table]
        if not spots:
            break
        i = rng.choice(spots)
        t = t[:i] + rng.choice(table[t[i]]) + t[i + 1 :]
    return t


def _confuse(rng: random.Random, t: str) -> str:
    return _misread(rng, t, _CONFUSE, rng.choice((1, 1, 2, 3)))


# What a standard fax (~100 dpi rows, thresholded) makes of letters, on top of `_CONFUSE`:
# "đ" read "cl", "o" "ö", "h" "li", "r" "i", "a" "u", "y" "v".
_SMUDGE = {
    **_CONFUSE,
    "đ": ("cl", "d"),
    "o": ("ö", "0", "u"),
    "h": ("li", "b"),
    "r": ("i",),
    "a": ("u", "ă"),
    "y": ("v",),
    "D": ("B", "O"),
}


def _smudged(rng: random.Random, t: str) -> str:
    """Many letters gone wrong at once, as on a fax or a blurred photo: one in five to one
    in eight of the label's letters (what the fax tune sets' unmatched labels showed)."""
    letters = sum(c.isalpha() for c in t)
    return _misread(rng, t, _SMUDGE, max(2, letters // rng.choice((5, 6, 8))))


def _join_words(rng: random.Random, t: str) -> str:
    words = t.split(" ")
    if len(words) < 2:
        return t
    i = rng.randrange(len(words) - 1)
    return " ".join([*words[:i], words[i] + words[i + 1], *words[i + 2 :]])


def _split_word(rng: random.Random, t: str) -> str:
    spots = [i for i in range(1, len(t) - 1) if t[i - 1].isalpha() and t[i].isalpha()]
    if not spots:
        return t
    i = rng.choice(spots)
    return t[:i] + " " + t[i:]


def _cut_word(rng: random.Random, t: str) -> str:
    """A word (often the last) loses its end: a cell too narrow, a fold, a stain."""
    words = t.split(" ")
    i = len(words) - 1 if rng.random() < 0.6 else rng.randrange(len(words))
    w = words[i]
    if len(w) < 3 or any(ch.isdigit() for ch in w):
        return t
    words[i] = w[: rng.randint(1, len(w) - 1)]
    return " ".join(words)


def _prefix(rng: random.Random, t: str) -> str:
    return rng.choice(("1 ", "2 ", "3 ", "| ", "I ", "4. ")) + t  # ("- " makes a sub-item)


def _stray(rng: random.Random, t: str) -> str:
    i = rng.randint(0, len(t))
    return t[:i] + rng.choice(("'", ".", ",", "`", ":", "(")) + t[i:]


_DIGIT_READ = {"1": "Il|7T", "9": "14", "4": "1A9", "0": "O8", "3": "8", "8": "3B0", "5": "6S"}
_DECREE = re.compile(r"(N[ĐD]|Nghị định(?: số)?)\s?(\d+)(/\S*)?")


def _decree_number(rng: random.Random, t: str) -> str:
    """The decree reference damaged: a digit misread, added or lost, the slash read."""
    m = _DECREE.search(t)
    if m is None:
        return t
    nd, num, rest = m.group(1), m.group(2), m.group(3) or ""
    what = rng.choice(("digit", "digit", "add", "lose", "glue", "slash"))
    if what == "digit":
        i = rng.randrange(len(num))
        read = _DIGIT_READ.get(num[i], "")
        num = num[:i] + (rng.choice(read) if read else num[i]) + num[i + 1 :]
    elif what == "add":
        i = rng.randint(0, len(num))
        num = num[:i] + rng.choice("14I") + num[i:]
    elif what == "lose" and len(num) > 1:
        i = rng.randrange(len(num))
        num = num[:i] + num[i + 1 :]
    elif what == "glue":
        nd += rng.choice(("I", "I ", "l")) if nd.startswith("N") else " I"
        num = num[1:] if num.startswith("1") and len(num) > 1 else num
    elif what == "slash" and rest:
        rest = rng.choice((" LU", "I", "1", "l")) + rest[1:]
    return t[: m.start()] + nd + num + rest + t[m.end() :]


DAMAGES = {
    "drop_diacritics": _drop_diacritics,
    "change_diacritics": _change_diacritics,
    "d_like": _d_like,
    "decree_number": _decree_number,
    "confuse": _confuse,
    "smudged": _smudged,
    "join_words": _join_words,
    "split_word": _split_word,
    "cut_word": _cut_word,
    "stray": _stray,
    "prefix": _prefix,
}
_ORDER = list(DAMAGES)


def damage(rng: random.Random, text: str, counts: tuple[int, ...] = (1, 2, 2, 3)) -> Item:
    chosen = set(rng.sample(_ORDER, rng.choice(counts)))
    if _DECREE.search(text) and rng.random() < 0.5:
        chosen.add("decree_number")
    out = text
    for name in _ORDER:
        if name in chosen:
            out = DAMAGES[name](rng, out)
    return Item(out, text, None, tuple(n for n in _ORDER if n in chosen))


def texts_of(ind: object) -> list[str]:
    """The texts a return may print for an indicator: its name, aliases, with its group."""
    names = [ind.name, *ind.aliases]  # type: ignore[attr-defined]
    group = getattr(ind, "group", None)
    return names + ([f"{group} {n}" for n in names] if group else [])


def draw(seed: int, plans: dict[str, object]) -> Draw:
    """One draw; `plans` maps the names of PLANS to loaded plans."""
    rng = random.Random(f"label-damage-{seed}")
    kind = rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
    name = rng.choice(PLANS)
    plan = plans[name]
    inds = list(plan.indicators)  # type: ignore[attr-defined]
    if kind == "sibling":
        name = "cau-giay-2021"
        inds = list(plans[name].indicators)  # type: ignore[attr-defined]
        gone = rng.choice(("nd111", "nd94"))
        ind = next(i for i in inds if i.id == gone)
        text = rng.choice([t for t in texts_of(ind) if re.search(r"\d", t)])
        item = damage(rng, text)
        return Draw(seed, kind, name, gone, (Item(item.text, text, None, item.damages),))
    if kind == "foreign":
        other = rng.choice([p for p in PLANS if p != name])
        ind = rng.choice(list(plans[other].indicators))  # type: ignore[attr-defined]
        text = rng.choice(texts_of(ind))
        item = damage(rng, text)
        return Draw(seed, kind, name, None, (Item(item.text, text, None, item.damages),))
    if kind == "label":
        ind = rng.choice(inds)
        text = rng.choice(texts_of(ind))
        item = damage(rng, text)
        return Draw(seed, kind, name, None, (Item(item.text, text, ind.id, item.damages),))
    rows = rng.sample(inds, min(len(inds), rng.randint(3, 8)))
    items = []
    for ind in rows:
        text = ind.name if rng.random() < 0.7 else rng.choice(texts_of(ind))
        if rng.random() < 0.6:
            item = damage(rng, text)
            items.append(Item(item.text, text, ind.id, item.damages))
        else:
            items.append(Item(text, text, ind.id, ()))
    if rng.random() < 0.3:  # a row the plan does not have (truth None), damaged or not
        other = rng.choice([p for p in PLANS if p != name])
        ind = rng.choice(list(plans[other].indicators))  # type: ignore[attr-defined]
        text = rng.choice(texts_of(ind))
        item = damage(rng, text) if rng.random() < 0.6 else Item(text, text, None, ())
        at = rng.randint(0, len(items))
        items.insert(at, Item(item.text, text, None, item.damages))
    return Draw(seed, kind, name, None, tuple(items))


# --------------------------------------------------------------------------------------
# senders: the unit's name in a letterhead (and maybe the body), damaged the same way

SENDER_PLANS = ("cau-giay-2021", "vung-tau-2022", "ha-noi-vung-xanh-2024", "kon-tum-2024")
QUOC_HIEU = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


@dataclass(frozen=True)
class SenderDraw:
    """A letter's first lines: the parent, the sender's line (damaged or not), the
    quốc hiệu, the title and a body sentence naming the sender (clean, damaged or not
    at all). `truth` is the sender's unit id."""

    seed: int
    plan: str
    truth: str
    lines: tuple[str, ...]
    damages: tuple[str, ...]
    body: str  # "clean", "damaged", "none"

    @property
    def half(self) -> str:
        return half_of(self.seed)


def _upper(text: str) -> str:
    return _nfc(text.upper())


def draw_sender(seed: int, plans: dict[str, object]) -> SenderDraw:
    rng = random.Random(f"label-damage-sender-{seed}")
    name = rng.choice(SENDER_PLANS)
    plan = plans[name]
    units = [u for u in plan.reporting_units if u.is_local_government]  # type: ignore[attr-defined]
    unit = rng.choice(units)
    parent = plan.unit_by_id.get(unit.parent) if unit.parent else None  # type: ignore[attr-defined]
    line = f"UBND {_upper(unit.full_name)}"
    damages: tuple[str, ...] = ()
    if rng.random() < 0.8:
        item = damage(rng, line, (1, 1, 2, 2, 3))
        line, damages = item.text, tuple(d for d in item.damages if d != "prefix")
        if "prefix" in item.damages:  # no row number before a letterhead line
            line = line.split(" ", 1)[1] if " " in line else line
    body = rng.choice(("clean", "damaged", "none"))
    sentence = f"Ủy ban nhân dân {unit.full_name[0].lower()}{unit.full_name[1:]}"
    if body == "damaged":
        sentence = damage(rng, sentence, (1, 2)).text
    elif body == "none":
        sentence = "Ủy ban nhân dân"
    lines = [f"UBND {_upper(parent.full_name)}"] if parent is not None else []
    lines += [QUOC_HIEU[0], line, QUOC_HIEU[1], "Số: 12/BC-UBND", "BÁO CÁO"]
    lines += [
        "Kết quả thực hiện chỉ tiêu phòng, chống ma túy",
        f"{sentence} báo cáo kết quả thực hiện các chỉ tiêu được giao như sau:",
    ]
    return SenderDraw(seed, name, unit.id, tuple(lines), damages, body)
