"""Which plan unit a piece of text names: the plan's units are a closed list.

A phrase names a unit when, after an optional authority ("UBND", "Ủy ban nhân dân",
"TM.") and an optional kind ("phường", "P.", "xã", "X."), its words are exactly that
unit's name, compared without diacritics or case, where a word written as the initials
of several words stands for them ("CSĐTTP" = "Cảnh sát điều tra tội phạm", "CA" =
"Công an", "LĐ-TB&XH" = "Lao động - Thương binh và Xã hội") in either direction, and
the plan's place may follow ("Công an tỉnh Bình Sơn"). Whole words only and every word
used: "Phường 1" is never "Phường 11", "Dịch Vọng" never "Dịch Vọng Hậu" or "Dịch Vọng
Tây". A name made of digits needs its kind ("1" alone names nothing).

The sender of a document is decided from these matches in `extract/sender.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from rapidfuzz import fuzz, process

from chitieu.plan import Plan, Unit
from extract.text import fold

UNIT_THRESHOLD = 90.0
UNIT_MARGIN = 5.0
SHARED = 50.0  # the score of a name several plan units share
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


@dataclass(frozen=True)
class UnitHit:
    unit: Unit | None  # None: a unit is named, but it is not in the plan
    named: str  # the words that named it, as printed
    score: float
    damaged: bool = False  # matched from a name with a word lost (OCR): for review
    words: tuple[str, ...] = ()  # folded words of the name


def tokens(text: str) -> tuple[str, ...]:
    return tuple(fold(text).split())


def _initials(words: tuple[str, ...]) -> str:
    return "".join(w[0] for w in words if w not in FILLER)


def _align(
    text: tuple[str, ...], i: int, name: tuple[str, ...], k: int = 0, initials: bool = True
) -> int | None:
    """End index in `text` when `name[k:]` is spelled by `text[i:]` word for word, a
    word being either equal or (with `initials`) the initials of a run of words on the
    other side. Proper names (a phường's) are never matched by initials: "TH" is a
    column of results, not "Trung Hòa"."""
    if k == len(name):
        return i
    if name[k] in FILLER:
        end = _align(text, i, name, k + 1, initials)
        if end is not None:
            return end
    if i >= len(text):
        return None
    tok = text[i]
    if tok in FILLER and tok != name[k]:
        end = _align(text, i + 1, name, k, initials)
        if end is not None:
            return end
    if tok == name[k]:
        end = _align(text, i + 1, name, k + 1, initials)
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
                end = _align(text, i + 1, name, m + 1)
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
                end = _align(text, m + 1, name, k + 1)
                if end is not None:
                    return end
            if not name[k].startswith(acc):
                break
    return None


class UnitFinder:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._cache: dict[tuple[tuple[str, ...], bool], list[Unit]] = {}
        self._guessed: dict[str, Unit] = {}  # labels matched only by a fuzzy score

    # ----------------------------------------------------------------------------------
    # the plan's names

    @cached_property
    def _names(self) -> list[tuple[Unit, str]]:
        out: list[tuple[Unit, str]] = []
        for u in self.plan.units:
            out.append((u, fold(u.name)))
            out.append((u, fold(u.full_name)))
        return out

    @cached_property
    def _exact(self) -> dict[str, list[Unit]]:
        out: dict[str, list[Unit]] = {}
        for unit, name in self._names:
            if unit not in out.setdefault(name, []):
                out[name].append(unit)
        return out

    @cached_property
    def _cores(self) -> dict[str, list[tuple[Unit, tuple[str, ...], str]]]:
        """First letter -> (unit, its name's words without the kind, its folded kind)."""
        out: dict[str, list[tuple[Unit, tuple[str, ...], str]]] = {}
        for u in self.plan.units:
            kind = fold(u.kind)
            words = tokens(u.name)
            kw = tuple(kind.split())
            if kind and kind != "don vi" and words[: len(kw)] == kw and len(words) > len(kw):
                words = words[len(kw) :]
            if words:
                out.setdefault(words[0][0], []).append((u, words, kind))
        return out

    @cached_property
    def _places(self) -> list[tuple[str, ...]]:
        """What may follow a unit's name: the plan's place, with or without its kind
        ("Công an tỉnh Bình Sơn", "UBND Phường 1 thành phố Hải Đông")."""
        place = tokens(self.plan.document.place)
        out = [place] if place else []
        for kw in KIND_WORDS:
            if place:
                out.append(kw + place)
        return sorted(out, key=len, reverse=True)

    # ----------------------------------------------------------------------------------
    # phrases

    def phrase(self, words: tuple[str, ...]) -> list[Unit]:
        """The plan units that the whole phrase names (several when a name is shared)."""
        key = (words, False)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._phrase(words)
        return found

    def _phrase(self, words: tuple[str, ...]) -> list[Unit]:
        out: list[Unit] = []
        for start, authority in self._after_authority(words):
            for rest, kind in self._after_kind(words[start:]):
                for unit in self._core(rest, kind, authority):
                    if unit not in out:
                        out.append(unit)
        return out

    def _after_authority(self, words: tuple[str, ...]) -> list[tuple[int, bool]]:
        out = [(0, False)]
        for auth in AUTHORITIES:
            if words[: len(auth)] == auth:
                out.append((len(auth), True))
                if auth == ("tm",):
                    for a2 in AUTHORITIES[:2]:
                        if words[1 : 1 + len(a2)] == a2:
                            out.append((1 + len(a2), True))
        return out

    @cached_property
    def _kind_words(self) -> dict[tuple[str, ...], str]:
        """The usual kind words, and any other kind the plan uses ("sở", "ban")."""
        out = dict(KIND_WORDS)
        for u in self.plan.units:
            kind = fold(u.kind)
            if kind and kind != "don vi":
                out.setdefault(tuple(kind.split()), kind)
        return out

    def _after_kind(self, words: tuple[str, ...]) -> list[tuple[tuple[str, ...], str | None]]:
        out: list[tuple[tuple[str, ...], str | None]] = [(words, None)]
        for kw, kind in self._kind_words.items():
            if words[: len(kw)] == kw and len(words) > len(kw):
                out.append((words[len(kw) :], kind))
        return out

    def _core(self, rest: tuple[str, ...], kind: str | None, authority: bool) -> list[Unit]:
        if not rest:
            return []
        found: list[Unit] = []
        for unit, core, ukind in self._cores.get(rest[0][0], []):
            if kind is not None and kind != ukind:
                continue
            if kind is None and all(w.isdigit() for w in core):
                continue  # "1" alone names nothing
            agency = ukind == "don vi"
            if agency and len(rest) == 1 and len(rest[0]) < 4 and rest != core:
                continue  # "KH", "TH": a column word, not an agency's initials
            end = _align(rest, 0, core, initials=agency)
            if end is None:
                continue
            tail = rest[end:]
            if tail and tail not in self._places:
                continue  # only the plan's place may follow: "Công an tỉnh Bình Sơn"
            if kind is None and not authority and ukind != "don vi" and len(core) == 1:
                continue  # a one-word name without kind or authority is too weak ("Nam")
            found.append(unit)
        return found

    def by_name(self, text: str, sender: Unit | None = None) -> Unit | None:
        """A plan unit named by `text` (a row label, a letterhead fragment), or None.

        None also when the name is shared by several units (two "Phường 1" in two
        districts) and the sender does not decide between them, or when a fuzzy match
        would change a number ("Phường 10" is never "Phường 1").
        """
        words = tokens(text)
        if not words:
            return None
        for attempt in dict.fromkeys((words, _without_numbering(words))):
            joined = " ".join(attempt)
            exact = (None if joined.isdigit() else self._exact.get(joined)) or self.phrase(attempt)
            if exact:
                return self._one(exact, sender)
        words = _without_numbering(words)
        squeezed = self._squeezed_match(words)
        if squeezed:
            return self._one(squeezed, sender)
        unit = self._fuzzy(" ".join(words))
        if unit is not None:
            self._guessed[text] = unit
        return unit

    def guess_note(self, text: str) -> list[str]:
        """Why a unit named by `text` needs review: it was matched by resemblance only."""
        unit = self._guessed.get(text)
        if unit is None:
            return []
        return [f"«{text.strip()}» chỉ gần giống tên {unit.full_name}; cần xác nhận đơn vị"]

    @cached_property
    def _squeezed(self) -> dict[str, list[Unit]]:
        out: dict[str, list[Unit]] = {}
        for unit, name in self._names:
            key = _collapse(name.replace(" ", ""))
            if unit not in out.setdefault(key, []):
                out[key].append(unit)
        return out

    def _squeezed_match(self, words: tuple[str, ...]) -> list[Unit]:
        """A label whose words a PDF split apart ("Xã Tru ng Giã", "Phu ong Ng oc Ha") or
        whose letters OCR doubled ("CSĐTTTP"): the same letters, spaces and repeats aside,
        as a plan name with an optional authority and kind. Never for names with digits,
        where a space separates two numbers and "11" is not "1"."""
        text = _collapse("".join(words))
        if any(ch.isdigit() for ch in text) or len(text) < 6:
            return []
        for auth in (_collapse("uybannhandan"), "ubnd", ""):
            if not text.startswith(auth):
                continue
            rest = text[len(auth) :]
            for kind in ("phuong", "xa", "thitran", "quan", "huyen", "p", "x", ""):
                if rest.startswith(kind):
                    found = self._squeezed.get(rest[len(kind) :]) or (
                        self._squeezed.get(rest) if kind else None
                    )
                    if found:
                        return found
        return []

    def _one(self, units: list[Unit], sender: Unit | None) -> Unit | None:
        if len(units) > 1 and sender is not None:
            units = [u for u in units if u.parent == sender.id] or units
        return units[0] if len(units) == 1 else None

    def _fuzzy(self, q: str) -> Unit | None:
        q = re.sub(r"^(?:uy ban nhan dan|ubnd)\s+", "", q)
        names = list(self._exact)
        found = process.extract(
            q, names, scorer=fuzz.ratio, limit=3, score_cutoff=UNIT_THRESHOLD - 10
        )
        if not found or found[0][1] < UNIT_THRESHOLD:
            return None
        name, score = found[0][0], found[0][1]
        if re.findall(r"\d+", name) != re.findall(r"\d+", q):
            return None
        units = self._exact[name]
        rivals = [f for f in found[1:] if self._exact[f[0]] != units]
        if rivals and score - rivals[0][1] < UNIT_MARGIN:
            return None  # two units about as close: a person must say which
        return units[0] if len(units) == 1 else None

    def damaged(self, words: tuple[str, ...]) -> Unit | None:
        """The one plan unit whose name holds these words in order with some lost
        ("UBND PHƯỜNG THẮNG" for Thắng Nhất when no other unit has "Thắng"), or None."""
        found: list[Unit] = []
        for start, _ in self._after_authority(words):
            for rest, kind in self._after_kind(words[start:]):
                if kind is None or not rest or all(w.isdigit() for w in rest):
                    continue
                for unit, core, ukind in (c for cs in self._cores.values() for c in cs):
                    if (
                        ukind == kind
                        and len(rest) < len(core)
                        and _subsequence(rest, core)
                        and unit not in found
                    ):
                        found.append(unit)
        return found[0] if len(found) == 1 else None

    # ----------------------------------------------------------------------------------
    # letterheads and file names

    def in_letterhead(self, lines: list[str]) -> UnitHit | None:
        """The sender named by a letterhead's left column, top to bottom: the lowest
        body that names itself (a parent line above it is not the sender; a committee
        line below it, "BAN CHỈ ĐẠO 138", is the sender's own). A body the plan does not
        list gives a hit with no unit; a template ("UBND XÃ ……") gives None."""
        kept = [(letterhead_words(ln), ln) for ln in lines]
        kept = [(w, ln) for w, ln in kept if w]
        clean = [w for w, _ in kept]
        entries: list[UnitHit] = []
        after_last = False  # a line below the last body that names nothing we know
        i = 0
        while i < len(clean):
            hit, used = self._entry(clean, i)
            after_last = hit is None and not " ".join(clean[i]).startswith(COMMITTEE)
            if hit is not None and hit.named:
                printed = " ".join(ln.strip() for _, ln in kept[i : i + used])
                words = tuple(w for c in clean[i : i + used] for w in c)
                hit = UnitHit(hit.unit, printed, hit.score, hit.damaged, words)
            if hit is not None:
                entries.append(hit)
            i += used
        if not entries:
            return None
        last = entries[-1]
        if last.unit is None and after_last and len(entries) == 1:
            return None  # "UBND TỈNH X" above an unreadable sender line: not the sender
        if last.unit is None and last.named == "":
            return None  # a template
        if last.unit is None and last.score == SHARED:
            above = {h.unit.id for h in entries[:-1] if h.unit is not None}
            shared = [u for u in self.phrase(last.words) if u.parent in above]
            if len(shared) == 1:
                return UnitHit(shared[0], last.named, 100.0, last.damaged, last.words)
        return last

    def _entry(self, clean: list[tuple[str, ...]], i: int) -> tuple[UnitHit | None, int]:
        """The body named from line i (joined with the lines below when a name is
        wrapped), and how many lines it used."""
        for j in (2, 1, 0):
            if i + j >= len(clean):
                continue
            if j and any(_starts_council(clean[m]) for m in range(i + 1, i + j + 1)):
                continue  # "UBND …" always begins a body of its own
            words = tuple(w for m in range(i, i + j + 1) for w in clean[m])
            units = self.phrase(words)
            if units:
                unit = units[0] if len(units) == 1 else None
                named = " ".join(words)
                if unit is None:  # a shared name: decided by the line above, or not at all
                    return UnitHit(None, named, SHARED), j + 1
                return UnitHit(unit, named, 100.0), j + 1
        line = clean[i]
        text = " ".join(line)
        if _is_template(line):
            return UnitHit(None, "", 0.0), 1
        if text.startswith(COMMITTEE):
            return None, 1
        if _starts_body(line) or line[0] in ("phuong", "xa", "quan", "huyen"):
            joined = (
                line + clean[i + 1]
                if i + 1 < len(clean) and not _starts_body(clean[i + 1])
                else line
            )
            for words, used in ((joined, 2), (line, 1)):
                if used == 2 and joined is line:
                    continue
                unit = self.damaged(words)
                if unit is not None:
                    return UnitHit(unit, " ".join(words), 60.0, damaged=True), used
            if len(line) >= 2 and not (len(line) <= 4 and _is_authority_only(line)):
                return UnitHit(None, text, 0.0), 1
        return None, 1

    def in_file_name(self, name: str) -> Unit | None:
        f = f" {fold(name.rsplit('.', 1)[0])} "
        found = sorted(
            ((len(n), u) for u, n in self._names if n and f" {n} " in f), key=lambda x: -x[0]
        )
        return found[0][1] if found else None


# numbering that may open a row label: roman numerals and "a)", "b)" (never "p", "x":
# "P. 1" and "X. Sóc Sơn" are kinds)
def _collapse(letters: str) -> str:
    """Runs of one letter as one: "csdtttp" -> "csdtp" (digits are never touched)."""
    return re.sub(r"([a-z])\1+", r"\1", letters)


_ROMAN = frozenset(
    {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "a", "b", "c", "d", "e"}
)


def _without_numbering(words: tuple[str, ...]) -> tuple[str, ...]:
    """A row label without its numbering: "1. Phường Dịch Vọng", "II. Xã Sóc Sơn",
    "a) Sở Y tế"."""
    if len(words) > 1 and (words[0].isdigit() or words[0] in _ROMAN):
        return words[1:]
    return words


def _subsequence(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    it = iter(whole)
    return all(any(w == x for x in it) for w in part)


def _starts_council(words: tuple[str, ...]) -> bool:
    return words[:1] == ("ubnd",) or words[:4] == AUTHORITIES[0]


def _starts_body(words: tuple[str, ...]) -> bool:
    text = " ".join(words) + " "
    return text.startswith(BODY_WORDS)


def _is_authority_only(words: tuple[str, ...]) -> bool:
    return words in AUTHORITIES or words == ("uy", "ban", "nhan", "dan")


def _is_template(words: tuple[str, ...]) -> bool:
    """ "UBND XÃ ……", "SỞ ……": a kind or a body word with no name (dots fold away)."""
    rest = words
    for auth in AUTHORITIES:
        if rest[: len(auth)] == auth:
            rest = rest[len(auth) :]
            break
    return rest in KIND_WORDS or rest in (("so",), ("phong",), ("doi",), ("cong", "an"))


_NUMBER_LINE = re.compile(r"^\s*số\s*(?::|\d|/)", re.IGNORECASE)
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
    if len(words) >= 2 and words[0] == "so" and words[1].isdigit():
        return ()
    if "ngay" in words and "thang" in words:
        words = words[: words.index("ngay")]
        # the place before "ngày" is not a unit line
        return ()
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
    never a middle piece ("XÃ HỘI" ends "Lao động - Thương binh và Xã hội")."""
    n = len(words)
    return n >= 2 and (words == phrase[:n] or words == phrase[-n:])
