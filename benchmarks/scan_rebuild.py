"""A scan grammar's cases rebuilt and compared: a seed alone against the same seed built in
a batch (in any order), and rebuilt cases against a folder of kept ones.

    .venv/bin/python benchmarks/scan_rebuild.py --grammar layouts --seeds 0-11 --orders
    .venv/bin/python benchmarks/scan_rebuild.py --seeds 0-199 --against /work/cases/tune

Every case must be a pure function of its seed and its grammar: the shared case folders,
every before/after comparison and the held-out half rest on it. `--orders` builds every
seed alone, then all together forwards and backwards, and prints each case that differs;
`--against DIR` prints which kept cases a rebuild no longer gives (the same bytes, or at
least the same pixels when only the encoding differs). The tune half (even seeds) only
unless `--half test`: the held-out half is the coordinator's to rebuild.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageSequence

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scan_conditions import GRAMMARS, load_grammar  # noqa: E402
from chitieu.plan import load_plan  # noqa: E402


def pages(path: Path) -> list[np.ndarray]:
    """A case file's pages as pixel arrays (PDF: the images img2pdf embedded)."""
    if path.suffix.lower() == ".pdf":
        import pikepdf

        with pikepdf.open(path) as pdf:
            return [
                np.asarray(pikepdf.PdfImage(img).as_pil_image())
                for page in pdf.pages
                for img in (
                    page.get_images() if hasattr(page, "get_images") else page.images
                ).values()
            ]
    with Image.open(path) as img:
        return [np.asarray(frame.copy()) for frame in ImageSequence.Iterator(img)]


def difference(a: Path, b: Path) -> str:
    """ "" when the two case files are the same bytes or the same pixels, else what differs."""
    if a.read_bytes() == b.read_bytes():
        return ""
    pa, pb = pages(a), pages(b)
    if len(pa) != len(pb):
        return f"{len(pa)} pages against {len(pb)}"
    out = []
    for i, (x, y) in enumerate(zip(pa, pb, strict=True), start=1):
        if x.shape != y.shape:
            out.append(f"page {i}: {x.shape[:2]} px against {y.shape[:2]}")
        elif not np.array_equal(x, y):
            changed = x != y
            n = int(changed.any(axis=-1).sum() if changed.ndim == 3 else changed.sum())
            out.append(f"page {i}: {n} px differ")
    return "; ".join(out)


def build(grammar: Any, seeds: list[int], out: Path, plan: Any) -> dict[int, Path]:
    """`seeds` built together (in this order) into `out`: seed → its file."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="scan-rebuild-") as work:
        cases = grammar.make_cases(seeds, out, Path(work), plan)
    return {c.seed: out / c.file for c in cases}


def order_differences(grammar: Any, seeds: list[int], out: Path, plan: Any) -> dict[int, str]:
    """Each seed built alone, then in a batch forwards and backwards: what differs."""
    alone: dict[int, Path] = {}
    for s in seeds:
        alone.update(build(grammar, [s], out / f"alone-{s}", plan))
    found: dict[int, str] = {}
    for name, order in (("forwards", seeds), ("backwards", seeds[::-1])):
        for s, path in build(grammar, order, out / name, plan).items():
            diff = difference(alone[s], path)
            if diff:
                found[s] = f"{found.get(s, '')} {name}: {diff}".strip()
    return found


def kept_differences(
    grammar: Any, seeds: list[int], kept: Path, out: Path, plan: Any
) -> dict[int, str]:
    """Each seed rebuilt (in one batch) against the file of the same name in `kept`."""
    found: dict[int, str] = {}
    for s, path in build(grammar, seeds, out, plan).items():
        old = kept / path.name
        found[s] = difference(path, old) if old.exists() else "not kept"
    return {s: d for s, d in found.items() if d}


def report(found: dict[int, str], seeds: Iterable[int]) -> int:
    seeds = list(seeds)
    for s in seeds:
        if s in found:
            print(f"seed {s}: {found[s]}")
    print(f"{len(seeds) - len(found)}/{len(seeds)} cases the same")
    return 1 if found else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--grammar", choices=tuple(GRAMMARS), default="conditions")
    ap.add_argument("--seeds", default="0-7")
    ap.add_argument("--half", choices=("tune", "test"), default="tune")
    ap.add_argument("--orders", action="store_true", help="alone against in a batch")
    ap.add_argument("--against", type=Path, help="a folder of kept cases of this grammar")
    ap.add_argument("--out", type=Path, help="keep the rebuilt cases here")
    args = ap.parse_args(argv)
    grammar = load_grammar(args.grammar)
    plan = load_plan(grammar.PLAN_PATH)
    seeds = [
        s for s in grammar.parse_seeds(args.seeds) if grammar.is_test(s) == (args.half == "test")
    ]
    with tempfile.TemporaryDirectory(prefix="scan-rebuilt-") as tmp:
        out = args.out or Path(tmp)
        status = 0
        if args.orders:
            print("alone against in a batch:")
            status |= report(order_differences(grammar, seeds, out / "orders", plan), seeds)
        if args.against:
            print(f"rebuilt against {args.against}:")
            found = kept_differences(grammar, seeds, args.against, out / "rebuilt", plan)
            status |= report(found, seeds)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
