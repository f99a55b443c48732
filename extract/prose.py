"""Numbers stated in the prose of a report ("đã lập hồ sơ đưa 02 người đi cai nghiện bắt
buộc"), so that the table can be checked against the letter around it.

Deliberately narrow: a sentence counts only when it holds exactly one number followed by
a measure word and names exactly one indicator. A sentence that names none, or several,
says nothing here (a false alarm would only cost a review, but a missed one is silent).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from extract.document import TextLine
from extract.headers import IndicatorMatcher
from extract.text import expand

_NUMBER_MEASURE = re.compile(
    r"(?<![\d/.,])(\d{1,4})\s+(?:vụ|người|đối tượng|trường hợp|hồ sơ)\b", re.IGNORECASE
)
_SENTENCE = re.compile(r"(?<=[.;:!?])\s+")
MENTION_THRESHOLD = 90.0


@dataclass(frozen=True)
class Stated:
    value: int
    sentence: str


def prose_figures(lines: list[TextLine], matcher: IndicatorMatcher) -> dict[str, Stated]:
    """Indicator id -> the one number the prose gives for it (dropped if it gives two)."""
    found: dict[str, Stated] = {}
    clash: set[str] = set()
    labels = matcher._labels  # (indicator id, expanded label)
    for line in lines:
        for sentence in _SENTENCE.split(line.text):
            nums = _NUMBER_MEASURE.findall(sentence)
            if len(nums) != 1:
                continue
            text = expand(_NUMBER_MEASURE.sub(" ", sentence))
            named = {
                ind
                for ind, lab in labels
                if len(lab) >= 8 and fuzz.partial_ratio(lab, text) >= MENTION_THRESHOLD
            }
            if len(named) != 1:
                continue
            ind = named.pop()
            value = int(nums[0])
            if ind in found and found[ind].value != value:
                clash.add(ind)
            found.setdefault(ind, Stated(value, sentence.strip()))
    return {k: v for k, v in found.items() if k not in clash}
