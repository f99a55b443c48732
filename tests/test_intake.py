"""Intake over a real inbox of real XLSX return forms, into SQLite and PostgreSQL."""

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
import sqlalchemy as sa

from chitieu.archive import sha256_of
from chitieu.intake import Status, intake
from chitieu.plan import Plan, load_plan
from chitieu.receipt import write_receipt
from chitieu.render.return_form import ReturnForm
from chitieu.render.sheets import write_return_xlsx
from chitieu.store import Store

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
VN = ZoneInfo("Asia/Ho_Chi_Minh")
CELLS = ["E6", "E7", "E8", "E9", "E10"]  # hinh_su, nd111, nd94, cnbb, cntn on our form
BACKENDS = pytest.mark.parametrize(
    "store_url",
    ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
    indirect=True,
)


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(PLAN)


@pytest.fixture(scope="module")
def blanks(plan: Plan, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Blank return forms, as `chitieu draft` writes them."""
    out = tmp_path_factory.mktemp("blank")
    return {
        u: write_return_xlsx(
            ReturnForm(plan, plan.unit_by_id[u], plan.main_period), out / f"{u}.xlsx"
        )
        for u in ("quan-hoa", "yen-hoa")
    }


def filled(
    blank: Path, dest: Path, values: list[object], at: datetime, unit: str | None = None
) -> Path:
    """A return form as a ward sends it back: results typed in, saved at `at`."""
    wb = openpyxl.load_workbook(blank)
    ws = wb["Báo cáo"]
    for cell, v in zip(CELLS, values, strict=True):
        ws[cell] = v
    if unit is not None:
        wb["_chitieu"]["B4"] = unit
    wb.save(dest)
    stamp = at.replace(tzinfo=VN).timestamp()  # the ward saved it at `at`, Hà Nội time
    os.utime(dest, (stamp, stamp))
    write_receipt(dest, at)  # received then (the mtime alone is only information)
    return dest


@pytest.fixture
def inbox(tmp_path: Path, blanks: dict[str, Path]) -> Path:
    box = tmp_path / "inbox"
    box.mkdir()
    filled(blanks["quan-hoa"], box / "quan-hoa.xlsx", [2, 1, 1, 0, 1], datetime(2021, 7, 1, 9, 0))
    filled(
        blanks["yen-hoa"],
        box / "yen-hoa.xlsx",
        [1, "hai", 1, 1, "=1+1"],
        datetime(2021, 7, 3, 15, 0),
    )
    filled(
        blanks["yen-hoa"], box / "la-khe.xlsx", [1, 1, 1, 1, 1], datetime(2021, 7, 1), unit="la-khe"
    )
    (box / "hong.xlsx").write_bytes(b"not a spreadsheet")
    return box


def _counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {
            t: int(conn.scalar(sa.text(f"SELECT count(*) FROM {t}")))
            for t in ("plans", "submissions", "records")
        }


@BACKENDS
def test_inbox_is_archived_read_stored_and_quarantined(
    store_url: str, plan: Plan, inbox: Path, tmp_path: Path
) -> None:
    before = {
        p.name: (p.read_bytes(), p.stat().st_mtime) for p in inbox.iterdir() if p.suffix == ".xlsx"
    }
    archive = tmp_path / "archive"
    with Store.open(store_url) as store:
        summary = intake(plan, inbox, store, archive)
        status = {f.file_name: f.status for f in summary.files}
        assert status == {
            "hong.xlsx": Status.quarantined,
            "la-khe.xlsx": Status.quarantined,
            "quan-hoa.xlsx": Status.accepted,
            "yen-hoa.xlsx": Status.accepted,
        }
        assert (summary.received, summary.accepted, len(summary.quarantined)) == (4, 2, 2)
        reasons = {f.file_name: f.reason for f in summary.quarantined}
        assert (
            "la-khe" in reasons["la-khe.xlsx"]
            and "không có trong kế hoạch" in reasons["la-khe.xlsx"]
        )
        assert "không phải XLSX" in reasons["hong.xlsx"]
        assert summary.pending_review == 2  # "hai" and a formula without a value
        by_file = {f.file_name: f for f in summary.files}
        assert by_file["quan-hoa.xlsx"].on_time is True  # 01/07, due before 02/07
        assert by_file["yen-hoa.xlsx"].on_time is False  # 03/07
        results = {(r.unit, r.indicator): r.value for r in store.current_results(summary.plan_id)}
        assert results[("quan-hoa", "hinh_su")] == 2 and results[("yen-hoa", "nd111")] is None
        subs = {s.file_name: s for s in store.submissions(summary.plan_id)}
        assert subs["hong.xlsx"].status == "quarantined" and subs["hong.xlsx"].reason
        assert store.receipts(summary.plan_id) == {
            "quan-hoa": datetime(2021, 7, 1, 9, 0),
            "yen-hoa": datetime(2021, 7, 3, 15, 0),
        }
    # every file archived byte for byte under its sha256; originals untouched
    for name, (data, mtime) in before.items():
        sha = sha256_of(inbox / name)
        (copy,) = archive.glob(f"*/{sha}.xlsx")
        assert copy.read_bytes() == data
        assert (inbox / name).read_bytes() == data and (inbox / name).stat().st_mtime == mtime


def test_second_run_changes_nothing(plan: Plan, inbox: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'store.db'}"
    with Store.open(url) as store:
        intake(plan, inbox, store, tmp_path / "archive")
        first = _counts(store)
        archived = sorted(p.name for p in (tmp_path / "archive").rglob("*") if p.is_file())
        again = intake(plan, inbox, store, tmp_path / "archive")
        assert {f.status for f in again.files} == {Status.duplicate}
        assert sorted(f.file_name for f in again.held) == ["hong.xlsx", "la-khe.xlsx"]
        assert all(f.reason for f in again.held)  # still held, and said why
        assert _counts(store) == first
        assert sorted(p.name for p in (tmp_path / "archive").rglob("*") if p.is_file()) == archived


def test_later_return_supersedes_and_the_report_says_which_counts(
    plan: Plan, blanks: dict[str, Path], tmp_path: Path
) -> None:
    box = tmp_path / "inbox"
    box.mkdir()
    # Name order is not time order: the newer file is read first.
    filled(blanks["quan-hoa"], box / "a-sua-lai.xlsx", [3, 1, 1, 0, 1], datetime(2021, 7, 1, 16, 0))
    filled(blanks["quan-hoa"], box / "b-ban-dau.xlsx", [2, 1, 1, 0, 1], datetime(2021, 7, 1, 8, 0))
    with Store.open(f"sqlite:///{tmp_path / 's.db'}") as store:
        summary = intake(plan, box, store, tmp_path / "archive")
        by_file = {f.file_name: f for f in summary.files}
        assert by_file["b-ban-dau.xlsx"].superseded_by == by_file["a-sua-lai.xlsx"].submission_id
        assert summary.counted == {"quan-hoa": "a-sua-lai.xlsx"}
        current = {r.indicator: r.value for r in store.current_results(summary.plan_id)}
        assert current["hinh_su"] == 3
        # a third, later return replaces it in turn; all three stay
        filled(
            blanks["quan-hoa"], box / "c-lan-3.xlsx", [4, 1, 1, 0, 1], datetime(2021, 7, 2, 8, 0)
        )
        later = intake(plan, box, store, tmp_path / "archive")
        (third,) = [f for f in later.files if f.status == Status.accepted]
        assert third.superseded == (by_file["a-sua-lai.xlsx"].submission_id,)
        assert third.on_time is False
        assert later.counted == {"quan-hoa": "c-lan-3.xlsx"}
        assert len(store.submissions(summary.plan_id)) == 3
        assert sorted(
            r.value
            for r in store.records(summary.plan_id)
            if r.indicator == "hinh_su" and r.role == "result"
        ) == [2, 3, 4]


def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    exe = str(Path(sys.executable).parent / "chitieu")
    full = {"PATH": os.environ["PATH"], "COLUMNS": "250", "LANG": "C.UTF-8", **env}
    if "PYTHONPATH" in os.environ:  # the code under test, not an installed copy
        full["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return subprocess.run([exe, *args], capture_output=True, text=True, env=full, cwd=ROOT)


def test_cli_intake(inbox: Path, tmp_path: Path) -> None:
    env = {
        "CHITIEU_HOME": str(tmp_path / "home"),
        "CHITIEU_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}",
    }
    out = _cli("intake", str(PLAN), str(inbox), env=env)
    assert out.returncode == 0, out.stderr
    assert "Tệp bị cách ly" in out.stdout
    assert "la-khe.xlsx" in out.stdout and "hong.xlsx" in out.stdout
    assert "chitieu review" in out.stdout
    assert (tmp_path / "cli.db").exists() and list((tmp_path / "home" / "archive").rglob("*.xlsx"))
    again = _cli(
        "intake", str(PLAN), str(inbox), "--json", "--received-at", "05/07/2021 10:00", env=env
    )
    assert again.returncode == 0, again.stderr
    data = json.loads(again.stdout)
    assert (data["received"], data["accepted"], data["duplicates"]) == (4, 0, 4)
    assert (data["quarantined"], data["still_quarantined"]) == (0, 2)  # nothing written
    assert data["pending_review"] == 2
    assert data["counted"] == {"quan-hoa": "quan-hoa.xlsx", "yen-hoa": "yen-hoa.xlsx"}


def test_cli_intake_missing_inbox_is_a_clear_error(tmp_path: Path) -> None:
    env = {"CHITIEU_HOME": str(tmp_path / "home")}
    out = _cli("intake", str(PLAN), str(tmp_path / "khong-co"), env=env)
    assert out.returncode != 0
    assert "khong-co" in out.stderr and "Traceback" not in out.stderr


def test_received_at_given_decides_timeliness(plan: Plan, inbox: Path, tmp_path: Path) -> None:
    (inbox / "la-khe.xlsx").unlink()
    with Store.open(f"sqlite:///{tmp_path / 't.db'}") as store:
        summary = intake(
            plan, inbox, store, tmp_path / "a", received_at=datetime(2021, 7, 1, 23, 59)
        )
        assert {f.on_time for f in summary.files if f.status == Status.accepted} == {True}


def test_file_reading_stores_what_was_read_elsewhere(
    plan: Plan, inbox: Path, tmp_path: Path
) -> None:
    """The Prefect flow reads files in parallel, then files each reading through this."""
    from datetime import UTC

    from chitieu.intake import file_reading
    from extract import extract_file

    path = inbox / "quan-hoa.xlsx"
    at = datetime(2021, 7, 1, 2, 0, tzinfo=UTC)  # 09:00 in Hà Nội
    with Store.open(f"sqlite:///{tmp_path / 'f.db'}") as store:
        pid = store.save_plan(plan)
        got = file_reading(
            store, plan, pid, path, at, tmp_path / "a", extraction=extract_file(path, plan)
        )
        assert got.status == Status.accepted and got.records == 5 and got.on_time is True
        bad = file_reading(
            store, plan, pid, inbox / "hong.xlsx", at, tmp_path / "a", error="tệp hỏng"
        )
        assert bad.status == Status.quarantined and bad.reason == "tệp hỏng"
        again = file_reading(store, plan, pid, path, at, tmp_path / "a", extraction=None)
        assert again.status == Status.duplicate
        assert store.receipts(pid)["quan-hoa"] == datetime(2021, 7, 1, 9, 0)


def test_quarantined_file_is_accepted_once_the_plan_knows_its_unit(
    plan: Plan, inbox: Path, tmp_path: Path
) -> None:
    with Store.open(f"sqlite:///{tmp_path / 'q.db'}") as store:
        first = intake(plan, inbox, store, tmp_path / "a")
        held = next(f for f in first.files if f.file_name == "la-khe.xlsx")
        assert held.status == Status.quarantined
        # the secretariat adds the missing unit to the plan (same document) and runs again
        text = PLAN.read_text(encoding="utf-8")
        anchor = "units:\n"
        assert anchor in text
        edited = tmp_path / "plan.yaml"
        edited.write_text(
            text.replace(
                anchor, anchor + '  - {id: la-khe, name: "La Khê", parent: cau-giay}\n', 1
            ),
            encoding="utf-8",
        )
        fixed = load_plan(edited)
        again = intake(fixed, inbox, store, tmp_path / "a")
        assert again.plan_id == first.plan_id
        released = next(f for f in again.files if f.file_name == "la-khe.xlsx")
        assert released.status == Status.accepted and released.records == 5
        assert released.submission_id == held.submission_id
        assert released.received_at == datetime(2021, 7, 1)  # when it first arrived
        (sub,) = [s for s in store.submissions(first.plan_id) if s.file_name == "la-khe.xlsx"]
        assert sub.status == "accepted" and sub.reason is None and sub.unit == "la-khe"
        assert "la-khe" in store.receipts(first.plan_id)
        third = intake(fixed, inbox, store, tmp_path / "a")
        assert (
            next(f for f in third.files if f.file_name == "la-khe.xlsx").status == Status.duplicate
        )


def test_multi_unit_table_is_one_submission_superseded_per_unit(
    plan: Plan, blanks: dict[str, Path], tmp_path: Path
) -> None:
    """The district's consolidated table (real PDF) carries every ward; a ward's later
    return replaces that ward's rows only."""
    box = tmp_path / "inbox"
    box.mkdir()
    table = box / "bc-tong-hop-2-trang.pdf"
    table.write_bytes((ROOT / "samples" / "returns" / "pdf" / table.name).read_bytes())
    at = datetime(2021, 7, 1, 8, 0, tzinfo=VN).timestamp()
    os.utime(table, (at, at))
    write_receipt(table, datetime(2021, 7, 1, 8, 0))
    filled(blanks["quan-hoa"], box / "quan-hoa.xlsx", [9, 9, 9, 9, 9], datetime(2021, 7, 1, 15, 0))
    with Store.open(f"sqlite:///{tmp_path / 'm.db'}") as store:
        summary = intake(plan, box, store, tmp_path / "archive")
        by_file = {f.file_name: f for f in summary.files}
        multi = by_file[table.name]
        assert multi.status == Status.accepted, multi.reason
        assert multi.unit is None and multi.records == 40
        ward = by_file["quan-hoa.xlsx"]
        assert ward.superseded == (multi.submission_id,)  # for Quan Hoa's rows only
        current = store.current_results(summary.plan_id)
        files = {r.unit: r.file_name for r in current}
        assert files["quan-hoa"] == "quan-hoa.xlsx"
        assert {u for u, f in files.items() if f == table.name} == {
            "dich-vong", "dich-vong-hau", "mai-dich", "nghia-do", "nghia-tan", "trung-hoa", "yen-hoa",
        }  # fmt: skip
        assert {r.value for r in current if r.unit == "quan-hoa"} == {9}
        (sub,) = [s for s in store.submissions(summary.plan_id) if s.file_name == table.name]
        assert sub.superseded_by is None and sub.unit is None
        old_rows = [r for r in store.records(summary.plan_id) if r.file_name == table.name]
        assert {r.superseded_by for r in old_rows if r.unit == "quan-hoa"} == {ward.submission_id}


def test_a_store_failure_on_one_file_is_reported_and_nothing_of_it_written(
    plan: Plan, inbox: Path, tmp_path: Path
) -> None:
    import dataclasses

    from chitieu.intake import file_reading
    from extract import extract_file

    path = inbox / "quan-hoa.xlsx"
    good = extract_file(path, plan)
    broken = dataclasses.replace(  # a confidence above 1 violates a table constraint
        good, records=(*good.records[:-1], dataclasses.replace(good.records[-1], confidence=1.5))
    )
    with Store.open(f"sqlite:///{tmp_path / 'x.db'}") as store:
        pid = store.save_plan(plan)
        before = _counts(store)
        out = file_reading(
            store, plan, pid, path, datetime(2021, 7, 1), tmp_path / "a", extraction=broken
        )
        assert out.status == Status.failed and "quan-hoa.xlsx" in (out.reason or "")
        assert _counts(store) == before
        retry = file_reading(
            store, plan, pid, path, datetime(2021, 7, 1), tmp_path / "a", extraction=good
        )
        assert retry.status == Status.accepted and retry.records == 5


@pytest.mark.postgres
def test_cli_intake_into_postgresql(inbox: Path, tmp_path: Path, postgres_server: str) -> None:
    from pg import create_database

    url = create_database(postgres_server, "cli_intake")
    assert url.startswith("postgresql://")  # the plain form a user types
    env = {"CHITIEU_HOME": str(tmp_path / "home"), "CHITIEU_DATABASE_URL": url}
    out = _cli("intake", str(PLAN), str(inbox), "--json", env=env)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert (data["accepted"], data["quarantined"], data["pending_review"]) == (2, 2, 2)
    with Store.open(url) as store:
        assert store.engine.dialect.name == "postgresql"
        assert len(store.submissions(data["plan_id"])) == 4
