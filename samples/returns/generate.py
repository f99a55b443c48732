"""Deterministic generator of returned forms with their ground truth.

    .venv/bin/python samples/returns/generate.py [--out samples/returns] [--no-pdf]

Writes `xlsx/`, `docx/`, `pdf/` (from the docx, one batched LibreOffice call) and `bad/`
under the output directory, and `truth.json`: file -> expected records and problem
codes (or the expected exit code 2 for files that cannot be read). Values come from a
seeded random generator, so every run writes the same figures.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from _bad_inputs import write_bad_inputs  # noqa: E402
from _docx_build import Letter  # noqa: E402
from _xlsx_build import IND, NAMES, write_xlsx_samples  # noqa: E402

from chitieu.render.pdf import convert_to_pdf  # noqa: E402

PLAN = "samples/cau-giay-2021/plan.yaml"
PERIOD = "2021-06"
ANNEX = {  # seed 000, exactly as issued
    "quan-hoa": ["01", "01", "01", "0", "01"],
    "yen-hoa": ["01"] * 5,
    "trung-hoa": ["01"] * 5,
    "mai-dich": ["01"] * 5,
    "dich-vong": ["01", "01", "01", "0", "01"],
    "dich-vong-hau": ["01"] * 5,
    "nghia-tan": ["01"] * 5,
    "nghia-do": ["01"] * 5,
    "doi-csdt-ma-tuy": ["02", "", "", "", ""],
}
UNIT_NAMES = {
    "quan-hoa": "Quan Hoa",
    "yen-hoa": "Yên Hòa",
    "trung-hoa": "Trung Hòa",
    "mai-dich": "Mai Dịch",
    "dich-vong": "Dịch Vọng",
    "dich-vong-hau": "Dịch Vọng Hậu",
    "nghia-tan": "Nghĩa Tân",
    "nghia-do": "Nghĩa Đô",
    "doi-csdt-ma-tuy": "Đội CSĐTTP về Ma Túy",
}
FIXED_TIME = datetime(2021, 7, 1, 8, 0, 0)


class Truth:
    def __init__(self) -> None:
        self.files: dict[str, dict[str, Any]] = {}

    def add(
        self,
        name: str,
        records: list[dict[str, Any]],
        problems: list[str] | None = None,
        role: str = "result",
        note: str = "",
    ) -> None:
        for r in records:
            r.setdefault("period", PERIOD)
            r.setdefault("needs_review", False)
            r.setdefault("role", role)
        self.files[name] = {
            "exit": 0,
            "records": records,
            "problems": sorted(problems or []),
            "note": note,
        }

    def bad(self, name: str, note: str) -> None:
        self.files[name] = {"exit": 2, "records": [], "problems": [], "note": note}


def rec(unit: str, ind: str, value: int | None, review: bool = False) -> dict[str, Any]:
    return {"unit": unit, "indicator": ind, "value": value, "needs_review": review}


def two(n: int) -> str:
    return f"{n:02d}"


def letter(unit_upper: str, date: str = "Cầu Giấy, ngày 30 tháng 6 năm 2021") -> Letter:
    return Letter("UBND QUẬN CẦU GIẤY", unit_upper, date)


def _title(doc: Letter) -> None:
    doc.title("BÁO CÁO", "Kết quả thực hiện Tháng hành động phòng, chống ma túy tháng 6/2021")


def write_docx_samples(out: Path, truth: Truth, rng: random.Random) -> list[Path]:
    made: list[Path] = []

    def save(doc: Letter, name: str) -> Path:
        doc.doc.core_properties.created = FIXED_TIME
        doc.doc.core_properties.modified = FIXED_TIME
        path = out / "docx" / name
        doc.save(path)
        made.append(path)
        return path

    # 1. one-row header, prose that agrees with the table
    v = {i: rng.randint(0, 3) for i in IND}
    d = letter("UBND PHƯỜNG QUAN HOA")
    _title(d)
    d.para(
        f"Trong tháng, Công an phường đã điều tra khám phá {two(v['hinh_su'])} vụ hình sự; "
        f"lập hồ sơ đưa {two(v['cnbb'])} người đi cai nghiện bắt buộc."
    )
    d.table(
        [["TT", "Đơn vị", *[NAMES[i] for i in IND], "Ghi chú"]],
        [["1", "Phường Quan Hoa", *[two(v[i]) for i in IND], ""]],
    )
    d.sign("CHỦ TỊCH", "Nguyễn Văn A")
    save(d, "bc-quan-hoa.docx")
    truth.add("docx/bc-quan-hoa.docx", [rec("quan-hoa", i, v[i]) for i in IND])

    # 2. two-row header with a spanning group, as the seed annex
    v = {i: rng.randint(0, 3) for i in IND}
    d = letter("UBND PHƯỜNG YÊN HÒA")
    _title(d)
    d.para("Phường Yên Hòa báo cáo kết quả thực hiện các chỉ tiêu được giao như sau:")
    d.table(
        [
            [
                "TT",
                "Nội dung",
                NAMES["hinh_su"],
                NAMES["nd111"],
                NAMES["nd94"],
                "Lập hồ sơ đưa cai nghiện ma túy",
                "<",
            ],
            ["^", "^", "Tổng số", "^", "^", NAMES["cnbb"], NAMES["cntn"]],
        ],
        [["1", "Kết quả thực hiện", *[two(v[i]) for i in IND]]],
    )
    save(d, "bc-yen-hoa-2row.docx")
    truth.add("docx/bc-yen-hoa-2row.docx", [rec("yen-hoa", i, v[i]) for i in IND])

    # 3. shuffled columns, abbreviations, extra columns that are not indicators
    v = {i: rng.randint(0, 4) for i in IND}
    order = ["cntn", "hinh_su", "cnbb", "nd94", "nd111"]
    heads = {
        "cntn": "CNTN tại Trung tâm",
        "hinh_su": "Số vụ khám phá hình sự",
        "cnbb": "CNBB",
        "nd94": "Quản lý theo NĐ 94/CP",
        "nd111": "Giáo dục tại phường (NĐ 111)",
    }
    d = Letter(None, "CÔNG AN PHƯỜNG TRUNG HÒA", "Trung Hòa, ngày 01 tháng 7 năm 2021")
    _title(d)
    d.table(
        [
            [
                "STT",
                "Số người nghiện có hồ sơ quản lý",
                *[heads[i] for i in order],
                "Số điểm phức tạp",
                "Ghi chú",
            ]
        ],
        [["1", "17", *[two(v[i]) for i in order], "0", "Đã rà soát"]],
    )
    save(d, "bc-trung-hoa-shuffled.docx")
    truth.add("docx/bc-trung-hoa-shuffled.docx", [rec("trung-hoa", i, v[i]) for i in IND])

    # 4. prose and table disagree on one indicator
    v = {i: rng.randint(1, 3) for i in IND}
    d = letter("UBND PHƯỜNG MAI DỊCH")
    _title(d)
    d.para(f"Phường đã lập hồ sơ đưa {two(v['cnbb'] + 1)} người đi cai nghiện bắt buộc.")
    d.table(
        [["TT", *[NAMES[i] for i in IND]]],
        [["1", *[two(v[i]) for i in IND]]],
    )
    save(d, "bc-mai-dich-prose-mismatch.docx")
    truth.add(
        "docx/bc-mai-dich-prose-mismatch.docx",
        [rec("mai-dich", i, v[i], review=(i == "cnbb")) for i in IND],
        ["prose_mismatch", "low_confidence"],
    )

    # 5. indicators down the rows; target / result / rate / note columns
    v = {i: rng.randint(0, 3) for i in IND}
    d = letter("UBND PHƯỜNG DỊCH VỌNG HẬU")
    _title(d)
    rows = []
    for n, i in enumerate(IND, start=1):
        rows.append([str(n), NAMES[i], "01", two(v[i]), f"{v[i] * 100}%", ""])
    d.table(
        [["TT", "Nội dung chỉ tiêu", "Chỉ tiêu giao", "Kết quả thực hiện", "Tỷ lệ (%)", "Ghi chú"]],
        rows,
    )
    save(d, "bc-dich-vong-hau-roles.docx")
    truth.add("docx/bc-dich-vong-hau-roles.docx", [rec("dich-vong-hau", i, v[i]) for i in IND])

    # 6. the seed-000 annex: many units, targets
    d = Letter(None, "ỦY BAN NHÂN DÂN QUẬN CẦU GIẤY", "Cầu Giấy, ngày 31 tháng 5 năm 2021")
    d.title(
        "BIỂU CHỈ TIÊU ĐẤU TRANH, CAI NGHIỆN MA TÚY GIAO TRONG THÁNG HÀNH ĐỘNG PHÒNG, CHỐNG MA TÚY NĂM 2020",
        "(Kèm theo kế hoạch số 152/KH-UBND ngày 31/5/2021 của UBND quận)",
    )
    rows = []
    for n, (u, vals) in enumerate(ANNEX.items(), start=1):
        rows.append([str(n), UNIT_NAMES[u], *vals])
    rows.append(["Tổng cộng", "", "10", "08", "08", "06", "08"])
    d.table(
        [
            [
                "TT",
                "Đơn vị",
                NAMES["hinh_su"],
                NAMES["nd111"],
                NAMES["nd94"],
                "Lập hồ sơ đưa cai nghiện ma túy",
                "<",
            ],
            ["^", "^", "Tổng số", "^", "^", NAMES["cnbb"], NAMES["cntn"]],
        ],
        rows,
    )
    d.para(
        "Lưu ý: - Phấn đấu 100% các vụ bắt giữ xử lý hình sự có tính chất mua bán, vận chuyển trái phép các chất ma túy."
    )
    save(d, "annex-152-cau-giay.docx")
    annex_records = [
        rec(u, i, int(x))
        for u, vals in ANNEX.items()
        for i, x in zip(IND, vals, strict=True)
        if x != ""
    ]
    truth.add("docx/annex-152-cau-giay.docx", annex_records, role="target")

    # 7. consolidated results with a wrong total row
    vals = {u: {i: rng.randint(0, 2) for i in IND} for u in list(UNIT_NAMES)[:8]}
    d = Letter("CÔNG AN QUẬN CẦU GIẤY", "ĐỘI TỔNG HỢP", "Cầu Giấy, ngày 02 tháng 7 năm 2021")
    d.title("BẢNG TỔNG HỢP KẾT QUẢ CÁC PHƯỜNG THÁNG 6/2021")
    rows = [
        [str(n), UNIT_NAMES[u], *[two(vals[u][i]) for i in IND]]
        for n, u in enumerate(vals, start=1)
    ]
    totals = [sum(vals[u][i] for u in vals) for i in IND]
    totals[1] += 1  # the clerk's arithmetic slip, on nd111
    rows.append(["", "Tổng cộng", *[two(t) for t in totals]])
    d.table([["TT", "Đơn vị", *[NAMES[i] for i in IND]]], rows)
    save(d, "bc-tong-hop-total-mismatch.docx")
    truth.add(
        "docx/bc-tong-hop-total-mismatch.docx",
        [rec(u, i, vals[u][i], review=(i == "nd111")) for u in vals for i in IND],
        ["total_mismatch", "low_confidence"],
    )

    # 7b. the same kind of table broken over a page (the PDF shows two tables)
    vals = {u: {i: rng.randint(0, 3) for i in IND} for u in list(UNIT_NAMES)[:8]}
    d = Letter("CÔNG AN QUẬN CẦU GIẤY", "ĐỘI TỔNG HỢP", "Cầu Giấy, ngày 03 tháng 7 năm 2021")
    d.title("BÁO CÁO TỔNG HỢP KẾT QUẢ THÁNG HÀNH ĐỘNG PHÒNG, CHỐNG MA TÚY THÁNG 6/2021")
    for k in range(1, 25):
        d.para(
            f"{k}. Các phường đã tổ chức tuyên truyền, ra quân, rà soát địa bàn theo kế hoạch (nội dung {k})."
        )
    rows = [
        [str(n), UNIT_NAMES[u], *[two(vals[u][i]) for i in IND]]
        for n, u in enumerate(vals, start=1)
    ]
    rows.append(["", "Tổng cộng", *[two(sum(vals[u][i] for u in vals)) for i in IND]])
    d.table([["TT", "Đơn vị", *[NAMES[i] for i in IND]]], rows)
    save(d, "bc-tong-hop-2-trang.docx")
    truth.add("docx/bc-tong-hop-2-trang.docx", [rec(u, i, vals[u][i]) for u in vals for i in IND])

    # 8. a ward that is not in the plan
    d = letter("UBND PHƯỜNG LÁNG THƯỢNG")
    _title(d)
    d.table([["TT", *[NAMES[i] for i in IND]]], [["1", "01", "01", "0", "01", "01"]])
    save(d, "bc-lang-thuong-unknown.docx")
    truth.add("docx/bc-lang-thuong-unknown.docx", [], ["unknown_unit"])

    # 9. value spellings: "-", "Không", "02 người", blank, an unclear cell
    d = letter("UBND PHƯỜNG DỊCH VỌNG")
    _title(d)
    d.table(
        [["TT", *[NAMES[i] for i in IND]]],
        [["1", "-", "Không", "02 người", "khoảng 3", ""]],
    )
    save(d, "bc-dich-vong-values.docx")
    truth.add(
        "docx/bc-dich-vong-values.docx",
        [
            rec("dich-vong", "hinh_su", 0),
            rec("dich-vong", "nd111", 0),
            rec("dich-vong", "nd94", 2),
            rec("dich-vong", "cnbb", 3, review=True),
        ],
        ["missing_indicator", "low_confidence"],
    )
    return made


PDF_FROM_DOCX = [
    "bc-quan-hoa.docx",
    "bc-yen-hoa-2row.docx",
    "bc-trung-hoa-shuffled.docx",
    "bc-mai-dich-prose-mismatch.docx",
    "bc-dich-vong-hau-roles.docx",
    "annex-152-cau-giay.docx",
    "bc-tong-hop-total-mismatch.docx",
    "bc-tong-hop-2-trang.docx",
]


def write_pdfs(out: Path, truth: Truth) -> None:
    """One batched LibreOffice call (the project's own converter), with its own profile."""
    pdf_dir = out / "pdf"
    convert_to_pdf([out / "docx" / n for n in PDF_FROM_DOCX], pdf_dir, timeout=600)
    for n in PDF_FROM_DOCX:
        pdf = n.replace(".docx", ".pdf")
        entry = json.loads(json.dumps(truth.files[f"docx/{n}"]))
        truth.files[f"pdf/{pdf}"] = entry


def _fix_all(out: Path) -> None:
    for path in sorted(out.glob("*/*")):
        if path.suffix in (".docx", ".xlsx", ".odt", ".zip") and zipfile.is_zipfile(path):
            _fixed_zip_times(path)


def _fixed_zip_times(path: Path) -> None:
    """Same bytes on every run: members stamped 1980-01-01 instead of the time of writing."""
    with zipfile.ZipFile(path) as zin:
        items = [(i, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(path, "w") as zout:
        for info, data in items:
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = info.compress_type
            fixed.external_attr = info.external_attr
            zout.writestr(fixed, data)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=HERE)
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args()
    rng = random.Random(20210630)
    truth = Truth()
    write_xlsx_samples(args.out, truth, rng)
    write_docx_samples(args.out, truth, rng)
    if not args.no_pdf:
        write_pdfs(args.out, truth)
    _fix_all(args.out)
    write_bad_inputs(args.out, truth)
    _fix_all(args.out)
    data = {"plan": PLAN, "files": dict(sorted(truth.files.items()))}
    (args.out / "truth.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8"
    )
    print(f"{len(truth.files)} samples written to {args.out}")


if __name__ == "__main__":
    main()
