"""When a return counts as received.

The file's own modification time is the sender's to set (a return unzipped today after
the deadline keeps the time it was zipped): it is kept as information only. A return is
received when:

1. a time is given with it: `chitieu intake --received-at` (for every file of the run,
   say a single file), or a `<file name>.received` text file beside it holding the time
   (what a mail gateway or the clerk writes: `01/07/2021 09:30` or ISO 8601);
2. otherwise, when intake first saw it: recorded in the store before the file is read
   (`Store.first_seen`), so a file whose reading fails counts from its first sighting.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from chitieu.errors import UsageError
from chitieu.store.models import VN_TIME, wall_clock

SIDECAR = ".received"


def parse_when(text: str) -> datetime:
    """ISO (2021-07-01T09:30) or Vietnamese (01/07/2021 09:30, 01/07/2021), as naive
    Vietnam wall-clock time."""
    text = text.strip()
    for fmt in ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            pass
    try:
        return wall_clock(datetime.fromisoformat(text))
    except ValueError:
        raise UsageError(
            f"Thời điểm nhận {text!r} không hợp lệ; viết dạng 01/07/2021 09:30 hoặc 2021-07-01T09:30."
        ) from None


def sidecar_of(path: Path) -> Path:
    """`<file name>.received` beside the file (bytes-safe for names that are not UTF-8)."""
    return Path(os.fsdecode(os.fsencode(path) + SIDECAR.encode()))


def is_sidecar(path: Path) -> bool:
    return os.fsencode(path.name).endswith(SIDECAR.encode())


def write_receipt(path: Path, at: datetime) -> Path:
    """Give `path` an explicit receipt time (naive = Vietnam time)."""
    side = sidecar_of(path)
    side.write_text(f"{wall_clock(at):%d/%m/%Y %H:%M:%S}\n", encoding="utf-8")
    return side


def given_receipt(path: Path) -> datetime | None:
    """The receipt time given beside `path`, or None.

    Raises:
        UsageError: the `.received` file is there but does not hold a time.
    """
    side = sidecar_of(path)
    if not side.is_file() or side.is_symlink():
        return None
    try:
        text = side.read_bytes()[:200].decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise UsageError("tệp thời điểm nhận không đọc được (cần văn bản UTF-8)") from None
    return parse_when(text.strip().splitlines()[0] if text.strip() else "")


def file_mtime(path: Path) -> datetime | None:
    """The file's own modification time, as Vietnam wall-clock time (information only)."""
    try:
        stamp = os.lstat(path).st_mtime
    except OSError:
        return None
    return datetime.fromtimestamp(stamp, VN_TIME).replace(tzinfo=None)
