"""A page's tables as read: every cell with its text, digits and their confidences, and
the page's words outside the tables as lines. Nothing is read here; the readings of
`page_read` and `figure_reads` are put in their cells.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from chitieu.record import Where

from ..document import Cell, Table, TextLine
from . import cells, doubts, grid
from ._exec import Word
from .confidence import (
    CONTESTED,
    PAGE_DROPPED,
    cell_confidence,
    dropped_by_page,
    judged_digits,
)
from .confidence import PAGE_SURE_OF_ANOTHER as PAGE_SURE
from .figure_reads import UNREADABLE, Box, is_figure, surer_reading, zero_apart
from .pages import PageImage
from .word_lines import group_lines, join_words, nfc

# On a fax, within a seal, a re-read less sure than this of the number the page OCR read
# is no second reading (agreed figures' re-reads on tune4's faxes: 0.5 when capped, mostly
# 0.9+; a seal-dotted "07" read "0": 0.0; away from seals, right ones at 0.0 too).
AGREED_UNSURE = 0.2


def assemble_tables(
    level: PageImage,
    tables: list[grid.GridTable],
    words: list[Word],
    members_of: Callable[[Box], list[int]],
    kinds: dict[tuple[int, int], str],
    text_reads: dict[tuple[int, int], tuple[str, float]],
    digit_reads: dict[tuple[int, int], cells.DigitsRead],
    stretched_of: dict[tuple[int, int], str],
    fax: bool = False,
    unsure: float = 0.0,
    stamped_over: set[tuple[int, int]] | None = None,
    ink_digits: dict[tuple[int, int], int] | None = None,
    width_digits: dict[tuple[int, int], int] | None = None,
    in_seal: set[tuple[int, int]] | None = None,
    stem_lost: set[tuple[int, int]] | None = None,
) -> tuple[list[Table], list[bool]]:
    """The tables as read, each cell with its text, digits and confidences; and which
    of the page OCR's words were inside a table. A figure in `stamped_over` (a stamp's
    lifted ink over or beside it) is never sure: the page OCR saw what the re-reads saw.
    `ink_digits`: how many digits each number cell's ink stands apart as (at least);
    `width_digits`: how many its ink is too wide to hold fewer of.
    `in_seal`: the number cells within a seal's ring (`cell_kinds.within_seal`).
    `stem_lost`: fax figures read with a 3 whose top stroke stands apart
    (`lost_stems`)."""
    stamped_over, in_seal = stamped_over or set(), in_seal or set()
    stem_lost = stem_lost or set()
    ink_digits, width_digits = ink_digits or {}, width_digits or {}
    page = level
    in_table = [False] * len(words)
    out_tables: list[Table] = []
    for t_index, table in enumerate(tables):
        grid_cells: list[list[Cell | None]] = [[None] * table.n_cols for _ in range(table.n_rows)]
        for gc in table.cells:
            key = (t_index, id(gc))
            members = members_of(gc.box)
            for i in members:
                in_table[i] = True
            cell_words = [words[i] for i in members]
            text = join_words(cell_words)
            kind = kinds[key]
            conf = cell_confidence(cell_words, kind != "blank")
            if kind == "prose" and text_reads[key][0].strip():
                text, conf = surer_reading((text, conf), text_reads[key], bool(cell_words))
                if cells.NUMBER.match(cells.clean_number(text)):
                    conf = min(conf, 0.5)  # a figure with no digits re-read: one reading
            cell = Cell(
                text=text,
                row=gc.row,
                col=gc.col,
                rowspan=gc.rowspan,
                colspan=gc.colspan,
                where=Where(
                    page=page.page,
                    cell=f"R{gc.row + 1}C{gc.col + 1}",
                    bbox=level.to_points(gc.box),
                    table=t_index,
                ),
                confidence=round(conf, 4),
            )
            if kind == "prose" and cells.NUMBER.match(cells.clean_number(text)):
                doubts.note(cell, "prose cell: one reading")
            if kind == "blank":
                cell.text, cell.digits, cell.digits_confidence = "", "", 1.0
            elif kind == "prose" and not cell.text:  # ink that no reader made out
                cell.digits, cell.digits_confidence = UNREADABLE, 0.0
                doubts.note(cell, "prose cell: nothing read")
            elif kind == "number" and is_figure(text, conf, digit_reads[key].text):
                read = digit_reads[key]
                if read.text:
                    # On a fax, the page OCR's "I4" is "14" (`cells.ones_restored`).
                    page_text = cells.ones_restored(cells.clean_number(text)) if fax else text
                    number, d_conf, rule = judged_digits(page_text, conf, read, level.photo)
                    if (
                        rule == PAGE_SURE
                        and key not in in_seal
                        and key not in stamped_over
                        and dropped_by_page(page_text, read, ink_digits.get(key, 0))
                    ):
                        # "3" by the page, "31" by two re-reads, two digits of ink, no
                        # seal about: the page lost a thin "1", the re-read stands.
                        d_conf, rule = read.confidence, PAGE_DROPPED
                    doubts.note(cell, rule)
                    # On a fax, where the page OCR read another value than the re-read
                    # did and the re-read is the better: unsure still, but its reading is
                    # the one suggested to the reviewer (`values.parse_cell` suggests the
                    # surer): two re-reads (psm 7 and 13) agreeing against the page's
                    # ("30" for "20", "1" for "17"), or a seal over the figure, whose marks
                    # the page OCR read into it ("1Ú" for "10", "119" for "11"). Tune sets,
                    # where either was right: re-read 3 of 3, and 5 of 5 under a seal.
                    apart = fax and _digits(page_text) != _digits(number)
                    if apart and (
                        key in stamped_over
                        or (read.confirmed and rule in (PAGE_SURE, PAGE_DROPPED))
                    ):
                        cell.confidence = round(min(conf, min(d_conf, 0.5) / 2), 4)
                    if key in stamped_over:
                        d_conf = min(d_conf, 0.5)
                        doubts.note(cell, "stamped over")
                    cell.digits, cell.digits_confidence = number, round(d_conf, 4)
                    if rule == CONTESTED:  # one reading, not two: the page's stays
                        cell.digits, cell.digits_confidence = UNREADABLE, 0.0
                    if key in stamped_over and cells.clean_number(text) and not apart:
                        # The page OCR's agreement would make it sure: it saw the same
                        # page. Its reading stays, for review. (Read apart, neither is
                        # sure: the re-read's stays, capped.)
                        cell.digits, cell.digits_confidence = UNREADABLE, 0.0
                    if (
                        fax
                        and rule == "agreed"
                        and read.confidence < AGREED_UNSURE
                        and key in in_seal
                    ):
                        # The page OCR's number, which the re-read barely made out, within
                        # a seal: its dots over the "7" of "07", read "0" by both, the
                        # re-read at confidence 0. One reading, not two: the page's stays.
                        # (Away from a seal, such re-reads were right: "05", "15".)
                        cell.digits, cell.digits_confidence = UNREADABLE, 0.0
                        doubts.note(cell, "fax: agreed, re-read unsure")
                    if key in stem_lost and d_conf >= unsure:
                        # A "5" whose thin upright the fax lost reads "3" to every reader
                        # ("56" read "36" by both, surely): the page's reading stays.
                        cell.digits, cell.digits_confidence = UNREADABLE, 0.0
                        doubts.note(cell, "fax: a 3 with its top apart")
                    # Stretched, more digits were read: one was lost, whoever agrees ("01"
                    # for "1" is no loss; a stamp widening a crop reads no more digits; a
                    # "-" is a mark, not a digit: "-10-" for "10", ink_digits counts marks).
                    if len(_digits(stretched_of.get(key, ""))) > len(_digits(number)):
                        cell.digits, cell.digits_confidence = UNREADABLE, 0.0  # page's stays
                        doubts.note(cell, "stretched read more digits")
                    elif _digits_shown(
                        number, (cells.clean_number(text), stretched_of.get(key, ""))
                    ) < ink_digits.get(key, 0):
                        # More digits stand apart in the ink than were read: a blurred
                        # "11" read "1" by every reader, unsure, agreeing. The page's stays.
                        # A leading zero the page OCR saw ("06", re-read "6") is no loss.
                        cell.digits, cell.digits_confidence = UNREADABLE, 0.0
                        doubts.note(cell, "ink shows more digits")
                    elif (
                        key in stretched_of
                        and not _same_number(stretched_of[key], number)
                        and _digits_shown(number, (cells.clean_number(text),))
                        < width_digits.get(key, 0)
                    ):
                        # Too wide for the digits read, and read stretched it is not that
                        # number: a bold "05" whose digits touch, read "0" by both
                        # re-reads, nothing by the page OCR nor stretched. Unsure, its
                        # reading kept: a zero ring and its digit may still be read apart
                        # (`zero_tails`).
                        cell.digits_confidence = round(min(d_conf, unsure / 2), 4)
                        doubts.note(cell, "ink wider than the digits read")
                    elif fax and d_conf < unsure and zero_apart(cells.clean_number(text), number):
                        # "08" by the page, "8" re-read and unsure: a fax's thin "6" with its
                        # top broken off reads "0" (alike as numbers, not as read).
                        cell.digits, cell.digits_confidence = UNREADABLE, 0.0
                        doubts.note(cell, "fax: leading zero apart")
                else:  # ink, but no digit could be read: never let it pass as blank
                    cell.digits, cell.digits_confidence = UNREADABLE, 0.0
                    doubts.note(cell, "no digit re-read")
            elif kind == "number":
                doubts.note(cell, "page OCR read words")
            for r in range(gc.row, gc.row + gc.rowspan):
                for c in range(gc.col, gc.col + gc.colspan):
                    grid_cells[r][c] = cell
        out_tables.append(Table(cells=grid_cells, page=page.page, index=t_index))
    return out_tables, in_table


def _digits(read: str) -> str:
    """A reading's digits without leading zeros: what it says the figure's value is."""
    return "".join(ch for ch in read if ch.isdigit()).lstrip("0")


def _same_number(read: str, number: str) -> bool:
    """Whether a reading says the figure's value: "05" says "5"; "" says nothing, not 0."""
    return any(ch.isdigit() for ch in read) and _digits(read) == _digits(number)


def _digits_shown(number: str, readings: tuple[str, ...]) -> int:
    """How many digits the figure's readings show for its value: "6" read where the
    page OCR saw "06" shows two (a leading zero the re-read dropped loses nothing)."""
    same = [t for t in readings if t.lstrip("0") == number.lstrip("0")]
    return max(sum(ch.isdigit() for ch in t) for t in [number, *same])


def text_lines(level: PageImage, words: list[Word], in_table: list[bool]) -> list[TextLine]:
    """The page OCR's words outside the tables, as lines with their place and confidence."""
    page = level
    text_lines: list[TextLine] = []
    for ln in group_lines([w for w, t in zip(words, in_table, strict=True) if not t]):
        box = (
            min(w.left for w in ln),
            min(w.top for w in ln),
            max(w.left + w.width for w in ln),
            max(w.top + w.height for w in ln),
        )
        text_lines.append(
            TextLine(
                text=nfc(" ".join(w.text for w in ln)),
                page=page.page,
                bbox=level.to_points(box),
                confidence=round(float(np.mean([w.conf for w in ln])) / 100.0, 4),
                page_size=level.to_points((0, 0, level.gray.shape[1], level.gray.shape[0]))[2:],
                word_confidences=tuple(round(float(w.conf) / 100.0, 3) for w in ln),
            )
        )
    return text_lines
