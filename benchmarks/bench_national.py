"""National scale: intake + reconcile + report for 3,321 xã/phường × 20 indicators.

    .venv/bin/python benchmarks/bench_national.py [--units 3321] [--indicators 20] [--pdf]
                                                  [--work DIR] [--flow] [--flow-only]
                                                  [--batch 50]

Builds a plan (country → 34 provinces → xã), writes one digital XLSX return per unit
(our own return form, `chitieu/form_ids.py`), takes them in through the real intake and
extraction into a SQLite store, then reconciles and writes the national report (DOCX,
chart, XLSX; PDF with --pdf). A second round of returns, superseding the first, doubles
the archive; reconcile + report run again so their peak memory (tracemalloc) can be
compared: it should not grow with the number of files kept.

With --flow, round 1 is taken in twice, each in a fresh process with a store of its own:
by the core intake (what `chitieu intake` runs: one file after another) and through the
Prefect intake flow (files received and stored in batches of --batch, read in parallel in
child processes); files per second and peak RSS of each process are printed side by side,
the Prefect API's start timed apart. Both must have stored every file, with the same
figures: otherwise it exits 1. --flow-only stops after that comparison (a reduced size
fits CI: `--flow-only --units 40 --indicators 5`, run by tests/test_flows_national.py).

Prints figures; speed is never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from chitieu.receipt import write_receipt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook  # noqa: E402

from chitieu.form_ids import FORMAT, HIDDEN_SHEET  # noqa: E402

PROVINCES = 34
PERIOD_KEY = "2026-06"


def make_plan(path: Path, n_units: int, n_ind: int) -> dict[str, list[int]]:
    """Write the plan YAML; returns unit id -> targets (indicator order)."""
    lines = [
        "document:",
        '  number: "15/KH-BCĐ"',
        "  date: 2026-05-20",
        '  place: "Hà Nội"',
        '  issuer: "BAN CHỈ ĐẠO PHÒNG, CHỐNG TỘI PHẠM, TỆ NẠN XÃ HỘI"',
        '  title: "Thực hiện các chỉ tiêu phòng, chống ma túy tháng 6 năm 2026"',
        '  signer: {authority: "TM. BAN CHỈ ĐẠO", title: "TRƯỞNG BAN", name: "Nguyễn Văn A"}',
        '  recipients: ["Văn phòng Chính phủ"]',
        '  archive: "Lưu: VT, TH."',
        "period: {start: 2026-06-01, end: 2026-06-30}",
        "report_deadline: 2026-07-05",
        "units:",
        '  - {id: vn, name: "Việt Nam", kind: "toàn quốc"}',
    ]
    for p in range(PROVINCES):
        lines.append(f'  - {{id: t{p:02d}, name: "Tỉnh số {p + 1}", kind: "tỉnh", parent: vn}}')
    targets: dict[str, list[int]] = {}
    for u in range(n_units):
        uid = f"x{u:04d}"
        lines.append(
            f'  - {{id: {uid}, name: "Xã số {u + 1}", kind: "xã", parent: t{u % PROVINCES:02d}}}'
        )
        targets[uid] = [(u + k) % 4 for k in range(n_ind)]
    lines.append("indicators:")
    for k in range(n_ind):
        lines.append(f'  - {{id: c{k:02d}, name: "Chỉ tiêu số {k + 1}", measure: "người"}}')
    lines.append("targets:")
    for uid, ts in targets.items():
        body = ", ".join(f"c{k:02d}: {v}" for k, v in enumerate(ts))
        lines.append(f"  {uid}: {{{body}}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return targets


def write_return(path: Path, unit: str, values: list[int]) -> None:
    """Our XLSX return form with the ward's figures in column E."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Báo cáo"
    ws["A1"] = f"UBND {unit.upper()}"
    ws["A4"] = "BIỂU BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU THÁNG 6/2026"
    ws.append([])
    ws.append([])
    ws.append(["TT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu giao", "Kết quả"])
    hidden = wb.create_sheet(HIDDEN_SHEET)
    hidden.sheet_state = "veryHidden"
    meta = [
        ("format", FORMAT),
        ("plan_number", "15/KH-BCĐ"),
        ("plan_date", "2026-05-20"),
        ("unit", unit),
        ("period", PERIOD_KEY),
    ]
    for r, (k, v) in enumerate(meta, start=1):
        hidden.cell(r, 1, k)
        hidden.cell(r, 2, v)
    for c, h in enumerate(["indicator", "result_cell", "target_cell", "sheet"], start=1):
        hidden.cell(7, c, h)
    for k, v in enumerate(values):
        r = 8 + k
        ws.cell(r, 1, k + 1)
        ws.cell(r, 2, f"Chỉ tiêu số {k + 1}")
        ws.cell(r, 3, "người")
        ws.cell(r, 5, v)
        hidden.cell(r, 1, f"c{k:02d}")
        hidden.cell(r, 2, f"E{r}")
        hidden.cell(r, 3, f"D{r}")
        hidden.cell(r, 4, "Báo cáo")
    wb.save(path)


def write_inbox(inbox: Path, targets: dict[str, list[int]], shift: int, at: datetime) -> None:
    import os

    inbox.mkdir(parents=True, exist_ok=True)
    for n, (uid, ts) in enumerate(targets.items()):
        if n % 97 == 5:  # a few units never report
            continue
        path = inbox / f"bc-{uid}-{shift}.xlsx"
        write_return(path, uid, [max(0, t + (n + shift) % 3 - 1) for t in ts])
        stamp = (at + timedelta(minutes=n)).timestamp()
        os.utime(path, (stamp, stamp))
        write_receipt(path, at + timedelta(minutes=n))


def measured(label: str, fn: Callable[[], Any]) -> tuple[Any, float, float]:
    """Run fn twice: once timed, once under tracemalloc for its peak Python allocations."""
    t0 = time.perf_counter()
    fn()
    dt = time.perf_counter() - t0
    tracemalloc.start()
    out = fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    mib = peak / 2**20
    print(f"{label:<46} {dt:9.3f} s   peak {mib:8.1f} MiB")
    return out, dt, mib


def timed(label: str, fn: Callable[[], Any]) -> tuple[Any, float]:
    t0 = time.perf_counter()
    out = fn()
    dt = time.perf_counter() - t0
    print(f"{label:<46} {dt:9.3f} s")
    return out, dt


def _peak_rss_mib() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def intake_child(how: str, plan_path: Path, inbox: Path, home: Path, batch: int) -> None:
    """--intake-child: round 1 in this (fresh) process, by the core intake (what
    `chitieu intake` runs) or through the Prefect intake flow; one line of JSON figures."""
    from collections import Counter

    started: dict[str, float] = {}
    if how == "flow":
        from flows.runtime import apply_prefect_defaults

        apply_prefect_defaults(quiet=True)
        os.environ.pop("PREFECT_API_URL", None)  # a lone run: Prefect's ephemeral API
        from flows.cycle import start_prefect
        from flows.intake import intake_flow

        t0 = time.perf_counter()
        start_prefect()  # timed on its own: a served deployment pays it once, not per run
        started["api_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        run = intake_flow(plan_path, inbox, home=home, review_in_ui=False, batch_size=batch)
        seconds, summary = time.perf_counter() - t0, run.summary
    else:
        from chitieu.intake import intake
        from chitieu.plan import load_plan
        from chitieu.store import Store

        t0 = time.perf_counter()
        with Store.open(f"sqlite:///{home / 'chitieu.db'}") as store:
            summary = intake(load_plan(plan_path), inbox, store, home / "archive")
        seconds = time.perf_counter() - t0
    statuses = Counter(f.status.value for f in summary.files)
    print(json.dumps({"seconds": seconds, "files": len(summary.files), "statuses": statuses,
                      "records": sum(f.records for f in summary.files),
                      "peak_rss_mib": _peak_rss_mib(), **started}))  # fmt: skip


def _in_child(how: str, plan_path: Path, inbox: Path, home: Path, batch: int) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--intake-child", how, str(plan_path), str(inbox), str(home),
           "--batch", str(batch)]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        sys.exit(f"{how} intake failed:\n{done.stderr[-3000:]}")
    return json.loads(lines[-1])  # type: ignore[no-any-return]


def current_figures(url: str, plan_path: Path) -> list[tuple[Any, ...]]:
    """The store's current results (unit, indicator, period, value, needs_review), sorted."""
    from chitieu.plan import load_plan
    from chitieu.store import Store

    with Store.open(url) as store:
        plan_id = store.plan_id(load_plan(plan_path))
        rows = store.current_results(plan_id) if plan_id is not None else []
    return sorted((r.unit, r.indicator, r.period, r.value, r.needs_review) for r in rows)


def flow_vs_core(plan_path: Path, work: Path, expected: int, batch: int) -> Path:
    """Round 1 by the core intake and through the Prefect flow, each in a fresh process
    with a store of its own: files per second, peak RSS, and whether both stored every
    file with the same figures. Exits non-zero when they did not. Returns the core's home."""
    core_home, flow_home = work / "core-home", work / "flow-home"
    loads = [os.getloadavg()[0]]
    core = _in_child("core", plan_path, work / "inbox1", core_home, batch)
    loads.append(os.getloadavg()[0])
    flow = _in_child("flow", plan_path, work / "inbox1", flow_home, batch)
    loads.append(os.getloadavg()[0])
    print(f"  load average: {loads[0]:.1f} → core → {loads[1]:.1f} → flow → {loads[2]:.1f}")
    print(f"  Prefect API start (ephemeral, once per process): {flow['api_s']:.1f} s")
    print(f"  {'':<12}{'files':>7}{'files/s':>9}{'ms/file':>9}{'peak RSS MiB':>14}  statuses")
    for name, fig in (("core intake", core), ("flow", flow)):
        n, t = fig["files"], fig["seconds"]
        print(f"  {name:<12}{n:>7}{n / t:>9.1f}{t / n * 1000:>9.1f}{fig['peak_rss_mib']:>14.0f}"
              f"  {fig['statuses']}")  # fmt: skip
    ratio = (flow["seconds"] / flow["files"]) / (core["seconds"] / core["files"])
    print(f"  flow / core time per file: {ratio:.2f}×")
    same = current_figures(f"sqlite:///{core_home / 'chitieu.db'}", plan_path) == (
        current_figures(f"sqlite:///{flow_home / 'chitieu.db'}", plan_path)
    )
    stored = all(f["statuses"] == {"accepted": expected} for f in (core, flow))
    print(f"  every file stored by both: {'yes' if stored else 'NO'} ({expected} files, "
          f"{flow['records']} figures); same figures in both stores: {'yes' if same else 'NO'}")  # fmt: skip
    if not (stored and same):
        sys.exit(1)
    return core_home


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--units", type=int, default=3321)
    ap.add_argument("--indicators", type=int, default=20)
    ap.add_argument("--pdf", action="store_true", help="also time the LibreOffice PDF")
    ap.add_argument("--work", type=Path, default=None)
    ap.add_argument("--flow", action="store_true", help="also run the Prefect intake flow")
    ap.add_argument("--flow-only", action="store_true", help="--flow, then stop")
    ap.add_argument("--batch", type=int, default=50, help="files per batch in the flow")
    ap.add_argument("--intake-child", nargs=4, metavar=("HOW", "PLAN", "INBOX", "HOME"),
                    help=argparse.SUPPRESS)  # fmt: skip
    args = ap.parse_args()
    if args.intake_child:
        how, plan_arg, inbox_arg, home_arg = args.intake_child
        intake_child(how, Path(plan_arg), Path(inbox_arg), Path(home_arg), args.batch)
        return
    args.flow = args.flow or args.flow_only

    from chitieu.intake import intake
    from chitieu.plan import load_plan
    from chitieu.reconcile import reconcile, reconcile_stored
    from chitieu.record import Record
    from chitieu.report import write_report
    from chitieu.store import Store

    work = args.work or Path(tempfile.mkdtemp(prefix="chitieu-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"work dir: {work}  units: {args.units}  indicators: {args.indicators}")
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    plan_path = work / "plan.yaml"
    targets = make_plan(plan_path, args.units, args.indicators)
    plan, _ = timed("load plan", lambda: load_plan(plan_path))

    # Baseline in the same process: the pure core on the district plan of seed 000
    # (9 units × 5 indicators), every unit reporting.
    district = load_plan(ROOT / "samples" / "cau-giay-2021" / "plan.yaml")
    recs = [
        Record(u.id, i.id, district.main_period.key, 1)
        for u in district.reporting_units
        for i in district.indicators
    ]
    _, base_s = timed(
        "baseline: reconcile Cầu Giấy, 9 units (pure)", lambda: reconcile(district, recs, {})
    )

    timed(
        "write round-1 returns (XLSX)",
        lambda: write_inbox(work / "inbox1", targets, 0, datetime(2026, 7, 1, 8)),
    )
    url, archive = f"sqlite:///{work / 'store.db'}", work / "archive"
    if args.flow:
        print("intake round 1: core intake vs the Prefect flow, each in a fresh process")
        written = sum(1 for _ in (work / "inbox1").glob("*.xlsx"))
        core_home = flow_vs_core(plan_path, work, written, args.batch)
        if args.flow_only:
            return
        url, archive = f"sqlite:///{core_home / 'chitieu.db'}", core_home / "archive"
    with Store.open(url) as store:
        if not args.flow:
            summary, t_in1 = timed(
                "intake round 1 (extract + store)",
                lambda: intake(plan, work / "inbox1", store, archive),
            )
            n_files = len(summary.files)
            print(f"  files taken in: {n_files}  ({t_in1 / max(1, n_files) * 1000:.1f} ms/file)")
        rec1, t_rec1, m_rec1 = measured(
            "reconcile (store → rows), archive ×1", lambda: reconcile_stored(plan, store)
        )
        _, t_rep1, m_rep1 = measured(
            "report DOCX + chart + XLSX, archive ×1",
            lambda: write_report(plan, rec1, work / "out1", pdf=False),
        )
        timed(
            "write round-2 returns (XLSX)",
            lambda: write_inbox(work / "inbox2", targets, 1, datetime(2026, 7, 2, 8)),
        )
        timed(
            "intake round 2 (supersedes round 1)",
            lambda: intake(plan, work / "inbox2", store, archive),
        )
        rec2, t_rec2, m_rec2 = measured(
            "reconcile (store → rows), archive ×2", lambda: reconcile_stored(plan, store)
        )
        _, t_rep2, m_rep2 = measured(
            "report DOCX + chart + XLSX, archive ×2",
            lambda: write_report(plan, rec2, work / "out2", pdf=False),
        )
        pure_recs = store.current_results(store.plan_id(plan))
        _, t_pure = timed(
            "reconcile, pure core only (records in memory)", lambda: reconcile(plan, pure_recs, {})
        )
    if args.pdf:
        from chitieu.render.pdf import convert_to_pdf

        docx = next((work / "out2").glob("*.docx"))
        timed("PDF (one LibreOffice call)", lambda: convert_to_pdf([docx], work / "out2"))

    archive_files = sum(1 for p in archive.rglob("*") if p.is_file())
    print()
    print(f"rows: {len(rec2.rows)}  totals: {len(rec2.totals)}  archive files: {archive_files}")
    print(f"reconcile + report, archive ×1: {t_rec1 + t_rep1:6.2f} s (target < 10 s)")
    print(f"reconcile + report, archive ×2: {t_rec2 + t_rep2:6.2f} s")
    print(
        f"pure reconcile national / Cầu Giấy: {t_pure / base_s:8.0f}× "
        f"for {len(pure_recs)} vs {len(recs)} records"
    )
    print(
        f"peak memory ratio archive ×2 / ×1: reconcile {m_rec2 / m_rec1:.2f}, "
        f"report {m_rep2 / m_rep1:.2f}"
    )


if __name__ == "__main__":
    main()
