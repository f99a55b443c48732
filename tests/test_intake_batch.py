"""Files stored in batches (the intake flow): one transaction per batch, each write a
savepoint of it. A file that fails leaves nothing of itself and loses no other file's
records; a batch that cannot finish stores nothing. Real SQLite files and PostgreSQL."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from chitieu.errors import StoreError
from chitieu.intake import Status, intake
from chitieu.intake_batch import Reading, receive_batch, store_batch
from chitieu.plan import load_plan
from chitieu.record import Record
from chitieu.store import Store, database_url

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
RETURNS = ROOT / "samples" / "returns"
BACKENDS = pytest.mark.parametrize(
    "store_url",
    ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
    indirect=True,
)
AT = datetime(2021, 6, 30, 9, 0)


def _add(store: Store, plan_id: int, name: str, records: list[Record]):  # type: ignore[no-untyped-def]
    return store.add_submission(
        plan_id, file_name=name, sha256=name.encode().hex().ljust(64, "0")[:64], size=1,
        received_at=AT, unit=records[0].unit if records else None, period="2021-06",
        records=records,
    )  # fmt: skip


def _rows(url: str, table: str) -> int:
    engine = sa.create_engine(database_url(url))  # a connection of its own
    with engine.connect() as conn:
        n = int(conn.scalar(sa.text(f"SELECT count(*) FROM {table}")))
    engine.dispose()
    return n


def _figures(unit: str, n: int) -> list[Record]:
    return [Record(unit, ind, "2021-06", v) for v, ind in enumerate(["hinh_su", "nd111"][:n])]


@BACKENDS
def test_a_failing_file_rolls_back_alone_and_the_batch_commits_at_its_end(
    store_url: str,
) -> None:
    plan = load_plan(PLAN)
    with Store.open(store_url) as store:
        pid = store.save_plan(plan)
        with store.batch():
            first = _add(store, pid, "a.xlsx", _figures("quan-hoa", 2))
            # a figure with no unit: the database refuses it after the file's row went in
            broken = [*_figures("yen-hoa", 1), Record(None, "nd94", "2021-06", 1)]  # type: ignore[arg-type]
            with pytest.raises(StoreError, match="không có gì được ghi"):
                _add(store, pid, "b.xlsx", broken)
            _add(store, pid, "c.xlsx", _figures("dich-vong", 2))
            # the batch reads what it wrote; other connections do not see it yet
            assert store.submission_by_sha256(pid, b"a.xlsx".hex().ljust(64, "0"))
            assert _rows(store_url, "submissions") == 0
        names = {s.file_name for s in store.submissions(pid)}
        assert names == {"a.xlsx", "c.xlsx"}  # nothing of b.xlsx, all of the others
        assert {r.unit for r in store.current_results(pid)} == {"quan-hoa", "dich-vong"}
        assert len(store.current_results(pid)) == 4 and first.is_new
    assert _rows(store_url, "submissions") == 2


@BACKENDS
def test_a_batch_that_raises_stores_nothing(store_url: str) -> None:
    plan = load_plan(PLAN)
    with Store.open(store_url) as store:
        pid = store.save_plan(plan)
        with pytest.raises(RuntimeError), store.batch():
            _add(store, pid, "a.xlsx", _figures("quan-hoa", 2))
            raise RuntimeError("the process stops half-way through a batch")
        assert store.submissions(pid) == []
        _add(store, pid, "a.xlsx", _figures("quan-hoa", 2))  # the store is usable after it
        assert len(store.submissions(pid)) == 1


def _inbox(where: Path) -> list[Path]:
    where.mkdir()
    names = ["xlsx/form-quan-hoa.xlsx", "bad/corrupt.xlsx", "docx/bc-lang-thuong-unknown.docx",
             "xlsx/ward-nghia-tan-down.xlsx"]  # fmt: skip
    out = []
    for rel in names:
        shutil.copyfile(RETURNS / rel, where / Path(rel).name)
        out.append(where / Path(rel).name)
    return out


@BACKENDS
def test_batches_file_what_chitieu_intake_files(store_url: str, tmp_path: Path) -> None:
    """Received, read, then stored in batches: the outcomes and figures of the one-by-one
    intake; a file gone between reading and storing fails alone and is tried next run."""
    from flows.intake import read_document

    plan = load_plan(PLAN)
    files = _inbox(tmp_path / "inbox")
    with Store.open(f"sqlite:///{tmp_path / 'cli.db'}") as store:
        one_by_one = intake(plan, tmp_path / "inbox", store, tmp_path / "a1", received_at=AT)
        rows = store.current_results(store.plan_id(plan))  # type: ignore[arg-type]
        cli_figures = sorted((r.unit, r.indicator, r.value) for r in rows)
    readings = [read_document.fn(p, PLAN) for p in files]
    gone = tmp_path / "gone.xlsx"  # read, then deleted from the inbox before storing
    shutil.copyfile(files[0], gone)
    readings.append(Reading(gone, read_document.fn(gone, PLAN).extraction))
    gone.unlink()
    with Store.open(store_url) as store:
        pid = store.save_plan(plan)
        got = receive_batch(store, plan, pid, files, tmp_path / "a2", seen_at=AT)
        assert got[0].received_at == AT  # type: ignore[union-attr]
        out = store_batch(store, plan, pid, readings, tmp_path / "a2", seen_at=AT)
        figures = sorted((r.unit, r.indicator, r.value) for r in store.current_results(pid))
        again = store_batch(store, plan, pid, readings[:-1], tmp_path / "a2", seen_at=AT)
    cli = {o.file_name: o.status for o in one_by_one.files}
    assert {o.file_name: o.status for o in out[:-1]} == cli
    assert [o.status for o in out] == [Status.accepted, Status.quarantined, Status.quarantined,
                                       Status.accepted, Status.failed]  # fmt: skip
    assert "gone.xlsx" in out[-1].file_name and out[-1].reason
    assert figures == cli_figures and len(figures) == 10
    assert {o.status for o in again} == {Status.duplicate}  # storing twice adds nothing
