"""Review: confirmations and corrections stored as new records; crops of real pages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from PIL import Image, ImageDraw

from chitieu.errors import StoreError, UsageError
from chitieu.intake import intake
from chitieu.plan import Plan, load_plan
from chitieu.receipt import write_receipt
from chitieu.reconcile import reconcile
from chitieu.record import Record, Where
from chitieu.render.return_form import ReturnForm
from chitieu.render.sheets import write_return_xlsx
from chitieu.review import Action, apply_answer, crop, parse_answer
from chitieu.store import Store

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(PLAN)


@pytest.fixture
def inbox(plan: Plan, tmp_path: Path) -> Path:
    """Yên Hòa's return with two cells a machine must not guess: «hai» and a bare formula."""
    box = tmp_path / "inbox"
    box.mkdir()
    form = write_return_xlsx(
        ReturnForm(plan, plan.unit_by_id["yen-hoa"], plan.main_period), tmp_path / "blank.xlsx"
    )
    wb = openpyxl.load_workbook(form)
    ws = wb["Báo cáo"]
    for cell, v in zip(["E6", "E7", "E8", "E9", "E10"], [1, "hai", 1, 1, "=1+1"], strict=True):
        ws[cell] = v
    wb.save(box / "yen-hoa.xlsx")
    at = datetime(2021, 7, 1, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")).timestamp()
    os.utime(box / "yen-hoa.xlsx", (at, at))
    write_receipt(box / "yen-hoa.xlsx", datetime(2021, 7, 1, 10, 0))
    return box


def _status(plan: Plan, store: Store, plan_id: int, indicator: str) -> str:
    rec = reconcile(plan, store.current_results(plan_id), store.receipts(plan_id))
    row = rec.row("yen-hoa", indicator)
    assert row is not None
    return str(row.status.value)


def test_parse_answer() -> None:
    assert parse_answer("").action is Action.confirm
    assert parse_answer(" 12 ") == parse_answer("12")
    assert parse_answer("12").value == 12 and parse_answer("12").action is Action.correct
    assert parse_answer("b").action is Action.skip
    for bad in ("-1", "1,5", "hai"):
        with pytest.raises(UsageError):
            parse_answer(bad)


def test_answers_are_new_records_and_doubtful_figures_never_count_as_met(
    plan: Plan, inbox: Path, tmp_path: Path
) -> None:
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        pid = intake(plan, inbox, store, tmp_path / "archive").plan_id
        pending = {r.indicator: r for r in store.pending_review(pid)}
        assert set(pending) == {"nd111", "cntn"}
        assert _status(plan, store, pid, "nd111") == "cho_xac_minh"
        at = datetime(2021, 7, 4, 8, 30)
        with pytest.raises(StoreError, match="chưa có số liệu"):
            apply_answer(store, pending["nd111"].id, "", "Lan", at)  # nothing to confirm
        new = apply_answer(store, pending["nd111"].id, "2", "Nguyễn Thị Lan", at)
        assert new is not None
        assert apply_answer(store, pending["cntn"].id, "b", "Lan", at) is None
        assert [r.indicator for r in store.pending_review(pid)] == ["cntn"]
        assert _status(plan, store, pid, "cntn") == "cho_xac_minh"
        stored = store.record(new)
        assert (stored.value, stored.reviewer, stored.reviewed_at) == (2, "Nguyễn Thị Lan", at)
        assert stored.review_action == "corrected" and stored.corrects == pending["nd111"].id
        assert store.record(pending["nd111"].id).value is None  # nothing overwritten
        assert _status(plan, store, pid, "nd111") != "cho_xac_minh"
        # a form value equal to the extracted one confirms it; another value corrects it
        hinh_su = next(r for r in store.current_results(pid) if r.indicator == "hinh_su")
        confirmed = store.record(apply_answer(store, hinh_su.id, 1, "UI", at))  # type: ignore[arg-type]
        assert confirmed.review_action == "confirmed" and confirmed.value == 1
        corrected = store.record(apply_answer(store, hinh_su.id, 0, "UI", at))  # type: ignore[arg-type]
        assert corrected.review_action == "corrected" and corrected.corrects == confirmed.id
        with pytest.raises(StoreError):
            apply_answer(store, hinh_su.id, 1, "  ", at)


def _cli(args: list[str], env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    exe = str(Path(sys.executable).parent / "chitieu")
    full = {"PATH": os.environ["PATH"], "COLUMNS": "200", "LANG": "C.UTF-8", **env}
    if "PYTHONPATH" in os.environ:  # the code under test, not an installed copy
        full["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return subprocess.run(
        [exe, *args], input=stdin, capture_output=True, text=True, env=full, cwd=ROOT
    )


def test_cli_review_scripted(inbox: Path, tmp_path: Path) -> None:
    env = {
        "CHITIEU_HOME": str(tmp_path / "home"),
        "CHITIEU_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
    }
    assert _cli(["intake", str(PLAN), str(inbox)], env).returncode == 0
    listed = _cli(["review", str(PLAN), "--list", "--json"], env)
    assert listed.returncode == 0, listed.stderr
    items = json.loads(listed.stdout)
    assert [(i["indicator"], i["value"], i["file"]) for i in items] == [
        ("nd111", None, "yen-hoa.xlsx"),
        ("cntn", None, "yen-hoa.xlsx"),
    ]
    assert items[0]["where"]["cell"] == "E7" and "hai" in items[0]["note"]
    # first figure: Enter is refused (no value to confirm), "x" is not an answer, then 3;
    # second: skipped.
    out = _cli(["review", str(PLAN), "--reviewer", "Trần Văn Bình"], env, stdin="\nx\n3\nb\n")
    assert out.returncode == 0, out.stderr
    assert "Phường Yên Hòa" in out.stdout and "yen-hoa.xlsx" in out.stdout
    assert "ô E7" in out.stdout and "Không có ảnh" in out.stdout
    assert "đã sửa 1, bỏ qua 1; còn 1" in out.stdout
    left = json.loads(_cli(["review", str(PLAN), "--list", "--json"], env).stdout)
    assert [i["indicator"] for i in left] == ["cntn"]
    with Store.open(env["CHITIEU_DATABASE_URL"]) as store:
        plan_id = store.plan_id(load_plan(PLAN))
        assert plan_id is not None
        fixed = next(r for r in store.current_results(plan_id) if r.indicator == "nd111")
        assert (fixed.value, fixed.reviewer) == (3, "Trần Văn Bình")
    # end of input stops cleanly, leaving the rest pending
    eof = _cli(["review", str(PLAN), "-r", "Bình"], env, stdin="")
    assert eof.returncode == 0 and "còn 1" in eof.stdout


# -- crops of real pages ------------------------------------------------------------------

DPI = 200


def _page_with_digit(tmp_path: Path) -> tuple[Image.Image, tuple[float, float, float, float]]:
    """A white A5-ish page with one black box (the "cell") at a known place, in points."""
    img = Image.new("RGB", (1000, 1400), "white")
    box_px = (400, 600, 520, 680)
    ImageDraw.Draw(img).rectangle(box_px, fill="black")
    k = 72 / DPI
    return img, tuple(v * k for v in box_px)  # type: ignore[return-value]


def _stored(store: Store, plan: Plan, path: Path, bbox: tuple[float, ...] | None) -> object:
    pid = store.save_plan(plan)
    store.add_submission(
        pid,
        file_name=path.name,
        sha256=path.name.encode().hex().ljust(64, "0")[:64],
        size=path.stat().st_size,
        received_at=datetime(2021, 7, 1),
        unit="quan-hoa",
        period="2021-06",
        records=[
            Record(
                "quan-hoa",
                "hinh_su",
                "2021-06",
                8,
                needs_review=True,
                where=Where(page=1, bbox=bbox),  # type: ignore[arg-type]
            )
        ],
        archive_path=str(path),
    )
    (rec,) = store.pending_review(pid)
    return rec


@pytest.mark.parametrize("suffix", [".pdf", ".png"])
def test_crop_cuts_the_cell_out_of_the_page(plan: Plan, tmp_path: Path, suffix: str) -> None:
    img, bbox = _page_with_digit(tmp_path)
    page = tmp_path / f"scan{suffix}"
    img.save(page, resolution=DPI) if suffix == ".pdf" else img.save(page, dpi=(DPI, DPI))
    with Store.open(f"sqlite:///{tmp_path / 'c.db'}") as store:
        rec = _stored(store, plan, page, bbox)
        cut = crop(rec, tmp_path / "crops")  # type: ignore[arg-type]
    assert cut.path is not None and cut.path.exists(), cut.reason
    with Image.open(cut.path) as png:
        gray = png.convert("L")
        w, h = gray.size
        # the black cell sits in the middle, with white margins around it
        assert gray.getpixel((w // 2, h // 2)) < 50
        assert gray.getpixel((2, 2)) > 200 and gray.getpixel((w - 3, h - 3)) > 200
        # the crop is the cell plus margins, not the page
        cell_w = (bbox[2] - bbox[0]) * (3.0 if suffix == ".pdf" else DPI / 72)
        assert cell_w < w < cell_w * 2.5


def test_crop_without_bbox_says_why(plan: Plan, tmp_path: Path) -> None:
    page = tmp_path / "form.xlsx"
    page.write_bytes(b"x")
    with Store.open(f"sqlite:///{tmp_path / 'c.db'}") as store:
        rec = _stored(store, plan, page, None)
        cut = crop(rec, tmp_path / "crops")  # type: ignore[arg-type]
    assert cut.path is None and "không có vùng ảnh" in (cut.reason or "")


@pytest.fixture(scope="module")
def real_returns(plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A digital PDF return and a 150 dpi scan, read by the real extractors."""
    base = tmp_path_factory.mktemp("real")
    box = base / "inbox"
    box.mkdir()
    for name in ("pdf/bc-quan-hoa.pdf", "scan/quan-hoa-150dpi.png"):
        src = ROOT / "samples" / "returns" / name
        (box / src.name).write_bytes(src.read_bytes())
    url = f"sqlite:///{base / 's.db'}"
    with Store.open(url) as store:
        intake(plan, box, store, base / "archive")
    return base, url


def test_crop_of_a_digital_pdf_shows_the_extracted_figure(
    plan: Plan, real_returns: tuple[Path, str]
) -> None:
    base, url = real_returns
    with Store.open(url) as store:
        pid = store.plan_id(plan)
        assert pid is not None
        recs = [r for r in store.records(pid) if r.file_name == "bc-quan-hoa.pdf"]
        assert len(recs) == 5
        for rec in recs:
            cut = crop(rec, base / "crops", margin=-2)  # inside the cell's rules
            assert cut.path is not None, cut.reason
            ocr = subprocess.run(
                ["tesseract", str(cut.path), "-", "--psm", "7", "-c", "tessedit_char_whitelist=0123456789"],
                capture_output=True, text=True, check=True,
            ).stdout.strip()  # fmt: skip
            assert ocr == f"{rec.value:02d}", (rec.indicator, ocr)


def test_crop_of_a_scan_is_the_cell_in_image_pixels(
    plan: Plan, real_returns: tuple[Path, str]
) -> None:
    base, url = real_returns
    with Store.open(url) as store:
        pid = store.plan_id(plan)
        assert pid is not None
        recs = [r for r in store.records(pid) if r.file_name == "quan-hoa-150dpi.png"]
        assert recs
        for rec in recs:
            cut = crop(rec, base / "scan-crops", margin=0)
            assert cut.path is not None, cut.reason
            assert rec.where.bbox is not None
            x0, top, x1, bottom = rec.where.bbox
            with Image.open(cut.path) as png:
                w, h = png.size
                assert (
                    abs(w - (x1 - x0) * 150 / 72) <= 2 and abs(h - (bottom - top) * 150 / 72) <= 2
                )
                assert png.convert("L").getextrema()[0] < 100  # the figure's ink is in it


def test_crop_of_a_damaged_file_says_why(plan: Plan, tmp_path: Path) -> None:
    page = tmp_path / "hong.pdf"
    page.write_bytes(b"%PDF-1.4 not really")
    with Store.open(f"sqlite:///{tmp_path / 'd.db'}") as store:
        rec = _stored(store, plan, page, (10.0, 10.0, 50.0, 30.0))
        cut = crop(rec, tmp_path / "crops")  # type: ignore[arg-type]
    assert cut.path is None and "không dựng được trang" in (cut.reason or "")
