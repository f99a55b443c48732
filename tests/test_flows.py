"""Flows for real (Prefect test harness, SQLite, real files): draft → intake → consolidate
gives the records and report figures of the CLI; a re-run of intake reads nothing again
and adds no record; a Dask LocalCluster gives the same records as the default runner.

Digital returns only (xlsx, docx, one unknown unit, one corrupt file): `chitieu demo`
covers OCR.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest

from chitieu.receipt import write_receipt
from chitieu.store import Store

ROOT = Path(__file__).resolve().parent.parent
RETURNS = ROOT / "samples" / "returns"
PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
REPORT_DAY = date(2021, 7, 5)

INBOX = {  # file -> when it was received (naive local time, as the store keeps it)
    "xlsx/form-quan-hoa.xlsx": datetime(2021, 6, 30, 9, 0),
    "xlsx/ward-nghia-tan-down.xlsx": datetime(2021, 6, 30, 10, 0),
    "xlsx/ward-mai-dich-formula.xlsx": datetime(2021, 7, 1, 15, 0),
    "docx/bc-dich-vong-hau-roles.docx": datetime(2021, 6, 29, 8, 0),
    "docx/bc-dich-vong-values.docx": datetime(2021, 7, 3, 9, 0),  # late
    "docx/bc-lang-thuong-unknown.docx": datetime(2021, 6, 30, 11, 0),  # not in the plan
    "bad/corrupt.xlsx": datetime(2021, 6, 30, 12, 0),  # cannot be read
}


def make_inbox(where: Path) -> Path:
    where.mkdir(parents=True)
    for rel, at in INBOX.items():
        dst = where / Path(rel).name
        shutil.copyfile(RETURNS / rel, dst)
        os.utime(dst, (at.timestamp(), at.timestamp()))
        write_receipt(dst, at)
    return where


def stored_records(url: str) -> list[tuple[Any, ...]]:
    """The store's current results, as comparable tuples (no ids, no times)."""
    with Store.open(url) as store:
        plan_id = store.plan_id(__import__("chitieu.plan").plan.load_plan(PLAN))
        assert plan_id is not None
        rows = store.current_results(plan_id)
    return sorted(
        (r.unit, r.indicator, r.period, r.value, r.needs_review, r.file_name, r.where.page,
         r.where.cell)
        for r in rows
    )  # fmt: skip


def docx_text(path: Path) -> list[str]:
    doc = docx.Document(str(path))
    out = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            out += [c.text for c in row.cells]
    return out


def xlsx_values(path: Path) -> dict[str, list[list[Any]]]:
    wb = openpyxl.load_workbook(path, data_only=False)
    return {ws.title: [list(r) for r in ws.iter_rows(values_only=True)] for ws in wb.worksheets}


def chitieu(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("chitieu")
    return subprocess.run(
        [str(exe), *args], capture_output=True, text=True, env={**os.environ, **env}, check=False
    )


@pytest.fixture(scope="module")
def cycle(prefect_harness: None, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """draft → intake → consolidate through the flows, then intake again (cache)."""
    from flows.consolidate import consolidate_flow
    from flows.draft import draft_flow
    from flows.intake import intake_flow

    base = tmp_path_factory.mktemp("flows")
    inbox = make_inbox(base / "inbox")
    home = base / "data"
    url = f"sqlite:///{home / 'chitieu.db'}"
    drafted = draft_flow(PLAN, base / "draft", pdf=False)
    first = intake_flow(PLAN, inbox, home=home, db_url=url, review_in_ui=False)
    records_after_first = stored_records(url)
    rec, files = consolidate_flow(PLAN, base / "report", home=home, db_url=url, pdf=False,
                                  on=REPORT_DAY)  # fmt: skip
    second = intake_flow(PLAN, inbox, home=home, db_url=url, review_in_ui=False)
    return {
        "base": base,
        "inbox": inbox,
        "url": url,
        "drafted": drafted,
        "first": first,
        "second": second,
        "records": records_after_first,
        "records_after_rerun": stored_records(url),
        "reconciliation": rec,
        "report_files": files,
    }


@pytest.fixture(scope="module")
def cli_run(cycle: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The same inbox through `chitieu intake`, `reconcile --json` and `report`."""
    base = tmp_path_factory.mktemp("cli")
    inbox = make_inbox(base / "inbox")
    env = {"CHITIEU_HOME": str(base / "data"), "CHITIEU_DATABASE_URL": f"sqlite:///{base / 'c.db'}"}
    done = chitieu("intake", str(PLAN), str(inbox), "--json", env=env)
    assert done.returncode == 0, done.stderr
    rec = chitieu("reconcile", str(PLAN), "--json", env=env)
    assert rec.returncode == 0, rec.stderr
    out = base / "report"
    rep = chitieu("report", str(PLAN), "--out", str(out), "--no-pdf", "--date",
                  REPORT_DAY.isoformat(), env=env)  # fmt: skip
    assert rep.returncode == 0, rep.stderr
    return {
        "url": env["CHITIEU_DATABASE_URL"],
        "intake": json.loads(done.stdout),
        "reconcile": json.loads(rec.stdout),
        "report_dir": out,
    }


@pytest.mark.slow
def test_draft_flow_writes_plan_and_one_form_per_unit(cycle: dict[str, Any]) -> None:
    names = {p.name for p in cycle["drafted"]}
    assert "ke-hoach-152-KH-UBND.docx" in names
    forms = [p for p in cycle["drafted"] if p.parent.name == "bieu-mau" and p.suffix == ".xlsx"]
    assert len(forms) == 9  # 8 phường + the Đội CSĐTTP
    assert all(p.is_file() for p in cycle["drafted"])


@pytest.mark.slow
def test_intake_flow_files_every_kind_of_return(cycle: dict[str, Any]) -> None:
    outcomes = {f.file_name: f for f in cycle["first"].summary.files}
    assert set(outcomes) == {Path(k).name for k in INBOX}
    status = {name: f.status.value for name, f in outcomes.items()}
    assert status["corrupt.xlsx"] == "quarantined"
    assert status["bc-lang-thuong-unknown.docx"] == "quarantined"
    accepted = {n for n, s in status.items() if s == "accepted"}
    assert accepted == {
        "form-quan-hoa.xlsx",
        "ward-nghia-tan-down.xlsx",
        "ward-mai-dich-formula.xlsx",
        "bc-dich-vong-hau-roles.docx",
        "bc-dich-vong-values.docx",
    }
    assert outcomes["bc-dich-vong-values.docx"].on_time is False
    assert outcomes["form-quan-hoa.xlsx"].on_time is True
    assert cycle["first"].cached == 0
    assert cycle["first"].summary.pending_review >= 1  # bc-dich-vong-values has a doubtful cell
    values = {(u, i): v for (u, i, _, v, *_rest) in cycle["records"]}
    assert values[("quan-hoa", "nd111")] == 3  # samples/returns/truth.json
    assert values[("dich-vong-hau", "hinh_su")] == 3


@pytest.mark.slow
def test_intake_publishes_what_became_of_each_file(cycle: dict[str, Any]) -> None:
    import asyncio

    from prefect.artifacts import Artifact

    art = asyncio.run(Artifact.aget("tiep-nhan-152-kh-ubnd"))  # the latest run: the re-run
    assert art is not None
    text = str(art.data)
    assert "| corrupt.xlsx |  | vẫn cách ly |" in text
    assert "| form-quan-hoa.xlsx | Phường Quan Hoa | đã có |" in text
    assert "đọc lại từ bộ nhớ đệm: 0" in text  # nothing read again: all stored or held
    # The receipt time intake recorded on first sight, not the file's time on disk.
    assert re.search(r"\| form-quan-hoa\.xlsx \|.*\| \d\d:\d\d \d\d/\d\d/20\d\d \|", text)


@pytest.mark.slow
def test_flows_publish_the_period_status(cycle: dict[str, Any]) -> None:
    """The same status as `chitieu status`, on every intake and consolidation run."""
    import asyncio

    from prefect.artifacts import Artifact

    art = asyncio.run(Artifact.aget("tinh-hinh-152-kh-ubnd"))
    assert art is not None
    text = str(art.data)
    assert "## Tình hình kỳ 2021-06 — Kế hoạch 152/KH-UBND" in text
    assert "**Đã báo cáo:** 5/9 đơn vị" in text
    assert "Đội CSĐTTP về Ma Túy" in text  # never reported, named in full
    assert "**Việc cần làm tiếp:**" in text and "chitieu " in text


@pytest.mark.slow
def test_rerun_of_intake_reads_nothing_again_and_adds_nothing(cycle: dict[str, Any]) -> None:
    second = cycle["second"]
    # every file is already stored, or held in quarantine for a reason a new reading
    # cannot change (the plan is the same): none is read again, not even from the cache
    assert second.cached == 0
    assert {f.status.value for f in second.summary.files} == {"duplicate"}
    assert cycle["records_after_rerun"] == cycle["records"]


@pytest.mark.slow
def test_flows_give_the_records_and_figures_of_the_cli(
    cycle: dict[str, Any], cli_run: dict[str, Any]
) -> None:
    assert stored_records(cli_run["url"]) == cycle["records"]
    flow_json = cycle["reconciliation"].to_json()
    cli_json = cli_run["reconcile"]
    for key in ("rows", "units_expected", "units_reported", "totals", "timeliness"):
        assert flow_json[key] == cli_json[key], key
    assert flow_json["units_reported"] == 5
    # the same report, figure for figure
    flow_files = {p.name: p for p in cycle["report_files"]}
    cli_files = {p.name: p for p in cli_run["report_dir"].iterdir()}
    assert set(flow_files) == set(cli_files)
    for name, path in flow_files.items():
        if path.suffix == ".docx":
            assert docx_text(path) == docx_text(cli_files[name]), name
        elif path.suffix == ".xlsx":
            assert xlsx_values(path) == xlsx_values(cli_files[name]), name


@pytest.mark.slow
def test_consolidate_publishes_table_summary_and_links(cycle: dict[str, Any]) -> None:
    import asyncio

    from prefect.artifacts import Artifact

    table = asyncio.run(Artifact.aget("doi-chieu-152-kh-ubnd"))
    summary = asyncio.run(Artifact.aget("tong-hop-152-kh-ubnd"))
    assert table is not None and summary is not None
    rows = json.loads(table.data) if isinstance(table.data, str) else table.data
    rec = cycle["reconciliation"]
    assert len(rows) == len(rec.rows) + len(rec.totals)
    first = rows[0]
    assert first["Đơn vị"] == "Phường Quan Hoa" and first["Tình trạng"] in {
        "Vượt",
        "Đạt",
        "Chưa đạt",
        "Chờ xác minh",
    }
    text = str(summary.data)
    assert "Đơn vị đã báo cáo:** 5/9" in text
    assert "Đội CSĐTTP về Ma Túy" in text  # never reported
    assert "trễ hạn:** 1" in text
    # Each generated file's link has a key per plan and kind (listed by `prefect artifact ls`)
    from flows.artifacts import link_keys

    keys = link_keys(cycle["report_files"], "152/KH-UBND")
    assert len(set(keys)) == len(keys) and "tep-docx-152-kh-ubnd" in keys
    for key, path in zip(keys, cycle["report_files"], strict=True):
        link = asyncio.run(Artifact.aget(key))
        assert link is not None, key  # Prefect stores a link as markdown: [name](uri)
        assert Path(path).resolve().as_uri() in str(link.data), key


@pytest.mark.slow
def test_intake_on_a_dask_local_cluster_gives_the_same_records(
    cycle: dict[str, Any], tmp_path: Path
) -> None:
    from prefect_dask import DaskTaskRunner

    from flows.intake import intake_flow

    runner = DaskTaskRunner(
        cluster_class="distributed.LocalCluster",
        cluster_kwargs={"n_workers": 2, "threads_per_worker": 1, "processes": True},
    )
    home = tmp_path / "data"
    url = f"sqlite:///{home / 'chitieu.db'}"
    run = intake_flow.with_options(task_runner=runner)(
        PLAN, cycle["inbox"], home=home, db_url=url, review_in_ui=False
    )
    assert run.cached == 0  # a fresh data dir: its own, empty cache
    assert len(run.summary.files) == len(INBOX)
    assert stored_records(url) == cycle["records"]


@pytest.mark.slow
def test_a_reader_crash_is_retried(
    prefect_harness: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tesseract or LibreOffice dying once must not lose a return: the task is retried.
    (The one fake of this module: a reader that crashes on its first call.)"""
    import extract.isolated
    from flows.intake import intake_flow

    real = extract.isolated.extract_isolated  # the reading, in its child process
    calls: list[str] = []

    def crashes_once(path: Path, plan: Any) -> Any:
        calls.append(path.name)
        if len(calls) == 1:
            raise RuntimeError("tesseract: Segmentation fault (core dumped)")
        return real(path, plan)

    monkeypatch.setattr(extract.isolated, "extract_isolated", crashes_once)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copyfile(RETURNS / "xlsx/form-quan-hoa.xlsx", inbox / "form-quan-hoa.xlsx")
    run = intake_flow(PLAN, inbox, home=tmp_path, db_url=f"sqlite:///{tmp_path / 's.db'}",
                      review_in_ui=False)  # fmt: skip
    assert calls == ["form-quan-hoa.xlsx", "form-quan-hoa.xlsx"]
    (outcome,) = run.summary.files
    assert outcome.status.value == "accepted" and outcome.records == 5
