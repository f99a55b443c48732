"""`chitieu serve`'s deployments: schedules computed from the plan, parameters per run
(pure: building deployments needs no server), and the refusal without a server."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
from dateutil.rrule import rrulestr

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"


def test_deployments_carry_the_deadline_schedule(tmp_path: Path) -> None:
    from flows.deployments import INTAKE_CRON, ServeSettings, build_deployments

    deps = {
        d.name: d
        for d in build_deployments(ServeSettings(PLAN, tmp_path / "inbox", tmp_path / "out"))
    }
    assert set(deps) == {
        "han-bao-cao-152-kh-ubnd",
        "tiep-nhan-152-kh-ubnd",
        "soan-thao-152-kh-ubnd",
        "tong-hop-152-kh-ubnd",
    }
    watch = deps["han-bao-cao-152-kh-ubnd"]
    assert watch.entrypoint == "flows.deadline.deadline_watch"  # importable on any worker
    fired = []
    for s in watch.schedules:
        assert s.schedule.timezone == "Asia/Ho_Chi_Minh"
        (when,) = list(rrulestr(s.schedule.rrule))  # each schedule fires exactly once
        fired.append((when, s.parameters["kind"], s.parameters["period"]))
    assert sorted(fired) == [
        (datetime(2021, 6, 29, 8, 0), "reminder", "2021-06"),
        (datetime(2021, 7, 1, 8, 0), "reminder", "2021-06"),
        (datetime(2021, 7, 2, 8, 0), "consolidate", "2021-06"),
    ]
    assert watch.parameters["plan_path"] == str(PLAN.resolve())
    assert watch.parameters["out_dir"] == str((tmp_path / "out" / "don-doc").resolve())
    intake = deps["tiep-nhan-152-kh-ubnd"]
    assert [s.schedule.cron for s in intake.schedules] == [INTAKE_CRON]
    assert intake.parameters["inbox"] == str((tmp_path / "inbox").resolve())
    assert deps["soan-thao-152-kh-ubnd"].schedules in (None, [])


def test_an_office_can_set_its_own_intake_rhythm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.deployments import ServeSettings, build_deployments

    monkeypatch.setenv("CHITIEU_INTAKE_CRON", "0 8,14 * * 1-5")
    deps = {
        d.name: d
        for d in build_deployments(ServeSettings(PLAN, tmp_path / "inbox", tmp_path / "out"))
    }
    intake = deps["tiep-nhan-152-kh-ubnd"]
    assert [s.schedule.cron for s in intake.schedules] == ["0 8,14 * * 1-5"]


def test_serve_refuses_without_a_server(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    exe = Path(sys.executable).with_name("chitieu")
    done = subprocess.run(
        [str(exe), "serve", str(PLAN)], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 3
    assert "prefect server start" in done.stderr and "PREFECT_API_URL" in done.stderr
    assert "Traceback" not in done.stderr


def test_demo_says_so_when_the_configured_server_is_down(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    env["PREFECT_API_URL"] = "http://127.0.0.1:9/api"  # nothing listens on the discard port
    exe = Path(sys.executable).with_name("chitieu")
    out = tmp_path / "demo"
    done = subprocess.run(
        [str(exe), "demo", "--out", str(out)], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 3
    assert "Không kết nối được máy chủ Prefect" in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()  # nothing written


def _served_deployments(client: object, prefix: str) -> list[object]:
    return [d for d in client.read_deployments() if d.name.endswith(prefix)]  # type: ignore[attr-defined]


def _all_active(client: object, prefix: str) -> bool:
    """Serve has registered (or, after an earlier stop, re-activated) all four."""
    got = _served_deployments(client, prefix)
    return len(got) == 4 and not any(d.paused for d in got)  # type: ignore[attr-defined]


# Run by itself after the rest: it sends a real Ctrl+C to a real `chitieu serve`.
@pytest.mark.slow
@pytest.mark.alone
@pytest.mark.parametrize("keep", [False, True])
def test_stopping_serve_says_what_became_of_the_schedules(
    prefect_harness: None, tmp_path: Path, keep: bool
) -> None:
    """Ctrl+C on `chitieu serve`: by default Prefect pauses the deployments, and serve
    says so and how to resume them; `--keep-schedules` leaves them active."""
    import signal
    import time

    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    from chitieu.plan import load_plan
    from flows.deployments import plan_slug

    env = {**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()), "COLUMNS": "250"}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    exe = Path(sys.executable).with_name("chitieu")
    args = [str(exe), "serve", str(PLAN), "--inbox", str(tmp_path / "inbox"), "--out",
            str(tmp_path / "out"), *(["--keep-schedules"] if keep else [])]  # fmt: skip
    proc = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        # A run started in the background (`nohup make test &`) ignores SIGINT, and a
        # child inherits that: serve then never sees the Ctrl+C this test sends.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    slug = plan_slug(load_plan(PLAN))
    try:
        with get_client(sync_client=True) as client:
            deadline = time.monotonic() + 180
            while not _all_active(client, slug) and proc.poll() is None:
                assert time.monotonic() < deadline, "serve never registered its deployments"
                time.sleep(1)
            assert proc.poll() is None, proc.communicate()
            time.sleep(3)  # let the runner enter its loop before it is interrupted
            proc.send_signal(signal.SIGINT)
            # A runner still starting may lose the first Ctrl+C: a user presses it again.
            for _ in range(3):
                try:
                    out, err = proc.communicate(timeout=40)
                    break
                except subprocess.TimeoutExpired:
                    proc.send_signal(signal.SIGINT)
            else:
                out, err = proc.communicate(timeout=60)
            paused = {d.name: d.paused for d in _served_deployments(client, slug)}  # type: ignore[attr-defined]
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "Traceback" not in err
    assert f"tiep-nhan-{slug}" in paused and len(paused) == 4
    text = " ".join(out.split())
    if keep:
        assert not any(paused.values()), paused
        assert "vẫn bật trên máy chủ" in text
    else:
        assert all(paused.values()), paused
        assert "tạm dừng (Paused)" in text and "chitieu serve" in text
        assert "--keep-schedules" in text
