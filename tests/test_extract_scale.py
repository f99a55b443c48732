"""A national roll-up sheet: one row per xã (3,321), every figure read, none guessed.
(Correctness at scale; the speed is measured by benchmarks/extract_accuracy.py.)"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from chitieu.plan import parse_plan
from extract import extract_file

N = 3321


def test_national_rollup_sheet(tmp_path: Path) -> None:
    units = "\n".join(
        f'  - {{id: x{i}, name: "Số {i} Bắc", kind: "xã", parent: tinh}}' for i in range(N)
    )
    plan = parse_plan(
        f"""
document: {{number: "1/KH-UBND", date: 2026-01-05, place: "X", issuer: "UBND TỈNH", title: "K"}}
period: {{start: 2026-01-01, end: 2026-12-31}}
units:
  - {{id: tinh, name: "Tỉnh", kind: "tỉnh"}}
{units}
indicators:
  - {{id: hinh_su, name: "Điều tra khám phá hình sự"}}
  - {{id: cnbb, name: "Lập hồ sơ đưa CNBB"}}
  - {{id: cntn, name: "Cai nghiện tự nguyện tại TT"}}
"""
    )
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["UBND TỈNH"])
    ws.append(["BẢNG TỔNG HỢP KẾT QUẢ NĂM 2026"])
    ws.append(
        [
            "TT",
            "Đơn vị",
            "Điều tra khám phá hình sự",
            "Lập hồ sơ đưa CNBB",
            "Cai nghiện tự nguyện tại TT",
        ]
    )
    for i in range(N):
        ws.append([i + 1, f"Xã Số {i} Bắc", i % 5, i % 3, str(i % 7)])
    ws.append(
        [
            "",
            "Tổng cộng",
            sum(i % 5 for i in range(N)),
            sum(i % 3 for i in range(N)),
            "=SUM(E4:E3324)",
        ]
    )
    path = tmp_path / "tong-hop.xlsx"
    wb.save(path)

    got = extract_file(path, plan)
    want = {"hinh_su": 5, "cnbb": 3, "cntn": 7}
    assert len(got.records) == 3 * N
    assert all(r.value == int(r.unit[1:]) % want[r.indicator] for r in got.records)
    assert not any(r.needs_review for r in got.records)
    # the SUM formula has no cached value: it checks nothing
    assert got.problems == (), got.problems
