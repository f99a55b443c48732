"""Human review in the Prefect UI, for real: the intake flow pauses with a form, a clerk's
answer (sent as the UI's Resume button does) is stored like `chitieu review` stores it."""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from chitieu.plan import load_plan
from chitieu.store import Store

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
DOUBTFUL = ROOT / "samples" / "returns" / "docx" / "bc-dich-vong-values.docx"


def _paused_run(timeout: float = 120) -> Any:
    from prefect.client.orchestration import get_client

    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            for run in client.read_flow_runs():
                if run.state is not None and run.state.is_paused():
                    return run
            time.sleep(0.5)
    raise AssertionError("the intake flow never paused for review")


def _intake_artifact() -> str:
    from prefect.artifacts import Artifact

    from flows.artifacts import INTAKE_KEY, artifact_key

    got = Artifact.get(artifact_key(INTAKE_KEY, load_plan(PLAN).document.number))
    assert got is not None
    return str(got.data)


@pytest.mark.slow
def test_intake_pauses_and_stores_the_answers(prefect_harness: None, tmp_path: Path) -> None:
    from prefect.client.orchestration import get_client
    from prefect.flow_runs import resume_flow_run

    from flows.intake import intake_flow
    from flows.review import field_name

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copyfile(DOUBTFUL, inbox / DOUBTFUL.name)
    url = f"sqlite:///{tmp_path / 'store.db'}"
    result: dict[str, Any] = {}

    def run() -> None:
        result["run"] = intake_flow(
            PLAN, inbox, home=tmp_path, db_url=url, review_in_ui=True, review_timeout=300,
            return_state=True,
        )  # fmt: skip

    worker = threading.Thread(target=run)
    worker.start()
    paused = _paused_run()
    with Store.open(url) as store:
        pending = store.pending_review(store.plan_id(load_plan(PLAN)))  # type: ignore[arg-type]
    assert [(r.unit, r.indicator, r.value) for r in pending] == [("dich-vong", "cnbb", 3)]
    rec = pending[0]
    # The form Prefect shows: one pre-filled field per doubtful figure, described in full.
    with get_client(sync_client=True) as client:
        inputs = client.filter_flow_run_input(paused.id, "", 100, set())
    schema = next(json.loads(i.value) for i in inputs if i.key.endswith("schema"))
    shown = next(json.loads(i.value) for i in inputs if i.key.endswith("description"))
    assert "1 số liệu cần xác nhận" in shown and "Phường Dịch Vọng" in shown
    # Named after the unit and the indicator, not a store id: the API and the UI read alike.
    assert field_name(rec.unit, rec.indicator) == "dich_vong__cnbb"
    field = schema["properties"]["dich_vong__cnbb"]
    assert field["default"] == 3
    assert "Phường Dịch Vọng" in field["title"]
    assert "bc-dich-vong-values.docx" in field["description"]
    resume_flow_run(paused.id, run_input={"reviewer": "Nguyễn Thị Lan", "dich_vong__cnbb": 2})
    worker.join(timeout=120)
    assert not worker.is_alive()
    state = result["run"]
    assert state.is_completed()
    summary = state.result()
    assert summary.reviewed == 1 and summary.summary.pending_review == 0
    # The artifact of the resumed run says what was corrected, by whom, from what value.
    shown_after = _intake_artifact()
    assert "Nguyễn Thị Lan sửa 3 thành 2" in shown_after and "Phường Dịch Vọng" in shown_after
    with Store.open(url) as store:
        plan_id = store.plan_id(load_plan(PLAN))
        assert plan_id is not None
        now = {(r.unit, r.indicator): r for r in store.current_results(plan_id)}
    fixed = now[("dich-vong", "cnbb")]
    assert fixed.value == 2 and not fixed.needs_review
    assert fixed.reviewer == "Nguyễn Thị Lan" and fixed.review_action == "corrected"
    assert fixed.corrects == rec.id
    _reviewer_shown_everywhere(url, tmp_path)


@pytest.mark.slow
def test_an_unanswered_review_completes_and_is_not_asked_again(
    prefect_harness: None, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Nobody answers: the run completes (not Failed), its artifact lists the figure and
    where to answer it; the next run lists it again without pausing for it."""
    from flows.intake import intake_flow

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copyfile(DOUBTFUL, inbox / DOUBTFUL.name)
    url = f"sqlite:///{tmp_path / 'store.db'}"
    state = intake_flow(
        PLAN, inbox, home=tmp_path, db_url=url, review_in_ui=True, review_timeout=4,
        return_state=True,
    )  # fmt: skip
    assert state.is_completed(), state
    # One WARNING line says nobody answered; no traceback, nothing at ERROR.
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("Không ai trả lời trong 4 giây" in r.getMessage() for r in caplog.records)
    first = state.result()
    assert first.review.timed_out and [r.unit for r in first.review.asked] == ["dich-vong"]
    assert first.summary.pending_review == 1
    shown = _intake_artifact()
    assert "Hết thời gian chờ" in shown and "Còn chờ xác minh (1)" in shown
    assert "Phường Dịch Vọng" in shown and "chitieu review" in shown
    # The next scheduled run reads nothing new: it must not pause again for that figure
    # (a pause here would wait the whole timeout, then report timed_out).
    second = intake_flow(
        PLAN, inbox, home=tmp_path, db_url=url, review_in_ui=True, review_timeout=600
    )
    assert second.review.asked == [] and not second.review.timed_out
    assert [r.unit for r in second.review.pending] == ["dich-vong"]
    assert "từ lần tiếp nhận trước" in _intake_artifact()


def _cli(args: list[str], url: str, home: Path) -> str:
    """Run `chitieu` as the secretariat does (a real process, this worktree's code)."""
    env = {
        "PATH": os.environ["PATH"], "COLUMNS": "250", "LANG": "C.UTF-8",
        "CHITIEU_HOME": str(home), "CHITIEU_DATABASE_URL": url,
    }  # fmt: skip
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    exe = str(Path(sys.executable).parent / "chitieu")
    got = subprocess.run([exe, *args], capture_output=True, text=True, env=env, cwd=ROOT)
    assert got.returncode == 0, got.stderr
    return got.stdout


def _reviewer_shown_everywhere(url: str, home: Path) -> None:
    """After the UI correction (3 → 2 by Nguyễn Thị Lan): every view of the figure's
    source says who corrected it, when, and from what value."""
    listed = _cli(["review", str(PLAN), "--list", "--all"], url, home)
    assert "Nguyễn Thị Lan sửa từ 3 lúc" in listed
    assert "Không còn số liệu" not in listed
    listed_json = json.loads(_cli(["review", str(PLAN), "--json", "--all"], url, home))
    fixed = next(x for x in listed_json if x["unit"] == "dich-vong" and x["indicator"] == "cnbb")
    assert fixed["reviewer"] == "Nguyễn Thị Lan" and fixed["read_value"] == 3
    # Without --all, only what still waits (unchanged contract).
    assert json.loads(_cli(["review", str(PLAN), "--json"], url, home)) == []
    rec = json.loads(_cli(["reconcile", str(PLAN), "--json"], url, home))
    row = next(r for r in rec["rows"] if (r["unit"], r["indicator"]) == ("dich-vong", "cnbb"))
    assert row["result"] == 2
    (src,) = row["sources"]
    assert src["reviewer"] == "Nguyễn Thị Lan" and src["review_action"] == "corrected"
    assert src["read_value"] == 3 and src["reviewed_at"] and src["file"].endswith(".docx")
    out = home / "report"
    _cli(["report", str(PLAN), "--out", str(out), "--no-pdf"], url, home)
    (book,) = out.glob("*.xlsx")
    ws = openpyxl.load_workbook(book, read_only=True)["Chi tiết, nguồn"]
    cells = [str(c) for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert any(c.startswith("Nguyễn Thị Lan sửa từ 3 lúc") for c in cells), cells[:40]


@pytest.mark.slow
def test_the_served_intake_deployment_pauses_and_completes_when_resumed(
    prefect_harness: None, tmp_path: Path
) -> None:
    """`chitieu serve` (a real process) serves the intake deployment; a run of it pauses
    on the doubtful figure, is resumed through the API, and completes with the answer."""
    import signal

    from prefect.client.orchestration import get_client
    from prefect.deployments import run_deployment
    from prefect.flow_runs import resume_flow_run
    from prefect.settings import PREFECT_API_URL

    from flows.deployments import plan_slug

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copyfile(DOUBTFUL, inbox / DOUBTFUL.name)
    url = f"sqlite:///{tmp_path / 'store.db'}"
    env = {
        **os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "COLUMNS": "250",
        "PREFECT_HOME": str(tmp_path / "prefect-home"), "CHITIEU_HOME": str(tmp_path),
        # no scheduled intake may read the inbox before the run under test (1 January 03:00)
        "CHITIEU_INTAKE_CRON": "0 3 1 1 *",
        "CHITIEU_DATABASE_URL": url,
    }  # fmt: skip
    exe = str(Path(sys.executable).parent / "chitieu")
    args = [exe, "serve", str(PLAN), "--inbox", str(inbox), "--out", str(tmp_path / "out")]
    proc = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    name = f"tiep-nhan-bao-cao/tiep-nhan-{plan_slug(load_plan(PLAN))}"
    try:
        with get_client(sync_client=True) as client:
            deadline = time.monotonic() + 180
            while proc.poll() is None:
                assert time.monotonic() < deadline, "serve never registered the intake"
                try:
                    dep = client.read_deployment_by_name(name)
                except Exception:  # not registered yet
                    dep = None
                # this serve's registration, not one left by an earlier test's serve of the
                # same plan (same deployment name, another inbox)
                ours = dep is not None and dep.parameters.get("inbox") == str(inbox.resolve())
                if ours and not dep.paused:
                    break
                time.sleep(1)
            assert proc.poll() is None, proc.communicate()
            run = run_deployment(
                name, parameters={"review_in_ui": True, "review_timeout": 300}, timeout=0
            )
            deadline = time.monotonic() + 240
            while not (state := client.read_flow_run(run.id).state) or not state.is_paused():
                assert state is None or not state.is_final(), state
                assert time.monotonic() < deadline, "the served intake never paused"
                time.sleep(1)
            resume_flow_run(run.id, run_input={"reviewer": "Trần Văn Bình", "dich_vong__cnbb": 4})
            deadline = time.monotonic() + 240
            while not (state := client.read_flow_run(run.id).state) or not state.is_final():
                assert time.monotonic() < deadline, "the resumed intake never finished"
                time.sleep(1)
            assert state.is_completed(), state
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
    with Store.open(url) as store:
        plan_id = store.plan_id(load_plan(PLAN))
        assert plan_id is not None
        now = {(r.unit, r.indicator): r for r in store.current_results(plan_id)}
    fixed = now[("dich-vong", "cnbb")]
    assert (fixed.value, fixed.reviewer, fixed.review_action) == (4, "Trần Văn Bình", "corrected")
    assert "Trần Văn Bình sửa 3 thành 4" in _intake_artifact()


def test_form_fields_are_named_after_unit_and_indicator_one_per_figure() -> None:
    """Stable, valid identifiers from the ids (not store ids); never two figures on one
    field, whatever the ids look like (a grammar of ids, seeded)."""
    import random
    from types import SimpleNamespace

    from flows.review import field_name, field_names

    rng = random.Random(15)
    parts = ["dich-vong", "dich_vong", "Đội 1", "1a", "a", "quan-hoa", "cnbb", "hinh_su", "-"]
    for _ in range(200):
        recs = [
            SimpleNamespace(
                id=i,
                unit=rng.choice(parts),
                indicator=rng.choice(parts),
                period=rng.choice(["2021-06", "2021-Q2", "2021"]),
            )
            for i in range(rng.randint(1, 8))
        ]
        names = field_names(recs)
        assert len(set(names.values())) == len(recs)
        assert all(n.isidentifier() and n.isascii() and n != "reviewer" for n in names.values())
        # The same figures in another order keep their names when nothing clashes.
        if len({field_name(r.unit, r.indicator) for r in recs}) == len(recs):
            again = field_names(list(reversed(recs)))
            assert again == names
    one = SimpleNamespace(id=45, unit="dich-vong", indicator="cnbb", period="2021-06")
    assert field_names([one]) == {45: "dich_vong__cnbb"}
