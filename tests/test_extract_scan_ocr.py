"""Tesseract in process (issue 14): the same words as the `tesseract` command, the same
document whichever way the reads run, and a clear error for a missing language.

Real Tesseract and real sample scans; no timing here (speed is benchmarks/scan_speed.py).
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from chitieu.errors import ExtractError
from extract.formats.scan import read_scan
from extract.ocr import _tessapi, cell_crops
from extract.ocr._exec import Word, ocr_pool, tesseract_orientation, tesseract_tsv
from extract.ocr.pages import load_pages
from extract.settings import ScanSettings

ROOT = Path(__file__).resolve().parent.parent
SCANS = ROOT / "samples" / "returns" / "scan"


def _key(words: list[Word]) -> list[tuple[object, ...]]:
    return [(w.text, round(w.conf, 3), w.left, w.top, w.width, w.height, w.line) for w in words]


def test_library_is_found() -> None:
    """CI installs tesseract-ocr, which brings libtesseract: the fast path must be the one tested."""
    assert _tessapi.available()


def test_page_words_match_the_command(tmp_path: Path) -> None:
    """A page region read by a loaded model gives the command's words, boxes and confidences."""
    page = load_pages(SCANS / "form-yen-hoa-200dpi.pdf", ScanSettings())[0]
    region = page.gray[: page.gray.shape[0] // 2]
    pgm = tmp_path / "region.pgm"
    cv2.imwrite(str(pgm), region)
    command = tesseract_tsv(pgm, language="vie", psm=11, timeout_s=120, dpi=200)
    engine = _tessapi.Engine("vie")
    try:
        inside = engine.words(region, psm=11, dpi=200, timeout_s=120)
        again = engine.words(region, psm=11, dpi=200, timeout_s=120)  # a reused model
    finally:
        engine.close()
    assert len(command) > 20
    assert _key(inside) == _key(command)
    assert _key(again) == _key(command)


def test_digit_crops_match_the_command(tmp_path: Path) -> None:
    """Digits-only reads (psm 7 and 13, whitelist) of random figures: the command's reading."""
    rng = np.random.default_rng(14)
    crops, files = [], []
    for i in range(6):
        img = np.full((70, 220), 255, np.uint8)
        text = str(int(rng.integers(0, 10 ** int(rng.integers(1, 5)))))
        cv2.putText(img, text, (12, 52), cv2.FONT_HERSHEY_SIMPLEX, 1.4, 0, 3)
        crop, _touched = cell_crops.prepare_crop(img, 300)
        crops.append(crop)
        files.append(tmp_path / f"c{i}.png")
        cv2.imwrite(str(files[-1]), crop)
    listing = tmp_path / "list.txt"
    listing.write_text("\n".join(map(str, files)) + "\n")
    wl = ScanSettings().digits_whitelist
    with _tessapi.lend("eng") as engine:
        for psm in (7, 13):
            command = tesseract_tsv(
                listing, language="eng", psm=psm, timeout_s=60, dpi=300, whitelist=wl
            )
            inside = [
                dataclasses.replace(w, page=i + 1)
                for i, crop in enumerate(crops)
                for w in engine.words(crop, psm=psm, dpi=300, timeout_s=60, whitelist=wl)
            ]
            assert [w.page for w in inside] == [w.page for w in command]
            assert _key(inside) == _key(command)
            assert any(w.text.isdigit() for w in inside)


def test_document_same_in_process_and_with_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole reading (page OCR, cell batches, cross-check) does not depend on where
    Tesseract runs: `CHITIEU_OCR_PROCESS=1` (one process per batch) reads the same."""
    path = SCANS / "dich-vong-200dpi.jpg"
    inside = read_scan(path)
    monkeypatch.setenv("CHITIEU_OCR_PROCESS", "1")
    assert not _tessapi.available()
    processes = read_scan(path)
    assert inside.tables and inside.lines
    assert inside == processes


def test_missing_language_is_a_clear_error() -> None:
    with pytest.raises(ExtractError, match="tiếng 'xyz'"):
        _tessapi.Engine("xyz")


def test_extract_of_a_scan_loads_no_spreadsheet_library() -> None:
    """`chitieu extract` on a scan reads it (figures printed) without importing openpyxl:
    its import was a tenth of the command's CPU on a scan. Read in process
    (`CHITIEU_DEBUG`): the command otherwise reads in a fork, whose modules die with it."""
    plan = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
    code = (
        "import sys, json\nfrom chitieu.cli import main\n"
        f"sys.argv = ['chitieu', 'extract', {str(plan)!r}, {str(SCANS / 'dich-vong-200dpi.jpg')!r},"
        " '--json']\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert e.code in (0, 1, None), e.code\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
        env={**os.environ, "CHITIEU_DEBUG": "1"},
    )
    assert done.returncode == 0, done.stderr[-800:]
    *report, modules = done.stdout.strip().splitlines()
    records = json.loads("\n".join(report))["records"]
    assert len(records) >= 5
    assert "cv2" in json.loads(modules)
    assert "openpyxl" not in json.loads(modules)


def test_forked_child_reads_with_the_models_loaded_before() -> None:
    """extract/isolated.py forks a reader per file: the child starts its own Tesseract
    workers (the parent's threads are not in it) and uses the models that were idle."""
    img = np.full((70, 160), 255, np.uint8)
    cv2.putText(img, "47", (12, 52), cv2.FONT_HERSHEY_SIMPLEX, 1.4, 0, 3)
    crop, _touched = cell_crops.prepare_crop(img, 300)
    wl = ScanSettings().digits_whitelist

    def read() -> str:
        with _tessapi.lend("eng") as engine:
            words = engine.words(crop, psm=7, dpi=300, timeout_s=60, whitelist=wl)
        return "".join(w.text for w in words)

    assert ocr_pool(2).submit(read).result() == "47"  # a model loaded, a worker started
    pid = os.fork()
    if pid == 0:  # the child: report by exit code only
        code = 5
        try:
            loaded = len(_tessapi._all)
            code = 0 if loaded >= 1 and ocr_pool(2).submit(read).result(60) == "47" else 3
        finally:
            os._exit(code)
    _pid, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0


@pytest.mark.parametrize("turn", [None, cv2.ROTATE_90_CLOCKWISE, cv2.ROTATE_180])
def test_orientation_matches_the_command(
    turn: int | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """OSD with the model loaded in process turns a page as `tesseract --psm 0` does."""
    page = load_pages(SCANS / "form-yen-hoa-200dpi.pdf", ScanSettings())[0]
    gray = page.gray if turn is None else cv2.rotate(page.gray, turn)
    pgm = tmp_path / "page.pgm"
    cv2.imwrite(str(pgm), gray)
    inside = tesseract_orientation(pgm, timeout_s=120, dpi=200)
    monkeypatch.setenv("CHITIEU_OCR_PROCESS", "1")
    assert tesseract_orientation(pgm, timeout_s=120, dpi=200) == inside
    assert inside == {None: 0, cv2.ROTATE_90_CLOCKWISE: 270, cv2.ROTATE_180: 180}[turn]


def test_models_start_loading_before_the_scan_reader_is_imported() -> None:
    """The pipeline starts loading the models before importing the scan reader (issue 14),
    once numpy and OpenCV are imported: their imports write the environment, which must
    not happen beside a loading thread (tests/test_extract_environment_race.py)."""
    code = (
        "import sys\nfrom extract.ocr import _tessapi\n"
        "_tessapi.warm_ahead([('vie', 1)], 1)\n"
        "from extract.ocr._exec import ocr_pool\nocr_pool(1).submit(lambda: 0).result()\n"
        "print(sorted(m for m in ('numpy', 'cv2', 'extract.formats.scan') if m in sys.modules),"
        " sum(e.language == 'vie' for e in _tessapi._all))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr[-800:]
    assert done.stdout.split() == ["['cv2',", "'numpy']", "1"]
