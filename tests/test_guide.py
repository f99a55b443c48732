"""HUONG-DAN.md, the clerk's guide: every command in it runs, in order, on a fresh store.

The guide's shell blocks are run as written (relative paths, from a folder that holds the
repository's samples), so a command renamed or an option dropped breaks this test.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "HUONG-DAN.md"


def blocks() -> list[str]:
    return re.findall(r"```bash\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)


def test_guide_is_vietnamese_and_has_the_whole_cycle() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    commands = {
        ln.split()[1] for b in blocks() for ln in b.splitlines() if ln.startswith("chitieu ")
    }
    assert {"intake", "status", "review", "enter", "remind", "return", "report", "lock",
            "unlock"} <= commands  # fmt: skip
    assert "Hướng dẫn" in text and text == __import__("unicodedata").normalize("NFC", text)


def test_every_command_of_the_guide_runs(tmp_path: Path) -> None:
    (tmp_path / "samples").symlink_to(ROOT / "samples")
    env = {k: v for k, v in os.environ.items() if k != "CHITIEU_DATABASE_URL"}
    env |= {
        "CHITIEU_HOME": str(tmp_path / "chitieu-data"),
        "COLUMNS": "80",
        "PATH": f"{Path(sys.executable).parent}:{env['PATH']}",
        "OMP_THREAD_LIMIT": "1",
    }
    outputs: list[str] = []
    for block in blocks():
        for line in block.strip().splitlines():
            proc = subprocess.run(
                ["bash", "-c", line], cwd=tmp_path, env=env, input="\n",
                capture_output=True, text=True, timeout=600,
            )  # fmt: skip
            said = proc.stdout + proc.stderr
            assert proc.returncode == 0, f"{line}\n{said}"
            assert "Traceback" not in said and "Lỗi" not in said, f"{line}\n{said}"
            outputs.append(" ".join(said.split()))
    joined = "\n".join(outputs)
    assert "Đã khóa kỳ 2021-06" in joined and "Kỳ 2021-06 đã khóa" in joined
    assert "Đã trả lại báo cáo kỳ 2021-06 của Phường Dịch Vọng" in joined
    assert "Đã nhập tay" in joined and "Đã miễn báo cáo kỳ 2021-06" in joined
    assert "Đã hoàn tác" in joined
    for made in ("outputs/bao-cao", "outputs/don-doc", "outputs/tra-lai", "outputs/soan-thao"):
        assert any((tmp_path / made).rglob("*.docx")), made
