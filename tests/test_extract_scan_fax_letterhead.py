"""A faxed letterhead's "UBND" misread (issue 10): the ward still sends, not its parent.

On a fax a streak beside the "U" is read as a letter ("LUBND PHƯỜNG YÊN HÒA"), or a thin
"B" as "R" ("URND"): the sender line named nothing and the parent line above it
("UBND QUẬN CẦU GIẤY") passed for the sender, whose records were then silently wrong.
Sender lines come from the corpus grammar of every plan; the "UBND" is damaged at random
(seeded) by one letter added, dropped or changed.
"""

from __future__ import annotations

import random

import pytest

from benchmarks.corpus import names as N
from benchmarks.corpus.plans import PLANS, write_plans
from chitieu.plan import Plan, load_plan
from extract.units import UnitFinder

STROKES = "lI1ij"  # what a stroke beside a letter is read as
LOOKALIKE = {"U": "UVLI", "B": "RBE8", "N": "NHM", "D": "DO0"}


@pytest.fixture(scope="module")
def plans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Plan]:
    paths = write_plans(tmp_path_factory.mktemp("plans"))
    return {k: load_plan(p) for k, p in paths.items()}


def _damaged(rng: random.Random) -> str:
    how = rng.choice(["stroke", "lookalike", "dropped"])
    if how == "stroke":
        return rng.choice(STROKES) + "UBND"
    if how == "dropped":
        i = rng.randrange(1, 4)  # the first letter stays: "BND" alone is no word we know
        return "UBND"[:i] + "UBND"[i + 1 :]
    i = rng.randrange(4)
    letter = rng.choice([c for c in LOOKALIKE["UBND"[i]] if c != "UBND"[i]])
    return "UBND"[:i] + letter + "UBND"[i + 1 :]


def test_damaged_ubnd_names_the_ward_not_its_parent(plans: dict[str, Plan]) -> None:
    tried = 0
    for key, spec in PLANS.items():
        finder = UnitFinder(plans[key])
        for unit in spec.units:
            rng = random.Random(f"fax-ubnd-{unit.id}")
            line = N.sender_line(unit, spec, "plain", rng)
            words = line.split()
            if words[0] != "UBND" or words[1].upper() not in ("PHƯỜNG", "XÃ", "QUẬN", "HUYỆN"):
                continue
            for _ in range(3):
                damaged = " ".join([_damaged(rng), *words[1:]])
                hit = finder.in_letterhead([spec.parent_line, damaged])
                assert hit is not None and hit.unit is not None, damaged
                assert hit.unit.id == unit.id, damaged
                tried += 1
    assert tried >= 9


def test_other_first_words_are_not_taken_for_ubnd(plans: dict[str, Plan]) -> None:
    cg = UnitFinder(plans["q-cau-giay-q2"])
    # "ĐẢNG ỦY PHƯỜNG …" is the ward's party committee, not its People's Committee.
    hit = cg.in_letterhead(["ĐẢNG ỦY QUẬN CẦU GIẤY", "ĐẢNG ỦY PHƯỜNG YÊN HÒA"])
    assert hit is None or hit.unit is None or hit.unit.id == "yen-hoa"
