"""What one condition costs: each case built again without it, all else as drawn.

    .venv/bin/python benchmarks/scan_twins.py --without streaks --seeds 200-399 \\
        --tag fax-streaks --out /tmp/twins/nostreak
    .venv/bin/python benchmarks/scan_conditions.py --seeds 200-399 --half tune \\
        --keep /tmp/twins/nostreak --details

A case's twin has the same seed, the same draws and so the same page, figures, noise and
threshold; only the damage named is left out: a fax's streaks (`streaks`), or the stamp
pressed over the figures (`stamp`: drawn and its random draws made as before, then not
applied). Read both with `scan_conditions.py` and compare case by case: the figures the
twin reads and the case does not are the ones that condition costs. Build twins in a
folder of their own, never into the shared case folders.
"""

from __future__ import annotations

import argparse
import inspect
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


def without_stamp(stamp: Callable[..., Any]) -> Callable[..., Any]:
    """The grammar's `_stamp` that, pressed over the figures (called from `_page_pixels`),
    makes its random draws and returns the page as it was; the signer's stamp stays."""

    def pressed(img: Any, center: tuple[int, int], dpi: int, rng: Any) -> Any:
        out = stamp(img, center, dpi, rng)
        return img if inspect.stack()[1].function == "_page_pixels" else out

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
    if args.without == "streaks":
        sc.draw_case = without_streaks(sc.draw_case)
    else:
        sc.ms._stamp = without_stamp(sc.ms._stamp)
    with tempfile.TemporaryDirectory(prefix="scan-twins-") as tmp:
        cases = sc.make_cases(seeds, args.out, Path(tmp), plan)
    print(f"{len(cases)} twins without {args.without} in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
