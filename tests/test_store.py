"""The record store on real SQLite files and a real PostgreSQL server."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from chitieu.errors import StoreError
from chitieu.plan import load_plan
from chitieu.record import Record, Role, Where
from chitieu.store import Store, database_url

BACKENDS = pytest.mark.parametrize(
    "store_url",
    ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
    indirect=True,
)
PERIOD = "2021-06"


@pytest.fixture(scope="module")
def plan():  # type: ignore[no-untyped-def]
    return load_plan(Path(__file__).parent.parent / "samples" / "cau-giay-2021" / "plan.yaml")


def _records(unit: str, values: dict[str, int], review: bool = False) -> list[Record]:
    return [
        Record(unit, ind, PERIOD, v, needs_review=review, where=Where(page=1, cell=f"C{n + 7}"))
        for n, (ind, v) in enumerate(values.items())
    ]


def _add(store: Store, plan_id: int, name: str, unit: str, at: datetime, values: dict[str, int]):  # type: ignore[no-untyped-def]
    return store.add_submission(
        plan_id,
        file_name=name,
        sha256=name.encode().hex().ljust(64, "0")[:64],
        size=100,
        received_at=at,
        unit=unit,
        period=PERIOD,
        status="accepted",
        reason=None,
        records=_records(unit, values),
        archive_path=None,
    )


def _count(store: Store, table: str) -> int:
    with store.engine.connect() as conn:
        return int(conn.scalar(sa.text(f"SELECT count(*) FROM {table}")))


@BACKENDS
def test_same_plan_twice_is_stored_once(store_url: str, plan) -> None:  # type: ignore[no-untyped-def]
    with Store.open(store_url) as store:
        first = store.save_plan(plan)
        before = {t: _count(store, t) for t in ("plans", "units", "indicators", "records")}
    with Store.open(store_url) as store:  # reopening migrates nothing and loads nothing
        assert store.save_plan(plan) == first
        after = {t: _count(store, t) for t in ("plans", "units", "indicators", "records")}
        assert after == before
        assert before["units"] == 10 and before["indicators"] == 5
        targets = store.targets(first)
        totals: dict[str, float] = {}
        for rec in targets:
            assert rec.role is Role.target
            totals[rec.indicator] = totals.get(rec.indicator, 0) + (rec.value or 0)
        assert totals == {"hinh_su": 10, "nd111": 8, "nd94": 8, "cnbb": 6, "cntn": 8}


@BACKENDS
def test_edited_plan_replaces_targets_not_duplicates(store_url: str, plan) -> None:  # type: ignore[no-untyped-def]
    with Store.open(store_url) as store:
        pid = store.save_plan(plan)
        targets = dict(plan.targets)
        targets["quan-hoa"] = {**targets["quan-hoa"], "hinh_su": 4}
        edited = plan.model_copy(update={"targets": targets})
        assert store.save_plan(edited) == pid
        values = {(r.unit, r.indicator): r.value for r in store.targets(pid)}
        assert values[("quan-hoa", "hinh_su")] == 4
        assert len(values) == len(store.targets(pid))  # no duplicate target


@BACKENDS
def test_same_file_twice_is_stored_once(store_url: str, plan) -> None:  # type: ignore[no-untyped-def]
    with Store.open(store_url) as store:
        pid = store.save_plan(plan)
        at = datetime(2021, 7, 1, 9, 30)
        first = _add(store, pid, "quan-hoa.xlsx", "quan-hoa", at, {"hinh_su": 2, "nd111": 1})
        second = _add(store, pid, "quan-hoa.xlsx", "quan-hoa", at, {"hinh_su": 2, "nd111": 1})
        assert first.status == "new" and second.status == "duplicate"
        assert second.submission_id == first.submission_id
        assert len(store.submissions(pid)) == 1
        assert len(store.records(pid, Role.result)) == 2


@BACKENDS
def test_later_return_supersedes_earlier_and_both_stay(store_url: str, plan) -> None:  # type: ignore[no-untyped-def]
    with Store.open(store_url) as store:
        pid = store.save_plan(plan)
        early = _add(store, pid, "v1.xlsx", "quan-hoa", datetime(2021, 7, 1), {"hinh_su": 1})
        late = _add(store, pid, "v2.xlsx", "quan-hoa", datetime(2021, 7, 2), {"hinh_su": 3})
        other = _add(store, pid, "yh.xlsx", "yen-hoa", datetime(2021, 7, 1), {"hinh_su": 5})
        assert late.superseded == (early.submission_id,)
        assert other.superseded == ()
        current = {
            (r.unit, r.indicator): (r.value, r.file_name) for r in store.current_results(pid)
        }
        assert current == {
            ("quan-hoa", "hinh_su"): (3, "v2.xlsx"),
            ("yen-hoa", "hinh_su"): (5, "yh.xlsx"),
        }
        subs = {s.file_name: s for s in store.submissions(pid)}
        assert subs["v1.xlsx"].superseded_by == late.submission_id
        assert not subs["v1.xlsx"].counts and subs["v2.xlsx"].counts
        history = [r for r in store.records(pid, Role.result) if r.unit == "quan-hoa"]
        assert sorted(r.value for r in history) == [1, 3]  # the earlier one is kept for audit
        assert store.receipts(pid)["quan-hoa"] == datetime(2021, 7, 2)


@BACKENDS
def test_older_file_arriving_late_does_not_win(store_url: str, plan) -> None:  # type: ignore[no-untyped-def]
    with Store.open(store_url) as store:
        pid = store.save_plan(plan)
        newer = _add(store, pid, "v2.xlsx", "quan-hoa", datetime(2021, 7, 2), {"hinh_su": 3})
        older = _add(store, pid, "v1.xlsx", "quan-hoa", datetime(2021, 7, 1), {"hinh_su": 1})
        assert older.superseded_by == newer.submission_id and older.superseded == ()
        assert [r.value for r in store.current_results(pid)] == [3]


@BACKENDS
def test_failure_half_way_leaves_nothing(store_url: str, plan) -> None:  # type: ignore[no-untyped-def]
    with Store.open(store_url) as store:
        pid = store.save_plan(plan)
        before = {t: _count(store, t) for t in ("submissions", "records")}
        good = _records("quan-hoa", {"hinh_su": 2, "nd111": 1})
        bad = dataclasses.replace(good[0], indicator="nd94", value=-1)  # violates a constraint
        with pytest.raises(StoreError, match=r"bad\.xlsx"):
            store.add_submission(
                pid,
                file_name="bad.xlsx",
                sha256="f" * 64,
                size=10,
                received_at=datetime(2021, 7, 1),
                unit="quan-hoa",
                period=PERIOD,
                status="accepted",
                reason=None,
                records=[*good, bad],
                archive_path=None,
            )
        assert {t: _count(store, t) for t in ("submissions", "records")} == before
        assert store.submission_by_sha256(pid, "f" * 64) is None


@BACKENDS
def test_correction_is_a_new_record_with_who_and_when(store_url: str, plan) -> None:  # type: ignore[no-untyped-def]
    with Store.open(store_url) as store:
        pid = store.save_plan(plan)
        store.add_submission(
            pid,
            file_name="scan.pdf",
            sha256="c" * 64,
            size=10,
            received_at=datetime(2021, 7, 1),
            unit="quan-hoa",
            period=PERIOD,
            records=_records("quan-hoa", {"hinh_su": 8, "nd111": 1}, review=True),
        )
        pending = store.pending_review(pid)
        assert {r.indicator for r in pending} == {"hinh_su", "nd111"}
        doubtful = next(r for r in pending if r.indicator == "hinh_su")
        at = datetime(2021, 7, 3, 10, 0)
        new_id = store.correct(doubtful.id, 3, "Nguyễn Thị Lan", at)
        ok_id = store.correct(
            next(r for r in pending if r.indicator == "nd111").id, None, "Lan", at, confirmed=True
        )
        assert store.pending_review(pid) == []
        current = {r.indicator: r for r in store.current_results(pid)}
        assert current["hinh_su"].id == new_id and current["hinh_su"].value == 3
        assert current["hinh_su"].reviewer == "Nguyễn Thị Lan"
        assert current["hinh_su"].reviewed_at == at
        assert current["hinh_su"].corrects == doubtful.id
        assert current["hinh_su"].file_name == "scan.pdf"  # still traceable to its file
        assert current["nd111"].id == ok_id and current["nd111"].value == 1
        assert store.record(doubtful.id).value == 8  # the original is untouched
        # A second correction replaces the latest, never adds a second current figure.
        store.correct(doubtful.id, 4, "Trần Văn Bình", at)
        assert [r.value for r in store.current_results(pid) if r.indicator == "hinh_su"] == [4]
        with pytest.raises(StoreError):
            store.correct(doubtful.id, -2, "x", at)


@BACKENDS
def test_quarantined_file_is_kept_with_its_reason(store_url: str, plan) -> None:  # type: ignore[no-untyped-def]
    with Store.open(store_url) as store:
        pid = store.save_plan(plan)
        out = store.add_submission(
            pid,
            file_name="la.xlsx",
            sha256="d" * 64,
            size=3,
            received_at=datetime(2021, 7, 1),
            unit=None,
            period=None,
            status="quarantined",
            reason="đơn vị không có trong kế hoạch",
            records=_records("quan-hoa", {"hinh_su": 2}),
        )
        assert out.is_new
        (sub,) = store.submissions(pid)
        assert sub.status == "quarantined" and sub.reason == "đơn vị không có trong kế hoạch"
        assert store.current_results(pid) == []


def test_default_url_is_sqlite_in_chitieu_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CHITIEU_DATABASE_URL", raising=False)
    monkeypatch.setenv("CHITIEU_HOME", str(tmp_path / "home"))
    assert database_url() == f"sqlite:///{tmp_path / 'home' / 'chitieu.db'}"
    monkeypatch.setenv("CHITIEU_DATABASE_URL", "postgresql://u@h/db")
    assert database_url() == "postgresql+psycopg://u@h/db"
    monkeypatch.delenv("CHITIEU_DATABASE_URL")
    with Store.open() as store:
        assert (tmp_path / "home" / "chitieu.db").exists()
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_unreachable_database_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="Không kết nối được"):
        Store.open("postgresql://nobody@127.0.0.1:1/none")


def _open_and_save(url: str) -> int:
    from chitieu.plan import load_plan

    plan = load_plan(Path(__file__).parent.parent / "samples" / "cau-giay-2021" / "plan.yaml")
    with Store.open(url) as store:
        return store.save_plan(plan)


@BACKENDS
def test_many_processes_open_a_fresh_store_at_once(store_url: str) -> None:
    """Prefect tasks open the store in parallel: the first migration must not race."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(4) as pool:
        ids = list(pool.map(_open_and_save, [store_url] * 4))
    assert len(set(ids)) == 1
    with Store.open(store_url) as store:
        assert _count(store, "plans") == 1 and _count(store, "units") == 10


@BACKENDS
def test_targets_cannot_be_corrected_by_review(store_url: str, plan) -> None:  # type: ignore[no-untyped-def]
    with Store.open(store_url) as store:
        pid = store.save_plan(plan)
        target = store.targets(pid)[0]
        with pytest.raises(StoreError, match="kế hoạch"):
            store.correct(target.id, 5, "x", datetime(2021, 7, 1))


def test_unwritable_location_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="Không tạo được thư mục"):
        Store.open(f"sqlite:///{blocker / 'sub' / 'chitieu.db'}")


@BACKENDS
def test_migrations_build_exactly_the_declared_schema(store_url: str) -> None:
    """schema.py and the Alembic revisions must not drift apart."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from chitieu.store.engine import head_revision
    from chitieu.store.schema import metadata

    with Store.open(store_url) as store, store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert ctx.get_current_revision() == head_revision()
        diffs = compare_metadata(ctx, metadata)
    assert diffs == []
