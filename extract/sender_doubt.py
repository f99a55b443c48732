"""Whether a sender named exactly by the letterhead could be another unit's name cut or
misread.

A plan's names trap a reader that trusts an exact match: "UBND PHƯỜNG DỊCH VỌNG HẬU"
with its last word out of the photo's frame, under a stamp or on a fold reads "UBND
PHƯỜNG DỊCH VỌNG", another ward's exact name, and every figure of the return lands on
that ward without a doubt. Numbered wards do the same with one digit ("PHƯỜNG 1" read
for "PHƯỜNG 11", "PHƯỜNG 7" for "PHƯỜNG 1"). So a name is doubted when a *rival* exists
(another unit of the same kind whose name the read one could be a cut or a one-digit
misread of) AND the page shows the damage could have happened:

* the line touches the page's (or the photo frame's) edge on the side the rival's
  missing words would be;
* the line is off the centre of the letterhead's other lines (ND 30/2020 centres each
  line of the left column), by more than `OFF_CENTRE` of its height, on that side: words
  were lost where the line would have gone on (`OFF_CENTRE_DIGIT` when the rival differs
  by a digit: a lost digit moves the centre by half a digit's advance);
* a mark that is no letter was read beside the name's end ("UBND PHƯỜNG 1." with the
  "0" of "10" under a stamp's edge): ink where the rival's name goes on;
* the digit that tells the rival apart was read with OCR confidence under `DIGIT_SURE`.

Digital text (no geometry, confidence 1.0) never raises a doubt.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from chitieu.plan import Plan
from chitieu.plan_parts import Unit
from extract.document import TextLine
from extract.letterhead_units import UnitHit
from extract.text import fold
from extract.unit_words import tokens

EDGE = 0.3 * 72  # points: a line within this of the page's edge may be cut (as fax TTIs)
OFF_CENTRE = 0.5  # of the line's height: a centred line's centre is within this
# ... and within this when the rival differs by a digit: a lost digit moves the centre
# by half a digit's advance (about a third of the height)
OFF_CENTRE_DIGIT = 0.22
DIGIT_SURE = 0.8  # OCR confidence under which a digit may be another


@dataclass(frozen=True)
class Doubt:
    rivals: tuple[Unit, ...]  # units the letterhead's name may be a damaged form of
    why: str  # Vietnamese: what on the page raised the doubt


def core(unit: Unit) -> str:
    """A unit's name without its kind, folded: "dich vong hau", "11" (Phường 11)."""
    words = tokens(unit.name)
    kind = tuple(fold(unit.kind).split())
    if kind and words[: len(kind)] == kind and len(words) > len(kind):
        words = words[len(kind) :]
    return " ".join(words)


def _joined(short: str, long: str, at_end: bool) -> bool:
    """`long` is `short` with more at its end (or start), at a word or inside a number."""
    if len(long) <= len(short):
        return False
    if at_end:
        if not long.startswith(short):
            return False
        nxt, last = long[len(short)], short[-1]
    else:
        if not long.endswith(short):
            return False
        nxt, last = long[-len(short) - 1], short[0]
    return nxt == " " or (nxt.isdigit() and last.isdigit())


def _one_digit(a: str, b: str) -> bool:
    """Same words but one number, which differs by one digit changed ("7" / "1")."""
    wa, wb = a.split(), b.split()
    if len(wa) != len(wb):
        return False
    diff = [(x, y) for x, y in zip(wa, wb, strict=True) if x != y]
    if len(diff) != 1 or not (diff[0][0].isdigit() and diff[0][1].isdigit()):
        return False
    x, y = diff[0]
    return len(x) == len(y) and sum(p != q for p, q in zip(x, y, strict=True)) == 1


def rivals(unit: Unit, plan: Plan) -> dict[str, list[Unit]]:
    """Units a damaged reading of another could pass for `unit`, by how: "end" (words or
    digits lost at the end: Dịch Vọng for Dịch Vọng Hậu, Phường 1 for 11), "start" (lost
    at the start), "digit" (one digit changed or lost: Phường 7 for Phường 1)."""
    mine = core(unit)
    out: dict[str, list[Unit]] = {"end": [], "start": [], "digit": []}
    for other in plan.units:
        if other.id == unit.id or fold(other.kind) != fold(unit.kind):
            continue
        theirs = core(other)
        if _joined(mine, theirs, at_end=True):
            out["end"].append(other)
        if _joined(mine, theirs, at_end=False):
            out["start"].append(other)
        if _one_digit(mine, theirs) or (
            any(c.isdigit() for c in mine + theirs)
            and (_joined(mine, theirs, True) or _joined(mine, theirs, False))
        ):
            out["digit"].append(other)
    # the likeliest first, as the note names a few: a digit lost, then one OCR confuses
    out["digit"].sort(
        key=lambda u: (not _joined(mine, core(u), True), not _confused(mine, core(u)))
    )
    return out


_CONFUSED = ({"1", "7"}, {"1", "4"}, {"3", "8"}, {"5", "6"}, {"0", "8"}, {"6", "8"}, {"4", "9"})


def _confused(a: str, b: str) -> bool:
    """The two names differ by one digit that OCR often reads for the other ("1"/"7")."""
    diff = {(x, y) for x, y in zip(a, b, strict=False) if x != y}
    return len(a) == len(b) and len(diff) == 1 and {*next(iter(diff))} in _CONFUSED


def doubt(hit: UnitHit, lines: list[TextLine], head: int, plan: Plan) -> Doubt | None:
    """Why the letterhead's exact name (`hit`, from `lines[i]` for i in `hit.at`) may be a
    rival's, cut or misread, or None. `head`: how many lines the letterhead spans."""
    if hit.unit is None or not hit.at:
        return None
    found = rivals(hit.unit, plan)
    if not any(found.values()):
        return None
    printed = [lines[i] for i in hit.at if i < len(lines)]
    if not printed:
        return None
    whys: list[str] = []
    chosen: list[Unit] = []

    def add(units: list[Unit], why: str) -> None:
        if units:
            chosen.extend(u for u in units if u not in chosen)
            whys.append(why)

    cut = _cut_sides(printed)
    if cut:
        sides = [s for s in ("end", "start") if s in cut]
        add([u for s in sides for u in found[s]], "dòng tên đơn vị chạm mép trang hoặc khung ảnh")
    short = _short_side(printed, lines[:head], hit.at, OFF_CENTRE)
    digits_short = _short_side(printed, lines[:head], hit.at, OFF_CENTRE_DIGIT)
    off = [u for u in found[short] if u not in found["digit"]] if short else []
    if digits_short:  # a digit lost moves the line by half a digit only
        off += [u for u in found[digits_short] if u in found["digit"]]
    side = short or digits_short
    add(
        off,
        "dòng tên đơn vị lệch so với các dòng khác của tiêu đề (có thể mất chữ ở "
        f"{'cuối' if side == 'end' else 'đầu'} dòng)",
    )
    specks = _specks_beside(printed)
    if specks:
        add(
            [u for side in sorted(specks) for u in found[side]],
            "có vết mực sát tên đơn vị (có thể là chữ bị che)",
        )
    digit = _doubtful_digit(printed)
    if digit is not None:
        add(found["digit"], f"chữ số «{digit}» trong tên đơn vị đọc không chắc")
    if not chosen:
        return None
    return Doubt(tuple(chosen), "; ".join(whys))


def _cut_sides(printed: list[TextLine]) -> set[str]:
    """The ends of the name a page edge may have cut: its last line's right end ("end"),
    its first line's left end ("start"); a line at the top or bottom edge, both."""
    sides: set[str] = set()
    for k, ln in enumerate(printed):
        if ln.bbox is None or ln.page_size is None:
            continue
        x0, y0, x1, y1 = ln.bbox
        w, h = ln.page_size
        if y0 <= EDGE or y1 >= h - EDGE:
            sides |= {"end", "start"}
        if k == len(printed) - 1 and x1 >= w - EDGE:
            sides.add("end")
        if k == 0 and x0 <= EDGE:
            sides.add("start")
    return sides


def _short_side(
    printed: list[TextLine], head: list[TextLine], at: tuple[int, ...], share: float
) -> str | None:
    """The end of the name ("end" or "start") where it falls short of the centre the
    letterhead's other left-column lines share, or None when centred or unknown."""
    first, last = printed[0], printed[-1]
    if last.bbox is None or last.page_size is None:
        return None
    width = last.page_size[0]
    if any(ln.bbox is not None and ln.bbox[2] > width * 0.6 for ln in printed):
        return None  # read as one line with the right column's: its centre says nothing
    centres = [
        (ln.bbox[0] + ln.bbox[2]) / 2
        for i, ln in enumerate(head)
        if i not in at
        and ln.bbox is not None
        and ln.page == last.page
        and (ln.bbox[0] + ln.bbox[2]) / 2 < width / 2
        and ln.bbox[2] < width * 0.6
    ]
    if not centres:
        return None
    centre = statistics.median(centres)
    height = max(last.bbox[3] - last.bbox[1], 1.0)
    tol = share * height
    if max(abs(c - centre) for c in centres) > OFF_CENTRE * height:
        return None  # the other lines are not centred on one axis: nothing to compare
    if centre - (last.bbox[0] + last.bbox[2]) / 2 > tol:
        return "end"
    if first.bbox is not None and (first.bbox[0] + first.bbox[2]) / 2 - centre > tol:
        return "start"
    return None


def _specks_beside(printed: list[TextLine]) -> set[str]:
    """The ends of the name where OCR read a mark that is no letter ("UBND PHƯỜNG 1."
    for a "10" under a stamp): ink where the name may go on."""
    sides: set[str] = set()
    last, first = printed[-1].text.strip(), printed[0].text.strip()
    if last and not last[-1].isalnum():
        sides.add("end")
    if first and not first[0].isalnum():
        sides.add("start")
    return sides


def _doubtful_digit(printed: list[TextLine]) -> str | None:
    """A word with a digit in the name's lines read under `DIGIT_SURE`, as printed."""
    for ln in printed:
        words = ln.text.split()
        if len(ln.word_confidences) != len(words):
            if any(c.isdigit() for c in ln.text) and ln.confidence < DIGIT_SURE:
                return next(w for w in words if any(c.isdigit() for c in w))
            continue
        for w, conf in zip(words, ln.word_confidences, strict=True):
            if any(c.isdigit() for c in w) and conf < DIGIT_SURE:
                return w
    return None
