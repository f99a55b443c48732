"""Which plan unit sent a document, from weighted evidence.

Evidence, strongest first: the letterhead's sender line (the lowest body of the left
column; a parent above it is not the sender), the signature's authority ("TM. ỦY BAN
NHÂN DÂN XÃ SÓC SƠN"), the body ("UBND phường X báo cáo …"), the file name. Units are
found by `UnitFinder` among the plan's closed list. A sender named only by the file
name or by a damaged name ("UBND PHƯỜNG THẮNG"), or named differently by two kinds of
evidence, is returned with a note: its records are for review, never silently chosen.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from chitieu.plan import Plan
from chitieu.plan_parts import Unit
from extract.document import ReadDocument
from extract.sender_doubt import Doubt, doubt
from extract.text import fold
from extract.unit_words import AUTHORITIES
from extract.units import UnitFinder, tokens

TITLE_WORDS = (
    "bao cao",
    "ke hoach",
    "bieu ",
    "bang ",
    "tong hop",
    "ket qua",
    "danh sach",
    "thong bao",
)
HEAD_LINES = 14
BODY_LINES = 80
BODY_REACH = 14  # words before "báo cáo" that may name the subject
PLACE_DATE = re.compile(r"\s*,\s*ngày\b", re.IGNORECASE)  # "Dịch Vọng, ngày 30 tháng 6"
PLACE_WORDS = 5  # a place's name is at most this many words
NOT_SUBJECT = frozenset({"cua", "voi", "theo", "tai", "den", "gui", "cho"})  # "của X báo cáo"


@dataclass(frozen=True)
class Sender:
    unit: Unit | None
    note: str | None = None  # why its records need review (Vietnamese)
    unknown: str | None = None  # a sender the plan does not list, as printed


def decide_sender(doc: ReadDocument, finder: UnitFinder, file_name: str) -> Sender:
    texts = [ln.text for ln in doc.lines]
    title = _title_index(texts)
    head = texts[: title if title is not None else min(len(texts), 10)][:HEAD_LINES]
    letter = finder.in_letterhead(head)
    sig = _signature_units(texts, finder)
    body = _body_units(texts[title or 0 :][:BODY_LINES], finder)
    plan = finder.plan

    if letter is not None and letter.unit is not None:
        unit = letter.unit
        others = [u for u in sig + body if not _related(u, unit, plan)]
        cut = None if letter.damaged else doubt(letter, doc.lines, len(head), plan)
        doubted = _doubted(unit, letter.named, cut, sig + body) if cut else None
        if doubted is not None:
            return doubted
        if others and letter.damaged:
            # a letterhead read only by resemblance against a unit named exactly
            return Sender(
                others[0],
                f"tiêu đề văn bản ghi «{letter.named}» (đọc không rõ) nhưng chữ ký hoặc lời "
                f"văn ghi {others[0].full_name}",
            )
        if others:
            return Sender(
                unit,
                f"tiêu đề văn bản ghi {unit.full_name} nhưng chữ ký hoặc lời văn ghi "
                f"{others[0].full_name}",
            )
        if letter.damaged and unit not in sig + body + _place_units(head, plan):
            return Sender(
                unit,
                f"tên đơn vị ở tiêu đề không đầy đủ hoặc đọc không rõ («{letter.named}»); đã hiểu là "
                f"{unit.full_name}",
            )
        return Sender(unit)
    found = list(dict.fromkeys(sig + body))
    if letter is not None and letter.named:
        if len(found) == 1 and finder.by_name(letter.named) == found[0]:
            # The letterhead misread ("VÊN HÒA"), but only like the unit that the body or
            # the signature names exactly: two pieces of evidence that agree.
            return Sender(found[0])
        if len(found) == 1:
            return Sender(
                found[0],
                f"tiêu đề văn bản ghi «{letter.named}» (không có trong kế hoạch) nhưng chữ ký "
                f"hoặc lời văn ghi {found[0].full_name}",
                unknown=letter.named,
            )
        return Sender(None, unknown=letter.named)
    if len(found) == 1:
        return Sender(found[0])
    if len(found) > 1:
        names = " và ".join(u.full_name for u in found[:2])
        return Sender(found[0], f"văn bản ghi hai đơn vị gửi khác nhau: {names}")
    guess = finder.in_file_name(file_name)
    if guess is not None:
        return Sender(
            guess, f"đơn vị chỉ đoán theo tên tệp ({guess.full_name}); văn bản không ghi rõ"
        )
    return Sender(None)


def _doubted(unit: Unit, named: str, cut: Doubt, named_else: list[Unit]) -> Sender | None:
    """A letterhead name that may be a rival's cut or misread (`sender_doubt`): the
    signature or the body settles it only when it names this unit and no rival (two
    readings agree: None, decided as any letter); when it names one rival, that rival,
    for review; else the name read, for review."""
    said = set(named_else)
    rivals = [u for u in cut.rivals if u in said]
    if unit in said and not rivals:
        return None
    names = ", ".join(u.full_name for u in cut.rivals[:3])
    if len(rivals) == 1 and unit not in said:
        return Sender(
            rivals[0],
            f"tiêu đề văn bản ghi «{named}» ({cut.why}) nhưng chữ ký hoặc lời văn ghi "
            f"{rivals[0].full_name}; cần xác nhận đơn vị gửi",
        )
    return Sender(
        unit,
        f"tiêu đề văn bản ghi «{named}» nhưng có thể là tên {names} bị cắt hoặc đọc sai "
        f"({cut.why}); cần xác nhận đơn vị gửi",
    )


def _place_units(head: list[str], plan: Plan) -> list[Unit]:
    """The unit the place-and-date line names exactly ("Dịch Vọng, ngày 30 tháng 6 năm
    2021"): a commune-level body writes its own commune's name there (Nghị định 30, the
    địa danh), with the diacritics as the plan spells it. The longest run of words
    before ", ngày" that is one unit's whole name: "Dịch Vọng Hậu" is not "Dịch Vọng"."""
    names: dict[str, list[Unit]] = {}
    for u in plan.units:
        names.setdefault(_spelled(u.name), []).append(u)
    out: list[Unit] = []
    for text in head:
        date = PLACE_DATE.search(text)
        words = text[: date.start()].split() if date else []
        for n in range(min(len(words), PLACE_WORDS), 0, -1):
            units = names.get(_spelled(" ".join(words[-n:])), [])
            if units:
                if len(units) == 1 and units[0] not in out:
                    out.append(units[0])
                break
    return out


def _spelled(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def _title_index(texts: list[str]) -> int | None:
    for i, text in enumerate(texts[:30]):
        if fold(text).startswith(TITLE_WORDS):
            return i
    return None


def _signature_units(texts: list[str], finder: UnitFinder) -> list[Unit]:
    """Units named after "TM." (on behalf of), the line below joined when wrapped."""
    out: list[Unit] = []
    for i, text in enumerate(texts):
        words = tokens(text)
        if "tm" not in words:
            continue
        after = words[words.index("tm") :]
        tries = [after]
        if i + 1 < len(texts):
            tries.insert(0, after + tokens(texts[i + 1]))
        for attempt in tries:
            units = finder.phrase(attempt)
            if len(units) == 1:
                if units[0] not in out:
                    out.append(units[0])
                break
    return out


def _body_units(texts: list[str], finder: UnitFinder) -> list[Unit]:
    """The subject of "… báo cáo": "Ủy ban nhân dân phường Dịch Vọng báo cáo kết quả"."""
    words = tuple(w for t in texts for w in tokens(t))
    out: list[Unit] = []
    for p in range(1, len(words) - 1):
        if not _reports(words[p], words[p + 1]):
            continue
        for i in range(max(0, p - BODY_REACH), p):
            units = finder.phrase(words[i:p])
            if len(units) == 1:
                # "… của UBND quận Cầu Giấy, báo cáo …": the plan's issuer, not the subject
                if units[0] not in out and (
                    i == 0 or words[i - 1] not in NOT_SUBJECT or _authority_misread(words[:i])
                ):
                    out.append(units[0])
                break
    return out


def _reports(first: str, second: str) -> bool:
    """ "báo cáo", one of its two words one letter misread or lost ("Đáo cáo", "báo cáu",
    "áo cáo": a photo whose letterhead is out of frame names its sender only there; the
    unit's name must stand right before it)."""
    if (first, second) == ("bao", "cao"):
        return True
    one_off = (first == "bao" and Levenshtein.distance(second, "cao") == 1) or (
        second == "cao" and Levenshtein.distance(first, "bao") == 1
    )
    return one_off and min(len(first), len(second)) >= 2


def _authority_misread(words: tuple[str, ...]) -> bool:
    """Whether the words end with an authority of several words read one letter wrong:
    "Ủy ban nhân dên phường X báo cáo" (a photo's "dân" read "dên") folds to "đến", a
    word that would say X is not the subject."""
    for auth in AUTHORITIES:
        seen, want = " ".join(words[-len(auth) :]), " ".join(auth)
        if len(auth) > 1 and len(seen) == len(want) and sum(map(str.__ne__, seen, want)) == 1:
            return True
    return False


def _related(a: Unit, b: Unit, plan: Plan) -> bool:
    """The same unit, or one above the other (a ward's report may name its district)."""
    return _below(a, b, plan) or _below(b, a, plan)


def _below(unit: Unit, top: Unit, plan: Plan) -> bool:
    seen: set[str] = set()
    current: Unit | None = unit
    while current is not None and current.id not in seen:
        if current.id == top.id:
            return True
        seen.add(current.id)
        current = plan.unit_by_id.get(current.parent) if current.parent else None
    return False
