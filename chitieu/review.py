"""Review: a person confirms or corrects each figure that needs it.

An answer is stored by `Store.correct` as a new record (who, when), never by
overwriting. `apply_answer` is the one entry point for every front end: the
`chitieu review` prompt and the Prefect UI form both store their answers through it.
To help the person judge, `crop` cuts the figure's cell out of the archived page
(`where.bbox`, in PDF points from the page's top-left corner, for PDFs and images
alike) into a PNG.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from chitieu.errors import StoreError, UsageError

if TYPE_CHECKING:
    from chitieu.plan import Plan
    from chitieu.store import Store, StoredRecord

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}
CROP_SCALE = 3.0  # 216 dpi for PDF pages: digits stay legible
MARGIN_PT = 18.0  # context around the cell, in points


class Action(StrEnum):
    confirm = "confirm"
    correct = "correct"
    skip = "skip"


@dataclass(frozen=True)
class Answer:
    action: Action
    value: int | None = None


def parse_answer(text: str) -> Answer:
    """Enter = confirm, a whole number = correct, `b` = skip (bỏ qua).

    Raises:
        UsageError: anything else, with what to type instead.
    """
    s = text.strip()
    if not s:
        return Answer(Action.confirm)
    if s.lower() in ("b", "bỏ qua", "bo qua"):
        return Answer(Action.skip)
    if re.fullmatch(r"\d{1,9}", s):
        return Answer(Action.correct, int(s))
    raise UsageError(
        f"Không hiểu {s!r}: nhấn Enter để xác nhận, nhập số nguyên (0, 1, 2…) để sửa, "
        "hoặc b để bỏ qua."
    )


class OverrideNeeded(StoreError):
    """The figure was answered meanwhile by another person: overriding needs their consent."""

    def __init__(self, latest: StoredRecord) -> None:
        self.latest = latest
        when = f" lúc {latest.reviewed_at:%H:%M ngày %d/%m/%Y}" if latest.reviewed_at else ""
        super().__init__(
            f"Số liệu này đã được {latest.reviewer} trả lời là {shown(latest.value)}{when}: "
            "cần xác nhận trước khi ghi đè."
        )


def shown(value: object) -> str:
    return "(trống)" if value is None else str(value)


def history(store: Store, record_id: int) -> list[str]:
    """The figure's story, oldest first: as read, then every answer and who gave it."""
    lines = []
    for rec in store.review_chain(record_id):
        when = f" lúc {rec.reviewed_at:%H:%M ngày %d/%m/%Y}" if rec.reviewed_at else ""
        if rec.corrects is None:
            src = (
                f"nhập tay bởi {rec.entered_by}"
                if rec.entered_by
                else f"đọc từ {rec.file_name or 'tệp'}"
            )
            lines.append(f"{shown(rec.value)} — {src}")
        elif rec.undoes is not None:
            lines.append(f"{shown(rec.value)} — {rec.reviewer} hoàn tác câu trả lời trước{when}")
        elif rec.review_action == "confirmed":
            lines.append(f"{shown(rec.value)} — {rec.reviewer} xác nhận{when}")
        else:
            lines.append(f"{shown(rec.value)} — {rec.reviewer} sửa{when}")
    return lines


def standing_answer(chain: list[StoredRecord]) -> StoredRecord | None:
    """The answer the figure now rests on (answers taken back do not count), or None."""
    undone = {r.undoes for r in chain if r.undoes is not None}
    live = [r for r in chain if r.corrects is not None and r.undoes is None and r.id not in undone]
    return live[-1] if live else None


def latest_answer(store: Store, plan_id: int) -> StoredRecord | None:
    """The most recent review answer of a plan (not an undo), or None."""
    answers = [r for r in store.records(plan_id) if r.corrects is not None and r.undoes is None]
    undone = {r.undoes for r in store.records(plan_id) if r.undoes is not None}
    answers = [r for r in answers if r.id not in undone]
    return answers[-1] if answers else None


def apply_answer(
    store: Store,
    record_id: int,
    answer: Answer | str | int | None,
    reviewer: str,
    at: datetime | None = None,
    override: bool = False,
) -> int | None:
    """Store one answer; returns the new record's id (None when skipped).

    `answer` is an `Answer`, the text typed at the prompt (see `parse_answer`), or a
    value from a form: the same value as extracted confirms it, another corrects it.

    When another person has answered this figure (before or while `record_id` was shown),
    nothing is stored unless `override` (`OverrideNeeded` says who answered what).

    Raises:
        StoreError: no such record, an empty reviewer name, or confirming an empty figure.
        OverrideNeeded: another person's answer would be replaced.
        UsageError: text that is not an answer.
    """
    if not reviewer.strip():
        raise StoreError("Cần ghi họ tên người kiểm tra.")
    at = at or datetime.now()
    rec = store.record(record_id)
    standing = standing_answer(store.review_chain(record_id))
    if not override and standing and standing.reviewer and standing.reviewer != reviewer.strip():
        raise OverrideNeeded(standing)
    if isinstance(answer, str):
        answer = parse_answer(answer)
    elif not isinstance(answer, Answer):
        same = answer == rec.value
        answer = Answer(Action.confirm) if same else Answer(Action.correct, answer)
    if answer.action is Action.skip:
        return None
    if answer.action is Action.confirm:
        if rec.value is None:
            raise StoreError(
                f"Bản ghi số {record_id} chưa có số liệu: hãy nhập số đúng thay vì xác nhận."
            )
        return store.correct(record_id, None, reviewer.strip(), at, confirmed=True)
    return store.correct(record_id, answer.value, reviewer.strip(), at)


@dataclass(frozen=True)
class Crop:
    """The PNG cut around a figure, or why there is none."""

    path: Path | None
    reason: str | None = None


def crop(rec: StoredRecord, out_dir: Path, margin: float = MARGIN_PT) -> Crop:
    """Cut the record's cell out of its archived page, into `out_dir/ban-ghi-<id>.png`.

    `margin` (points) keeps some of the table around the cell, so the person sees which
    row and column it is.
    """
    where = rec.where
    if not rec.archive_path:
        return Crop(None, "không có bản lưu trữ của tệp")
    src = Path(rec.archive_path)
    if where.bbox is None:
        place = f"ô {where.cell}" if where.cell else "vị trí không rõ"
        sheet = f" trên trang tính «{where.sheet}»" if where.sheet else ""
        return Crop(None, f"tệp không có vùng ảnh cho số liệu này ({place}{sheet})")
    if not src.exists():
        return Crop(None, f"không tìm thấy bản lưu trữ {src}")
    x0, top, x1, bottom = where.bbox
    box = (x0 - margin, top - margin / 2, x1 + margin, bottom + margin / 2)
    suffix = src.suffix.lower()
    try:
        if suffix == ".pdf":
            image = _pdf_page(src, where.page or 1)
            scale = CROP_SCALE
        elif suffix in IMAGE_SUFFIXES:
            image, dpi = _image_page(src, where.page or 1)
            scale = dpi / 72.0
        else:
            return Crop(None, f"không cắt được ảnh từ tệp {suffix}")
    except Exception:  # a damaged archive copy must not stop the review
        return Crop(None, "không dựng được trang của tệp (bản lưu trữ có thể bị hỏng)")
    if image is None:
        return Crop(None, f"tệp không có trang {where.page}")
    w, h = image.size
    px = (
        max(0, int(box[0] * scale)),
        max(0, int(box[1] * scale)),
        min(w, int(box[2] * scale) + 1),
        min(h, int(box[3] * scale) + 1),
    )
    if px[2] <= px[0] or px[3] <= px[1]:
        return Crop(None, "vùng số liệu nằm ngoài trang")
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"ban-ghi-{rec.id}.png"
    image.crop(px).save(out)
    return Crop(out)


def _pdf_page(path: Path, page: int):  # type: ignore[no-untyped-def]
    import pypdfium2 as pdfium

    from extract.formats.pdf_page import PDFIUM_LOCK

    with PDFIUM_LOCK:  # PDFium is not thread-safe: readers may run in other threads
        pdf = pdfium.PdfDocument(str(path))
        try:
            if not 1 <= page <= len(pdf):
                return None
            return pdf[page - 1].render(scale=CROP_SCALE).to_pil().convert("RGB")
        finally:
            pdf.close()


def _image_page(path: Path, page: int):  # type: ignore[no-untyped-def]
    """The frame of an image and its dpi, as the scan reader took it (its default dpi)."""
    from PIL import Image, ImageOps, ImageSequence

    with Image.open(path) as img:
        for n, frame in enumerate(ImageSequence.Iterator(img), start=1):
            if n == page:
                dpi_info = frame.info.get("dpi") or img.info.get("dpi")
                if dpi_info and dpi_info[0] and dpi_info[0] > 30:
                    dpi = float(dpi_info[0])
                else:
                    from extract.settings import ScanSettings

                    dpi = float(ScanSettings().default_dpi)
                return ImageOps.exif_transpose(frame.convert("RGB")), dpi
    return None, 72.0


def describe(plan: Plan, rec: StoredRecord) -> list[tuple[str, str]]:
    """What the person sees for one figure, as (label, value) lines in Vietnamese."""
    unit = plan.unit_by_id.get(rec.unit)
    ind = plan.indicator_by_id.get(rec.indicator)
    where = rec.where
    place = []
    if where.page:
        place.append(f"trang {where.page}")
    if where.sheet:
        place.append(f"trang tính «{where.sheet}»")
    if where.cell:
        place.append(f"ô {where.cell}")
    measure = f" {ind.measure}" if ind and ind.measure else ""
    return [
        ("Đơn vị", unit.full_name if unit else rec.unit),
        ("Chỉ tiêu", ind.name if ind else rec.indicator),
        ("Kỳ", rec.period),
        ("Số đọc được", "(trống)" if rec.value is None else f"{rec.value}{measure}"),
        ("Độ tin cậy", f"{rec.confidence:.0%}"),
        ("Tệp", rec.file_name or "?"),
        ("Vị trí", ", ".join(place) or "không rõ"),
        ("Lý do", rec.note or "—"),
    ]


def with_read_value(store: Store, rec: StoredRecord) -> StoredRecord:
    """A person's answer, with the figure as first read (its sources say "sửa từ 3")."""
    if rec.corrects is None or not hasattr(store, "review_chain"):
        return rec
    from dataclasses import replace

    return replace(rec, read_value=store.review_chain(rec.id)[0].value)


def answered(store: Store, plan_id: int) -> list[StoredRecord]:
    """The figures that count and rest on a person's answer, each with its value as read."""
    return [
        with_read_value(store, r)
        for r in store.current_results(plan_id)
        if r.corrects is not None and r.undoes is None and r.reviewer
    ]


def review_note(rec: StoredRecord) -> str | None:
    """ "Nguyễn Thị Lan sửa từ 3 lúc 08:40 27/11/2026"; None for a figure as read."""
    from chitieu.comparison import Source

    return Source.of(rec).review_note()


def pending_json(plan: Plan, records: list[StoredRecord]) -> list[dict[str, object]]:
    """The records as JSON; an answered one adds who answered, when, and the value read."""
    from chitieu.comparison import Source

    out = []
    for rec in records:
        unit = plan.unit_by_id.get(rec.unit)
        ind = plan.indicator_by_id.get(rec.indicator)
        out.append(
            {
                "id": rec.id,
                "unit": rec.unit,
                "unit_name": unit.full_name if unit else None,
                "indicator": rec.indicator,
                "indicator_name": ind.name if ind else None,
                "period": rec.period,
                "value": rec.value,
                "confidence": round(rec.confidence, 4),
                "note": rec.note,
                "file": rec.file_name,
                "sha256": rec.sha256,
                "where": rec.where.to_json(),
            }
        )
        src = Source.of(rec)
        if src.reviewer:
            out[-1].update(
                reviewer=src.reviewer,
                reviewed_at=src.reviewed_at,
                review_action=src.review_action,
                read_value=src.read_value,
            )
    return out
