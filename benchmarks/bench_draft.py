"""Time `draft`: the Cầu Giấy set, and return forms for 126 units (Hà Nội's xã/phường).

    .venv/bin/python benchmarks/bench_draft.py [--units 126] [--per-file 20]

Prints seconds for DOCX and XLSX generation, and PDF conversion in ONE soffice call
against one soffice call per file (over the first --per-file forms, scaled per file),
as a ratio measured in the same process.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chitieu.draft import draft  # noqa: E402
from chitieu.plan import Plan, load_plan, parse_plan  # noqa: E402
from chitieu.render.pdf import convert_to_pdf  # noqa: E402
from chitieu.render.return_form import ReturnForm  # noqa: E402
from chitieu.render.sheets import write_return_xlsx  # noqa: E402

SAMPLE = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"


def big_plan(n: int) -> Plan:
    """The sample's document and indicators, with `n` phường each holding a target of 1–3."""
    text = SAMPLE.read_text(encoding="utf-8")
    head = text.split("\nunits:\n")[0]
    tail = "\nindicators:\n" + text.split("\nindicators:\n")[1].split("\ntargets:\n")[0]
    units = ["units:"] + [
        f'  - {{id: phuong-{i:03d}, name: "Phường số {i}", kind: "phường"}}'
        for i in range(1, n + 1)
    ]
    targets = ["targets:"] + [
        f"  phuong-{i:03d}: {{hinh_su: {1 + i % 3}, nd111: 1, nd94: 1, cnbb: {i % 2}, cntn: 1}}"
        for i in range(1, n + 1)
    ]
    return parse_plan(
        "\n".join([head, *units]) + tail + "\n" + "\n".join(targets) + "\n", "bench.yaml"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=126)
    ap.add_argument("--per-file", type=int, default=20)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        t = time.perf_counter()
        res = draft(load_plan(SAMPLE), out / "cau-giay", pdf=True)
        print(
            f"Cầu Giấy set (plan + annexes + {len(res.by_kind['form_docx'])} forms, with PDF): "
            f"{time.perf_counter() - t:.2f} s, {len(res.paths)} files"
        )

        plan = big_plan(args.units)
        forms_dir = out / "forms"
        qr = out / "qr"
        t = time.perf_counter()
        docxs = []
        for u in plan.reporting_units:
            f = ReturnForm(plan, u, plan.main_period)
            docxs.append(f.write_docx(forms_dir / f"{u.id}.docx", qr / f"{u.id}.png"))
        t_docx = time.perf_counter() - t
        t = time.perf_counter()
        for u in plan.reporting_units:
            write_return_xlsx(ReturnForm(plan, u, plan.main_period), forms_dir / f"{u.id}.xlsx")
        t_xlsx = time.perf_counter() - t
        print(
            f"{len(docxs)} units: DOCX {t_docx:.2f} s ({t_docx / len(docxs) * 1000:.0f} ms/form), "
            f"XLSX {t_xlsx:.2f} s ({t_xlsx / len(docxs) * 1000:.0f} ms/form)"
        )

        t = time.perf_counter()
        convert_to_pdf(docxs, out / "pdf-batch")
        t_batch = time.perf_counter() - t
        sample = docxs[: args.per_file]
        t = time.perf_counter()
        for d in sample:
            convert_to_pdf([d], out / "pdf-single")
        t_single = (time.perf_counter() - t) / len(sample) * len(docxs)
        print(f"PDF, one soffice call for {len(docxs)} files: {t_batch:.2f} s")
        print(
            f"PDF, one soffice call per file (measured on {len(sample)}, scaled to {len(docxs)}): "
            f"{t_single:.2f} s"
        )
        print(f"ratio per-file / batch: {t_single / t_batch:.1f}x")


if __name__ == "__main__":
    main()
