"""Guards against files that would hang or exhaust the machine: zip bombs, giant images,
thousand-page PDFs, endless parsing. Checked before any library opens the file.
"""

from __future__ import annotations

import signal
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from chitieu.errors import UnreadableFileError


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 50_000_000
    max_zip_members: int = 5_000
    max_unzipped_bytes: int = 300_000_000  # all members together
    max_member_ratio: float = 200.0  # compression ratio of one member larger than 1 MB
    max_pdf_pages: int = 60
    max_image_pixels: int = 100_000_000  # an A4 page at 600 dpi is 35 million
    max_sheet_rows: int = 20_000  # a national roll-up has 3,321 xã rows
    max_sheet_cols: int = 200
    timeout_s: float = 60.0  # digital files
    scan_timeout_s: float = 1_800.0  # scans and photos (OCR)

    def __post_init__(self) -> None:
        if min(self.max_file_bytes, self.max_pdf_pages, self.max_image_pixels) <= 0:
            raise ValueError("limits must be positive")
        if self.timeout_s <= 0 or self.scan_timeout_s <= 0:
            raise ValueError("timeouts must be positive")


DEFAULT_LIMITS = Limits()


def check_size(path: Path, limits: Limits) -> int:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise UnreadableFileError(path, "không tìm thấy tệp.") from None
    except OSError as exc:
        raise UnreadableFileError(path, f"không mở được tệp ({exc.strerror}).") from None
    if not path.is_file():
        raise UnreadableFileError(path, "đây không phải một tệp.")
    if size == 0:
        raise UnreadableFileError(path, "tệp rỗng (0 byte).")
    if size > limits.max_file_bytes:
        raise UnreadableFileError(
            path, f"tệp quá lớn ({size / 1e6:.0f} MB, tối đa {limits.max_file_bytes / 1e6:.0f} MB)."
        )
    return size


def check_zip(path: Path, limits: Limits) -> None:
    """Refuse an Office file whose members would unpack to far more than it weighs."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, EOFError, OSError, ValueError):
        raise UnreadableFileError(
            path, "tệp bị hỏng hoặc bị cắt cụt (không giải nén được)."
        ) from None
    if len(infos) > limits.max_zip_members:
        raise UnreadableFileError(path, f"tệp chứa quá nhiều thành phần ({len(infos)}).")
    total = sum(i.file_size for i in infos)
    if total > limits.max_unzipped_bytes:
        raise UnreadableFileError(
            path, f"tệp giải nén ra quá lớn ({total / 1e6:.0f} MB): có thể là bom nén (zip bomb)."
        )
    for i in infos:
        if i.file_size > 1_000_000 and i.file_size > limits.max_member_ratio * max(
            i.compress_size, 1
        ):
            raise UnreadableFileError(
                path,
                f"thành phần {i.filename} nén với tỷ lệ bất thường "
                f"({i.file_size // max(i.compress_size, 1)}:1): có thể là bom nén (zip bomb).",
            )


def check_image(path: Path, limits: Limits) -> None:
    """Read only the image header; refuse decompression bombs before decoding pixels."""
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = None  # header only here: we compare the size ourselves
    try:
        with Image.open(path) as im:
            w, h = im.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise UnreadableFileError(
            path, "ảnh bị hỏng hoặc không phải định dạng ảnh đọc được."
        ) from None
    finally:
        Image.MAX_IMAGE_PIXELS = limits.max_image_pixels  # and for whoever decodes it next
    if w * h > limits.max_image_pixels:
        raise UnreadableFileError(
            path,
            f"ảnh quá lớn ({w}×{h} điểm ảnh, tối đa {limits.max_image_pixels // 1_000_000} triệu).",
        )


@contextmanager
def time_limit(path: Path, seconds: float) -> Iterator[None]:
    """Stop a reader that runs longer than `seconds` (main thread only: SIGALRM)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise UnreadableFileError(path, f"đọc tệp quá {seconds:g} giây; tệp có thể bị hỏng.")

    outer_left, _ = signal.getitimer(signal.ITIMER_REAL)  # someone else's alarm, if any
    started = time.monotonic()
    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, min(seconds, outer_left) if outer_left else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        if outer_left:
            signal.setitimer(
                signal.ITIMER_REAL, max(outer_left - (time.monotonic() - started), 0.001)
            )
