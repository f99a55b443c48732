"""The archive of received files: every file kept byte for byte under its sha256.

`<archive>/<first two hex digits>/<sha256><suffix>`: the name proves the content, the
suffix keeps the format readable by extractors. The original is only read, never moved.
"""

from __future__ import annotations

import hashlib
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from chitieu.errors import UnreadableFileError

_CHUNK = 1 << 20


@dataclass(frozen=True)
class Archived:
    """A file as kept: its digest, size and the path of the archived copy."""

    sha256: str
    size: int
    path: Path


def archived_path(archive_dir: Path, sha256: str, suffix: str) -> Path:
    return archive_dir / sha256[:2] / f"{sha256}{suffix.lower()}"


def archive_file(source: Path, archive_dir: Path) -> Archived:
    """Copy `source` into the archive (once per content) and return where it is.

    The digest is computed on the bytes as they are written, so the archived copy is
    exactly what its name says even if the original changes meanwhile.

    Raises:
        UnreadableFileError: the file cannot be read (missing, no permission).
    """
    archive_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(prefix=".incoming-", dir=archive_dir)
    tmp = Path(tmp_name)
    try:
        with _open_regular(source) as src, os.fdopen(fd, "wb") as dst:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                dst.write(chunk)
                size += len(chunk)
            dst.flush()
            os.fsync(dst.fileno())
    except _NotRegular as exc:
        tmp.unlink(missing_ok=True)
        raise UnreadableFileError(source, str(exc)) from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UnreadableFileError(source, f"không mở được tệp ({exc.strerror or exc}).") from None
    sha = digest.hexdigest()
    final = archived_path(archive_dir, sha, source.suffix)
    if final.exists():
        tmp.unlink()
    else:
        final.parent.mkdir(parents=True, exist_ok=True)
        os.chmod(tmp, 0o444)
        os.replace(tmp, final)
    return Archived(sha, size, final)


class _NotRegular(Exception):
    pass


def _open_regular(source: Path) -> BinaryIO:
    """Open a regular file for reading, never through a symbolic link and never blocking
    on a FIFO: the inbox may change between listing and reading."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(source, flags)
    except OSError as exc:
        if os.path.islink(source):
            raise _NotRegular("là liên kết tượng trưng (symlink), không nhận.") from None
        raise exc
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise _NotRegular("không phải tệp thường (thư mục, FIFO hoặc tệp đặc biệt), không nhận.")
    os.set_blocking(fd, True)
    return os.fdopen(fd, "rb")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
