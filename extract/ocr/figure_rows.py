"""The rows of a table rebuilt from word boxes (`layout.py`): lines with a label and then
a figure standing apart in the figures' column, and the rows found otherwise (a figure
misread or not read at all, a numbered row, a row parted by a rule across).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

import numpy as np

from . import word_rows
from ._exec import Word
from .word_rows import Rule

# A count, maybe with thousands dots ("12.500", "1.250": a typist's figures over a
# thousand), maybe with a trailing mark the OCR took from a rule ("7.").
FIGURE = re.compile(r"^[+-]?(?:\d{1,3}(?:[.,]\d{3}){1,2}|\d{1,7})[.,]?$")
WORD = re.compile(r"[^\W\d_]{3,}")
YEAR = re.compile(r"^(19|20)\d\d$")
LETTERS = re.compile(r"[^\W\d_]{2,}")

_top = word_rows.top
_bottom = word_rows.bottom
_apart = word_rows.apart
_is_prose = word_rows.is_prose


@dataclass
class FigureRows:
    """The table's rows, as indices of the page's lines, top to bottom."""

    rows: list[int]
    by_figure: int  # how many were found by their figures (the rest otherwise)
    column_x: float  # the figures' column
    label_left: float | None  # where the rows' labels start (None: no label read)


def last_figure(line: list[Word], height: float) -> Word | None:
    """The right-most figure of a line that has words before it (a label, then numbers),
    standing apart in its own column ("năm 2021" in a sentence is not a row)."""
    seen_label = False
    last: Word | None = None
    prev: Word | None = None
    for w in line:
        if LETTERS.search(w.text):
            seen_label = True
        elif (
            seen_label
            and FIGURE.match(w.text)
            and prev is not None
            and w.left - (prev.left + prev.width) > 1.5 * height
        ):
            last = w
        prev = w
    return last


def _close_block(block: list[list[Word]], height: float) -> bool:
    """Whether two rows' lines (and those between) are one table's: near each other, or
    joined by a wrapped label's lines without a blank or a line of prose between (a row
    whose figure the page OCR missed leaves such lines between its neighbours)."""
    if _top(block[-1]) - _bottom(block[0]) <= 8 * height:
        return True
    return all(
        _top(b) - _bottom(a) <= 2.5 * height for a, b in itertools.pairwise(block)
    ) and not any(_is_prose(ln, height) for ln in block[1:-1])


def _wraps(above: list[Word], line: list[Word], column_x: float, height: float) -> bool:
    """Whether `line` continues the label of the line above it: right under it, not
    prose, every word left of the figures' column ("quản lý theo / NĐ111/CP" under "Đưa
    đối tượng vào")."""
    return (
        _top(line) - _bottom(above) <= 1.0 * height
        and not _is_prose(line, height)
        and all(w.left + w.width < column_x - 2.5 * height for w in line)
    )


def misread_first_row(
    lines: list[list[Word]], best: list[int], column_x: float, height: float
) -> int:
    """The first rows when their figures were misread ("19" read "li", "23" read ")") or
    not read at all (a seal over them): above the first row found, past the wrapped lines
    of labels (one word, "NĐ111/CP", too), a line whose label starts where the rows'
    labels start is a row, not the header's last line, when its last word, no word,
    stands apart in the figures' column, or when words of it stand where the rows'
    middle cells do ("vụ", "người"). A header is centred in its cells, and named ("Chỉ
    tiêu", "Kết quả" over the figures): the search stops there. Added to `best`;
    returns the first row's line."""
    starts = [next((w.left for w in lines[j] if LETTERS.search(w.text)), None) for j in best]
    known = [x for x in starts if x is not None]
    if not known:
        return best[0]
    label_left = float(np.median(known))
    middle = _middle_xs(lines, best, column_x, height)
    k, wrapped = best[0] - 1, 0
    while k >= 0 and wrapped <= 3:
        ln = lines[k]
        if (
            _is_prose(ln, height)
            or word_rows.HEADER_WORDS.search(" ".join(w.text for w in ln))
            or _top(lines[k + 1]) - _bottom(ln) > 2.5 * height
        ):
            break
        label = next((w for w in ln if LETTERS.search(w.text)), None)
        mark = ln[-1]
        misread = (
            len(ln) >= 2
            and abs(mark.center[0] - column_x) <= 1.5 * height
            and not WORD.search(mark.text)
            and len(mark.text) <= 4
            and mark.left - (ln[-2].left + ln[-2].width) > 1.5 * height
        )
        unread = _in_middle(ln, middle, height) and not any(
            WORD.search(w.text) for w in ln if abs(w.center[0] - column_x) <= 2.5 * height
        )
        at_labels = label is not None and abs(label.left - label_left) <= 0.6 * height
        # A label starts with a capital (or its row's number); its wrapped line does not
        # ("hình sự", a seal's arc beside it in the figures' column read "]").
        row_start = (
            at_labels
            and label is not None
            and (label.text[:1].isupper() or bool(word_rows.NUMBER.match(ln[0].text)))
        )
        if row_start and (misread or unread):
            best.insert(0, k)
            wrapped = 0
        elif (at_labels and not row_start) or all(
            w.left + w.width < column_x - 2.5 * height for w in ln
        ):
            wrapped += 1  # a label's wrapped line: look above it
        else:
            break
        k -= 1
    return best[0]


def _middle_xs(
    lines: list[list[Word]], best: list[int], column_x: float, height: float
) -> list[float]:
    """Where the rows' middle cells stand (their unit, "người"): the middles of their
    words apart, off the figures' column."""
    return [
        w.center[0]
        for j in best
        for w in _apart(lines[j], height)
        if abs(w.center[0] - column_x) > 2.5 * height
    ]


def _in_middle(line: list[Word], middle: list[float], height: float) -> bool:
    """Whether a word of the line, apart, stands where two rows' middle cells do."""
    return any(
        sum(abs(w.center[0] - x) <= 1.0 * height for x in middle) >= 2 for w in _apart(line, height)
    )


def figure_run(lines: list[list[Word]], height: float) -> list[int]:
    """The longest run of rows of one table: lines whose last figures share a column and
    follow each other closely (none when no run has a table's shape)."""
    anchors = [(i, f) for i, ln in enumerate(lines) if (f := last_figure(ln, height)) is not None]
    if not anchors:
        return []
    best: list[int] = []
    for i, f in anchors:
        x = f.center[0]
        group = [j for j, g in anchors if abs(g.center[0] - x) <= 2.5 * height and j >= i]
        run = [group[0]]
        for j in group[1:]:
            if not _close_block(lines[run[-1] : j + 1], height):
                break
            run.append(j)
        if len(run) > len(best):
            best = run
    if len(best) < 2 and not (best and word_rows.table_shaped(lines[best[0]], height)):
        return []
    return best


def label_start(line: list[Word]) -> int | None:
    """Where a line's label starts: its first word with letters (None: no such word)."""
    return next((w.left for w in line if LETTERS.search(w.text)), None)


def all_rows(
    lines: list[list[Word]], best: list[int], height: float, rules: list[Rule] | None
) -> FigureRows:
    """The rows found by their figures (`best`, a `figure_run`) and those found otherwise,
    in the order of the page."""
    # A row whose figure the page OCR misread ("z4") still has a mark in the figure
    # column: it is a row (its cell is re-read, and flagged if unreadable), not a wrapped
    # label of the row above.
    column_x = float(np.median([lines[j][-1].center[0] for j in best]))
    found = [lines[j] for j in best]  # the rows found by their figures
    # Where the rows' labels start: a row found by its middle cells starts there too (the
    # signature's "TM. ỦY BAN NHÂN DÂN" under the table has words where "người" stands).
    label_starts = [label_start(lines[j]) for j in best]
    known_starts = [x for x in label_starts if x is not None]
    label_left = float(np.median(known_starts)) if known_starts else None
    best = _rows_without_figure(lines, best, found, column_x, label_left, height)
    best = sorted(set(best) | set(word_rows.rows_above(lines, best, column_x, height)))
    if rules:
        best = _rows_between_rules(lines, best, rules, column_x, height)
    return FigureRows(best, len(found), column_x, label_left)


def _rows_without_figure(
    lines: list[list[Word]],
    best: list[int],
    found: list[list[Word]],
    column_x: float,
    label_left: float | None,
    height: float,
) -> list[int]:
    """Below the first row: the rows whose figure was misread (a mark in the figures'
    column), not read at all (words where the rows' middle cells stand) or numbered."""
    # A row whose figure the page OCR did not see at all still has its label and, apart,
    # its other cells (the unit, "người"): a word standing where the rows' middle cells do.
    middle = _middle_xs(lines, best, column_x, height)
    limit = _bottom(lines[best[-1]]) + 4 * height
    for j in range(best[0] + 1, len(lines)):
        ln = lines[j]
        if j > best[-1] and _wraps(lines[j - 1], ln, column_x, height) and _top(ln) <= limit:
            limit = max(limit, _bottom(ln) + 4 * height)  # a long label wrapped in its cell
        if j in best or _top(ln) > limit or len(ln) < 2:
            continue
        mark = ln[-1]
        in_middle = _in_middle(ln, middle, height)
        if (
            (
                abs(mark.center[0] - column_x) <= 1.5 * height
                and len(mark.text) <= 7
                and not WORD.search(mark.text)  # "z4", "li": no word of three letters
                and any(LETTERS.search(w.text) for w in ln[:-1])
                and mark.left - (ln[-2].left + ln[-2].width) > 1.5 * height
            )
            or (
                in_middle
                and any(
                    LETTERS.search(w.text)
                    and (label_left is None or abs(w.left - label_left) <= 1.0 * height)
                    for w in ln[:2]
                )
            )  # "2 Đưa ..."
            or word_rows.numbered(ln, found, column_x, height)
        ):
            best.append(j)
            limit = max(limit, _bottom(ln) + 4 * height)  # (never back above a row found)
    best.sort()
    return best


def _rows_between_rules(
    lines: list[list[Word]], best: list[int], rules: list[Rule], column_x: float, height: float
) -> list[int]:
    """The rows the page's rules across part (their figures not read), and the first row
    right under a rule."""
    lefts = [x for j in best if (x := label_start(lines[j])) is not None]
    if lefts:
        span = (float(min(lefts)), column_x)
        best = sorted(set(best) | set(word_rows.across(lines, best, rules, span, height)))
        top_row = word_rows.first_below_rule(lines, best, rules, span, height)
        if top_row is not None:
            best.insert(0, top_row)
    return best
