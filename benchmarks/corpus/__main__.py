"""python -m benchmarks.corpus OUT_DIR [--seeds 0-239] [--formats xlsx,docx,pdf]"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.corpus.build import build_corpus


def seed_range(text: str) -> list[int]:
    out: list[int] = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out += list(range(int(lo), int(hi or lo) + 1))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seeds", default="0-239")
    ap.add_argument("--formats", default="xlsx,docx,pdf")
    args = ap.parse_args()
    truth = build_corpus(args.out, seed_range(args.seeds), set(args.formats.split(",")))
    print(f"{len(truth['files'])} returns written under {args.out}")


if __name__ == "__main__":
    main()
