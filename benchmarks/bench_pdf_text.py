"""Reading text-layer PDF returns in process, against PDFium's own character extraction.

    .venv/bin/python benchmarks/bench_pdf_text.py [--rounds 5] [--pages 2] [--files F.pdf ...]
        [--pdfplumber]

Files: the text PDFs of the generated corpus (`.work/corpus`, written by
`benchmarks/extract_accuracy.py --what corpus`) with `--pages` pages (0: any), else
the text PDFs of `samples/returns/pdf/`. Baseline, measured in the same run, interleaved
file by file with ours: pypdfium2 opening the file and extracting every character with
its box (`PdfTextPage.count_chars`, `get_charbox` for each, `get_text_range`). Ours:
`extract.read_document` (the reader: characters, words, lines, ruling lines, tables) and
`extract_file` (reader and interpretation against the plan). CPU time of this process
(`time.process_time`), the median over `--rounds` of each file's time, summed over the
files. `--pdfplumber` also times what the reader did before issue 14 (pdfplumber: every
page's characters, words and tables), for reference.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLES = ROOT / "samples" / "returns" / "pdf"
SAMPLE_PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
CORPUS = ROOT / ".work" / "corpus"


def pdfium_chars(path: Path) -> int:
    """The baseline: every character of every page with its box, and the page's text."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    n = 0
    try:
        for page in pdf:
            textpage = page.get_textpage()
            count = textpage.count_chars()
            for i in range(count):
                textpage.get_charbox(i)
            textpage.get_text_range()
            n += count
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return n


def pdfplumber_reading(path: Path) -> None:
    """What the reader did before issue 14, for reference."""
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            _ = page.chars, page.images
            page.extract_words()
            for table in page.find_tables():
                table.extract()


def _files(args: argparse.Namespace) -> list[tuple[Path, Path]]:
    """(PDF, its plan): the corpus's text PDFs, else the samples."""
    import json

    import pypdfium2 as pdfium

    if args.files:
        return [(Path(f), args.plan or SAMPLE_PLAN) for f in args.files]
    truth_path = CORPUS / "truth.json"
    out: list[tuple[Path, Path]] = []
    if truth_path.exists():
        truth = json.loads(truth_path.read_text("utf-8"))
        for rel, exp in sorted(truth["files"].items()):
            path = CORPUS / rel
            if path.suffix != ".pdf" or not path.exists():
                continue
            pdf = pdfium.PdfDocument(str(path))
            pages = len(pdf)
            pdf.close()
            if args.pages and pages != args.pages:
                continue
            out.append((path, CORPUS / "plans" / f"{exp['plan']}.yaml"))
    if not out:
        out = [(p, SAMPLE_PLAN) for p in sorted(SAMPLES.glob("*.pdf"))]
    return out[: args.n] if args.n else out


def _time(fn: Callable[[], object]) -> float:
    t0 = time.process_time()
    fn()
    return time.process_time() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--pages", type=int, default=2, help="corpus PDFs of this many pages (0: all)")
    ap.add_argument("--n", type=int, default=0, help="at most this many files")
    ap.add_argument("--files", nargs="*")
    ap.add_argument("--plan", type=Path)
    ap.add_argument("--pdfplumber", action="store_true", help="also time the old reader")
    args = ap.parse_args()

    from chitieu.plan import load_plan
    from extract import extract_file, read_document

    files = _files(args)
    plans = {plan: load_plan(plan) for plan in {p for _, p in files}}
    kinds = ["pdfium", "reader", "extract"] + (["pdfplumber"] * args.pdfplumber)
    per_file: dict[str, list[float]] = {k: [] for k in kinds}
    chars = pages = 0
    for path, plan in files:  # warm up: imports, caches
        read_document(path)
        extract_file(path, plans[plan])
        chars += pdfium_chars(path)
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        pages += len(pdf)
        pdf.close()
    for path, plan in files:
        calls: dict[str, Callable[[], object]] = {
            "pdfium": partial(pdfium_chars, path),
            "reader": partial(read_document, path),
            "extract": partial(extract_file, path, plans[plan]),
            "pdfplumber": partial(pdfplumber_reading, path),
        }
        runs: dict[str, list[float]] = {k: [] for k in kinds}
        for _ in range(args.rounds):  # interleaved, so that machine load hits all alike
            for k in kinds:
                runs[k].append(_time(calls[k]))
        for k in kinds:
            per_file[k].append(statistics.median(runs[k]))

    n = len(files)
    total = {k: sum(v) for k, v in per_file.items()}
    base = total["pdfium"]
    print(f"{n} text PDFs, {pages} pages, {chars} characters; median of {args.rounds} rounds")
    print(f"{'what':<42}{'ms/file':>9}{'files/s':>9}{'× pdfium':>10}")
    names = {
        "pdfium": "pypdfium2: every character with its box",
        "reader": "read_document (the reader)",
        "extract": "extract_file (reader + interpretation)",
        "pdfplumber": "pdfplumber reading (before issue 14)",
    }
    for k in kinds:
        ms = total[k] / n * 1000
        print(f"{names[k]:<42}{ms:>9.1f}{n / total[k]:>9.1f}{total[k] / base:>9.2f}×")
    ratios = sorted(r / b for r, b in zip(per_file["reader"], per_file["pdfium"], strict=True))
    print(
        f"reader / pdfium per file: median {statistics.median(ratios):.2f}×, "
        f"worst {ratios[-1]:.2f}×"
    )


if __name__ == "__main__":
    main()
