"""Characters -> words -> lines, as pdfplumber groups them (its defaults: 3-point
tolerances, words broken at blanks, rotated text read top to bottom), on PDFium's
characters. Text is made NFC when it leaves here, so a font that draws a Vietnamese
letter and its combining marks as separate glyphs still gives one letter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import groupby
from typing import TypeVar

from extract.formats.pdf_page import Char
from extract.text import nfc

X_TOLERANCE = 3.0  # points: a wider gap between two characters starts a new word
Y_TOLERANCE = 3.0  # points: characters whose tops differ more are on different lines
LINE_TOLERANCE = 3.0  # points: words this close vertically share a line
COLUMN_GAP = 7.0  # points: a wider gap between words starts a new line segment

T = TypeVar("T")


class Word:
    """A run of characters with no blank and no gap between them."""

    __slots__ = ("bottom", "text", "top", "x0", "x1")

    def __init__(self, text: str, x0: float, top: float, x1: float, bottom: float) -> None:
        self.text = text
        self.x0 = x0
        self.top = top
        self.x1 = x1
        self.bottom = bottom


def cluster(items: Sequence[T], key: Callable[[T], float], tolerance: float) -> list[list[T]]:
    """Items grouped by `key`, chaining values no more than `tolerance` apart; groups in
    increasing key order, items in their given order within a group (pdfplumber's
    `cluster_objects`)."""
    values = sorted({key(x) for x in items})
    index: dict[float, int] = {}
    group = -1
    last = None
    for v in values:
        if last is None or v > last + tolerance:
            group += 1
        index[v] = group
        last = v
    groups: list[list[T]] = [[] for _ in range(group + 1)]
    for x in items:
        groups[index[key(x)]].append(x)
    return groups


def words(chars: Iterable[Char]) -> list[Word]:
    """Words of the page (or of a cell), upright and rotated runs read in their
    directions."""
    out: list[Word] = []
    for upright, run in groupby(chars, key=lambda ch: ch.upright):
        group = list(run)
        if upright:
            for line in cluster(group, lambda ch: ch.top, Y_TOLERANCE):
                line.sort(key=lambda ch: ch.x0)
                out.extend(_split(line, True))
        else:
            for line in cluster(group, lambda ch: ch.x0, X_TOLERANCE):
                line.sort(key=lambda ch: (ch.top, ch.bottom))
                out.extend(_split(line, False))
    return out


def _split(line: list[Char], upright: bool) -> Iterable[Word]:
    current: list[Char] = []
    for ch in line:
        if ch.text.isspace():
            if current:
                yield _word(current)
            current = []
        elif current and _new_word(current[-1], ch, upright):
            yield _word(current)
            current = [ch]
        else:
            current.append(ch)
    if current:
        yield _word(current)


def _new_word(prev: Char, ch: Char, upright: bool) -> bool:
    if upright:
        return (
            ch.x0 < prev.x0 or ch.x0 > prev.x1 + X_TOLERANCE or abs(ch.top - prev.top) > Y_TOLERANCE
        )
    return (
        ch.top < prev.top
        or ch.top > prev.bottom + Y_TOLERANCE
        or abs(ch.x0 - prev.x0) > X_TOLERANCE
    )


def _word(chars: list[Char]) -> Word:
    return Word(
        "".join(ch.text for ch in chars),
        min(ch.x0 for ch in chars),
        min(ch.top for ch in chars),
        max(ch.x1 for ch in chars),
        max(ch.bottom for ch in chars),
    )


def text_of(chars: list[Char]) -> str:
    """A cell's text: its words line by line, separated by single spaces, NFC."""
    found = words(chars)
    lines = cluster(found, lambda w: w.top, LINE_TOLERANCE)
    return nfc(" ".join(w.text for line in lines for w in line))


def lines(found: list[Word]) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Words -> lines, split where a wide gap separates two columns on the same baseline
    (the two halves of a letterhead, the cells of a table row)."""
    rows: list[list[Word]] = []
    for w in sorted(found, key=lambda w: (round(w.top), w.x0)):
        if rows and abs(rows[-1][0].top - w.top) <= LINE_TOLERANCE:
            rows[-1].append(w)
        else:
            rows.append([w])
    out: list[tuple[str, tuple[float, float, float, float]]] = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        seg: list[Word] = []
        for w in [*row, None]:
            if seg and (w is None or w.x0 - seg[-1].x1 > COLUMN_GAP):
                text = nfc(" ".join(x.text for x in seg))
                bbox = (
                    seg[0].x0,
                    min(x.top for x in seg),
                    seg[-1].x1,
                    max(x.bottom for x in seg),
                )
                out.append((text, bbox))
                seg = []
            if w is not None:
                seg.append(w)
    return out
