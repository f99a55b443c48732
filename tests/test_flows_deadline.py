"""The deadline-watch flow, for real: Prefect test harness, SQLite store, python-docx, soffice."""

from __future__ import annotations

import asyncio
from datetime import date, datetime
from pathlib import Path

import docx
import pytest

from chitieu.deadlines import RunKind
from chitieu.plan import load_plan
from chitieu.record import Record
from chitieu.store import Store


def _docx_text(path: Path) -> list[str]:
    doc = docx.Document(str(path))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    return lines


def _artifact(key: str):  # type: ignore[no-untyped-def]
    from prefect.artifacts import Artifact

    return asyncio.run(Artifact.aget(key))


def _store_returns(url: str, plan_path: Path, arrivals: dict[str, datetime]) -> None:
    """One stored return (a single figure) per unit, received at the given time."""
    with Store.open(url) as store:
        plan_id = store.save_plan(load_plan(plan_path))
        for n, (unit, at) in enumerate(arrivals.items()):
            store.add_submission(
                plan_id,
                file_name=f"{unit}.xlsx",
                sha256=f"{n:064d}",
                size=1,
                received_at=at,
                unit=unit,
                period="2021-06",
                records=[Record(unit, "hinh_su", "2021-06", 1)],
            )


@pytest.mark.slow
def test_reminder_lists_units_without_a_return(
    prefect_harness: None, cau_giay_plan_path: Path, tmp_path: Path
) -> None:
    from flows.deadline import deadline_watch

    url = f"sqlite:///{tmp_path / 'store.db'}"
    # quan-hoa and nghia-do reported before the reminder; yen-hoa only after it
    arrivals = {
        "quan-hoa": datetime(2021, 6, 28, 9, 0),
        "nghia-do": datetime(2021, 6, 29, 7, 30),
        "yen-hoa": datetime(2021, 6, 29, 14, 0),
    }
    _store_returns(url, cau_giay_plan_path, arrivals)

    out = tmp_path / "out"
    result = deadline_watch(
        cau_giay_plan_path,
        RunKind.reminder,
        out,
        today=date(2021, 6, 29),
        db_url=url,
        home=tmp_path,
        pdf=True,
    )
    expected = [
        "yen-hoa",
        "trung-hoa",
        "mai-dich",
        "dich-vong",
        "dich-vong-hau",
        "nghia-tan",
        "doi-csdt-ma-tuy",
    ]
    assert result.late == expected
    docx_path, pdf_path = result.files
    assert docx_path.suffix == ".docx" and pdf_path.suffix == ".pdf"
    assert pdf_path.stat().st_size > 5000
    text = _docx_text(docx_path)
    assert "Kính gửi:" in text
    assert "- Ủy ban nhân dân phường Yên Hòa;" in text
    assert "- Đội CSĐTTP về Ma Túy." in text  # the last addressee ends with "."
    assert not any("Quan Hoa" in t or "Nghĩa Đô" in t for t in text)
    assert any(t.startswith("V/v đôn đốc báo cáo") for t in text)
    assert any("Cầu Giấy, ngày 29 tháng 6 năm 2021" in t for t in text)
    assert any("chưa nhận được báo cáo của 07 đơn vị" in t for t in text)
    art = _artifact("chua-bao-cao-152-kh-ubnd")
    assert art is not None and "Phường Yên Hòa" in str(art.data)
    assert "Phường Quan Hoa" not in str(art.data)


@pytest.mark.slow
def test_no_letter_when_everyone_reported(
    prefect_harness: None, cau_giay_plan_path: Path, tmp_path: Path
) -> None:
    from flows.deadline import deadline_watch

    plan = load_plan(cau_giay_plan_path)
    url = f"sqlite:///{tmp_path / 'store.db'}"
    on_time = datetime(2021, 6, 30, 9, 0)
    _store_returns(url, cau_giay_plan_path, {u.id: on_time for u in plan.reporting_units})
    out = tmp_path / "out"
    result = deadline_watch(
        cau_giay_plan_path, RunKind.reminder, out, today=date(2021, 7, 1), db_url=url, pdf=False
    )
    assert result.late == [] and result.files == []
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.slow
def test_at_the_deadline_the_watch_consolidates(
    prefect_harness: None, cau_giay_plan_path: Path, tmp_path: Path
) -> None:
    from flows.deadline import deadline_watch

    url = f"sqlite:///{tmp_path / 'store.db'}"
    _store_returns(url, cau_giay_plan_path, {"quan-hoa": datetime(2021, 6, 30, 9, 0)})
    out = tmp_path / "out"
    result = deadline_watch(
        cau_giay_plan_path, RunKind.consolidate, out, period="2021-06", db_url=url, pdf=False
    )
    assert result.kind == RunKind.consolidate and result.late == []
    names = sorted(p.name for p in result.files)
    assert "bao-cao-cau-giay-2021-06.docx" in names and "bao-cao-cau-giay-2021-06.xlsx" in names
    text = "\n".join(_docx_text(out / "bao-cao-cau-giay-2021-06.docx"))
    assert "BÁO CÁO" in text
    summary = _artifact("tong-hop-152-kh-ubnd")
    assert summary is not None and "Đơn vị đã báo cáo:** 1/9" in str(summary.data)
