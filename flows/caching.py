"""Cache keys on what a task really depends on: file contents, not file paths.

Prefect's INPUTS policy hashes the `Path` argument, so a renamed file would be read
again and an edited one would not. The key here is the sha256 of the returned file,
the sha256 of the plan file (its indicators and units drive interpretation) and a
fingerprint of the extraction code (a fixed reader must not serve stale results).
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

_CHUNK = 1 << 20


def file_sha256(path: Path | str) -> str:
    """Hex sha256 of a file's bytes, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


@cache
def code_fingerprint() -> str:
    """sha256 over the sources of the packages that turn a document into records."""
    import chitieu
    import extract

    h = hashlib.sha256()
    for pkg in (extract, chitieu):
        root = Path(pkg.__file__).parent
        for src in sorted(root.rglob("*.py")):
            if "cli" in src.relative_to(root).parts:
                continue
            h.update(src.relative_to(root).as_posix().encode())
            h.update(src.read_bytes())
    return h.hexdigest()


def document_cache_key(_ctx: Any, params: dict[str, Any]) -> str | None:
    """Prefect `cache_key_fn` for reading one returned document.

    Returns None (no caching) when a file cannot be hashed; the task then runs and
    reports the problem itself.
    """
    try:
        doc = file_sha256(params["path"])
        plan = file_sha256(params["plan_path"])
    except OSError:
        return None
    return f"doc-{doc}-plan-{plan[:16]}-code-{code_fingerprint()[:16]}"
