"""How sure a cell's reading is: the page OCR's words against the cell re-reads."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

from . import cells
from ._exec import Word

ONE_LIKE = "Il|"  # what the page OCR reads a "1" as: a digit, not a mark
# "-2", "–2": a dash before the digits (an underscore there is a rule's rest: "_01")
DASH_BEFORE_DIGITS = re.compile(r"^\s*[-\u2010-\u2015\u2212]\d")
# `judged_digits`' rule where the page OCR confidently read another number than the re-read.
PAGE_SURE_OF_ANOTHER = "page OCR sure of another number"
PAGE_DROPPED = "re-read: the page OCR dropped a digit"
CONTESTED = "agreed, a third read differs"


def marks_beside_digits(page_text: str) -> bool:
    """Whether the page OCR read a letter or symbol joined to the figure's digits ("§9",
    "1®:", "Ê9"): a mark in the figure's ink that it did not take for a digit: a seal's
    lettering over a digit, or the digit itself misread. A dash joined to the digits'
    front ("-2") is one too: a count has no sign, and on a fax it is what a streak's fill
    left of a stroke it ran along (the foot serif of a "1" whose stem lay in the streak)."""

    def mark(ch: str) -> bool:
        if ch in ONE_LIKE:
            return False
        return ch.isalpha() or ch == "§" or unicodedata.category(ch).startswith("S")

    if DASH_BEFORE_DIGITS.match(page_text):
        return True
    return any(
        (a.isdigit() and mark(b)) or (mark(a) and b.isdigit()) for a, b in pairwise(page_text)
    )


def dropped_by_page(page_number: str, read: cells.DigitsRead, ink_digits: int) -> bool:
    """Whether the page OCR's number is the re-read's with digits left out ("3" for
    "31": a fax's thin "1" lost to the page's threshold), where the re-read was confirmed
    by a second read with no other reading, and the cell's ink stands as many digits
    apart as it read: the page saw less of the ink, not other ink."""
    number = read.text
    return (
        page_number.isdigit()
        and len(page_number) < len(number)
        and subsequence(page_number, number)
        and read.confirmed
        and read.other is None
        and ink_digits == len(number)
    )


def cell_confidence(words: list[Word], inked: bool) -> float:
    """The page OCR's confidence in a cell: its least sure word; an inked cell with no
    word is not sure at all, an empty one is sure."""
    if words:
        return min(w.conf for w in words) / 100.0
    return 0.0 if inked else 1.0


def subsequence(part: str, whole: str) -> bool:
    """Whether `part` is `whole` with some characters left out ("1" of "13", not "8")."""
    it = iter(whole)
    return all(ch in it for ch in part)


def digits_confidence(
    page_text: str, page_conf: float, read: cells.DigitsRead, photo: bool = False
) -> tuple[str, float]:
    """The re-read digits and their confidence, raised when the page OCR agrees with them,
    cut when it confidently reads another number. On a photo, a figure that neither the
    page OCR nor a second re-read confirms is never taken on one reading alone."""
    number, conf, _rule = judged_digits(page_text, page_conf, read, photo)
    return number, conf


def judged_digits(
    page_text: str, page_conf: float, read: cells.DigitsRead, photo: bool = False
) -> tuple[str, float, str]:
    """`digits_confidence`, and the rule that decided it (named for `doubts`): "agreed"
    when the page OCR read the same number, "re-read" when the re-read's own confidence
    stands, else the rule that cut it."""
    number = read.text
    if not cells.NUMBER.match(number):
        return number, min(read.confidence, 0.3), "not a number"
    page_number = cells.clean_number(page_text)
    if read.other is not None and page_number == read.other:
        number = read.other  # the page OCR sides with the second reading
    if not page_number and read.seconded:  # two models' grey reads for the page OCR's
        page_number, page_conf = number, read.seconded
    if page_number == number and read.contested:
        return number, min(read.confidence, 0.5), CONTESTED
    if page_number == number:
        conf = max(read.confidence, min(0.99, (read.confidence + page_conf) / 2 + 0.3))
        return number, conf, "agreed"
    if photo and not read.confirmed:
        return number, min(read.confidence, 0.5), "photo: unconfirmed"
    if read.outvoted and read.confirmed:  # four reads by two models against the page's
        return number, read.confidence, "re-read (outvoted page)"
    if cells.NUMBER.match(page_number) and page_conf >= 0.6:
        return number, min(read.confidence, 0.5), PAGE_SURE_OF_ANOTHER
    seen = "".join(ch for ch in page_text if ch.isdigit())
    if seen and not subsequence(seen, number):
        # the page saw digits the re-read lacks
        return number, min(read.confidence, 0.5), "page saw digits the re-read lacks"
    if marks_beside_digits(page_text) and len(number) <= len(seen):
        # The page saw a mark beside the digits that the re-read does not account for
        # with a digit of its own ("§9" and "9": a seal over the "8" of "89", on a fax).
        return number, min(read.confidence, 0.5), "marks beside the page's digits"
    return number, read.confidence, "re-read"
