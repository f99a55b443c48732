"""Which rule left a figure unsure: each rule that cuts a number cell's confidence (or
makes it unreadable) names itself here, so that a benchmark can count, per rule, the
flagged figures read right and wrong (`benchmarks/flag_rules.py`). Nothing is kept
unless a trace is on: reading a return never depends on it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ..document import Cell

# id(cell) -> the rules that cut it, in order, while a trace is on (threads share it:
# a scan's pages are read in threads of one process).
_trace: dict[int, list[str]] | None = None


def note(cell: Cell, rule: str) -> None:
    """`rule` cut this cell's figure (a no-op unless a trace is on)."""
    if _trace is not None:
        _trace.setdefault(id(cell), []).append(rule)


def of(cell: Cell) -> list[str]:
    """The rules noted on `cell` during the trace."""
    return list((_trace or {}).get(id(cell), []))


@contextmanager
def traced() -> Iterator[None]:
    """Note the rules while reading inside this block (keep the read document alive while
    you look: the notes are by the cells' identity)."""
    global _trace
    _trace = {}
    try:
        yield
    finally:
        _trace = None
