"""Word/Excel 97-2003, OpenDocument, RTF and HTML-saved-as-.xls returns are read through
a LibreOffice conversion, exactly as their DOCX/XLSX originals read; the original bytes
stay untouched and the records name the file that was sent.

The files are made at test time: seeded ward reports (python-docx / openpyxl: letterhead
in one or two lines, indicators as rows or as columns) and our own drafted XLSX form,
filled, then saved by LibreOffice in each legacy format. Seeds 0-1 were looked at while
writing the converter; 100-101 are the held-out half. Encrypted files are refused by
name: Word 97 and OpenDocument saved with a password by LibreOffice, and an Excel 97
workbook whose globals carry a FILEPASS record.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from lo_edit import save_with_password

from chitieu.errors import UnreadableFileError
from chitieu.plan import Plan, load_plan
from chitieu.record import Extraction
from chitieu.render.pdf import convert_with_soffice
from chitieu.render.return_form import ReturnForm
from chitieu.render.sheets import FIRST_ROW, RESULT_COL, write_return_xlsx
from extract import extract_file

pytestmark = pytest.mark.slow  # LibreOffice

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [0, 1, 100, 101]
WORD_KINDS = {"doc": "doc:MS Word 97", "odt": "odt", "fodt": "fodt", "rtf": "rtf", "html": "html"}
SHEET_KINDS = {"xls": "xls:MS Excel 97", "ods": "ods", "fods": "fods", "html-sheet": "html"}


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(ROOT / "samples" / "cau-giay-2021" / "plan.yaml")


@dataclass
class Original:
    path: Path
    truth: dict[str, int]
    unit: str


def _ward_docx(seed: int, plan: Plan, out: Path) -> Original:
    rng = random.Random(seed)
    unit = rng.choice(list(plan.reporting_units))
    inds = rng.sample([i for i in plan.indicators if not i.is_rate], rng.randint(3, 5))
    truth = {i.id: rng.randint(0, 30) for i in inds}
    d = Document()
    head = d.add_table(rows=1, cols=2)
    sender = f"ỦY BAN NHÂN DÂN PHƯỜNG {unit.name.upper()}"
    parent = "ỦY BAN NHÂN DÂN QUẬN CẦU GIẤY\n" if rng.random() < 0.5 else ""
    head.cell(0, 0).text = parent + sender
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    d.add_paragraph("BÁO CÁO")
    d.add_paragraph("Kết quả thực hiện chỉ tiêu tháng 6 năm 2021")
    if rng.random() < 0.5:  # indicators as rows
        t = d.add_table(rows=1 + len(inds), cols=3)
        for c, h in enumerate(("STT", "Nội dung", "Kết quả thực hiện")):
            t.cell(0, c).text = h
        for r, ind in enumerate(inds, start=1):
            t.cell(r, 0).text, t.cell(r, 1).text = str(r), ind.name
            t.cell(r, 2).text = rng.choice(["{:d}", "{:02d}"]).format(truth[ind.id])
    else:  # indicators as columns, one row of results
        t = d.add_table(rows=2, cols=1 + len(inds))
        t.cell(0, 0).text, t.cell(1, 0).text = "TT", "1"
        for c, ind in enumerate(inds, start=1):
            t.cell(0, c).text, t.cell(1, c).text = ind.name, f"{truth[ind.id]:02d}"
    t.style = "Table Grid"
    d.add_paragraph("TM. ỦY BAN NHÂN DÂN")
    path = out / f"ward-{seed}.docx"
    d.save(str(path))
    return Original(path, truth, unit.id)


def _ward_xlsx(seed: int, plan: Plan, out: Path) -> Original:
    rng = random.Random(seed + 7)
    unit = rng.choice(list(plan.reporting_units))
    inds = rng.sample([i for i in plan.indicators if not i.is_rate], rng.randint(3, 5))
    truth = {i.id: rng.randint(0, 30) for i in inds}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = rng.choice(["Sheet1", "Báo cáo", "T6"])
    ws["A1"] = f"UBND PHƯỜNG {unit.name.upper()}"
    ws["A2"] = "BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU THÁNG 6/2021"
    top = rng.randint(4, 6)
    if rng.random() < 0.5:
        for c, h in enumerate(("TT", "Chỉ tiêu", "Kết quả"), start=1):
            ws.cell(top, c, h)
        for r, ind in enumerate(inds, start=top + 1):
            ws.cell(r, 1, r - top)
            ws.cell(r, 2, ind.name)
            ws.cell(r, 3, truth[ind.id])
    else:
        ws.cell(top, 1, "TT")
        ws.cell(top + 1, 1, 1)
        for c, ind in enumerate(inds, start=2):
            ws.cell(top, c, ind.name)
            ws.cell(top + 1, c, truth[ind.id])
    path = out / f"ward-sheet-{seed}.xlsx"
    wb.save(path)
    return Original(path, truth, unit.id)


def _our_form(seed: int, plan: Plan, out: Path) -> Original:
    rng = random.Random(seed + 13)
    unit = rng.choice(list(plan.reporting_units))
    path = out / f"form-{seed}.xlsx"
    write_return_xlsx(ReturnForm(plan, unit, plan.all_periods[0]), path)
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    truth = {}
    for n, ind in enumerate(plan.indicators):
        if rng.random() < 0.8:
            truth[ind.id] = rng.randint(0, 30)
            ws.cell(FIRST_ROW + n, RESULT_COL, truth[ind.id])
    wb.save(path)
    return Original(path, truth, unit.id)


def _spreadsheet_ml(xlsx: Path, out: Path) -> Path:
    """The first sheet as Excel 2003 XML ("XML Spreadsheet 2003"), which LibreOffice 7.4
    imports but cannot write: what older tools export under a .xls name."""
    from xml.sax.saxutils import escape

    ws = openpyxl.load_workbook(xlsx).worksheets[0]
    rows = []
    for row in ws.iter_rows():
        cells = []
        for cell in row:
            v = cell.value
            if v is None:
                cells.append(f'<Cell ss:Index="{cell.column}"/>')
            else:
                kind = "Number" if isinstance(v, int | float) else "String"
                cells.append(
                    f'<Cell ss:Index="{cell.column}"><Data ss:Type="{kind}">'
                    f"{escape(str(v))}</Data></Cell>"
                )
        rows.append(f'<Row ss:Index="{row[0].row}">{"".join(cells)}</Row>')
    out.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        f'<Worksheet ss:Name="{escape(ws.title)}"><Table>{"".join(rows)}</Table></Worksheet>'
        "</Workbook>",
        encoding="utf-8",
    )
    return out


@dataclass
class Converted:
    path: Path
    kind: str
    original: Original


@pytest.fixture(scope="module")
def converted(plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> list[Converted]:
    src = tmp_path_factory.mktemp("originals")
    words = [_ward_docx(s, plan, src) for s in SEEDS]
    sheets = [_ward_xlsx(s, plan, src) for s in SEEDS] + [_our_form(s, plan, src) for s in SEEDS]
    out: list[Converted] = []
    for group, kinds in ((words, WORD_KINDS), (sheets, SHEET_KINDS)):
        for kind, target in kinds.items():
            dest = tmp_path_factory.mktemp(kind)
            paths = convert_with_soffice([o.path for o in group], dest, target)
            for orig, path in zip(group, paths, strict=True):
                if kind == "html-sheet":  # what some systems' "export to Excel" writes
                    path = path.rename(path.with_suffix(".xls"))
                out.append(Converted(path, kind, orig))
    dest = tmp_path_factory.mktemp("xml-sheet")
    for orig in sheets[: len(SEEDS)]:  # the ward sheets
        xml = _spreadsheet_ml(orig.path, dest / f"{orig.path.stem}.xls")
        out.append(Converted(xml, "xml-sheet", orig))
    return out


def _key(got: Extraction) -> list[tuple[str, int | None, bool]]:
    return sorted((r.indicator, r.value, r.needs_review) for r in got.records)


def test_every_legacy_kind_reads_as_its_original(plan: Plan, converted: list[Converted]) -> None:
    assert {c.kind for c in converted} == {*WORD_KINDS, *SHEET_KINDS, "xml-sheet"}
    failures = []
    for c in converted:
        before = hashlib.sha256(c.path.read_bytes()).hexdigest()
        got = extract_file(c.path, plan)
        want = extract_file(c.original.path, plan)
        assert hashlib.sha256(c.path.read_bytes()).hexdigest() == before  # untouched
        assert got.sha256 == before and got.source == c.path.name and got.kind == c.kind
        ok = (
            got.unit == want.unit == c.original.unit
            and _key(got) == _key(want)
            and {r.indicator: r.value for r in got.records} == c.original.truth
            and not any(r.needs_review for r in got.records)
        )
        if not ok:
            failures.append((c.path.name, c.kind, _key(got), c.original.truth, got.problems))
    assert not failures, failures


def test_cli_names_the_real_kind(plan: Plan, converted: list[Converted]) -> None:
    c = next(c for c in converted if c.kind == "doc")
    exe = Path(sys.executable).with_name("chitieu")
    plan_path = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
    proc = subprocess.run(
        [str(exe), "extract", "--plan", str(plan_path), str(c.path), "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["kind"] == "doc" and out["source"] == c.path.name
    assert {r["indicator"]: r["value"] for r in out["records"]} == c.original.truth


def _with_filepass(xls: Path, out: Path) -> Path:
    """The workbook as Excel writes it with a password: a FILEPASS record in its globals
    (here in place of the WRITEACCESS record, same length, so the stream keeps its size)."""
    import olefile

    shutil.copyfile(xls, out)
    with olefile.OleFileIO(str(out), write_mode=True) as ole:
        data = bytearray(ole.openstream("Workbook").read())
        pos = 0
        while pos + 4 <= len(data):
            rtype, size = struct.unpack_from("<HH", data, pos)
            if rtype == 0x005C:
                struct.pack_into("<H", data, pos, 0x002F)
                break
            pos += 4 + size
        else:
            raise AssertionError("no WRITEACCESS record")
        ole.write_stream("Workbook", bytes(data))
    return out


def test_encrypted_legacy_files_are_refused_by_name(
    plan: Plan, converted: list[Converted], tmp_path: Path
) -> None:
    docx = next(c.original.path for c in converted if c.kind == "doc")
    save_with_password(
        [
            (docx, tmp_path / "mat-khau.doc", "MS Word 97", "abc123"),
            (docx, tmp_path / "mat-khau.odt", "writer8", "abc123"),
        ]
    )
    xls = next(c.path for c in converted if c.kind == "xls")
    files = [tmp_path / "mat-khau.doc", tmp_path / "mat-khau.odt"]
    files.append(_with_filepass(xls, tmp_path / "mat-khau.xls"))
    for path in files:
        before = path.read_bytes()
        with pytest.raises(UnreadableFileError) as err:
            extract_file(path, plan)
        assert path.name in err.value.message and "mật khẩu" in err.value.message
        assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("head", "word"),
    [
        (b"{\\rtf1\\ansi garbage", "RTF"),
        (b"<html><body><table><tr><td>", "HTML"),
        (b"MIME-Version: 1.0\r\nContent-Type: multipart/related;", "MHTML"),
    ],
)
def test_broken_markup_is_named_for_what_it_is(
    plan: Plan, tmp_path: Path, head: bytes, word: str
) -> None:
    """Not "văn bản thuần": a ward is told the file is RTF / a web page."""
    path = tmp_path / "bao-cao.xls"
    path.write_bytes(head + b"\x00\xff" * 3)
    try:
        got = extract_file(path, plan)
    except UnreadableFileError as exc:
        assert word in exc.message and "văn bản thuần" not in exc.message
    else:  # LibreOffice made something of it: then it is read as what it is
        assert got.kind in ("rtf", "html", "html-sheet") and not got.records


def test_intake_archives_the_legacy_file_itself(
    plan: Plan, converted: list[Converted], store_url: str, tmp_path: Path
) -> None:
    """Intake reads a .doc and an .xls through the conversion, but what it archives and
    names in the store is the file the ward sent, byte for byte."""
    from chitieu.archive import sha256_of
    from chitieu.intake import Status, intake
    from chitieu.store import Store

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    picks = [
        next(c for c in converted if c.kind == "doc"),
        next(c for c in converted if c.kind == "xls" and c.original.path.stem.startswith("form")),
    ]
    sent = {}
    for c in picks:
        dest = inbox / c.path.name
        shutil.copyfile(c.path, dest)
        sent[dest.name] = (dest.read_bytes(), c)
    archive = tmp_path / "archive"
    with Store.open(store_url) as store:
        summary = intake(plan, inbox, store, archive)
        assert {f.file_name: f.status for f in summary.files} == {n: Status.accepted for n in sent}
        results = {(r.unit, r.indicator): r.value for r in store.current_results(summary.plan_id)}
        names = {s.file_name for s in store.submissions(summary.plan_id)}
    assert names == set(sent)
    for name, (data, c) in sent.items():
        (copy,) = archive.glob(f"*/{sha256_of(inbox / name)}{Path(name).suffix}")
        assert copy.read_bytes() == data == (inbox / name).read_bytes()
        for ind, value in c.original.truth.items():
            assert results[(c.original.unit, ind)] == value
