"""DOCX → PDF (and any office format → another) with LibreOffice headless, all files of
one run in ONE `soffice` call.

Each call gets a fresh profile directory (`-env:UserInstallation`), so that two runs at once
(two flows, two clerks) do not fight over LibreOffice's user profile lock. The first
successful call of a process keeps a copy of the profile LibreOffice set up; later calls
start from a copy of it instead of an empty folder (an empty profile costs LibreOffice
its first-start work, about a second, at every call). Fonts named
Times New Roman render with Liberation Serif (fontconfig alias; same metrics).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
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
    return convert_with_soffice(docx_paths, out_dir, "pdf:writer_pdf_Export", timeout=timeout)


def convert_with_soffice(
    paths_in: Sequence[Path],
    out_dir: Path,
    target: str,
    *,
    infilter: str | None = None,
    timeout: float | None = None,
) -> list[Path]:
    """Convert every file in one LibreOffice call to `target` ("pdf:writer_pdf_Export",
    "docx", "xlsx"...), optionally forcing the import filter; the outputs in input order.

    Raises:
        RenderError: soffice missing, failing, timing out, or an output not written.
    """
    paths = [Path(p) for p in paths_in]
    ext = target.split(":", 1)[0]
    label = ext.upper()
    if not paths:
        return []
    for p in paths:
        if not p.is_file():
            raise RenderError(f"Không chuyển được sang {label}: không có tệp {p}.")
    stems = [p.stem for p in paths]
    if len(set(stems)) != len(stems):
        raise RenderError(f"Không chuyển được sang {label}: hai tệp trùng tên sẽ ghi đè nhau.")
    out_dir.mkdir(parents=True, exist_ok=True)
    binary = soffice_binary()
    limit = timeout if timeout is not None else DEFAULT_TIMEOUT_S
    with tempfile.TemporaryDirectory(prefix="chitieu-lo-") as profile:
        from_template = _fill_from_template(Path(profile))
        cmd = [
            binary,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            *([f"--infilter={infilter}"] if infilter else []),
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            *(str(p) for p in paths),
        ]
        env = {**os.environ, "HOME": profile, "SAL_USE_VCLPLUGIN": "svp"}
        try:
            code, out, err = _run(cmd, env, limit)
        except subprocess.TimeoutExpired:
            raise RenderError(
                f"LibreOffice không chuyển xong {len(paths)} tệp sang {label} sau {limit:.0f} giây."
            ) from None
        except OSError as exc:
            raise RenderError(f"Không chạy được LibreOffice ({binary}): {exc.strerror}.") from None
        outs = [out_dir / f"{p.stem}.{ext}" for p in paths]
        missing = [p.name for p, out in zip(paths, outs, strict=True) if not out.is_file()]
        if code == 0 and not missing and not from_template:
            _keep_as_template(Path(profile))
    if code != 0 or missing:
        detail = (err or out or "").strip().splitlines()
        why = detail[-1] if detail else f"mã thoát {code}"
        names = ", ".join(missing) if missing else "các tệp"
        raise RenderError(f"LibreOffice không chuyển được sang {label}: {names} ({why}).")
    return outs


_template_lock = threading.Lock()
_template: tuple[int, Path] | None = None  # (owning pid, profile folder)
_may_keep = True


def keep_no_profile() -> None:
    """For processes that end without running atexit (forked readers, killed on a limit):
    a profile copy kept there would outlive them in the temp folder."""
    global _may_keep
    _may_keep = False


def _fill_from_template(profile: Path) -> bool:
    """Copy this process's kept profile into `profile`; False when there is none (yet)."""
    kept = _template
    if kept is None or kept[0] != os.getpid():  # none yet, or inherited through a fork
        return False
    try:
        shutil.copytree(kept[1], profile, symlinks=True, dirs_exist_ok=True)
    except OSError:  # removed under us: start from an empty profile, as without one
        shutil.rmtree(profile, ignore_errors=True)
        profile.mkdir(exist_ok=True)
        return False
    return True


def _keep_as_template(profile: Path) -> None:
    """Keep a copy of a profile that LibreOffice set up and closed cleanly."""
    global _template
    with _template_lock:
        if not _may_keep or (_template is not None and _template[0] == os.getpid()):
            return
        keep = Path(tempfile.mkdtemp(prefix="chitieu-lo-profile-"))
        try:
            shutil.copytree(profile, keep, symlinks=True, dirs_exist_ok=True)
        except OSError:
            shutil.rmtree(keep, ignore_errors=True)
            return
        (keep / ".lock").unlink(missing_ok=True)
        atexit.register(_remove_template, os.getpid(), keep)
        _template = (os.getpid(), keep)


def _remove_template(pid: int, keep: Path) -> None:
    if os.getpid() == pid:  # not in a forked child that exits through atexit
        shutil.rmtree(keep, ignore_errors=True)


def _run(cmd: list[str], env: dict[str, str], limit: float) -> tuple[int, str, str]:
    """soffice in its own process group: on a timeout, or any interruption (a caller's
    alarm), the whole group is killed, so no soffice.bin is left holding memory."""
    proc = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=limit)
    except BaseException:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise
    return proc.returncode, out, err


__all__ = ["convert_to_pdf", "convert_with_soffice", "soffice_binary"]
