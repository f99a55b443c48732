"""Scans and photos, read with real Tesseract: values right or flagged, never silently wrong.

Samples come from `samples/returns/make_scans.py`; their truth is `truth_scans.json`.
Each sample is read once per module (OCR is the slow part).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from chitieu.errors import UnreadableFileError
from chitieu.plan import Plan, load_plan
from chitieu.record import Extraction
from extract import extract_file
from extract.document import ReadDocument
from extract.formats.scan import UNREADABLE, read_scan
from extract.settings import ScanSettings

ROOT = Path(__file__).resolve().parent.parent
RETURNS = ROOT / "samples" / "returns"
TRUTH = json.loads((RETURNS / "truth_scans.json").read_text(encoding="utf-8"))

pytestmark = pytest.mark.slow


def test_tools_are_installed() -> None:
    """A missing OCR tool must fail the suite, not skip it."""
    for tool in ("tesseract", "pdftoppm"):
        assert shutil.which(tool), f"{tool} is not installed"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(ROOT / "samples" / "cau-giay-2021" / "plan.yaml")


@pytest.fixture(scope="module")
def extracted(plan: Plan) -> dict[str, Extraction]:
    """The samples the tests below look at, each extracted once."""
    names = [
        "scan/annex-200dpi-skew.pdf",
        "scan/quan-hoa-150dpi.png",
        "scan/nghia-do-form-qr-200dpi.pdf",
        "photo/mai-dich-photo.jpg",
        "scan/trung-hoa-lowq.jpg",
        "scan/form-yen-hoa-200dpi.pdf",
    ]
    return {n: extract_file(RETURNS / n, plan) for n in names}


def _score(name: str, ex: Extraction) -> tuple[int, list[str], list[str]]:
    """(exact and not flagged, silent errors, flagged or missing) against the truth."""
    got = {(r.unit, r.indicator): r for r in ex.records}
    exact, silent, flagged = 0, [], []
    for rec in TRUTH[name]["records"]:
        r = got.get((rec["unit"], rec["indicator"]))
        key = f"{rec['unit']}/{rec['indicator']}={rec['value']}"
        if r is not None and r.value == rec["value"] and not r.needs_review:
            exact += 1
        elif r is not None and not r.needs_review:
            silent.append(f"{key} read {r.value}")
        else:
            flagged.append(key)
    for key, r in got.items():  # a record the page does not carry, not flagged, is also silent
        if (
            not r.needs_review
            and r.value
            and not any((t["unit"], t["indicator"]) == key for t in TRUTH[name]["records"])
        ):
            silent.append(f"{key} not in the document, read {r.value}")
    return exact, silent, flagged


def test_annex_from_skewed_200dpi_scan_is_exact(extracted: dict[str, Extraction]) -> None:
    name = "scan/annex-200dpi-skew.pdf"
    exact, silent, flagged = _score(name, extracted[name])
    assert silent == []
    assert flagged == []
    assert exact == len(TRUTH[name]["records"]) == 41  # 8 wards × 5 + the Đội's one quota
    assert extracted[name].problems == ()


def test_annex_scan_reads_the_total_row_and_blank_cells() -> None:
    doc = read_scan(RETURNS / "scan/annex-200dpi-skew.pdf")
    assert doc.kind == "scan" and doc.page_count == 1
    [table] = doc.tables
    assert (table.n_rows, table.n_cols) == (12, 7)
    assert table.cells[0][0] is table.cells[1][0]  # "TT" spans both header rows
    assert table.cells[0][5] is table.cells[0][6]  # the group header spans two columns
    assert "Tổng số" in table.text(1, 2)
    total = [table.cells[11][c] for c in range(2, 7)]
    assert [c.digits for c in total] == ["10", "08", "08", "06", "08"]
    assert all(c.digits_confidence >= 0.6 for c in total)
    doi = table.cells[10]
    assert [c.digits for c in doi[3:7]] == ["", "", "", ""]  # blank, and known to be blank
    assert doi[2].where.cell == "R11C3" and doi[2].where.page == 1
    x0, y0, x1, y1 = doi[2].where.bbox
    assert 0 < x0 < x1 < 595 and 0 < y0 < y1 < 842  # PDF points on an A4 page


def test_ward_return_scan_gives_unit_from_letterhead_and_values(
    extracted: dict[str, Extraction],
) -> None:
    name = "scan/quan-hoa-150dpi.png"
    ex = extracted[name]
    assert ex.unit == "quan-hoa"
    exact, silent, _flagged = _score(name, ex)
    assert silent == []
    assert exact == 5


def test_qr_code_gives_plan_unit_and_period(extracted: dict[str, Extraction]) -> None:
    doc = read_scan(RETURNS / "scan/nghia-do-form-qr-200dpi.pdf")
    assert doc.form_ids is not None
    assert (doc.form_ids.plan_number, doc.form_ids.unit, doc.form_ids.period) == (
        "152/KH-UBND",
        "nghia-do",
        "2021-06",
    )
    name = "scan/nghia-do-form-qr-200dpi.pdf"
    assert extracted[name].unit == "nghia-do"
    exact, silent, _flagged = _score(name, extracted[name])
    assert silent == [] and exact == 5


def test_phone_photo_values_are_right_or_flagged(extracted: dict[str, Extraction]) -> None:
    name = "photo/mai-dich-photo.jpg"
    ex = extracted[name]
    assert ex.unit == "mai-dich"
    exact, silent, flagged = _score(name, ex)
    assert silent == []
    assert exact + len(flagged) == 5
    assert exact >= 4


def test_low_quality_scan_is_flagged_not_guessed(extracted: dict[str, Extraction]) -> None:
    name = "scan/trung-hoa-lowq.jpg"
    ex = extracted[name]
    _exact, silent, flagged = _score(name, ex)
    assert silent == []
    assert flagged  # 100 dpi, blurred, JPEG q25: at least some values cannot be trusted
    assert {p.code for p in ex.problems} & {"low_confidence", "missing_indicator"}


def test_unreadable_mark_in_a_cell_is_never_blank(tmp_path: Path) -> None:
    """A cell with ink that no reader can make out carries UNREADABLE, so it is flagged."""
    doc: ReadDocument = read_scan(RETURNS / "scan/trung-hoa-lowq.jpg")
    cells = [c for t in doc.tables for row in t.cells for c in row if c is not None]
    inked_unread = [c for c in cells if c.digits == UNREADABLE]
    assert all(c.digits_confidence == 0.0 for c in inked_unread)
    assert all(c.digits != "" or c.text == "" for c in cells)


def test_corrupt_image_is_unreadable(tmp_path: Path) -> None:
    bad = tmp_path / "hong.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00garbage" * 50)
    with pytest.raises(UnreadableFileError) as err:
        read_scan(bad)
    assert "hong.jpg" in str(err.value) and "hỏng" in str(err.value)


def test_pdf_without_pages_is_unreadable(tmp_path: Path) -> None:
    import pikepdf

    empty = tmp_path / "trong.pdf"
    pikepdf.Pdf.new().save(empty)
    with pytest.raises(UnreadableFileError) as err:
        read_scan(empty)
    assert "không có trang" in str(err.value)


def test_image_over_100_megapixels_is_refused(tmp_path: Path) -> None:
    from PIL import Image

    big = tmp_path / "qua-lon.png"
    Image.new("1", (10_050, 10_000), 1).save(big)  # 100.5 Mpx, a few KB on disk
    with pytest.raises(UnreadableFileError) as err:
        read_scan(big)
    assert "quá lớn" in str(err.value)


def test_settings_are_validated() -> None:
    with pytest.raises(ValueError):
        ScanSettings(page_psm=5)
    with pytest.raises(ValueError):
        ScanSettings.resolve({"no_such_setting": 1})
    assert ScanSettings.resolve({"jobs": 1}).workers == 1


def test_sideways_scan_is_turned_upright(tmp_path: Path, plan: Plan) -> None:
    from PIL import Image

    name = "scan/quan-hoa-150dpi.png"
    sideways = tmp_path / "quan-hoa-xoay.png"
    with Image.open(RETURNS / name) as img:
        img.rotate(90, expand=True).save(sideways, dpi=(150, 150))
    ex = extract_file(sideways, plan)
    assert ex.unit == "quan-hoa"
    exact, silent, _flagged = _score(name, ex)
    assert silent == [] and exact == 5


def test_multi_page_pdf_reads_every_page_with_its_provenance(tmp_path: Path) -> None:
    import img2pdf

    pages = [RETURNS / "scan/dich-vong-200dpi.jpg", RETURNS / "scan/annex-300dpi.jpg"]
    both = tmp_path / "hai-trang.pdf"
    both.write_bytes(img2pdf.convert([p.read_bytes() for p in pages]))
    doc = read_scan(both, {"jobs": 2})
    assert doc.kind == "scan" and doc.page_count == 2
    assert [(t.page, t.index, t.n_rows, t.n_cols) for t in doc.tables] == [
        (1, 0, 6, 4),
        (2, 1, 12, 7),
    ]
    annex = doc.tables[1]
    assert annex.cells[11][2].where.page == 2 and annex.cells[11][2].where.table == 1
    assert annex.cells[11][2].digits == "10"
    assert any("PHƯỜNG DỊCH VỌNG" in ln.text and ln.page == 1 for ln in doc.lines)


def test_our_drafted_return_form_scanned_is_identified_by_its_qr(
    extracted: dict[str, Extraction],
) -> None:
    """`chitieu draft`'s DOCX form (QR in the footer, a target column), filled, printed, scanned."""
    name = "scan/form-yen-hoa-200dpi.pdf"
    doc = read_scan(RETURNS / name)
    assert doc.form_ids is not None and doc.form_ids.unit == "yen-hoa"
    ex = extracted[name]
    assert ex.unit == "yen-hoa"
    exact, silent, _flagged = _score(name, ex)
    assert silent == [] and exact == 5  # results, not the "Chỉ tiêu giao" column


def test_page_images_16_bit_and_exif_turned_photos(tmp_path: Path) -> None:
    """No OCR: 16-bit greys are scaled (not clipped to white), EXIF turns are applied."""
    import numpy as np
    from PIL import Image

    from extract.ocr.pages import load_pages

    grey = Image.open(RETURNS / "scan/quan-hoa-150dpi.png").convert("L")
    deep = tmp_path / "16bit.png"
    Image.fromarray(np.asarray(grey).astype(np.uint16) * 257).save(deep)
    [page] = load_pages(deep, ScanSettings())
    assert np.array_equal(page.gray, np.asarray(grey))

    photo = Image.open(RETURNS / "photo/mai-dich-photo.jpg")
    stored = photo.rotate(90, expand=True)  # as the phone stored it, with EXIF "turn 90° CW"
    exif = Image.Exif()
    exif[0x0112] = 8
    turned = tmp_path / "exif.jpg"
    stored.save(turned, exif=exif.tobytes())
    [page] = load_pages(turned, ScanSettings())
    assert page.gray.shape == (photo.height, photo.width)


def test_photo_filling_the_frame_gets_its_light_evened(tmp_path: Path, plan: Plan) -> None:
    """No page edge to find (the page fills the photo), but the light gradient remains."""
    from PIL import Image

    name = "photo/mai-dich-photo.jpg"
    with Image.open(RETURNS / name) as img:
        w, h = img.size
        inner = img.crop((int(w * 0.14), int(h * 0.12), int(w * 0.86), int(h * 0.88)))
        close = tmp_path / "sat-khung.jpg"
        inner.save(close, quality=85)
    ex = extract_file(close, plan)
    assert ex.unit == "mai-dich"
    exact, silent, flagged = _score(name, ex)
    assert silent == [] and exact + len(flagged) == 5 and exact >= 4


def test_handwritten_results_are_right_or_flagged(plan: Plan) -> None:
    """Figures written by pen into our form; one runs into a ruling line ("13" read "3")."""
    name = "scan/form-quan-hoa-handwritten.jpg"
    ex = extract_file(RETURNS / name, plan)
    exact, silent, flagged = _score(name, ex)
    assert silent == []
    assert exact + len(flagged) == 5 and exact >= 3
