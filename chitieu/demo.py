"""The demo's material: which sample returns make up its inbox, and where it writes.

`chitieu demo` runs the whole cycle on `samples/cau-giay-2021` with a set of returns of
every kind (Excel, Word, text PDF, scan, phone photo), one late, one from a unit that is
not in the plan and one that cannot be read. The flows do the work (`flows/cycle.py`);
this module only prepares their input, so that the demo and the benchmark share it.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from chitieu.errors import UsageError
from chitieu.plan import Plan
from chitieu.receipt import write_receipt

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PLAN_PATH = SAMPLES / "cau-giay-2021" / "plan.yaml"
RETURNS = SAMPLES / "returns"
MARKER = ".chitieu-demo"  # a folder holding it was written by the demo, and may be replaced


@dataclass(frozen=True)
class DemoReturn:
    """One file of the demo inbox."""

    source: str  # relative to samples/returns
    kind: str  # what it shows, in Vietnamese
    late: bool = False


DEMO_RETURNS: tuple[DemoReturn, ...] = (
    DemoReturn("xlsx/form-quan-hoa.xlsx", "Excel, mẫu biểu do chương trình lập"),
    DemoReturn("xlsx/ward-nghia-tan-down.xlsx", "Excel, bảng tự lập của phường"),
    DemoReturn("docx/bc-dich-vong-hau-roles.docx", "Word"),
    DemoReturn("docx/bc-dich-vong-values.docx", "Word, có số liệu cần xác minh"),
    DemoReturn("pdf/bc-trung-hoa-shuffled.pdf", "PDF có lớp chữ"),
    DemoReturn("scan/yen-hoa-300dpi.tif", "Bản quét"),
    DemoReturn("photo/mai-dich-photo.jpg", "Ảnh chụp bằng điện thoại"),
    DemoReturn("scan/nghia-do-form-qr-200dpi.pdf", "Bản quét có mã QR, gửi trễ hạn", late=True),
    DemoReturn("docx/bc-lang-thuong-unknown.docx", "Đơn vị không có trong kế hoạch"),
    DemoReturn("bad/corrupt.xlsx", "Tệp hỏng, không đọc được"),
)


@dataclass(frozen=True)
class DemoLayout:
    """Where one demo run writes, all under `root` (default outputs/demo)."""

    root: Path

    @property
    def drafts(self) -> Path:
        return self.root / "soan-thao"

    @property
    def inbox(self) -> Path:
        return self.root / "hop-thu-den"

    @property
    def data(self) -> Path:  # store, archive, Prefect results: the demo's CHITIEU_HOME
        return self.root / "du-lieu"

    @property
    def reminders(self) -> Path:
        return self.root / "don-doc"

    @property
    def report(self) -> Path:
        return self.root / "bao-cao"

    @property
    def db_url(self) -> str:
        return f"sqlite:///{(self.data / 'chitieu.db').resolve().as_posix()}"


def prepare(root: Path) -> DemoLayout:
    """A fresh demo folder. A folder the demo wrote before is replaced; anything else is
    left alone.

    Raises:
        UsageError: `root` exists, is not empty and was not written by the demo.
    """
    if root.exists():
        if not root.is_dir():
            raise UsageError(f"{root} không phải là thư mục.")
        if any(root.iterdir()) and not (root / MARKER).exists():
            raise UsageError(
                f"Thư mục {root} đã có dữ liệu khác; hãy chọn một thư mục trống bằng --out."
            )
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / MARKER).write_text("Thư mục do `chitieu demo` tạo; lần chạy sau sẽ ghi đè.\n")
    return DemoLayout(root)


def arrival_times(plan: Plan, returns: tuple[DemoReturn, ...]) -> list[datetime]:
    """When each return "arrived": on time two days before the deadline, a few minutes
    apart; the late one the morning after the deadline day. Naive local time, as the
    store keeps it."""
    deadline = plan.deadline_for(plan.main_period)
    if deadline is None:
        raise UsageError("Kế hoạch mẫu không có hạn báo cáo.")
    on_time = datetime.combine(deadline - timedelta(days=2), time(9, 0))
    late = datetime.combine(deadline + timedelta(days=1), time(9, 30))
    return [late if r.late else on_time + timedelta(minutes=7 * n) for n, r in enumerate(returns)]


def fill_inbox(
    layout: DemoLayout, plan: Plan, returns: tuple[DemoReturn, ...] = DEMO_RETURNS
) -> list[Path]:
    """Copy the sample returns into the inbox, with their arrival time as mtime.

    Raises:
        UsageError: a sample file is missing (the checkout is incomplete).
    """
    missing = [r.source for r in returns if not (RETURNS / r.source).is_file()]
    if missing:
        raise UsageError(
            "Thiếu tệp mẫu trong samples/returns: " + ", ".join(missing) + ". "
            "Hãy lấy lại kho mã nguồn đầy đủ."
        )
    layout.inbox.mkdir(parents=True, exist_ok=True)
    out = []
    for ret, at in zip(returns, arrival_times(plan, returns), strict=True):
        dst = layout.inbox / Path(ret.source).name
        shutil.copyfile(RETURNS / ret.source, dst)
        stamp = at.timestamp()
        os.utime(dst, (stamp, stamp))
        write_receipt(dst, at)  # the arrival time the store uses; mtime is information
        out.append(dst)
    return out


def reminder_day(plan: Plan) -> date:
    """The day the demo's reminder is dated: one day before the deadline."""
    deadline = plan.deadline_for(plan.main_period)
    assert deadline is not None
    return deadline - timedelta(days=1)


def report_day(plan: Plan) -> date:
    """The day the demo's consolidated report is dated: three days after the deadline."""
    deadline = plan.deadline_for(plan.main_period)
    assert deadline is not None
    return deadline + timedelta(days=3)


__all__ = [
    "DEMO_RETURNS",
    "PLAN_PATH",
    "DemoLayout",
    "DemoReturn",
    "arrival_times",
    "fill_inbox",
    "prepare",
    "reminder_day",
    "report_day",
]
