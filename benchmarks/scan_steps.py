"""Seconds per page of each step the office-conditions work added to the scan reader.

    .venv/bin/python benchmarks/scan_steps.py [--seeds 0-19] [--kind photo] [--keep DIR]

Every step is timed where it runs (the functions are wrapped while `read_scan` reads the
seeded cases of `samples/returns/scan_conditions.py`), summed per page. Steps that run
only on some pages (OSD when no table is found, the word-box table, the enlargement of
pages under 160 dpi) are reported over the pages where they ran. The enlargement's cost
is the page OCR's extra time against the same page read at its own resolution.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from scan_conditions import load_grammar  # noqa: E402

from extract.formats import scan  # noqa: E402
from extract.ocr import (  # noqa: E402
    bilevel,
    blur,
    cell_crops,
    cell_reads,
    cells,
    faint_rules,
    geometry,
    grey_read,
    grid,
    layout,
    level,
    page_read,
    pages,
    seals,
    word_box,
)
from extract.ocr._exec import tesseract_tsv  # noqa: E402

sc = load_grammar()
PER_PAGE: dict[str, list[float]] = defaultdict(list)
CURRENT: dict[str, float] = defaultdict(float)


def wrap(module: object, name: str, label: str) -> None:
    original = getattr(module, name)

    def timed(*args: object, **kwargs: object) -> object:
        t0 = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            CURRENT[label] += time.perf_counter() - t0

    setattr(module, name, timed)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", default="0-19")
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--kind", choices=("scan", "photo"), help="only printed scans or photos")
    args = ap.parse_args(argv)
    seeds = sc.parse_seeds(args.seeds)
    if args.kind:
        plan = sc.load_plan(sc.PLAN_PATH)
        seeds = [s for s in seeds if sc.draw_case(plan, s).kind == args.kind]
    wrap(grid, "_structural", "short-rule and streak filter")
    wrap(cell_crops, "print_threshold", "stamp split per cell")
    wrap(layout, "tables_from_words", "word-box table")
    wrap(page_read, "upright", "OSD turn (after a bad read)")
    wrap(level, "upright", "OSD turn (sideways, ink unsure)")
    wrap(level, "both_axes", "which way up (ink balance)")
    wrap(geometry, "find_page", "photo: page edge")
    wrap(geometry, "even_light", "photo: even light")
    wrap(geometry, "red_lift", "photo: red stamp lift")
    wrap(geometry, "stretch_contrast", "photo: contrast")
    wrap(scan, "open_pages", "page count and size check")
    wrap(geometry, "skew_angle", "skew (with streak masking)")
    wrap(seals, "wipe_rings", "seals found and wiped")
    wrap(page_read, "streaks_removed", "streaks filled")
    wrap(grid, "broken_rules", "fax: dashed rules found")
    wrap(grid, "dashed_rows", "fax: row rules chained from dashes")
    wrap(bilevel, "as_sent", "fax stored lossily: two levels again")
    wrap(bilevel, "is_bilevel", "black-and-white test")
    wrap(bilevel, "soften", "fax: softened for the OCR")
    wrap(blur, "is_blurred", "blur measure")
    wrap(blur, "sharpen", "blurred: sharpened for the OCR")
    wrap(cell_crops, "wider_than_read", "digit count against ink width")
    wrap(cells, "read_stretched", "stretched re-read of wide figures")
    wrap(bilevel, "despeckle", "fax: lone specks taken off")
    wrap(cell_reads.qr, "read_form_ids", "QR (sharpened if blurred)")
    wrap(faint_rules, "whole_rules", "photo: faint rules joined")
    wrap(cell_crops, "prepare_crop", "number crops (specks, off-line marks)")
    wrap(word_box, "confirm", "photo: figure re-read from page words")
    wrap(grey_read, "confirm", "photo, fax: figure read grey by two models")
    with tempfile.TemporaryDirectory(prefix="scan-steps-") as tmp:
        out = args.keep or Path(tmp) / "cases"
        if not (out / "truth.json").exists():
            sc.make_cases(seeds, out, Path(tmp))
        truth = {
            k: v
            for k, v in json.loads((out / "truth.json").read_text("utf-8")).items()
            if v["seed"] in seeds
        }
        n_pages = 0
        enlarged: list[float] = []
        for name in sorted(truth):
            CURRENT.clear()
            t0 = time.perf_counter()
            doc = scan.read_scan(out / name)
            total = time.perf_counter() - t0
            n_pages += doc.page_count
            for label, sec in CURRENT.items():
                PER_PAGE[label].append(sec / doc.page_count)
            PER_PAGE["whole read"].append(total / doc.page_count)
            # The enlargement of small pages: the page OCR at 200 dpi against its own dpi.
            page = pages.load_pages(out / name, scan.ScanSettings())[0]
            if page.dpi < 160:
                png = Path(tmp) / "p.pgm"
                settings = scan.ScanSettings()
                t1 = time.perf_counter()
                cell_reads.page_words(page.gray, page.dpi, settings, png, enlarge=True)
                big = time.perf_counter() - t1
                t1 = time.perf_counter()
                tesseract_tsv(
                    _own(page.gray, Path(tmp) / "own.pgm"),
                    language=settings.language,
                    psm=settings.page_psm,
                    timeout_s=settings.timeout_s,
                    dpi=round(page.dpi),
                )
                enlarged.append(big - (time.perf_counter() - t1))
    print(f"{len(truth)} files, {n_pages} pages; seconds per page where the step ran")
    print(f"{'step':<34}{'pages':>6}{'median':>8}{'max':>8}")
    for label, values in sorted(PER_PAGE.items()):
        print(f"{label:<34}{len(values):>6}{statistics.median(values):>8.3f}{max(values):>8.3f}")
    if enlarged:
        print(
            f"{'enlarging pages < 160 dpi (OCR)':<34}{len(enlarged):>6}"
            f"{statistics.median(enlarged):>8.3f}{max(enlarged):>8.3f}"
        )
    return 0


def _own(gray: object, path: Path) -> Path:
    import cv2

    cv2.imwrite(str(path), gray)
    return path


if __name__ == "__main__":
    raise SystemExit(main())
