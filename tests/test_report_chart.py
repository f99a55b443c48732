"""The report's chart with one very large rate: the other bars stay readable.

Seeded small plans (4–6 numbered wards, two count indicators with targets 1–8) where one
unit reports many times a target of 1 (600–1.200%). Before, the axis rose to the tallest
bar and the 100% line sat at a tenth of it; now bars far above the rest are cut, marked,
and carry their value. Read back from the PNG's pixels (`report_layout.chart_axis_top`)
and its value read by Tesseract. TUNE seeds were looked at; HELD_OUT only as results.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
from pathlib import Path

import pytest
from report_layout import chart_axis_top, chart_problems

from chitieu.plan import parse_plan
from chitieu.reconcile import reconcile
from chitieu.record import Record
from chitieu.report.chart import completion_chart
from chitieu.report.view import build_view

TUNE = [1, 2, 3]
HELD_OUT = [1001, 1002]


def _plan_and_records(seed: int) -> tuple[dict, list[Record], int]:
    """A plan dict, its returns, and the outlier's % (one unit at many times a target of 1)."""
    rng = random.Random(seed)
    wards = rng.sample(range(1, 15), rng.randint(4, 6))
    units = [{"id": "top", "name": "Quận 3", "kind": "quận"}] + [
        {"id": f"p{n}", "name": f"Phường {n}", "kind": "phường", "parent": "top"} for n in wards
    ]
    inds = [
        {"id": "cai", "name": "Vận động cai nghiện tự nguyện", "measure": "người"},
        {"id": "vu", "name": "Phát hiện, bắt giữ vụ án về ma túy", "measure": "vụ"},
    ]
    targets = {u["id"]: {i["id"]: rng.randint(1, 8) for i in inds} for u in units[1:]}
    wild, ind = rng.choice(units[1:])["id"], rng.choice(inds)["id"]
    targets[wild][ind] = 1
    times = rng.randint(6, 12)
    records = []
    for u in units[1:]:
        for i in inds:
            t = targets[u["id"]][i["id"]]
            value = times if (u["id"], i["id"]) == (wild, ind) else t + rng.randint(-1, 1)
            records.append(Record(u["id"], i["id"], "2026", max(0, value)))
    plan = {
        "document": {
            "number": "15/KH-UBND",
            "date": "2026-01-05",
            "place": "Thành phố Hồ Chí Minh",
            "issuer": "ỦY BAN NHÂN DÂN QUẬN 3",
            "title": "Thực hiện công tác phòng, chống ma túy năm 2026",
        },
        "period": {"start": "2026-01-01", "end": "2026-12-31"},
        "report_deadline": "2027-01-10",
        "units": units,
        "indicators": inds,
        "targets": targets,
    }
    return plan, records, times * 100


@pytest.mark.parametrize("seed", TUNE + HELD_OUT)
def test_one_large_rate_leaves_the_other_bars_readable(seed: int, tmp_path: Path) -> None:
    data, records, wild = _plan_and_records(seed)
    plan = parse_plan(json.dumps(data, ensure_ascii=False))
    view = build_view(plan, reconcile(plan, records, {}))
    png = completion_chart(view, tmp_path / "bieu-do.png")
    assert png is not None
    top = chart_axis_top(png)
    assert top is not None and top < wild  # the tallest bar is cut below its value
    assert chart_problems(png, view) == []
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    read = subprocess.run(
        ["tesseract", str(png), "-", "--psm", "11"], capture_output=True, text=True, env=env
    ).stdout
    # its value is written on it, never hidden ("1.200%" is written "1200%" on a chart)
    assert f"{wild}%" in read.replace(" ", ""), read
