"""Checks of a plan file that guard what comes after it: characters no document can
carry, numbers no clerk means, a hierarchy that loops. Pure functions over the parsed
data; `chitieu.plan` turns what they find into `PlanIssue`s with lines.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterator
from typing import Any

# A whole-number target above this is a typo or an attack (10^29 overflows the store's
# NUMERIC(18, 4) and every total after it); the country's largest count is far below.
MAX_TARGET = 1_000_000_000

ALLOWED_CONTROLS = {"\n", "\t"}  # line breaks in paragraphs, tabs a clerk pastes


def bad_characters(value: Any, loc: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(location, description) of every string (key or value) holding a character that a
    DOCX or XLSX cannot carry: control characters, lone surrogates, non-characters."""
    if isinstance(value, str):
        for ch in value:
            if _unprintable(ch):
                yield loc, f"U+{ord(ch):04X}"
                return
    elif isinstance(value, dict):
        for k, v in value.items():
            if isinstance(k, str) and any(_unprintable(ch) for ch in k):
                yield (*loc, k), "trong tên khóa"
            yield from bad_characters(v, (*loc, k))
    elif isinstance(value, list):
        for n, v in enumerate(value):
            yield from bad_characters(v, (*loc, n))


def _unprintable(ch: str) -> bool:
    if ch in ALLOWED_CONTROLS:
        return False
    cat = unicodedata.category(ch)
    return cat in ("Cc", "Cs") or (cat == "Cn" and (ord(ch) & 0xFFFE) == 0xFFFE)


def number_problem(value: float) -> str | None:
    """Why a numeric target is unusable whatever its indicator (NaN, infinite, too large)."""
    if not math.isfinite(value):
        return f"chỉ tiêu {value} không phải là số hữu hạn"
    if abs(value) > MAX_TARGET:
        limit = f"{MAX_TARGET:,}".replace(",", ".")
        return f"chỉ tiêu {value:g} quá lớn (tối đa {limit}); kiểm tra lại số vừa nhập"
    return None


def unit_cycles(parents: dict[str, str | None]) -> list[list[str]]:
    """Each loop of the unit hierarchy once, as the unit ids along it (in plan order of
    its first member). A unit that is its own parent is left to the caller."""
    state: dict[str, int] = {}  # 1: on the current walk, 2: finished
    cycles: list[list[str]] = []
    for start in parents:
        walk: list[str] = []
        current: str | None = start
        while current is not None and current in parents and state.get(current) is None:
            state[current] = 1
            walk.append(current)
            current = parents[current]
        if current is not None and state.get(current) == 1 and current in walk:
            loop = walk[walk.index(current) :]
            if len(loop) > 1:
                cycles.append(loop)
        for u in walk:
            state[u] = 2
    return cycles
