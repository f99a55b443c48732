"""Rows of a table rebuilt from words that have no figure to show for themselves.

`layout.tables_from_words` finds a table's rows by their figures (a label, then a figure
apart). Two kinds of rows escape that:

- the rows a table leaves alone at the top of the next page (one or two, maybe without
  their header): one row is a table when it has a table row's shape, a label between
  cells standing apart (its number, its unit, its figure);
- a row whose figure the page OCR did not read at all (a fax's faint "06"): it still
  starts with its number in the numbering column, its label where the rows' labels
  start; or it lies between two of the page's rules across (a table ruled across only),
  where a label's wrapped line never does.
"""

from __future__ import annotations

import itertools
import re

from ._exec import Word

NUMBER = re.compile(r"^\d{1,3}\.?$")  # a row's number in the "TT" column
LETTERS = re.compile(r"[^\W\d_]{2,}")

Rule = tuple[int, int, int]  # a rule across the page: y, x0, x1 (page pixels)


def top(line: list[Word]) -> int:
    return min(w.top for w in line)


def bottom(line: list[Word]) -> int:
    return max(w.top + w.height for w in line)


def apart(line: list[Word], height: float) -> list[Word]:
    """The words of a line that stand apart from the word before (a cell of their own)."""
    return [b for a, b in itertools.pairwise(line) if b.left - (a.left + a.width) > 1.5 * height]


def is_prose(line: list[Word], height: float) -> bool:
    """A running line of prose: no gap wider than two letter heights anywhere."""
    gaps = [b.left - (a.left + a.width) for a, b in itertools.pairwise(line)]
    return len(line) >= 6 and max(gaps, default=0) < 2.0 * height


def same_line(above: list[Word], line: list[Word], height: float) -> bool:
    """Whether two visual lines are one line of print that a curl split: they overlap
    by half a word's height (a row's label dropping across the page, its short last
    words and its figure banded apart from its first)."""
    return bottom(above) - top(line) > 0.5 * height


def table_shaped(line: list[Word], height: float) -> bool:
    """A line that is a table's row on its own: a label of two words or more, with two
    cells apart beside it (its number before it, or its unit, then its figure). A line of
    the letterhead ("Số: 74/BC-UBND ... ngày 30 tháng 6 năm 2021") has no such cells."""
    if is_prose(line, height):
        return False
    cuts = [0] + [line.index(w) for w in apart(line, height)] + [len(line)]
    cells = [line[a:b] for a, b in itertools.pairwise(cuts)]
    labels = [c for c in cells if sum(bool(LETTERS.search(w.text)) for w in c) >= 2]
    return len(cells) >= 3 and len(labels) >= 1 and len(cells[-1]) == 1


def inside_words(line: list[Word], i: int, height: float) -> bool:
    """A word of one letter ("ở", "và" read "v") within a label: close to the words on
    both sides. (Junk of a stamp stands apart; a lone row has no other row to cover the
    gap such a word would leave, which would cut its label in two columns.)"""
    w = line[i]
    if not (0 < i < len(line) - 1) or not re.fullmatch(r"[^\W\d_]", w.text):
        return False
    a, b = line[i - 1], line[i + 1]
    return w.left - (a.left + a.width) < 0.6 * height and b.left - (w.left + w.width) < 0.6 * height


def _label_left(line: list[Word]) -> int | None:
    """Where a line's label starts: its first word with letters."""
    return next((w.left for w in line if LETTERS.search(w.text)), None)


def _number_x(line: list[Word]) -> float | None:
    """The middle of a row's number, when the line starts with one before its label."""
    if len(line) >= 2 and NUMBER.match(line[0].text) and LETTERS.search(line[1].text):
        return line[0].center[0]
    return None


def numbered(line: list[Word], rows: list[list[Word]], column_x: float, height: float) -> bool:
    """A row whose figure was not read: it starts with its number where the rows' numbers
    stand, then its label where theirs start, and nothing of it reaches past the figures'
    column. A header starts with "TT", a section heading with "II." left of the table."""
    xs = [x for r in rows if (x := _number_x(r)) is not None]
    lefts = [x for r in rows if _number_x(r) is not None and (x := _label_left(r[1:])) is not None]
    me = _number_x(line)
    if not xs or not lefts or me is None or is_prose(line, height):
        return False
    label = _label_left(line[1:])
    return (
        min(abs(me - x) for x in xs) <= 1.0 * height
        and label is not None
        and min(abs(label - x) for x in lefts) <= 0.8 * height
        and line[-1].left < column_x + 1.5 * height
    )


def rows_above(
    lines: list[list[Word]], best: list[int], column_x: float, height: float
) -> list[int]:
    """Numbered rows right above the first row found (the table's first rows on a page,
    their figures not read), past the wrapped lines of their labels."""
    out: list[int] = []
    rows = [lines[j] for j in best]
    first = best[0]
    k = first - 1
    skipped = 0
    while k >= 0 and skipped <= 2:
        ln, below = lines[k], lines[first if not out else out[-1]]
        if is_prose(ln, height) or top(below) - bottom(ln) > 2.5 * height * (skipped + 1):
            break
        if numbered(ln, rows, column_x, height):
            out.append(k)
            skipped = 0
        elif all(w.left + w.width < column_x - 2.5 * height for w in ln):
            skipped += 1  # a label's wrapped line: look above it
        else:
            break
        k -= 1
    return out


HEADER_WORDS = re.compile(r"(?i)\b(stt|tt|chỉ tiêu|nội dung|đơn vị|kết quả|ghi chú)\b")


def first_below_rule(
    lines: list[list[Word]],
    best: list[int],
    rules: list[Rule],
    span: tuple[float, float],
    height: float,
) -> int | None:
    """The table's first row when the page OCR misread its figure as a word ("23" read
    "BẠN"): the line right above the first row found, its label where the rows' labels
    start, a rule across right above it and no header words in it."""
    x0, x1 = span
    ys = [y for y, a, b in rules if a <= x0 + height and b >= x1 - height]
    lefts = [x for j in best if (x := _label_left(lines[j])) is not None]
    k = best[0] - 1
    while k >= 0 and best[0] - k <= 2:
        ln = lines[k]
        left = _label_left(ln)
        if (
            left is not None
            and lefts
            and min(abs(left - x) for x in lefts) <= 0.8 * height
            and sum(bool(LETTERS.search(w.text)) for w in ln) >= max(2, len(ln) // 2)
            and not HEADER_WORDS.search(" ".join(w.text for w in ln))
            and not any(w.left > x1 + 2 * height for w in ln)
            and any(0 <= top(ln) - y <= 1.2 * height for y in ys)
        ):
            return k
        if left is not None and lefts and min(abs(left - x) for x in lefts) > 0.8 * height:
            return None  # the header's line (centred), or prose
        k -= 1
    return None


def across(
    lines: list[list[Word]],
    best: list[int],
    rules: list[Rule],
    span: tuple[float, float],
    height: float,
) -> list[int]:
    """Lines between the rows found that a rule across the table parts from the line
    above (a row whose figure was not read, under a table ruled across only): a label's
    wrapped line has no rule above it. `span`: the table's x-extent (label to figure)."""
    x0, x1 = span
    ys = [y for y, a, b in rules if a <= x0 + height and b >= x1 - height]
    if not ys:
        return []
    out: list[int] = []
    for j in range(best[0] + 1, best[-1]):
        if j in best:  # (a long label alone on its line reads like prose: it may be one)
            continue
        ln = lines[j]
        if _label_left(ln) is None or any(w.left > x1 for w in ln):
            continue
        # the rule right above its top, nothing but specks between (a fax's dust)
        worded = [bottom(lines[k]) for k in range(best[0], j) if _label_left(lines[k]) is not None]
        if any(
            max(worded, default=0) - 0.3 * height <= y <= top(ln) + 0.3 * height
            and top(ln) - y <= 1.2 * height
            for y in ys
        ):
            out.append(j)
    return out
