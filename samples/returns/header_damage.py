"""A grammar of OCR damage to the column headers of returned forms, seeded.

Each draw takes a real header (the words our forms and the sample generator use) and
damages it the way scans and photos do: diacritics dropped, ư/u ơ/o ê/e swapped, the
end cut off, split over lines (or hyphenated), two words merged, a stray "|" from a
rule, an l read for an i, c for e. The same seed gives the same draw.
Even seeds are the tune half, odd seeds the held-out test half.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

# header -> the role (extract.roles.ColumnRole value) it names
HEADERS: dict[str, str] = {
    "Kết quả thực hiện": "result",
    "Kết quả": "result",
    "Thực hiện": "result",
    "Kết quả đạt được": "result",
    "Chỉ tiêu giao": "target",
    "Chỉ tiêu được giao": "target",
    "Kế hoạch giao": "target",
    "Đơn vị tính": "measure",
    "Ghi chú": "note",
    "Nội dung": "label",
    "Nội dung chỉ tiêu": "label",
    "Tỷ lệ (%)": "rate",
    "Tỷ lệ đạt": "rate",
    "Lũy kế từ đầu năm": "cumulative",
    "Cùng kỳ năm trước": "previous",
}
_SWAPS = {"ư": "u", "ơ": "o", "ê": "e", "ô": "o", "â": "a", "ă": "a", "đ": "d"}
_BACK = {"u": "ư", "o": "ơ", "e": "ê", "a": "â"}
_CONFUSE = {"i": "l", "e": "c", "o": "0", "m": "rn", "l": "1"}


@dataclass(frozen=True)
class Damaged:
    seed: int
    original: str
    text: str
    role: str
    damages: tuple[str, ...]


def _strip_marks(text: str) -> str:
    out = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in out if not unicodedata.combining(c)))


def _drop_diacritics(rng: random.Random, t: str) -> str:
    if rng.random() < 0.5:
        return _strip_marks(t).replace("đ", "d").replace("Đ", "D")
    return "".join(_strip_marks(c) if rng.random() < 0.5 else c for c in t)


def _swap_vowels(rng: random.Random, t: str) -> str:
    out = []
    for c in t:
        base = _strip_marks(c.lower())
        if c.lower() in _SWAPS and rng.random() < 0.6:
            c = _SWAPS[c.lower()]
        elif base in _BACK and rng.random() < 0.15:
            c = _BACK[base]
        out.append(c)
    return "".join(out)


def _cut_end(rng: random.Random, t: str) -> str:
    letters = len(t.replace(" ", ""))
    keep = rng.randint(max(3, -(-letters * 6 // 10)), max(3, letters - 1))
    out, n = [], 0
    for c in t:
        if n >= keep:
            break
        out.append(c)
        n += c != " "
    return "".join(out).rstrip()


def _split_lines(rng: random.Random, t: str) -> str:
    words = t.split(" ")
    if len(words) > 1 and rng.random() < 0.6:
        i = rng.randint(1, len(words) - 1)
        return " ".join(words[:i]) + "\n" + " ".join(words[i:])
    i = rng.randint(1, max(1, len(t) - 1))
    return t[:i] + "-\n" + t[i:]


def _merge_words(rng: random.Random, t: str) -> str:
    words = t.split(" ")
    if len(words) < 2:
        return t
    i = rng.randint(0, len(words) - 2)
    return " ".join([*words[:i], words[i] + words[i + 1], *words[i + 2 :]])


def _stray_bar(rng: random.Random, t: str) -> str:
    return f"| {t}" if rng.random() < 0.5 else f"{t} |"


def _confuse_letter(rng: random.Random, t: str) -> str:
    spots = [i for i, c in enumerate(t) if c.lower() in _CONFUSE]
    if not spots:
        return t
    i = rng.choice(spots)
    return t[:i] + _CONFUSE[t[i].lower()] + t[i + 1 :]


DAMAGES = {
    "drop_diacritics": _drop_diacritics,
    "swap_vowels": _swap_vowels,
    "cut_end": _cut_end,
    "split_lines": _split_lines,
    "merge_words": _merge_words,
    "stray_bar": _stray_bar,
    "confuse_letter": _confuse_letter,
}
_ORDER = list(DAMAGES)  # cutting comes before splitting and bars, as on a page


def draw(seed: int) -> Damaged:
    """One damaged header: one to three damages, applied in page order."""
    rng = random.Random(f"header-damage-{seed}")
    original = rng.choice(sorted(HEADERS))
    chosen = set(rng.sample(_ORDER, rng.choice((1, 1, 2, 2, 3))))
    text = original
    applied = []
    for name in _ORDER:
        if name in chosen:
            text = DAMAGES[name](rng, text)
            applied.append(name)
    return Damaged(seed, original, text, HEADERS[original], tuple(applied))


def half_of(seed: int) -> str:
    return "tune" if seed % 2 == 0 else "test"


# The TT header as OCR may leave it: whole, or read as nothing a word list knows.
TT_READINGS = ("TT", "STT", "T T", "'TT", "ТT", "1T", "S7T", "")
INDICATORS = {  # plan samples/cau-giay-2021: indicator id -> its row label
    "hinh_su": "Điều tra khám phá hình sự",
    "nd111": "Đưa đối tượng vào quản lý theo NĐ111/CP",
    "nd94": "Đưa đối tượng vào quản lý theo NĐ94/CP",
    "cnbb": "Lập hồ sơ đưa CNBB",
    "cntn": "Cai nghiện tự nguyện tại TT",
}


@dataclass(frozen=True)
class DamagedTable:
    """A down-table (indicators as rows) whose header words are damaged."""

    seed: int
    rows: list[list[str]]
    results: dict[str, int]  # indicator id -> the figure in the result column


def _damage(rng: random.Random, text: str) -> str:
    chosen = set(rng.sample(_ORDER, rng.choice((0, 1, 1, 2, 2, 3))))
    for name in _ORDER:
        if name in chosen:
            text = DAMAGES[name](rng, text)
    return text


def draw_table(seed: int) -> DamagedTable:
    """TT | Nội dung | [Đơn vị tính] | target | result | [Tỷ lệ] | [Ghi chú], damaged."""
    rng = random.Random(f"header-damage-table-{seed}")
    by_role = {r: sorted(h for h, x in HEADERS.items() if x == r) for r in set(HEADERS.values())}
    inds = rng.sample(sorted(INDICATORS), rng.randint(3, 5))
    cols = ["tt", "label"]
    cols += ["measure"] if rng.random() < 0.5 else []
    cols += ["target", "result"]
    cols += ["rate"] if rng.random() < 0.4 else []
    cols += ["note"] if rng.random() < 0.6 else []
    head = []
    for c in cols:
        if c == "tt":
            head.append(rng.choice(TT_READINGS))
        elif c == "label":
            head.append(_damage(rng, rng.choice(by_role["label"])))
        else:
            head.append(_damage(rng, rng.choice(by_role[c])))
    rows = [head]
    results: dict[str, int] = {}
    for n, ind in enumerate(inds, start=1):
        target = rng.randint(1, 20)
        result = rng.randint(0, 30)
        results[ind] = result
        cell = {
            "tt": str(n),
            "label": INDICATORS[ind],
            "measure": rng.choice(("Vụ", "Người", "Đối tượng")),
            "target": str(target),
            "result": str(result),
            "rate": f"{round(100 * result / target)}%",
            "note": "",
        }
        rows.append([cell[c] for c in cols])
    return DamagedTable(seed, rows, results)
