"""Senders of letterheads cut, damaged or misnumbered: right, flagged, none or wrong.

    .venv/bin/python benchmarks/sender_damage.py [--seeds 0-3999] [--half tune|test]
        [--details]

Draws come from `samples/returns/sender_damage.py` (even seeds tune, odd seeds test):
each a letterhead as the scan reader hands it over (text, boxes, word confidences, page
size). The sender is decided by `extract.sender.decide_sender` twice: without the doubt
of `extract.sender_doubt` and the piece of a name below a district's line
(`LetterheadReader._holds_a_piece`) ("before"), and with them ("after"). *wrong* is another unit named
without a note: every figure of the return silently on another ward. *flagged* counts a
right sender with a note as well as a wrong one (both go to a person).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.label_damage import half_seeds  # noqa: E402
from extract import sender as sender_mod  # noqa: E402
from extract.document import ReadDocument, TextLine  # noqa: E402
from extract.units import UnitFinder  # noqa: E402
from samples.returns import sender_damage as g  # noqa: E402

OUTCOMES = ("right", "flagged", "none", "wrong")


def document(case: g.SenderCase) -> ReadDocument:
    lines = [
        TextLine(
            ln.text,
            page=1,
            bbox=ln.bbox,
            confidence=sum(ln.confidences) / max(len(ln.confidences), 1),
            page_size=case.page_size,
            word_confidences=ln.confidences,
        )
        for ln in case.lines
    ]
    return ReadDocument(kind="image", lines=lines)


def outcome(sender: sender_mod.Sender, truth: str) -> str:
    if sender.unit is None:
        return "none"
    if sender.note:
        return "flagged"
    return "right" if sender.unit.id == truth else "wrong"


def run(seeds: list[int], details: bool = False) -> dict[tuple[str, str], Counter]:
    finders = {name: UnitFinder(g.load(name)) for name in g.PLANS}
    tally: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for seed in seeds:
        case = g.draw(seed)
        doc = document(case)
        finder = finders[case.plan]
        with (
            mock.patch.object(sender_mod, "doubt", lambda *a, **k: None),
            mock.patch.object(UnitFinder, "_holds_a_piece", lambda *a: False),
        ):
            before = sender_mod.decide_sender(doc, finder, "bao-cao.jpg")
        after = sender_mod.decide_sender(doc, finder, "bao-cao.jpg")
        for name, s in (("before", before), ("after", after)):
            got = outcome(s, case.truth)
            for cls in ("ALL", *case.classes):
                tally[(name, cls)][got] += 1
            if details and name == "after" and got == "wrong":
                print(f"{seed} {case.damage}: {case.read!r} ({case.truth}) -> {s.unit.id}")
    return tally


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="0-3999")
    ap.add_argument("--half", choices=("tune", "test"), default="tune")
    ap.add_argument("--details", action="store_true")
    args = ap.parse_args(argv)
    seeds = half_seeds(args.seeds, args.half)
    tally = run(seeds, args.details)
    print(f"== {args.half} half, {len(seeds)} letterheads ==")
    print(f"{'':<34}{'n':>6}  " + "  ".join(f"{o:>13}" for o in OUTCOMES))
    print(f"{'':<34}{'':>6}  " + "  ".join(f"{'before→after':>13}" for _ in OUTCOMES))
    classes = sorted({c for _, c in tally}, key=lambda c: (c != "ALL", c))
    for cls in classes:
        b, a = tally[("before", cls)], tally[("after", cls)]
        cells = "  ".join(f"{b[o]:>6}→{a[o]:<6}" for o in OUTCOMES)
        print(f"{cls:<34}{sum(a.values()):>6}  {cells}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
