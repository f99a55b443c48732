"""What one condition costs: each case built again without it, all else as drawn.

    .venv/bin/python benchmarks/scan_twins.py --without streaks --seeds 200-399 \\
        --tag fax-streaks --out /tmp/twins
    .venv/bin/python benchmarks/scan_conditions.py --seeds 200-399 --half tune \\
        --tag fax-streaks --keep /tmp/twins/as-drawn --details
    .venv/bin/python benchmarks/scan_conditions.py --seeds 200-399 --half tune \\
        --tag fax-streaks --keep /tmp/twins/without-streaks --details

A case's twin has the same seed, the same draws and so the same page, figures, noise and
threshold; only the damage named is left out: a fax's streaks (`streaks`), or the stamp
pressed over the figures (`stamp`: drawn and its random draws made as before, then not
applied). The cases are built as drawn beside their twins (`as-drawn/`, `without-<condition>/`
under `--out`), by the same grammar: cases kept from an older grammar may differ. Read
both with `scan_conditions.py` and compare case by case: the figures the twin reads and
the case does not are the ones that condition costs. Build them in a folder of their
own, never into the shared case folders.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scan_conditions import load_grammar  # noqa: E402
from chitieu.plan import load_plan  # noqa: E402

WITHOUT = ("streaks", "stamp")


def without_streaks(draw: Callable[..., Any]) -> Callable[..., Any]:
    """`draw_case` whose cases keep every draw but send no streaks (drawn last in `_fax`:
    only the fax header's random number moves)."""

    def drawn(plan: Any, seed: int) -> Any:
        case = draw(plan, seed)
        case.conditions["streaks"] = False
        return case

    return drawn


def without_stamp(stamp_over: Callable[..., Any]) -> Callable[..., Any]:
    """The grammar's `stamp_over` (the stamp pressed over the figures; the signer's is
    another call) that makes its random draws and returns the page as it was."""

    def pressed(img: Any, box: tuple[float, float, float, float], dpi: int, rng: Any) -> Any:
        stamp_over(img, box, dpi, rng)
        return img

    return pressed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--without", choices=WITHOUT, required=True)
    ap.add_argument("--seeds", default="0-39")
    ap.add_argument("--tag", action="append", default=[], help="only cases with this tag")
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    sc = load_grammar()
    plan = load_plan(sc.PLAN_PATH)
    seeds = [
        s for s in sc.parse_seeds(args.seeds) if set(args.tag) <= set(sc.draw_case(plan, s).tags())
    ]
    with tempfile.TemporaryDirectory(prefix="scan-twins-") as tmp:
        for work in ("a", "b"):  # the grammar builds its sources in a folder that exists
            (Path(tmp) / work).mkdir()
        sc.make_cases(seeds, args.out / "as-drawn", Path(tmp) / "a", plan)
        if args.without == "streaks":
            sc.draw_case = without_streaks(sc.draw_case)
        else:
            sc.scanning.stamp_over = without_stamp(sc.scanning.stamp_over)
        twins = args.out / f"without-{args.without}"
        cases = sc.make_cases(seeds, twins, Path(tmp) / "b", plan)
    print(f"{len(cases)} cases in {args.out / 'as-drawn'}, their twins in {twins}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
