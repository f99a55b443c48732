"""OCR words into what a reader sees: visual lines, and the words inside a cell's box."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import numpy as np

from ._exec import Word


def nfc(text: str) -> str:
    """NFC. (A decree number whose 1 OCR read as I, "NĐI11/CP", is matched by the
    indicator matcher, which knows both readings: `headers._numbers_read`.)"""
    return unicodedata.normalize("NFC", text)


def group_lines(words: list[Word]) -> list[list[Word]]:
    """Words into visual lines: same baseline band, split at wide gaps (two-column letterheads)."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: w.center[1]):
        for line in lines:
            ref = line[-1]
            overlap = min(ref.top + ref.height, w.top + w.height) - max(ref.top, w.top)
            if overlap > 0.5 * min(ref.height, w.height):
                line.append(w)
                break
        else:
            lines.append([w])
    out: list[list[Word]] = []
    for line in lines:
        line.sort(key=lambda w: w.left)
        height = float(np.median([w.height for w in line]))
        current = [line[0]]
        for w in line[1:]:
            prev = current[-1]
            if w.left - (prev.left + prev.width) > 3.0 * height:
                out.append(current)
                current = [w]
            else:
                current.append(w)
        out.append(current)
    out.sort(key=lambda ln: (min(w.top for w in ln), min(w.left for w in ln)))
    return out


def join_words(words: list[Word]) -> str:
    return nfc(" ".join(" ".join(w.text for w in ln) for ln in group_lines(words)))


def word_finder(words: list[Word]) -> Callable[[tuple[int, int, int, int]], list[int]]:
    """Indices of the words whose centre lies in a box (a table has ~100 cells, a page
    ~200 words: one vectorised test per cell instead of one call per word and cell)."""
    c = np.array([w.center for w in words], dtype=float).reshape(-1, 2)

    def inside(box: tuple[int, int, int, int]) -> list[int]:
        hit = (box[0] <= c[:, 0]) & (c[:, 0] <= box[2]) & (box[1] <= c[:, 1]) & (c[:, 1] <= box[3])
        return np.flatnonzero(hit).tolist()

    return inside
