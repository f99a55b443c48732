"""Deterministic generator of scanned and photographed returns, with their ground truth.

    .venv/bin/python samples/returns/make_scans.py [--out samples/returns]

Source pages are DOCX (python-docx, `_return_pages`) → PDF in ONE soffice call with its
own profile → `pdftoppm -gray` at 150/200/300 dpi → degraded with a seeded RNG
(`_scanning`): rotation 1–2°, a red round stamp over the signature, a pen signature,
noise, JPEG; photos add a perspective warp on a dark table, uneven light and blur.
Writes `scan/`, `photo/` and `truth_scans.json` (file → unit, records, problems).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import qrcode
from PIL import Image

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from _return_pages import annex_docx, form_docx, return_docx  # noqa: E402
from _scanning import degrade, photograph, rasterise, save, signer_box, write_by_hand  # noqa: E402

from chitieu.form_ids import qr_payload  # noqa: E402
from chitieu.plan import Plan, load_plan  # noqa: E402
from chitieu.render.pdf import convert_to_pdf  # noqa: E402

PLAN_PATH = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
SEED = 20210630


@dataclass
class Source:
    """One DOCX page to make, and the truth it carries."""

    name: str
    unit: str | None  # the document's own unit (a ward's return), None for the annex
    records: list[dict[str, object]]
    signer_name: str
    qr: str | None = None
    variants: list[dict[str, object]] = field(default_factory=list)
    form: bool = False  # the drafting engineer's real return form (chitieu.render), filled in
    handwritten: bool = False  # the form's results written by hand, in blue ink


def sources(plan: Plan, rng: np.random.Generator) -> list[Source]:
    key = plan.main_period.key
    annex_records = []
    for unit in plan.reporting_units:
        for ind in plan.indicators:
            v = plan.target(unit.id, ind.id, key)
            if v is not None:
                annex_records.append({"unit": unit.id, "indicator": ind.id, "value": int(v)})
    out = [
        Source(
            "annex",
            None,
            annex_records,
            plan.document.signer.name,
            variants=[
                {
                    "file": "scan/annex-200dpi-skew.pdf",
                    "dpi": 200,
                    "angle": 1.5,
                    "colour": False,
                    "quality": 60,
                },
                {
                    "file": "scan/annex-300dpi.jpg",
                    "dpi": 300,
                    "angle": -1.2,
                    "colour": False,
                    "quality": 60,
                },
                {"file": "photo/annex-photo.jpg", "dpi": 200, "photo": True, "quality": 60},
            ],
        )
    ]
    wards = [
        (
            "quan-hoa",
            "Nguyễn Văn Hùng",
            [
                {
                    "file": "scan/quan-hoa-150dpi.png",
                    "dpi": 150,
                    "angle": 1.0,
                    "colour": False,
                    "quality": 0,
                    "noise": 2,
                }
            ],
        ),
        (
            "yen-hoa",
            "Trần Thị Lan",
            [
                {
                    "file": "scan/yen-hoa-300dpi.tif",
                    "dpi": 300,
                    "angle": -1.8,
                    "colour": False,
                    "quality": 60,
                }
            ],
        ),
        (
            "nghia-do",
            "Lê Minh Tuấn",
            [
                {
                    "file": "scan/nghia-do-form-qr-200dpi.pdf",
                    "dpi": 200,
                    "angle": 1.3,
                    "colour": True,
                    "quality": 60,
                },
                {
                    "file": "photo/nghia-do-form-qr-photo.jpg",
                    "dpi": 200,
                    "photo": True,
                    "quality": 60,
                },
            ],
        ),
        (
            "mai-dich",
            "Phạm Thu Hà",
            [{"file": "photo/mai-dich-photo.jpg", "dpi": 200, "photo": True, "quality": 60}],
        ),
        (
            "trung-hoa",
            "Đỗ Quang Vinh",
            [
                {
                    "file": "scan/trung-hoa-lowq.jpg",
                    "dpi": 100,
                    "angle": 2.0,
                    "colour": False,
                    "quality": 25,
                    "blur": 1.6,
                    "noise": 25,
                    "low": True,
                }
            ],
        ),
        (
            "dich-vong",
            "Vũ Thị Mai",
            [
                {
                    "file": "scan/dich-vong-200dpi.jpg",
                    "dpi": 200,
                    "angle": 1.7,
                    "colour": False,
                    "quality": 60,
                }
            ],
        ),
        (
            "nghia-tan",
            "Hoàng Văn Nam",
            [
                {
                    "file": "scan/nghia-tan-colour.pdf",
                    "dpi": 200,
                    "angle": -1.4,
                    "colour": True,
                    "quality": 55,
                },
                {"file": "photo/nghia-tan-photo.jpg", "dpi": 200, "photo": True, "quality": 60},
            ],
        ),
        (
            "dich-vong-hau",
            "Bùi Thị Hằng",
            [
                {
                    "file": "scan/dich-vong-hau-150dpi.tif",
                    "dpi": 150,
                    "angle": -1.0,
                    "colour": False,
                    "quality": 70,
                }
            ],
        ),
    ]
    for i, (unit_id, signer, variants) in enumerate(wards):
        values = {ind.id: int(rng.choice([0, 1, 2, 3, 4, 5, 7, 12, 16])) for ind in plan.indicators}
        records = [{"unit": unit_id, "indicator": k, "value": v} for k, v in values.items()]
        qr = qr_payload(plan.document.number, unit_id, key) if unit_id == "nghia-do" else None
        src = Source(f"return-{unit_id}", unit_id, records, signer, qr=qr, variants=variants)
        src.variants = [dict(v, number=f"{40 + i}/BC-UBND", values=values) for v in variants]
        out.append(src)
    forms = [
        (
            "yen-hoa",
            [
                {
                    "file": "scan/form-yen-hoa-200dpi.pdf",
                    "dpi": 200,
                    "angle": 1.2,
                    "colour": True,
                    "quality": 55,
                }
            ],
        ),
        (
            "dich-vong",
            [{"file": "photo/form-dich-vong-photo.jpg", "dpi": 200, "photo": True, "quality": 60}],
        ),
    ]
    form_rng = np.random.default_rng(SEED + 1)  # the samples above stay as they were
    for unit_id, variants in forms:
        values = {
            ind.id: int(form_rng.choice([0, 1, 2, 3, 5, 8, 11, 14])) for ind in plan.indicators
        }
        records = [{"unit": unit_id, "indicator": k, "value": v} for k, v in values.items()]
        qr = qr_payload(plan.document.number, unit_id, key)
        src = Source(f"form-{unit_id}", unit_id, records, "CHỦ TỊCH", qr=qr, form=True)
        src.variants = [dict(v, values=values) for v in variants]
        out.append(src)
    hand_rng = np.random.default_rng(SEED + 2)
    values = {
        ind.id: int(hand_rng.choice([0, 1, 2, 3, 4, 6, 7, 9, 10, 13])) for ind in plan.indicators
    }
    src = Source(
        "form-quan-hoa-hand",
        "quan-hoa",
        [{"unit": "quan-hoa", "indicator": k, "value": v} for k, v in values.items()],
        "CHỦ TỊCH",
        qr=qr_payload(plan.document.number, "quan-hoa", key),
        form=True,
        handwritten=True,
    )
    src.variants = [
        {
            "file": "scan/form-quan-hoa-handwritten.jpg",
            "dpi": 200,
            "angle": -0.8,
            "colour": True,
            "quality": 60,
            "values": values,
            "hand": True,
        }
    ]
    out.append(src)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = ap.parse_args(argv)
    plan = load_plan(PLAN_PATH)
    rng = np.random.default_rng(SEED)
    srcs = sources(plan, rng)
    hand_rng = np.random.default_rng(SEED + 3)
    truth: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="make-scans-") as tmp:
        work = Path(tmp)
        docs = []
        for src in srcs:
            path = work / f"{src.name}.docx"
            if src.unit is None:
                annex_docx(plan, path)
            elif src.form:
                values = None if src.handwritten else src.variants[0]["values"]
                form_docx(plan, src.unit, values, path, work)  # type: ignore[arg-type]
            else:
                qr_png = None
                if src.qr:
                    qr_png = work / f"{src.name}-qr.png"
                    qrcode.make(src.qr, border=2).save(str(qr_png))
                v = src.variants[0]
                return_docx(
                    plan, src.unit, v["values"], str(v["number"]), src.signer_name, path, qr_png
                )  # type: ignore[arg-type]
            docs.append(path)
        convert_to_pdf(docs, work, timeout=300)  # one soffice call, private profile
        for src in srcs:
            pdf = work / f"{src.name}.pdf"
            sign = signer_box(pdf, src.signer_name)
            for v in src.variants:
                dpi = int(v["dpi"])  # type: ignore[arg-type]
                page = rasterise(pdf, dpi, work)
                if src.handwritten:
                    page = write_by_hand(page, pdf, dpi, plan, v["values"], hand_rng)  # type: ignore[arg-type]
                if v.get("photo"):
                    clean = degrade(
                        page, dpi, sign, rng, angle=0.0, colour=True, noise=3.0, below=src.form
                    )
                    img = photograph(clean, rng)
                else:
                    img = degrade(
                        page,
                        dpi,
                        sign,
                        rng,
                        angle=float(v["angle"]),
                        colour=bool(v["colour"]),  # type: ignore[arg-type]
                        noise=float(v.get("noise", 6.0)),
                        below=src.form,
                    )  # type: ignore[arg-type]
                    if v.get("blur"):
                        img = Image.fromarray(
                            cv2.GaussianBlur(np.asarray(img), (0, 0), float(v["blur"]))
                        )  # type: ignore[arg-type]
                out = args.out / str(v["file"])
                save(img, out, dpi, int(v["quality"]) or 95)  # type: ignore[arg-type]
                entry: dict[str, object] = {
                    "unit": src.unit,
                    "records": src.records,
                    "problems": ["low_confidence"] if v.get("low") else [],
                }
                if v.get("hand"):
                    entry["expect"] = "right_or_flagged"  # handwriting: never silently wrong
                if v.get("low"):
                    entry["expect"] = (
                        "flagged"  # values may be unreadable: each must be right or flagged
                    )
                if src.qr:
                    entry["qr"] = src.qr
                truth[str(v["file"])] = entry
                print(f"{out.relative_to(args.out)}: {out.stat().st_size // 1024} KB")
    (args.out / "truth_scans.json").write_text(
        json.dumps(dict(sorted(truth.items())), ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
