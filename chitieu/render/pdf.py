"""DOCX → PDF with LibreOffice headless, all files of one run in ONE `soffice` call.

Each call gets a fresh profile directory (`-env:UserInstallation`), so that two runs at once
(two flows, two clerks) do not fight over LibreOffice's user profile lock. Fonts named
Times New Roman render with Liberation Serif (fontconfig alias; same metrics).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from chitieu.errors import RenderError

DEFAULT_TIMEOUT_S = 600.0


def soffice_binary() -> str:
    """Path of LibreOffice's `soffice`, or a RenderError saying how to install it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise RenderError(
        "Không tìm thấy LibreOffice (lệnh soffice) để chuyển sang PDF. "
        "Cài gói libreoffice-writer-nogui (scripts/install-system.sh) hoặc dùng --no-pdf."
    )


def convert_to_pdf(
    docx_paths: Sequence[Path], out_dir: Path, *, timeout: float | None = None
) -> list[Path]:
    """Convert every file in one LibreOffice call; return the PDFs in the input order.

    Raises:
        RenderError: soffice missing, failing, timing out, or a PDF not written.
    """
    paths = [Path(p) for p in docx_paths]
    if not paths:
        return []
    for p in paths:
        if not p.is_file():
            raise RenderError(f"Không chuyển được sang PDF: không có tệp {p}.")
    stems = [p.stem for p in paths]
    if len(set(stems)) != len(stems):
        raise RenderError("Không chuyển được sang PDF: hai tệp trùng tên sẽ ghi đè nhau.")
    out_dir.mkdir(parents=True, exist_ok=True)
    binary = soffice_binary()
    limit = timeout if timeout is not None else DEFAULT_TIMEOUT_S
    with tempfile.TemporaryDirectory(prefix="chitieu-lo-") as profile:
        cmd = [
            binary,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(out_dir),
            *(str(p) for p in paths),
        ]
        env = {**os.environ, "HOME": profile, "SAL_USE_VCLPLUGIN": "svp"}
        try:
            proc = subprocess.run(
                cmd, capture_output=True, text=True, timeout=limit, env=env, check=False
            )
        except subprocess.TimeoutExpired:
            raise RenderError(
                f"LibreOffice không chuyển xong {len(paths)} tệp sang PDF sau {limit:.0f} giây."
            ) from None
        except OSError as exc:
            raise RenderError(f"Không chạy được LibreOffice ({binary}): {exc.strerror}.") from None
    pdfs = [out_dir / f"{p.stem}.pdf" for p in paths]
    missing = [p.name for p, pdf in zip(paths, pdfs, strict=True) if not pdf.is_file()]
    if proc.returncode != 0 or missing:
        detail = (proc.stderr or proc.stdout or "").strip().splitlines()
        why = detail[-1] if detail else f"mã thoát {proc.returncode}"
        names = ", ".join(missing) if missing else "các tệp"
        raise RenderError(f"LibreOffice không chuyển được sang PDF: {names} ({why}).")
    return pdfs


__all__ = ["convert_to_pdf", "soffice_binary"]
