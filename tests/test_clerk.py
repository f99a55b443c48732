"""The clerk's day on a real store (SQLite and PostgreSQL) through the real `chitieu` command:
status, figures typed by hand, excused units, lock/unlock, returning a report, review
history and undo, and the report that refuses an empty store.

Returns are built from a grammar: the program's own return form (`form-quan-hoa.xlsx`)
re-addressed to a unit drawn by seed, with figures drawn by seed.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from chitieu.plan import load_plan
from chitieu.record import Record, Where
from chitieu.review import Action, Answer, OverrideNeeded, apply_answer, history
from chitieu.store import Store

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
FORM = ROOT / "samples" / "returns" / "xlsx" / "form-quan-hoa.xlsx"
INDICATORS = ["hinh_su", "nd111", "nd94", "cnbb", "cntn"]
ROWS = {ind: f"E{8 + n}" for n, ind in enumerate(INDICATORS)}

BACKENDS = pytest.mark.parametrize(
    "store_url", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True
)


def cli(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    exe = str(Path(sys.executable).parent / "chitieu")
    full = {**os.environ, "COLUMNS": "80", **env}
    return subprocess.run(
        [exe, *args], input=stdin, capture_output=True, text=True, env=full, cwd=ROOT, timeout=300
    )


def said(proc: subprocess.CompletedProcess[str]) -> str:
    """What the command printed, with Rich's line wrapping undone."""
    return " ".join((proc.stdout + proc.stderr).split())


def write_return(folder: Path, unit_id: str, values: dict[str, int], tag: str) -> Path:
    """The program's return form, for `unit_id`, with these figures."""
    plan = load_plan(PLAN)
    unit = plan.unit_by_id[unit_id]
    wb = openpyxl.load_workbook(FORM)
    ws, meta = wb["Báo cáo"], wb["_chitieu"]
    ws["A2"] = f"UBND {unit.kind.upper()} {unit.name.upper()}"
    meta["B4"] = unit_id
    for ind, value in values.items():
        ws[ROWS[ind]] = value
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"bc-{unit_id}-{tag}.xlsx"
    wb.save(path)
    return path


def _report_text(folder: Path) -> str:
    """The báo cáo's paragraphs and the workbook's "Tổng hợp" title rows, as one text."""
    from docx import Document
    from openpyxl import load_workbook

    docx = next(folder.glob("bao-cao-*.docx"))
    xlsx = next(folder.glob("bao-cao-*.xlsx"))
    paras = [p.text for p in Document(str(docx)).paragraphs]
    ws = load_workbook(xlsx, read_only=True)["Tổng hợp"]
    heads = [str(c.value) for row in ws.iter_rows(min_row=1, max_row=2) for c in row if c.value]
    return "\n".join(paras + heads)


def figures(rng: random.Random) -> dict[str, int]:
    return {ind: rng.randint(0, 9) for ind in INDICATORS}


@pytest.fixture
def env(store_url: str, tmp_path: Path) -> dict[str, str]:
    return {"CHITIEU_DATABASE_URL": store_url, "CHITIEU_HOME": str(tmp_path / "home")}


def current(store_url: str) -> dict[tuple[str, str], object]:
    with Store.open(store_url) as store:
        pid = store.plan_id(load_plan(PLAN))
        assert pid is not None
        return {(r.unit, r.indicator): r for r in store.current_results(pid)}


@BACKENDS
@pytest.mark.parametrize("seed", [3, 11])
def test_locked_period_keeps_its_figures(
    env: dict[str, str], store_url: str, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    units = rng.sample(["quan-hoa", "yen-hoa", "nghia-tan", "mai-dich", "trung-hoa"], 2)
    first = {u: figures(rng) for u in units}
    inbox = tmp_path / "inbox1"
    for u in units:
        write_return(inbox, u, first[u], "v1")
    out = cli(env, "intake", str(PLAN), str(inbox), "--received-at", "01/07/2021 08:00")
    assert out.returncode == 0, out.stderr
    before = {k: r.value for k, r in current(store_url).items()}
    assert before[(units[0], "hinh_su")] == first[units[0]]["hinh_su"]

    locked = cli(env, "lock", str(PLAN), "--period", "2021-06", "--by", "Nguyễn Thị Lan")
    assert locked.returncode == 0 and "Đã khóa kỳ 2021-06" in said(locked), locked.stderr
    again = cli(env, "lock", str(PLAN), "--period", "2021-06", "--by", "Lan")
    assert "không cần khóa lại" in said(again)

    second = {k: (v + 1) % 10 for k, v in first[units[0]].items()}  # every figure differs
    late = write_return(tmp_path / "inbox2", units[0], second, "v2")
    out = cli(env, "intake", str(PLAN), str(late), "--json")
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout)["files"][0]
    assert got["status"] == "quarantined" and got["period_locked"] is True
    assert got["reason"].startswith("kỳ đã khóa")
    assert {k: r.value for k, r in current(store_url).items()} == before  # nothing moved
    shown = cli(env, "intake", str(PLAN), str(late))
    assert "Kỳ 2021-06 đã khóa" in said(shown)

    status = json.loads(cli(env, "status", str(PLAN), "--json").stdout)
    assert status["locked"].startswith("đã khóa bởi Nguyễn Thị Lan")
    report = cli(env, "report", str(PLAN), "--no-pdf", "--out", str(tmp_path / "bc"))
    assert "Kỳ 2021-06 đã khóa bởi Nguyễn Thị Lan" in said(report), report.stderr
    # the signed paper says it too, not only the terminal
    assert "đã khóa sổ lúc" in _report_text(tmp_path / "bc")
    assert "(người khóa sổ: Nguyễn Thị Lan)" in _report_text(tmp_path / "bc")
    assert "số liệu tạm thời" not in _report_text(tmp_path / "bc")
    entered = cli(env, "enter", str(PLAN), "--unit", units[1], "--indicator", "cnbb",
                  "--value", "4", "--by", "Lan")  # fmt: skip
    assert entered.returncode != 0 and "đã khóa" in said(entered)

    no_reason = cli(env, "unlock", str(PLAN), "--period", "2021-06", "--by", "Lan")
    assert no_reason.returncode != 0
    opened = cli(env, "unlock", str(PLAN), "--period", "2021-06", "--by", "Trần Văn Bình",
                 "--reason", "Phường gửi bản sửa")  # fmt: skip
    assert opened.returncode == 0, opened.stderr
    reopened = cli(env, "report", str(PLAN), "--no-pdf", "--out", str(tmp_path / "bc-open"))
    assert reopened.returncode == 0, reopened.stderr
    assert "số liệu tạm thời: kỳ báo cáo chưa khóa sổ" in _report_text(tmp_path / "bc-open")
    assert "Nguyễn Thị Lan" not in _report_text(tmp_path / "bc-open")
    out = cli(env, "intake", str(PLAN), str(late), "--json")
    assert json.loads(out.stdout)["files"][0]["status"] == "accepted"
    after = current(store_url)
    assert after[(units[0], "hinh_su")].value == second["hinh_su"]  # type: ignore[attr-defined]
    with Store.open(store_url) as store:
        pid = store.plan_id(load_plan(PLAN))
        trail = [(e.action, e.person, e.reason) for e in store.events(pid)]  # type: ignore[arg-type]
    assert trail == [
        ("lock", "Nguyễn Thị Lan", None),
        ("unlock", "Trần Văn Bình", "Phường gửi bản sửa"),
    ]


@BACKENDS
def test_figure_typed_by_hand_then_a_return(
    env: dict[str, str], store_url: str, tmp_path: Path
) -> None:
    rng = random.Random(5)
    given = figures(rng)
    early = write_return(tmp_path / "a", "yen-hoa", given, "v1")
    assert (
        cli(env, "intake", str(PLAN), str(early), "--received-at", "30/06/2021 08:00").returncode
        == 0
    )
    typed = (given["nd94"] + 3) % 10
    out = cli(env, "enter", str(PLAN), "--unit", "yen-hoa", "--indicator", "nd94",
              "--value", str(typed), "--by", "Lê Thị Hoa", "--note", "Đ/c Hùng báo qua Zalo",
              "--received-at", "30/06/2021 15:00")  # fmt: skip
    assert out.returncode == 0 and "Đã nhập tay" in said(out), out.stderr
    now = current(store_url)
    hand = now[("yen-hoa", "nd94")]
    assert (hand.value, hand.entered_by, hand.note) == (
        typed,
        "Lê Thị Hoa",
        "Đ/c Hùng báo qua Zalo",
    )  # type: ignore[attr-defined]
    assert hand.file_name.startswith("nhập tay")  # type: ignore[attr-defined]
    for ind in INDICATORS:  # the other figures of the return still count
        if ind != "nd94":
            assert now[("yen-hoa", ind)].value == given[ind]  # type: ignore[attr-defined]

    # A return sent before the call, taken in late: the figure typed by hand stands.
    stale = write_return(tmp_path / "s", "yen-hoa", dict(given, nd94=9 - typed), "cu")
    got = cli(env, "intake", str(PLAN), str(stale), "--received-at", "30/06/2021 14:00")
    assert got.returncode == 0, got.stderr
    assert current(store_url)[("yen-hoa", "nd94")].value == typed  # type: ignore[attr-defined]
    # A later return saying something else: it counts only once a person confirms it.
    later = dict(given, nd94=(typed + 2) % 10)
    path = write_return(tmp_path / "b", "yen-hoa", later, "v2")
    out = cli(env, "intake", str(PLAN), str(path), "--received-at", "01/07/2021 10:00")
    assert out.returncode == 0, out.stderr
    conflict = current(store_url)[("yen-hoa", "nd94")]
    assert conflict.value == later["nd94"] and conflict.needs_review  # type: ignore[attr-defined]
    assert f"khác số nhập tay {typed}" in conflict.note  # type: ignore[attr-defined]
    rec = json.loads(cli(env, "reconcile", str(PLAN), "--json").stdout)
    row = next(r for r in rec["rows"] if r["unit"] == "yen-hoa" and r["indicator"] == "nd94")
    assert row["status"] == "cho_xac_minh"
    listed = cli(env, "review", str(PLAN), "--list")
    assert "khác số nhập tay" not in said(listed) and str(conflict.id) in said(listed)  # type: ignore[attr-defined]


@BACKENDS
def test_excused_unit_leaves_completeness_and_reminders(
    env: dict[str, str], store_url: str, tmp_path: Path
) -> None:
    path = write_return(tmp_path / "in", "quan-hoa", figures(random.Random(2)), "v1")
    assert cli(env, "intake", str(PLAN), str(path)).returncode == 0
    before = json.loads(cli(env, "reconcile", str(PLAN), "--json").stdout)["units_expected"]
    out = cli(env, "enter", str(PLAN), "--unit", "doi-csdt-ma-tuy", "--excuse", "--by", "Lan")
    assert out.returncode != 0 and "lý do" in said(out)  # a reason is required
    out = cli(env, "enter", str(PLAN), "--unit", "doi-csdt-ma-tuy", "--excuse",
              "--reason", "Đơn vị đang sáp nhập", "--by", "Lan")  # fmt: skip
    assert out.returncode == 0, out.stderr
    after = json.loads(cli(env, "reconcile", str(PLAN), "--json").stdout)["units_expected"]
    assert after == before - 1
    st = json.loads(cli(env, "status", str(PLAN), "--json").stdout)
    assert [x["unit"] for x in st["excused"]] == ["Đội CSĐTTP về Ma Túy"]
    assert "Đội CSĐTTP về Ma Túy" not in [x["unit"] for x in st["missing"]]
    remind = cli(env, "remind", str(PLAN), "--no-pdf", "--date", "29/06/2021",
                 "--out", str(tmp_path / "dd"))  # fmt: skip
    assert remind.returncode == 0, remind.stderr
    assert "Ma Túy" not in said(remind) and "Yên Hòa" in said(remind)
    back = cli(env, "enter", str(PLAN), "--unit", "doi-csdt-ma-tuy", "--unexcuse", "--by", "Lan")
    assert back.returncode == 0, back.stderr
    again = json.loads(cli(env, "reconcile", str(PLAN), "--json").stdout)["units_expected"]
    assert again == before


@BACKENDS
def test_return_to_unit_until_corrected(
    env: dict[str, str], store_url: str, tmp_path: Path
) -> None:
    values = figures(random.Random(8))
    path = write_return(tmp_path / "in", "nghia-tan", values, "v1")
    got = cli(env, "intake", str(PLAN), str(path), "--received-at", "30/06/2021 08:00")
    assert got.returncode == 0, got.stderr
    with Store.open(store_url) as store:  # one figure the reader was unsure of
        pid = store.save_plan(load_plan(PLAN))
        store.add_submission(
            pid, file_name="nghia-tan-bo-sung.xlsx", sha256="ab" * 32, size=1,
            received_at=datetime(2021, 7, 1, 9), unit="nghia-tan", period="2021-06",
            records=[Record("nghia-tan", ind, "2021-06", v, needs_review=(ind == "cnbb"),
                            note="ô «khoảng 3» không rõ" if ind == "cnbb" else None,
                            where=Where(cell=ROWS[ind])) for ind, v in values.items()],
            problems=[{"code": "total_mismatch", "message": "Tổng không khớp: dòng Tổng cộng 9 ≠ 7."}],
        )  # fmt: skip
    out = cli(env, "return", str(PLAN), "--unit", "nghia-tan", "--reason", "Số liệu chưa rõ ràng",
              "--by", "Lan", "--no-pdf", "--out", str(tmp_path / "tl"), "--date", "05/07/2021")  # fmt: skip
    assert out.returncode == 0, out.stderr
    letter = tmp_path / "tl" / "cong-van-tra-lai-nghia-tan-2021-07-05.docx"
    import docx

    text = "\n".join(p.text for p in docx.Document(str(letter)).paragraphs)
    assert "V/v trả lại báo cáo" in text or "trả lại báo cáo" in text
    assert "Lập hồ sơ đưa CNBB" in text and "khoảng 3" in text
    assert "Tổng không khớp" in text and "Số liệu chưa rõ ràng" in text
    lint = cli(env, "lint", str(PLAN), str(letter))
    assert lint.returncode == 0, lint.stdout
    rec = json.loads(cli(env, "reconcile", str(PLAN), "--json").stdout)
    rows = [r for r in rec["rows"] if r["unit"] == "nghia-tan"]
    assert rows and all(r["status"] == "cho_xac_minh" for r in rows)
    st = json.loads(cli(env, "status", str(PLAN), "--json").stdout)
    assert [x["unit"] for x in st["returned"]] == ["Phường Nghĩa Tân"]
    fixed = write_return(tmp_path / "in2", "nghia-tan", values, "v2-sua")
    assert cli(env, "intake", str(PLAN), str(fixed)).returncode == 0
    st = json.loads(cli(env, "status", str(PLAN), "--json").stdout)
    assert st["returned"] == []


@BACKENDS
def test_review_history_override_and_undo(store_url: str) -> None:
    plan = load_plan(PLAN)
    with Store.open(store_url) as store:
        pid = store.save_plan(plan)
        store.add_submission(
            pid, file_name="mai-dich.pdf", sha256="cd" * 32, size=1,
            received_at=datetime(2021, 7, 1), unit="mai-dich", period="2021-06",
            records=[Record("mai-dich", "hinh_su", "2021-06", 3, needs_review=True)],
        )  # fmt: skip
        (rec,) = store.pending_review(pid)
        first = apply_answer(store, rec.id, Answer(Action.correct, 4), "An")
        assert first is not None and store.pending_review(pid) == []
        with pytest.raises(OverrideNeeded, match="An trả lời là 4"):
            apply_answer(store, rec.id, Answer(Action.correct, 5), "Bình")
        apply_answer(store, rec.id, Answer(Action.correct, 4), "An")  # the same person may
        second = apply_answer(store, rec.id, Answer(Action.correct, 5), "Bình", override=True)
        assert second is not None
        lines = history(store, rec.id)
        assert lines[0].startswith("3 — đọc từ mai-dich.pdf")
        assert any(x.startswith("5 — Bình sửa") for x in lines)
        store.undo_answer(second, "Bình")
        now = next(r for r in store.current_results(pid) if r.unit == "mai-dich")
        assert now.value == 4 and not now.needs_review
        with pytest.raises(OverrideNeeded):  # the standing answer is An's again
            apply_answer(store, rec.id, Answer(Action.correct, 6), "Bình")
        store.refuse_if_locked(pid, "2021-06", "sửa")  # open: no error
        store.add_event(pid, "2021-06", "lock", "Lan")
        with pytest.raises(Exception, match="đã khóa"):
            apply_answer(store, rec.id, Answer(Action.correct, 6), "An")


@BACKENDS
def test_report_refuses_an_empty_store_and_names_missing(
    env: dict[str, str], store_url: str, tmp_path: Path
) -> None:
    out = cli(env, "report", str(PLAN), "--no-pdf", "--out", str(tmp_path / "bc"))
    assert out.returncode != 0 and "Chưa có kết quả nào" in said(out)
    assert not (tmp_path / "bc").exists() or not any((tmp_path / "bc").iterdir())
    out = cli(env, "report", str(PLAN), "--no-pdf", "--allow-empty", "--out", str(tmp_path / "bc"))
    assert out.returncode == 0, out.stderr
    path = write_return(tmp_path / "in", "mai-dich", figures(random.Random(1)), "v1")
    assert cli(env, "intake", str(PLAN), str(path)).returncode == 0
    out = cli(env, "report", str(PLAN), "--no-pdf", "--out", str(tmp_path / "bc2"))
    assert out.returncode == 0, out.stderr
    assert "Còn 8 đơn vị chưa báo cáo" in said(out) and "Phường Quan Hoa" in said(out)


@BACKENDS
def test_status_reads_at_80_columns(env: dict[str, str], store_url: str, tmp_path: Path) -> None:
    rng = random.Random(21)
    inbox = tmp_path / "in"
    chosen = rng.sample(["quan-hoa", "dich-vong-hau", "nghia-do", "trung-hoa"], 3)
    for u in chosen:
        write_return(inbox, u, figures(rng), "v1")
    assert (
        cli(env, "intake", str(PLAN), str(inbox), "--received-at", "03/07/2021 10:00").returncode
        == 0
    )
    out = cli(env, "status", str(PLAN), "--date", "01/07/2021")
    assert out.returncode == 0, out.stderr
    assert "02/07/2021 (còn 1 ngày)" in said(out)
    assert "3/9 đơn vị" in said(out) and "muộn 3" in said(out)
    assert "…" not in said(out) and max(len(x) for x in out.stdout.splitlines()) <= 80
    plan = load_plan(PLAN)
    for u in plan.reporting_units:  # every unit is named whole, reported or not
        assert u.full_name in said(out)
    assert f"chitieu remind {PLAN} --period 2021-06" in said(out)
    intake = cli(env, "intake", str(PLAN), str(inbox))
    assert "…" not in said(intake) and "nộp muộn" not in said(intake)  # duplicates now
