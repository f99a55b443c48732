"""Speed of reading scans and photos, against bare `tesseract -l vie` on the same page images.

    .venv/bin/python benchmarks/scan_speed.py [--repeat 2] [--ocrmypdf]

For every sample in samples/returns/{scan,photo}: our `read_scan` (deskew, grid, page OCR,
per-cell re-reads, QR), and bare `tesseract PAGE stdout -l vie` (OMP_THREAD_LIMIT=1) on the
page image our reader starts from. Prints wall seconds per page, CPU seconds per page (the
tools' processes), and the ratios. Then a multi-page PDF of all scan pages, to show pages
running in parallel. `--ocrmypdf` adds `ocrmypdf -l vie --deskew` on the same pages.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402
import img2pdf  # noqa: E402

from extract.formats.scan import read_scan  # noqa: E402
from extract.ocr._exec import ocrmypdf, tesseract_text  # noqa: E402
from extract.ocr.pages import load_pages  # noqa: E402
from extract.settings import ScanSettings  # noqa: E402

SAMPLES = ROOT / "samples" / "returns"


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(median wall seconds, CPU seconds of child processes per run)."""
    walls: list[float] = []
    cpu0 = _children_cpu()
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        walls.append(time.perf_counter() - t0)
    return statistics.median(walls), (_children_cpu() - cpu0) / repeat


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--ocrmypdf", action="store_true", help="also time ocrmypdf -l vie --deskew")
    args = ap.parse_args(argv)
    settings = ScanSettings()
    files = sorted((SAMPLES / "scan").iterdir()) + sorted((SAMPLES / "photo").iterdir())
    print(f"{os.cpu_count()} cores; {len(files)} one-page samples; median of {args.repeat}")
    print(f"{'sample':38} {'ours s':>7} {'bare s':>7} {'ratio':>6} {'ours cpu':>9} {'bare cpu':>9}")
    ours_all: list[float] = []
    bare_all: list[float] = []
    with tempfile.TemporaryDirectory(prefix="scan-speed-") as tmp:
        work = Path(tmp)
        pngs: list[Path] = []
        for f in files:
            page = load_pages(f, settings)[0]
            png = work / f"{f.stem}.png"
            cv2.imwrite(str(png), page.gray)
            pngs.append(png)
            ours, ours_cpu = timed(lambda f=f: read_scan(f, settings), args.repeat)
            bare, bare_cpu = timed(
                lambda png=png: tesseract_text(png, language="vie", timeout_s=300), args.repeat
            )
            ours_all.append(ours)
            bare_all.append(bare)
            name = f"{f.parent.name}/{f.name}"
            print(
                f"{name:38} {ours:7.2f} {bare:7.2f} {ours / bare:6.2f} {ours_cpu:9.2f} {bare_cpu:9.2f}"
            )
        o, b = statistics.mean(ours_all), statistics.mean(bare_all)
        print(f"{'mean per page':38} {o:7.2f} {b:7.2f} {o / b:6.2f}")

        # All scan pages as one PDF: pages are read in parallel on all cores.
        scans = [p for p, f in zip(pngs, files, strict=True) if f.parent.name == "scan"]
        multi = work / "all-scans.pdf"
        jpgs = []
        for p in scans:
            ok, buf = cv2.imencode(".jpg", cv2.imread(str(p), cv2.IMREAD_GRAYSCALE))
            assert ok
            jpgs.append(io.BytesIO(buf.tobytes()).getvalue())
        multi.write_bytes(
            img2pdf.convert(jpgs, layout_fun=img2pdf.get_fixed_dpi_layout_fun((200, 200)))
        )
        n = len(scans)
        ours_multi, _c = timed(lambda: read_scan(multi, settings), 1)

        def bare_parallel() -> None:
            with ThreadPoolExecutor(max_workers=settings.workers) as pool:
                list(pool.map(lambda p: tesseract_text(p, language="vie", timeout_s=300), scans))

        bare_multi, _c = timed(bare_parallel, 1)
        print(
            f"{n}-page PDF: ours {ours_multi / n:.2f} s/page, bare tesseract on {settings.workers}"
            f" workers {bare_multi / n:.2f} s/page, ratio {ours_multi / bare_multi:.2f}"
        )
        if args.ocrmypdf:
            times = []
            for f in files[:3]:
                src = f if f.suffix == ".pdf" else work / f"{f.stem}-in.pdf"
                if f.suffix != ".pdf":
                    src.write_bytes(img2pdf.convert(f.read_bytes()))
                wall, _c = timed(
                    lambda src=src: ocrmypdf(src, work / "o.pdf", language="vie", timeout_s=600),
                    1,
                )
                times.append(wall)
            print(f"ocrmypdf -l vie --deskew: {statistics.mean(times):.2f} s/page (3 samples)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
