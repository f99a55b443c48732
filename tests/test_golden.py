"""Golden test: the Cầu Giấy inbox (on time, late, missing, needing review, superseded)
through real extraction, the SQLite store, reconciliation and the report (LibreOffice).

The expected figures are written by hand in `tests/golden/cau_giay_expected.json` and in
the tables below; none of them is computed by the code under test.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from chitieu.intake import intake
from chitieu.lint import Severity, lint_docx
from chitieu.plan import load_plan
from chitieu.reconcile import reconcile_stored
from chitieu.store import Store

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
EXPECTED = json.loads((Path(__file__).parent / "golden" / "cau_giay_expected.json").read_text())
CHITIEU = [str(Path(sys.executable).parent / "chitieu")]

# The body table as it must print: CT (chỉ tiêu), KQ (kết quả) per indicator ("(*)" = chờ
# xác minh, "-" = chưa báo cáo), under two header rows (indicator, then CT / KQ).
BODY_TABLE = [
    ["1", "Phường Quan Hoa", "01", "02", "01", "01", "01", "0", "0", "0", "01", "01"],
    ["2", "Phường Yên Hòa", "01", "01", "01", "01", "01", "01", "01", "01", "01", "02"],
    ["3", "Phường Trung Hòa", "01", "01", "01", "02", "01", "01", "01", "01", "01", "01"],
    ["4", "Phường Mai Dịch", "01", "01", "01", "01", "01", "01", "01", "0", "01", "01"],
    ["5", "Phường Dịch Vọng", "01", "01", "01", "0", "01", "01", "0", "0", "01", "01"],
    ["6", "Phường Dịch Vọng Hậu", "01", "02 (*)", "01", "01", "01", "01", "01", "01", "01", "01"],
    ["7", "Phường Nghĩa Tân", "01", "01", "01", "01", "01", "01", "01", "01", "01", "01"],
    ["8", "Phường Nghĩa Đô", "01", "-", "01", "-", "01", "-", "01", "-", "01", "-"],
    ["9", "Đội CSĐTTP về Ma Túy", "02", "03", "", "", "", "", "", "", "", ""],
    ["Tổng cộng", "Tổng cộng", "10", "12 (*)", "08", "07", "08", "06", "06", "04", "08", "08"],
]
# The phụ lục: CT, KQ, Tỷ lệ per indicator, then Ghi chú.
ANNEX_TABLE = {
    "Phường Quan Hoa": [
        "01",
        "02",
        "200%",
        "01",
        "01",
        "100%",
        "01",
        "0",
        "0%",
        "0",
        "0",
        "-",
        "01",
        "01",
        "100%",
        "",
    ],
    "Phường Mai Dịch": [
        "01",
        "01",
        "100%",
        "01",
        "01",
        "100%",
        "01",
        "01",
        "100%",
        "01",
        "0",
        "0%",
        "01",
        "01",
        "100%",
        "",
    ],
    "Phường Nghĩa Đô": ["01", "-", "-"] * 5 + ["Chưa báo cáo"],
    "Đội CSĐTTP về Ma Túy": ["02", "03", "150%"] + [""] * 12 + [""],
    "Tổng cộng": [
        "10",
        "12 (*)",  # with Dịch Vọng Hậu's figure under review, which section I leaves out
        "120%",
        "08",
        "07",
        "87,5%",
        "08",
        "06",
        "75%",
        "06",
        "04",
        "66,7%",
        "08",
        "08",
        "100%",
        "08 trong số 09 đơn vị đã báo cáo; Có số liệu chờ xác minh",
    ],
}


def chitieu(
    world: dict, args: list[str], env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed `chitieu` command against the golden store."""
    return subprocess.run(
        [*CHITIEU, *args],
        env=env or world["env"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def _load_inbox_maker():  # type: ignore[no-untyped-def]
    path = ROOT / "samples" / "cau-giay-2021" / "make_inbox.py"
    spec = importlib.util.spec_from_file_location("make_inbox", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict:
    base = tmp_path_factory.mktemp("golden")
    _load_inbox_maker().build_inbox(base / "inbox")
    url = f"sqlite:///{base / 'store.db'}"
    plan = load_plan(PLAN)
    with Store.open(url) as store:
        summary = intake(plan, base / "inbox", store, base / "archive")
    env = {**os.environ, "CHITIEU_DATABASE_URL": url, "CHITIEU_HOME": str(base / "home")}
    return {"base": base, "url": url, "plan": plan, "summary": summary, "env": env}


@pytest.fixture(scope="module")
def report(world: dict) -> dict[str, Path]:
    out = world["base"] / "report"
    proc = chitieu(
        world,
        [
            "report",
            str(PLAN),
            "--out",
            str(out),
            "--number",
            "35/BC-UBND",
            "--date",
            "05/07/2021",
        ],
    )
    assert proc.returncode == 0, proc.stderr
    files = {p.suffix: p for p in out.iterdir()}
    return files


def test_reconciliation_equals_hand_checked_table(world: dict) -> None:
    with Store.open(world["url"]) as store:
        rec = reconcile_stored(world["plan"], store)
    got = [
        [
            r.unit,
            r.indicator,
            r.target,
            r.result,
            r.status.value,
            r.sources[0].file if r.sources else None,
        ]
        for r in rec.rows
    ]
    assert got == EXPECTED["rows"]
    totals = [
        [r.unit, r.indicator, r.target, r.result, r.status.value, r.reported, r.expected]
        for r in rec.totals
    ]
    assert totals == EXPECTED["totals"]
    assert (rec.units_expected, rec.units_reported) == (9, 8)
    assert {t.unit: t.days_late for t in rec.timeliness} == EXPECTED["days_late"]


def test_reconcile_cli_json_contract(world: dict) -> None:
    proc = chitieu(world, ["reconcile", str(PLAN), "--json"])
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["units_expected"] == EXPECTED["units_expected"]
    assert data["units_reported"] == EXPECTED["units_reported"]
    assert [
        [r["unit"], r["indicator"], r["target"], r["result"], r["status"]] for r in data["rows"]
    ] == [row[:5] for row in EXPECTED["rows"]]
    assert all(r["period"] == "2021-06" for r in data["rows"])


def test_reconcile_cli_table(world: dict) -> None:
    proc = chitieu(world, ["reconcile", str(PLAN)], env={**world["env"], "COLUMNS": "160"})
    assert proc.returncode == 0, proc.stderr
    assert "Chờ xác minh" in proc.stdout and "Chưa báo cáo" in proc.stdout
    assert "Muộn 2 ngày" in proc.stdout
    assert "Đã báo cáo: 8/9 đơn vị" in proc.stdout


def _cells(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[c.text for c in row.cells] for row in table.rows]


def test_report_tables_show_exactly_the_figures(report: dict[str, Path]) -> None:
    doc = Document(str(report[".docx"]))
    data_tables = [t for t in doc.tables if t.rows[0].cells[0].text == "TT"]
    assert len(data_tables) == 2  # the body summary and the phụ lục
    body, annex = data_tables
    assert _cells(body)[1] == ["TT", "Đơn vị"] + ["CT", "KQ"] * 5  # words would not fit
    assert _cells(body)[2:-1] == BODY_TABLE
    # the legend is the table's borderless last row (kept with Tổng cộng on its page)
    assert _cells(body)[-1][0] == (
        "Ghi chú: CT: chỉ tiêu được giao; KQ: kết quả thực hiện; “-”: đơn vị chưa báo cáo; "
        "(*): có số liệu đang chờ xác minh, chưa tính là hoàn thành chỉ tiêu."
    )
    assert _cells(annex)[-1][0].startswith("Ghi chú: CT - chỉ tiêu được giao")
    assert _cells(annex)[-1][0].endswith("\nSố liệu tạm thời, kỳ báo cáo chưa khóa sổ.")
    rows = {r[1]: r[2:] for r in _cells(annex)[2:-1]}
    for label, expected in ANNEX_TABLE.items():
        assert rows[label] == expected, label
    assert len(rows) == 10  # 9 units and the total


def test_report_text_in_the_pdf(report: dict[str, Path]) -> None:
    text = subprocess.run(
        ["pdftotext", str(report[".pdf"]), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = re.sub(r"\s+", " ", text)
    assert "BÁO CÁO" in flat
    # nothing locked the period in this inbox: the paper says the figures are provisional
    assert "Số liệu tại báo cáo này là số liệu tạm thời: kỳ báo cáo chưa khóa sổ" in flat
    assert "Số liệu tạm thời, kỳ báo cáo chưa khóa sổ." in flat  # and the phụ lục
    from pdf_layout import (
        continued_tables_repeat_header,
        date_line_whole,
        fonts_are_times,
        page_numbers_right,
        signature_with_text,
        words_inside_pages,
    )

    pdf = report[".pdf"]
    assert signature_with_text(pdf, "TM. ỦY BAN NHÂN DÂN") == []
    assert date_line_whole(pdf) == [] and fonts_are_times(pdf) == []
    assert page_numbers_right(pdf) == [] and words_inside_pages(pdf) == []
    assert continued_tables_repeat_header(pdf) == []
    assert "Số: 35/BC-UBND" in flat
    assert "Cầu Giấy, ngày 05 tháng 7 năm 2021" in flat
    assert "Kết quả thực hiện Kế hoạch số 152/KH-UBND ngày 31/5/2021" in flat
    # the figure under review (Dịch Vọng Hậu) is left out and said to be
    assert (
        "Toàn quận đã phát hiện, bắt giữ, xử lý hình sự 10 vụ án phạm tội về ma túy "
        "(chỉ tiêu 10 vụ), đạt 100% (số liệu của 07 trong số 09 đơn vị đã báo cáo); chưa tính "
        "số liệu của Phường Dịch Vọng Hậu đang chờ xác minh." in flat
    )
    # the plan's sentence templates, not the column headers ("NĐ111/CP", "tại TT")
    assert (
        "Toàn quận đã lập hồ sơ đưa 07 người nghiện ma túy vào quản lý giáo dục tại phường "
        "theo Nghị định số 111/2013/NĐ-CP (chỉ tiêu 08 người), đạt 87,5%" in flat
    )
    assert (
        "Toàn quận đã vận động 08 người nghiện đi cai nghiện tự nguyện tại các Trung tâm "
        "(chỉ tiêu 08 người), đạt 100% (số liệu của 07 trong số 08 đơn vị đã báo cáo)." in flat
    )
    prose = flat[flat.index("2. Kết quả thực hiện") : flat.index("của từng đơn vị")]
    assert not re.search(r"\d+/\d+ (vụ|người|đơn vị)", prose)  # "12/10 vụ" reads as a date
    assert (
        "08 trong tổng số 09 đơn vị gửi báo cáo (88,9%), trong đó 07 đơn vị gửi đúng hạn, "
        "01 đơn vị gửi muộn" in flat
    )
    assert "Còn 01 đơn vị chưa gửi báo cáo: Phường Nghĩa Đô." in flat
    assert "Phường Mai Dịch (muộn 2 ngày)" in flat
    assert "Phường Dịch Vọng Hậu (điều tra khám phá hình sự)" in flat
    assert "Phụ lục" in flat and "Kính gửi: BCĐ 138 TP Hà Nội." in flat


def test_report_workbook_traces_every_figure(report: dict[str, Path]) -> None:
    wb = load_workbook(report[".xlsx"])
    # sheets named in words; the same words as the report's sentences
    assert wb.sheetnames[:6] == [
        "Tổng hợp",
        "Điều tra khám phá hình sự",
        "Giáo dục tại phường",
        "Cai nghiện tại gia đình",
        "Cai nghiện bắt buộc",
        "Vận động cai nghiện tự nguyện",
    ]
    summary = wb["Tổng hợp"]
    assert summary.freeze_panes == "C5"
    assert (summary["A3"].value, summary["B3"].value) == ("TT", "Đơn vị")
    by_unit = {summary.cell(r, 2).value: r for r in range(5, summary.max_row + 1)}
    assert len(by_unit) == 10
    total = by_unit["Tổng cộng"]
    # totals and rates are live formulas over the units' rows
    assert [summary.cell(total, c).value for c in range(3, 6)] == [
        "=SUM(C5:C13)",
        "=SUM(D5:D13)",
        f"=D{total}/C{total}",
    ]
    assert sum(summary.cell(r, 3).value for r in range(5, 14)) == 10
    assert sum(summary.cell(r, 4).value or 0 for r in range(5, 14)) == 12
    missed = by_unit["Phường Quan Hoa"]
    nd94_result = summary.cell(missed, 10)  # nd94: target, result, % in columns I-K
    assert nd94_result.value == 0 and nd94_result.fill.fgColor.rgb.endswith("F4CCCC")
    sheet = wb["Điều tra khám phá hình sự"]
    hinh_su = {r[1]: (n, r) for n, r in enumerate(sheet.iter_rows(min_row=4, values_only=True), 4)}
    n, dvh = hinh_su["Phường Dịch Vọng Hậu"]
    assert dvh[2:7] == (1, 2, f"=D{n}-C{n}", f"=D{n}/C{n}", "Chờ xác minh")
    assert hinh_su["Tổng cộng"][1][7] == "08 trong số 09"
    assert hinh_su["Phường Trung Hòa"][1][8:] == ("bc-trung-hoa-bo-sung.xlsx", None, "E6")
    details = wb["Chi tiết, nguồn"]
    assert details.freeze_panes == "D4"
    names = {
        "hinh_su": "Điều tra khám phá hình sự",
        "nd111": "Đưa đối tượng vào quản lý theo NĐ111/CP",
        "cntn": "Cai nghiện tự nguyện tại TT",
    }
    lines = {(row[1], row[2]): row for row in details.iter_rows(min_row=4, values_only=True)}
    th = lines[("trung-hoa", names["hinh_su"])]
    assert th[3:] == (1, 1, "Đạt", "bc-trung-hoa-bo-sung.xlsx", None, "Báo cáo!E6", th[9], None)
    assert isinstance(th[9], int)  # the store's record id; th[10]: nobody reviewed it
    assert lines[("dich-vong-hau", names["hinh_su"])][5] == "Chờ xác minh"
    assert lines[("nghia-do", names["cntn"])][3:6] == (1, None, "Chưa báo cáo")
    assert lines[("dich-vong", names["nd111"])][6] == "bc-dich-vong.docx"
    assert len(lines) == 41  # every row of the reconciliation
    late = {r[0]: r for r in wb["Thời hạn"].iter_rows(min_row=4, values_only=True)}
    assert late["Phường Mai Dịch"][3:] == ("Muộn", 2)
    assert late["Phường Nghĩa Đô"][3] == "Chưa báo cáo"


def test_report_chart_and_lint(report: dict[str, Path]) -> None:
    from PIL import Image

    with Image.open(report[".png"]) as img:
        assert round(img.info["dpi"][0]) == 200
        assert img.mode in ("RGBA", "RGB", "L")
        colours = img.convert("RGB").getcolors(maxcolors=1_000_000)
    # black and white print: every pixel is grey (r == g == b)
    assert all(abs(r - g) <= 2 and abs(g - b) <= 2 for _, (r, g, b) in colours)
    errors = [
        f for f in lint_docx(report[".docx"], load_plan(PLAN)) if f.severity == Severity.error
    ]
    assert errors == []


def test_cli_errors_are_one_vietnamese_line(world: dict) -> None:
    bad_level = chitieu(
        world,
        [
            "report",
            str(PLAN),
            "--level",
            "khong-co",
            "--no-pdf",
            "--out",
            str(world["base"] / "x"),
        ],
    )
    assert bad_level.returncode == 3
    assert "Đơn vị 'khong-co' không có trong kế hoạch." in bad_level.stderr
    assert "Traceback" not in bad_level.stderr
    bad_date = chitieu(world, ["report", str(PLAN), "--date", "31/02/2021", "--no-pdf"])
    assert bad_date.returncode == 3 and "Ngày '31/02/2021' không hợp lệ" in bad_date.stderr
    missing = chitieu(world, ["reconcile", str(world["base"] / "khong-co.yaml")])
    assert missing.returncode == 1 and "không tìm thấy tệp kế hoạch" in missing.stderr
