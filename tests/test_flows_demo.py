"""`chitieu demo`, the README's main job, run as a user runs it: a subprocess with no
Prefect server configured and a fresh PREFECT_HOME (ephemeral API, first start migrates).
Real OCR, real LibreOffice (PDF on: the demo's default), real SQLite."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from chitieu.plan import load_plan
from chitieu.store import Store

RETURNS = Path(__file__).resolve().parent.parent / "samples" / "returns"


@pytest.mark.slow
def test_demo_runs_the_whole_cycle_from_scratch(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "CHITIEU_"))}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")  # fresh: nothing migrated yet
    env["COLUMNS"] = "160"
    exe = Path(sys.executable).with_name("chitieu")
    done = subprocess.run(
        [str(exe), "demo", "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    text = done.stdout
    assert "Traceback" not in text + done.stderr
    assert "INFO" not in text  # Prefect's own logging stays quiet
    assert "Đối chiếu kết quả với chỉ tiêu — Kế hoạch số 152/KH-UBND" in text
    assert "Thời gian từng bước" in text and "Tổng cộng" in text
    for name in ("corrupt.xlsx", "bc-lang-thuong-unknown.docx"):
        line = next(ln for ln in text.splitlines() if name[:18] in ln)
        assert "cách ly" in line, line

    # The review hint works as printed, from anywhere, whatever CHITIEU_DATABASE_URL says.
    import shlex

    hint = next(ln.strip() for ln in text.splitlines() if ln.strip().startswith("chitieu review"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    other = {**env, "CHITIEU_DATABASE_URL": f"sqlite:///{elsewhere / 'other.db'}"}
    args = shlex.split(hint)
    review = subprocess.run(
        [str(exe), *args[1:], "--list"], capture_output=True, text=True, env=other,
        cwd=elsewhere, timeout=120, check=False,
    )  # fmt: skip
    assert review.returncode == 0, review.stderr
    assert "Số liệu cần xác minh" in review.stdout and "bc-dich-vong" in review.stdout

    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    for expected in (
        "soan-thao/ke-hoach-152-KH-UBND.docx",
        "soan-thao/ke-hoach-152-KH-UBND.pdf",
        "soan-thao/bieu-chi-tieu.xlsx",
        "soan-thao/bieu-mau/quan-hoa.xlsx",
        "don-doc/cong-van-don-doc-2021-07-01.docx",
        "don-doc/cong-van-don-doc-2021-07-01.pdf",
        "bao-cao/bao-cao-cau-giay-2021-06.docx",
        "bao-cao/bao-cao-cau-giay-2021-06.pdf",
        "bao-cao/bao-cao-cau-giay-2021-06.xlsx",
    ):
        assert expected in written, expected
        assert expected in text.replace("\\", "/"), f"{expected} not listed on screen"

    # What the store holds: 8 returns counted, the Đội never reported, one return late.
    plan = load_plan(Path(__file__).resolve().parent.parent / "samples/cau-giay-2021/plan.yaml")
    with Store.open(f"sqlite:///{out / 'du-lieu' / 'chitieu.db'}") as store:
        plan_id = store.plan_id(plan)
        assert plan_id is not None
        receipts = store.receipts(plan_id)
        subs = store.submissions(plan_id)
    assert set(receipts) == {u.id for u in plan.reporting_units} - {"doi-csdt-ma-tuy"}
    assert receipts["nghia-do"].date().isoformat() == "2021-07-03"
    assert sorted(s.file_name for s in subs if s.status == "quarantined") == [
        "bc-lang-thuong-unknown.docx",
        "corrupt.xlsx",
    ]
    # Through the flows, OCR never lets a wrong figure pass unflagged (truth_scans.json).
    truth = json.loads((RETURNS / "truth_scans.json").read_text(encoding="utf-8"))
    with Store.open(f"sqlite:///{out / 'du-lieu' / 'chitieu.db'}") as store:
        stored = {
            (r.file_name, r.unit, r.indicator): r
            for r in store.records(plan_id)
            if r.file_name and r.corrects is None
        }
    checked = 0
    for rel in ("scan/yen-hoa-300dpi.tif", "photo/mai-dich-photo.jpg",
                "scan/nghia-do-form-qr-200dpi.pdf"):  # fmt: skip
        for want in truth[rel]["records"]:
            got = stored[(Path(rel).name, want["unit"], want["indicator"])]
            assert got.value == want["value"] or got.needs_review, (rel, want, got.value)
            checked += 1
    assert checked == 15

    # Digital returns: exact figures, traced to their files (samples/returns/truth.json).
    assert stored[("form-quan-hoa.xlsx", "quan-hoa", "nd111")].value == 3
    assert stored[("bc-dich-vong-hau-roles.docx", "dich-vong-hau", "hinh_su")].value == 3
    assert stored[("bc-trung-hoa-shuffled.pdf", "trung-hoa", "hinh_su")].value == 4
    assert stored[("bc-trung-hoa-shuffled.pdf", "trung-hoa", "hinh_su")].where.page == 1
    assert openpyxl.load_workbook(out / "bao-cao" / "bao-cao-cau-giay-2021-06.xlsx").sheetnames


def test_demo_folder_is_replaced_only_when_the_demo_wrote_it(tmp_path: Path) -> None:
    from chitieu.demo import MARKER, arrival_times, prepare
    from chitieu.errors import UsageError

    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "luu-tru.docx").write_bytes(b"x")
    with pytest.raises(UsageError, match="đã có dữ liệu khác"):
        prepare(theirs)
    assert (theirs / "luu-tru.docx").exists()

    ours = prepare(tmp_path / "ours").root
    (ours / "old.txt").write_text("from an earlier run")
    again = prepare(ours).root
    assert (again / MARKER).exists() and not (again / "old.txt").exists()

    from chitieu.demo import DEMO_RETURNS

    plan = load_plan(Path(__file__).resolve().parent.parent / "samples/cau-giay-2021/plan.yaml")
    times = arrival_times(plan, DEMO_RETURNS)
    late = [t for r, t in zip(DEMO_RETURNS, times, strict=True) if r.late]
    assert [t.isoformat() for t in late] == ["2021-07-03T09:30:00"]
    assert all(t.date().isoformat() == "2021-06-30" for t in times if t not in late)
