"""`chitieu extract` as outside tools call it (contracts.md §2), and the sample generator."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chitieu.plan import load_plan
from extract import extract_file
from extract.accuracy import compare, load_truth

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
RETURNS = ROOT / "samples" / "returns"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("chitieu")
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=120, env=env)


def test_json_is_the_contract_shape() -> None:
    f = RETURNS / "pdf" / "bc-quan-hoa.pdf"
    proc = _run("extract", "--plan", str(PLAN), str(f), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert {"source", "sha256", "records", "problems"} <= set(data)
    assert data["source"] == "bc-quan-hoa.pdf"
    assert data["sha256"] == hashlib.sha256(f.read_bytes()).hexdigest()
    assert len(data["records"]) == 5
    for rec in data["records"]:
        assert {"unit", "indicator", "value", "confidence", "needs_review", "where"} <= set(rec)
        assert isinstance(rec["value"], int) and rec["unit"] == "quan-hoa"
        assert {"page", "cell", "bbox"} <= set(rec["where"]) and len(rec["where"]["bbox"]) == 4
        assert rec["role"] == "result"


def test_json_keeps_vietnamese_unescaped() -> None:
    proc = _run(
        "extract",
        "--plan",
        str(PLAN),
        str(RETURNS / "docx" / "bc-lang-thuong-unknown.docx"),
        "--json",
    )
    assert proc.returncode == 0
    assert "LÁNG THƯỢNG" in proc.stdout and "\\u" not in proc.stdout
    assert json.loads(proc.stdout)["problems"][0]["code"] == "unknown_unit"


@pytest.mark.parametrize(
    "name", ["bad/bomb.xlsx", "bad/encrypted.pdf", "bad/huge.png", "bad/text-renamed.xlsx"]
)
def test_unreadable_file_exits_2_with_one_line(name: str) -> None:
    proc = _run("extract", "--plan", str(PLAN), str(RETURNS / name), "--json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and Path(name).name in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_reader_crashing_in_c_code_is_a_message_naming_the_file() -> None:
    """A segfault inside OpenCV once ended `chitieu extract` with no word (exit 139): the
    reading now runs in a fork, so the command still names the file and the reason. The
    crash is made here by reading address 0 in place of the reader."""
    f = RETURNS / "pdf" / "bc-quan-hoa.pdf"
    crash = (
        "import ctypes, sys\n"
        "import extract.pipeline\n"
        "extract.pipeline.extract_file = lambda *a, **k: ctypes.string_at(0)\n"
        "from chitieu.cli import app\n"
        f"sys.argv = ['chitieu', 'extract', {str(PLAN)!r}, {str(f)!r}]\n"
        "app()\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", crash], capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert f.name in proc.stderr and "tín hiệu 11" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


def test_rich_table_without_json() -> None:
    proc = _run(
        "extract", "--plan", str(PLAN), str(RETURNS / "xlsx" / "ward-dich-vong-nocache.xlsx")
    )
    assert proc.returncode == 0
    assert "Phường Dịch Vọng" in proc.stdout and "công thức" in proc.stdout


def test_generator_is_deterministic_and_its_files_read_back(tmp_path: Path) -> None:
    """Regenerate everything (one batched soffice call for the PDFs) and read it back."""
    subprocess.run(
        [sys.executable, str(RETURNS / "generate.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    fresh = load_truth(tmp_path)
    committed = load_truth(RETURNS)
    for name, exp in fresh.items():
        assert committed[name] == exp, name
    plan = load_plan(PLAN)
    for name, exp in fresh.items():
        if exp["exit"] == 0:
            score = compare(name, extract_file(tmp_path / name, plan), exp)
            assert score.exact == score.expected and score.silent == 0, score.details
