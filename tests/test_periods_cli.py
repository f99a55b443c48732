"""ND 09/2019 cut-off periods with deadlines before their end, through the real commands:
`plan check`, `draft`, `intake`, `reconcile --json`, `remind`, `report`.

The plan is drawn from a seeded grammar (scheme, year, how many days before the period's
end the deadline falls, how much earlier the wards' deadline is), so the test does not
fit one calendar.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from chitieu.periods import span

ROOT = Path(__file__).resolve().parent.parent


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    exe = str(Path(sys.executable).parent / "chitieu")
    full = {"PATH": os.environ["PATH"], "COLUMNS": "250", "LANG": "C.UTF-8", **env}
    if "PYTHONPATH" in os.environ:  # a worktree first on the path runs its own code
        full["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return subprocess.run([exe, *args], capture_output=True, text=True, env=full, cwd=ROOT)


def _plan_text(rng: random.Random) -> tuple[str, dict[str, object]]:
    scheme = rng.choice(["nd09", "16-15"])
    year = rng.randint(2019, 2031)
    before = rng.randint(2, 6)  # the deadline falls this many days before the period's end
    ward_shift = rng.randint(1, 3)  # the wards' returns are due this much earlier
    h1 = span(scheme, "half-year", year)
    yr = span(scheme, "year", year)
    deadline = h1.end - timedelta(days=before)
    text = f"""\
document:
  number: "{rng.randint(2, 99)}/KH-UBND"
  date: {year}-0{rng.randint(1, 3)}-1{rng.randint(0, 9)}
  place: "Vũng Tàu"
  issuer: "ỦY BAN NHÂN DÂN THÀNH PHỐ VŨNG TÀU"
  title: "Triển khai công tác cai nghiện ma túy năm {year}"
  signer: {{authority: "TM. ỦY BAN NHÂN DÂN", delegation: "KT. CHỦ TỊCH", title: "PHÓ CHỦ TỊCH", name: "Nguyễn Văn An"}}
periods:
  scheme: {scheme}
  kind: [half-year, year]
  years: [{year}]
  report_deadline: {{half-year: "{deadline.day}/{deadline.month}", year: {-before}}}
deadlines_by_kind: {{phường: {-ward_shift}}}
units:
  - {{id: vung-tau, name: "Vũng Tàu", kind: "thành phố"}}
  - {{id: thang-nhat, name: "Thắng Nhất", kind: "phường", parent: vung-tau}}
  - {{id: rach-dua, name: "Rạch Dừa", kind: "phường", parent: vung-tau}}
  - {{id: long-son, name: "Long Sơn", kind: "xã", parent: vung-tau}}
indicators:
  - {{id: cnbb, name: "Cai nghiện bắt buộc", measure: "người"}}
  - {{id: cntn, name: "Cai nghiện tự nguyện", measure: "người"}}
targets:
  thang-nhat: {{cnbb: {{"{year}": 5}}, cntn: {{"{year}": 2}}}}
  rach-dua: {{cnbb: {{"{year}": 4}}, cntn: {{"{year}": 2}}}}
  long-son: {{cnbb: {{"{year}": 1}}, cntn: {{"{year}": 0}}}}
"""
    facts = {
        "year": year,
        "h1": h1,
        "yr": yr,
        "deadline": deadline,
        "ward_deadline": deadline - timedelta(days=ward_shift),
        "year_deadline": yr.end - timedelta(days=before),
    }
    return text, facts


def _fill(src: Path, dst: Path, values: tuple[int, int]) -> None:
    wb = openpyxl.load_workbook(src)
    ws = wb.active
    ws["E6"], ws["E7"] = values
    dst.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dst)


def _at(d: date) -> str:
    return datetime.combine(d, datetime.min.time()).replace(hour=9).strftime("%d/%m/%Y %H:%M")


def _errors(path: Path) -> list[str]:
    """The ND30 lint's errors (not its notes) on a generated DOCX."""
    from chitieu.lint import lint_docx

    return [f.message_vi for f in lint_docx(path) if f.severity == "error"]


def _text(path: Path) -> str:
    # "ngày" is kept with its date by a non-breaking space ("ngày\u00a014/6"): read as a space
    return "\n".join(p.text for p in Document(str(path)).paragraphs).replace("\u00a0", " ")


@pytest.mark.parametrize("seed", [11, 29])
def test_estimates_then_actuals_through_the_commands(seed: int, tmp_path: Path) -> None:
    text, f = _plan_text(random.Random(seed))
    h1, yr = f["h1"], f["yr"]
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    env = {
        "CHITIEU_HOME": str(tmp_path / "home"),
        "CHITIEU_DATABASE_URL": f"sqlite:///{tmp_path / 'store.db'}",
    }
    key = f"{f['year']}-H1"

    checked = _cli("plan", "check", str(plan), env=env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    flat = " ".join(checked.stdout.split())
    assert f"Kỳ {key}: 6 tháng đầu năm {f['year']}" in flat
    assert f"trước ngày {f['deadline'].day}/{f['deadline'].month}/{f['year']}" in flat
    assert "số liệu ước thực hiện" in flat

    drafted = _cli("draft", str(plan), "-o", str(tmp_path / "draft"), "--no-pdf", env=env)
    assert drafted.returncode == 0, drafted.stderr
    forms = tmp_path / "draft" / "bieu-mau"
    note = openpyxl.load_workbook(forms / f"thang-nhat-{key}.xlsx").active["A4"].value
    end = f"{h1.end.day}/{h1.end.month}/{h1.end.year}"
    assert note.endswith(f"ước thực hiện đến ngày {end})")
    form_text = _text(forms / f"thang-nhat-{key}.docx")
    assert f"; ước thực hiện đến ngày {end}." in form_text.split("Ghi chú")[0]
    assert _errors(forms / f"thang-nhat-{key}.docx") == []
    assert f"trước ngày {f['ward_deadline'].day}/" in _text(forms / f"thang-nhat-{key}.docx")

    # a ward on time (an estimate), a ward late but before the period's end (an estimate)
    _fill(forms / f"thang-nhat-{key}.xlsx", tmp_path / "in1" / "tn.xlsx", (3, 1))
    _fill(forms / f"rach-dua-{key}.xlsx", tmp_path / "in2" / "rd.xlsx", (2, 1))
    on_time = f["ward_deadline"] - timedelta(days=2)
    late = f["ward_deadline"] + timedelta(days=1)
    for inbox, day in (("in1", on_time), ("in2", late)):
        out = _cli("intake", str(plan), str(tmp_path / inbox), "--received-at", _at(day), env=env)
        assert out.returncode == 0, out.stderr

    rec = json.loads(_cli("reconcile", str(plan), "--json", env=env).stdout)
    rows = {(r["unit"], r["indicator"]): r for r in rec["rows"] if r["period"] == key}
    assert rows[("thang-nhat", "cnbb")]["result"] == 3
    assert rows[("thang-nhat", "cnbb")]["estimate"] is True
    assert rows[("rach-dua", "cntn")]["estimate"] is True
    # no target of its own on the half-year: measured against the year's, no return yet
    long_son = rows[("long-son", "cnbb")]
    assert long_son["target"] is None and long_son["status"] == "chua_bao_cao"
    assert long_son["year_target"] is not None and long_son["cumulative"] is None
    times = {t["unit"]: t for t in rec["timeliness"] if t["period"] == key}
    assert times["thang-nhat"]["on_time"] is True
    assert times["rach-dua"]["days_late"] == 2  # the day after the deadline day: 2, as letters say
    assert times["long-son"]["deadline"] == f["deadline"].isoformat()
    assert times["rach-dua"]["deadline"] == f["ward_deadline"].isoformat()

    # the reminder before the city's deadline: the next period, the commune's own deadline
    day = f["deadline"] - timedelta(days=1)
    out = _cli(
        "remind", str(plan), "--date", day.strftime("%d/%m/%Y"), "--no-pdf",
        "--out", str(tmp_path / "rem"), env=env,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    (letter,) = (tmp_path / "rem").glob("*.docx")
    body = _text(letter)
    assert "xã Long Sơn" in body and "Thắng Nhất" not in body
    assert "Hôm nay là ngày cuối cùng của thời hạn báo cáo" in body  # not "còn 01 ngày"
    assert f"ước thực hiện đến ngày {end}" in body
    assert _errors(letter) == []

    # the actual figures after the period's end supersede the estimate; timeliness stays
    _fill(forms / f"thang-nhat-{key}.xlsx", tmp_path / "in3" / "tn-chinh-thuc.xlsx", (4, 1))
    after = h1.end + timedelta(days=3)
    out = _cli("intake", str(plan), str(tmp_path / "in3"), "--received-at", _at(after), env=env)
    assert out.returncode == 0 and "nộp muộn" not in out.stdout, out.stdout
    rec = json.loads(_cli("reconcile", str(plan), "--json", env=env).stdout)
    rows = {(r["unit"], r["indicator"]): r for r in rec["rows"] if r["period"] == key}
    assert rows[("thang-nhat", "cnbb")]["result"] == 4
    assert "estimate" not in rows[("thang-nhat", "cnbb")]
    assert rows[("rach-dua", "cnbb")]["estimate"] is True
    times = {t["unit"]: t for t in rec["timeliness"] if t["period"] == key}
    assert times["thang-nhat"]["on_time"] is True

    report = _cli(
        "report", str(plan), "--period", key, "--date", after.strftime("%d/%m/%Y"),
        "-o", str(tmp_path / "bc"), "--no-pdf", env=env,
    )  # fmt: skip
    assert report.returncode == 0, report.stderr
    (doc,) = (tmp_path / "bc").glob("*.docx")
    wd = f["ward_deadline"]
    assert f"Thời hạn gửi báo cáo: trước ngày {wd.day}/{wd.month}/{wd.year} (phường)" in _text(doc)
    says = [p for p in _text(doc).splitlines() if "ước thực hiện" in p]
    assert len(says) == 1 and "Rạch Dừa" in says[0] and "Thắng Nhất" not in says[0]
    (book,) = (tmp_path / "bc").glob("*.xlsx")
    cells = [c for ws in openpyxl.load_workbook(book) for row in ws.iter_rows(values_only=True)
             for c in row if isinstance(c, str)]  # fmt: skip
    assert any("(ước thực hiện)" in c for c in cells)
    assert any(c.startswith("trước ngày ") for c in cells)  # the deadline, said one way

    # every deadline past: no default period, unless asked
    gone = yr.end + timedelta(days=1)
    refused = _cli(
        "remind", str(plan), "--date", gone.strftime("%d/%m/%Y"), "--no-pdf",
        "--out", str(tmp_path / "rem2"), env=env,
    )  # fmt: skip
    assert refused.returncode != 0 and "--overdue" in refused.stderr + refused.stdout
    assert not (tmp_path / "rem2").exists()
    asked = _cli(
        "remind", str(plan), "--date", gone.strftime("%d/%m/%Y"), "--period", key, "--no-pdf",
        "--out", str(tmp_path / "rem2"), env=env,
    )  # fmt: skip
    assert asked.returncode == 0, asked.stderr
    body = "\n".join(_text(p) for p in (tmp_path / "rem2").glob("*.docx"))
    assert "Đã quá thời hạn báo cáo" in body and "Long Sơn" in body
