"""img2table against our scan reader's tables, on the seeded office-conditions cases.

    python -m venv /tmp/i2t && /tmp/i2t/bin/pip install img2table   # its own venv:
    # img2table needs opencv-contrib-python, which clashes with our opencv-python-headless
    .venv/bin/python benchmarks/scan_img2table.py --python /tmp/i2t/bin/python [--seeds 0-39]

Both get the same file (first page). Scoring is the same for both and ignores review
flags: for each indicator, the table row whose label is closest to its name (fuzzy), and
the right-most clean number in that row; right / wrong / not found. Plus seconds per file.
img2table runs with `TesseractOCR(lang="vie")`, `implicit_rows=True`,
`borderless_tables=True`, `detect_rotation=True` (its most forgiving settings).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NUMBER = re.compile(r"^\s*(\d{1,6})\s*$")


def worker(files: list[str]) -> None:
    """Runs inside img2table's venv: print {file: {"tables": [[row cells]], "s": sec}}."""
    from img2table.document import Image
    from img2table.ocr import TesseractOCR

    ocr = TesseractOCR(n_threads=1, lang="vie")
    out = {}
    for f in files:
        t0 = time.perf_counter()
        try:
            doc = Image(f, detect_rotation=True)
            tables = doc.extract_tables(
                ocr=ocr, implicit_rows=True, borderless_tables=True, min_confidence=50
            )
            rows = [[[c.value or "" for c in row] for row in t.content.values()] for t in tables]
        except Exception as exc:  # report, keep going
            rows = []
            print(f"{f}: {exc}", file=sys.stderr)
        out[f] = {"tables": rows, "s": time.perf_counter() - t0}
    print(json.dumps(out, ensure_ascii=False))


def score(tables: list[list[list[str]]], records: list[dict], names: dict[str, str]) -> list[str]:
    from rapidfuzz import fuzz

    rows: list[list[str]] = []
    for t in tables:  # a row without any figure continues the label of the row above
        for row in t:
            if rows and len(row) == len(rows[-1]) and not any(NUMBER.match(c or "") for c in row):
                rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], row, strict=True)]
            else:
                rows.append(list(row))
    out = []
    for rec in records:
        name = names[rec["indicator"]]
        best, best_row = 0.0, None
        for row in rows:
            label = max(row, key=len, default="")
            s = fuzz.ratio(label.lower(), name.lower())
            if s > best:
                best, best_row = s, row
        value = None
        if best_row is not None and best >= 70:
            for cell in reversed(best_row):
                m = NUMBER.match(cell or "")
                if m:
                    value = int(m.group(1))
                    break
        out.append("none" if value is None else "right" if value == rec["value"] else "wrong")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--python", help="the interpreter of img2table's venv")
    ap.add_argument("--seeds", default="0-39")
    ap.add_argument("--half", choices=("both", "tune", "test"), default="tune")
    ap.add_argument("--keep", type=Path)
    ap.add_argument("--worker", nargs="*")
    args = ap.parse_args(argv)
    if args.worker is not None:
        worker(args.worker)
        return 0
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import cv2
    from scan_conditions import load_grammar

    from chitieu.plan import load_plan
    from extract.formats.scan import read_scan
    from extract.ocr.pages import load_pages
    from extract.settings import ScanSettings

    sc = load_grammar()

    plan = load_plan(sc.PLAN_PATH)
    names = {i.id: i.name for i in plan.indicators}
    seeds = [
        s
        for s in sc.parse_seeds(args.seeds)
        if args.half == "both" or (args.half == "test") == sc.is_test(s)
    ]
    with tempfile.TemporaryDirectory(prefix="scan-i2t-") as tmp:
        out = args.keep or Path(tmp) / "cases"
        if not (out / "truth.json").exists():
            sc.make_cases(seeds, out, Path(tmp), plan)
        truth = {
            k: v
            for k, v in json.loads((out / "truth.json").read_text("utf-8")).items()
            if v["seed"] in seeds
        }
        pngs = {}
        for name in truth:  # the first page, as pixels, for both readers
            page = load_pages(out / name, ScanSettings())[0]
            png = Path(tmp) / f"{Path(name).stem}.png"
            cv2.imwrite(str(png), page.gray)
            pngs[name] = png
        proc = subprocess.run(
            [args.python, __file__, "--worker", *map(str, pngs.values())],
            capture_output=True,
            text=True,
            check=True,
            env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"},  # not our venv's
        )
        theirs = json.loads(proc.stdout.strip().splitlines()[-1])  # after tesseract's banner
        tally = {"img2table": {"right": 0, "wrong": 0, "none": 0, "s": 0.0}}
        tally["ours"] = dict(tally["img2table"])
        for name, exp in sorted(truth.items()):
            t = theirs[str(pngs[name])]
            for r in score(t["tables"], exp["records"], names):
                tally["img2table"][r] += 1
            tally["img2table"]["s"] += t["s"]
            t0 = time.perf_counter()
            doc = read_scan(pngs[name])
            tally["ours"]["s"] += time.perf_counter() - t0
            ours = [
                [
                    [
                        (c.digits if c is not None and c.digits not in (None, "?") else c.text)
                        if c is not None
                        else ""
                        for c in row
                    ]
                    for row in tb.cells
                ]
                for tb in doc.tables
            ]
            for r in score(ours, exp["records"], names):
                tally["ours"][r] += 1
        n = len(truth)
        print(f"{'reader':<10}{'right':>7}{'wrong':>7}{'none':>7}{'s/file':>8}  ({n} files)")
        for who, t in tally.items():
            print(f"{who:<10}{t['right']:>7}{t['wrong']:>7}{t['none']:>7}{t['s'] / n:>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
