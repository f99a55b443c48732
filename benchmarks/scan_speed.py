"""Speed of reading scans and photos, against bare `tesseract -l vie` on the same page images.

    .venv/bin/python benchmarks/scan_speed.py [--repeat 2] [--ocrmypdf] [--cli-only] [--turns 5]
        [--before OLD_TREE] [--parts 3]

First (issue 14): the whole `chitieu extract PLAN two-page.pdf` process (start-up, imports,
plan, reading, interpretation, printing) against bare `tesseract PAGE stdout -l vie` on
its two page images side by side (two processes at once), measured in turns in the same
run: each turn times them back to back (order alternating) with the load average beside
it, and the ratio is taken within the turn. The 2-page PDF joins two sample scans (their
image streams kept). `--before OLD_TREE` times the same command on an older checkout in
the same turns (e.g. `git archive main | tar -x -C /tmp/before`). Every tree runs with its
bytecode cached (in a temporary directory, PYTHONDONTWRITEBYTECODE dropped), as an
installed chitieu does.

`--parts N` splits the CPU of that command (median of N runs) by where it goes: start-up,
imports and plan (the main thread until the scan reader starts), each kind of Tesseract
read (page OCR, prose cells, digits, digits cross-check) and the models' loading (timed in
the thread that runs them), the scan reader's own Python (render, level, grid, crops, QR:
the rest), interpretation and printing; beside it, bare tesseract's CPU on the two pages
(and, with `--before`, the older tree's parts in the same runs).

For every sample in samples/returns/{scan,photo}: our `read_scan` (deskew, grid, page OCR,
per-cell re-reads, QR), and bare `tesseract PAGE stdout -l vie` (OMP_THREAD_LIMIT=1) on the
page image our reader starts from. Prints wall seconds per page, CPU seconds per page (ours:
this process and its children; bare: the command), and the ratios. Then a multi-page PDF
of all scan pages, to show pages running in parallel. `--ocrmypdf` adds `ocrmypdf -l vie
--deskew` on the same pages.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
import statistics
import subprocess
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
import pypdfium2 as pdfium  # noqa: E402

from extract.formats.scan import read_scan  # noqa: E402
from extract.ocr._exec import ocrmypdf, tesseract_text  # noqa: E402
from extract.ocr.pages import load_pages  # noqa: E402
from extract.settings import ScanSettings  # noqa: E402

SAMPLES = ROOT / "samples" / "returns"
PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
TWO_PAGES = ("annex-200dpi-skew.pdf", "form-yen-hoa-200dpi.pdf")


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def timed(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(median wall seconds, CPU seconds per run of this process and its children):
    Tesseract runs in this process now, the bare command in a child."""
    walls: list[float] = []
    cpu0 = _children_cpu() + time.process_time()
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        walls.append(time.perf_counter() - t0)
    return statistics.median(walls), (_children_cpu() + time.process_time() - cpu0) / repeat


def two_page_pdf(dst: Path) -> Path:
    """Two sample scans joined into one PDF (pages copied, images not re-encoded)."""
    out = pdfium.PdfDocument.new()
    for name in TWO_PAGES:
        out.import_pages(pdfium.PdfDocument(SAMPLES / "scan" / name))
    out.save(dst)
    return dst


def _chitieu() -> list[str]:
    beside = Path(sys.executable).parent / "chitieu"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("chitieu")
    return [found] if found else [sys.executable, "-c", "from chitieu.cli import main; main()"]


# Compiled bytecode for every tree timed, outside the trees: an installed chitieu has its
# .pyc files, but PYTHONDONTWRITEBYTECODE (set in some shells and CI) would make every
# timed run compile each module again (0.1-0.2 s of CPU a run), which bare tesseract
# never pays. The warm-up run writes them here.
PYCACHE = Path(tempfile.gettempdir()) / f"chitieu-scan-speed-pyc-{os.getuid()}"


def _wall(cmds: list[list[str]], code: Path = ROOT) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the processes) of running `cmds` all at once, with
    the chitieu code of `code` (this tree, or an older one to compare with)."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1", PYTHONPATH=str(code))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    cpu0 = _children_cpu()
    t0 = time.perf_counter()
    procs = [
        subprocess.Popen(c, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        for c in cmds
    ]
    for p, c in zip(procs, cmds, strict=True):
        _out, err = p.communicate()
        if p.returncode not in (0, 1):  # 1: figures to review, a normal outcome
            raise SystemExit(
                f"{c[0]} failed ({p.returncode}, code in {code}): {err.decode()[-400:]}"
            )
    return time.perf_counter() - t0, _children_cpu() - cpu0


def whole_extract(work: Path, turns: int, before: Path | None = None) -> None:
    """`chitieu extract` on a 2-page scan vs bare tesseract on its 2 pages side by side;
    with `before`, the same command on an older tree, in the same turns."""
    settings = ScanSettings()
    pdf = two_page_pdf(work / "two-pages.pdf")
    pngs = []
    for page in load_pages(pdf, settings):
        png = work / f"two-pages-{page.page}.png"
        cv2.imwrite(str(png), page.gray)
        pngs.append(png)
    bare = [["tesseract", str(p), "stdout", "-l", "vie"] for p in pngs]
    ours = [[*_chitieu(), "extract", str(PLAN), str(pdf)]]
    print(
        f"\nWhole `chitieu extract` on a 2-page scanned PDF ({' + '.join(TWO_PAGES)}, 200 dpi)"
        f" vs bare `tesseract -l vie` on its 2 pages side by side; {os.cpu_count()} cores"
    )
    head = f"{'turn':>4} {'load':>5} {'ours s':>7} {'bare s':>7} {'ratio':>6}"
    head += f" {'ours cpu':>9} {'bare cpu':>9}"
    if before:
        print(f"before = the same command with the code in {before}")
        head += f" {'before s':>9} {'ratio':>6} {'bef. cpu':>9}"
    print(head)
    _wall(ours)  # warm the page cache and Python's bytecode cache
    if before:
        _wall(ours, before)
    ratios: list[float] = []
    before_ratios: list[float] = []
    cpu_ratios: list[float] = []
    before_cpu_ratios: list[float] = []
    for i in range(turns):
        load = os.getloadavg()[0]
        runs = [("bare", bare, ROOT), ("ours", ours, ROOT)]
        if before:
            runs.append(("before", ours, before))
        if i % 2:  # alternate the order: the load moves while a turn runs
            runs.reverse()
        t = {name: _wall(cmds, code) for name, cmds, code in runs}
        (o, oc), (b, bc) = t["ours"], t["bare"]
        ratios.append(o / b)
        cpu_ratios.append(oc / bc)
        line = f"{i + 1:>4} {load:5.1f} {o:7.2f} {b:7.2f} {o / b:6.2f} {oc:9.2f} {bc:9.2f}"
        if before:
            w, wc = t["before"]
            before_ratios.append(w / b)
            before_cpu_ratios.append(wc / bc)
            line += f" {w:9.2f} {w / b:6.2f} {wc:9.2f}"
        print(line, flush=True)
    print(
        f"median ratio {statistics.median(ratios):.2f} (min {min(ratios):.2f}, max"
        f" {max(ratios):.2f}) over {turns} turns, CPU {statistics.median(cpu_ratios):.2f};"
        f" load {os.getloadavg()[0]:.1f} at the end"
    )
    if before_ratios:
        print(
            f"before: median ratio {statistics.median(before_ratios):.2f} (min"
            f" {min(before_ratios):.2f}, max {max(before_ratios):.2f}),"
            f" CPU {statistics.median(before_cpu_ratios):.2f}"
        )


# Run in a child: `chitieu extract` with its Tesseract calls and the scan reader timed in
# CPU seconds of the thread that runs them; prints one JSON line of parts.
_PARTS_CHILD = r"""
import json, os, sys, time
from collections import defaultdict
from extract.ocr import _tessapi
import extract.formats.scan as scan
cpu = defaultdict(float)
KIND = {11: "page OCR", 6: "prose cells", 7: "digits", 13: "digits cross-check"}
init, words, read = _tessapi.Engine.__init__, _tessapi.Engine.words, scan.read_scan
def timed_init(self, *a, **k):
    t = time.thread_time()
    try:
        return init(self, *a, **k)
    finally:
        cpu["loading models"] += time.thread_time() - t
def timed_words(self, image, **k):
    t = time.thread_time()
    try:
        return words(self, image, **k)
    finally:
        cpu[KIND.get(k.get("psm"), "other reads")] += time.thread_time() - t
marks = {}
def timed_read(*a, **k):
    marks["start"] = time.thread_time()
    try:
        return read(*a, **k)
    finally:
        marks["end"] = time.thread_time()
_tessapi.Engine.__init__, _tessapi.Engine.words = timed_init, timed_words
scan.read_scan = timed_read
# `chitieu extract` reads in a fork (extract.isolated.extract_forked): the parts would be
# timed in the child and lost. Read in this process instead (the fork costs milliseconds).
import extract.isolated
from extract import extract_file
extract.isolated.extract_forked = lambda path, plan, limits=None: extract_file(path, plan)
sys.argv = ["chitieu", "extract", *sys.argv[1:]]
from chitieu.cli import main
try:
    main()
except SystemExit:
    pass
t = os.times()
total = t.user + t.system
cpu["start-up, imports, plan, PDF check"] = marks["start"]
cpu["interpretation, printing"] = time.thread_time() - marks["end"]
cpu["reader Python: render, level, grid, crops, QR"] = total - sum(cpu.values())
cpu["total"] = total
sys.__stdout__.write("PARTS " + json.dumps(cpu) + "\n")
"""


def cpu_parts(work: Path, runs: int, before: Path | None = None) -> None:
    """Where the CPU of `chitieu extract` on the 2-page scan goes (median of `runs`), for
    this tree and, with `before`, an older one measured in the same runs."""
    pdf = two_page_pdf(work / "two-pages.pdf")
    pngs = []
    for page in load_pages(pdf, ScanSettings()):
        png = work / f"two-pages-{page.page}.png"
        cv2.imwrite(str(png), page.gray)
        pngs.append(png)
    bare = [["tesseract", str(p), "stdout", "-l", "vie"] for p in pngs]
    code = [sys.executable, "-c", _PARTS_CHILD, str(PLAN), str(pdf)]
    trees = [ROOT] + ([before] if before else [])

    def env(tree: Path) -> dict[str, str]:
        out = dict(os.environ, OMP_THREAD_LIMIT="1", PYTHONPATH=str(tree))
        out.pop("PYTHONDONTWRITEBYTECODE", None)
        out["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
        return out

    for tree in trees:  # bytecode, page cache
        subprocess.run(code, capture_output=True, env=env(tree), check=False)
    parts: list[dict[str, list[float]]] = [{} for _ in trees]
    bare_cpu: list[float] = []
    loads: list[float] = []
    for _ in range(runs):
        loads.append(os.getloadavg()[0])
        for tree, found in zip(trees, parts, strict=True):
            done = subprocess.run(code, capture_output=True, text=True, env=env(tree), check=False)
            line = next((ln for ln in done.stdout.splitlines() if ln.startswith("PARTS ")), None)
            if line is None:
                raise SystemExit(f"the instrumented run printed no parts: {done.stderr[-400:]}")
            for name, value in json.loads(line[6:]).items():
                found.setdefault(name, []).append(value)
        bare_cpu.append(_wall(bare)[1])
    b = statistics.median(bare_cpu)
    print(
        f"\nCPU of `chitieu extract` on the 2-page scan by part, median of {runs} runs"
        f" (load {min(loads):.1f}-{max(loads):.1f}); bare tesseract on the 2 pages: {b:.2f} s"
    )
    head = f"  {'part':48} {'s':>5} {'x bare':>6}"
    print(head + (f" {'before s':>8} {'x bare':>6}" if before else ""))
    for name, values in sorted(parts[0].items(), key=lambda kv: -statistics.median(kv[1])):
        v = statistics.median(values)
        line = f"  {name:48} {v:5.2f} {v / b:6.2f}"
        if before:
            w = statistics.median(parts[1].get(name, [float("nan")]))
            line += f" {w:8.2f} {w / b:6.2f}"
        print(line)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--ocrmypdf", action="store_true", help="also time ocrmypdf -l vie --deskew")
    ap.add_argument("--turns", type=int, default=5, help="timed turns of the whole-process run")
    ap.add_argument("--cli-only", action="store_true", help="only the whole-process 2-page run")
    ap.add_argument("--before", type=Path, help="an older chitieu tree to time in the same turns")
    ap.add_argument("--parts", type=int, default=0, help="runs of the CPU split by part")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="scan-speed-") as tmp:
        if args.turns:
            whole_extract(Path(tmp), args.turns, args.before)
        if args.parts:
            cpu_parts(Path(tmp), args.parts, args.before)
    if args.cli_only:
        return 0
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
