"""Which pages a reading child has in hand, told to its parent as they start and end.

A child that dies in C code (a segfault in OpenCV, Tesseract, pdfium) sends no report:
its parent knows only that it died. With the pages it had in hand, the parent can name
them, read the file again one page at a time (an intermittent crash then usually does
not come back, and if it does the page is known exactly) and, if one page keeps
crashing, read the others without it (`Reread`; `extract.isolated` decides).

In the parent nothing here is set: `reading` does nothing and every page is read, in
parallel, as always.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True)
class Reread:
    """How a child reads a file again after an earlier child died on it."""

    one_page_at_a_time: bool = False
    skip: frozenset[int] = frozenset()  # 1-based pages left out (they crashed the reader)


FIRST_READ = Reread()

_send: Callable[[str], None] | None = None
_reread = FIRST_READ


def watch(send: Callable[[str], None], reread: Reread = FIRST_READ) -> None:
    """In a reading child: tell `send` each page started ("+N") and done ("-N")."""
    global _send, _reread
    _send, _reread = send, reread


def page_workers(wanted: int) -> int:
    """Pages read at once: one after a crash, so that a crash names one page."""
    return 1 if _reread.one_page_at_a_time else wanted


def skipped(page: int) -> bool:
    return page in _reread.skip


@contextmanager
def reading(page: int) -> Iterator[None]:
    """Around the reading of one (1-based) page."""
    if _send is not None:
        _send(f"+{page}")
    yield
    if _send is not None:
        _send(f"-{page}")


def in_hand(messages: Iterable[str]) -> frozenset[int]:
    """The pages started and not done, from a child's messages."""
    started: set[int] = set()
    for m in messages:
        if m[:1] == "+" and m[1:].isdigit():
            started.add(int(m[1:]))
        elif m[:1] == "-" and m[1:].isdigit():
            started.discard(int(m[1:]))
    return frozenset(started)


def page_words(pages: Iterable[int]) -> str:
    """'trang 2', 'trang 1, 2' (Vietnamese)."""
    return "trang " + ", ".join(str(p) for p in sorted(pages))


__all__ = [
    "FIRST_READ",
    "Reread",
    "in_hand",
    "page_words",
    "page_workers",
    "reading",
    "skipped",
    "watch",
]
