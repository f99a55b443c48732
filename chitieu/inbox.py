"""The inbox: which of its entries are returns to take in, and how to name them safely.

Only regular files are taken in; a `<name>.received` file beside a return gives its
receipt time (`chitieu.receipt`) and is not a return itself. A symbolic link could point anywhere on the server
(`/etc/passwd` would be archived for good), a FIFO would block the reader, a directory
is not a return: each is skipped and said so. Hidden files (`.DS_Store`, editors' lock
files) are skipped silently.

File names come from the sender's machine: a Windows zip of Vietnamese names unzipped on
Linux gives names that are not UTF-8. Python keeps their bytes as surrogate escapes
(`os.fsdecode`); `display_name` shows them with replacement characters, safe for the
store, JSON and the terminal, while the path itself stays usable to open the file.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path


def display_name(path: Path | str) -> str:
    """The file's name as text that can be stored and printed: bytes that are not UTF-8
    become U+FFFD, control characters become U+FFFD, the rest is NFC."""
    raw = os.fsencode(Path(path).name)
    text = raw.decode("utf-8", errors="replace")
    text = "".join("\ufffd" if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return unicodedata.normalize("NFC", text)


@dataclass(frozen=True)
class Skipped:
    """An inbox entry that is not taken in, and why (Vietnamese)."""

    name: str  # display_name
    reason: str


@dataclass
class InboxListing:
    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _kind(mode: int) -> str | None:
    """Why an entry of this lstat mode is not a return, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return "liên kết tượng trưng (symlink): không nhận, chỉ nhận tệp thật trong hộp thư"
    if stat.S_ISDIR(mode):
        return "thư mục: không nhận (chỉ nhận các tệp nằm ngay trong hộp thư)"
    if stat.S_ISFIFO(mode):
        return "ống dẫn (FIFO): không phải tệp báo cáo"
    if stat.S_ISSOCK(mode):
        return "socket: không phải tệp báo cáo"
    return "tệp thiết bị hoặc tệp đặc biệt: không phải tệp báo cáo"


def list_inbox(inbox: Path) -> InboxListing:
    """The regular, non-hidden files of `inbox` (not recursive, never following a link),
    in name order, and every other entry with the reason it is skipped."""
    out = InboxListing()
    with os.scandir(inbox) as entries:
        for entry in sorted(entries, key=lambda e: os.fsencode(e.name)):
            if entry.name.startswith("."):
                continue
            path = Path(entry.path)
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                out.skipped.append(
                    Skipped(display_name(path), f"không đọc được ({exc.strerror or exc})")
                )
                continue
            why = _kind(mode)
            if why is None:
                out.files.append(path)
            else:
                out.skipped.append(Skipped(display_name(path), why))
    return _without_receipts(out)


def _without_receipts(listing: InboxListing) -> InboxListing:
    """`<name>.received` files give a return's receipt time (`chitieu.receipt`): they are
    not returns. One without its return is said."""
    suffix = b".received"
    names = {os.fsencode(p.name) for p in listing.files}
    kept: list[Path] = []
    for p in listing.files:
        raw = os.fsencode(p.name)
        if not raw.endswith(suffix):
            kept.append(p)
        elif raw[: -len(suffix)] not in names:
            listing.skipped.append(
                Skipped(display_name(p), "tệp thời điểm nhận không kèm tệp báo cáo nào")
            )
    listing.files = kept
    return listing


def inbox_files(inbox: Path) -> list[Path]:
    """Every regular, non-hidden file of the inbox (not recursive), in name order."""
    return list_inbox(inbox).files
