"""The command line starts light: heavy libraries load only in the commands that use them.

Guards the start-up gain of issue 14 (`benchmarks/bench_cli.py` measures it): a module-level
import of OpenCV, Prefect, matplotlib, a PDF library, SQLAlchemy or Typer's rich help in
any `chitieu/cli/*` module makes every command, `chitieu extract` on an XLSX included,
pay for it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

HEAVY = (
    "cv2",
    "numpy",
    "prefect",
    "matplotlib",
    "pdfplumber",
    "pypdfium2",
    "pdfminer",
    "rapidfuzz",
    "sqlalchemy",
    "alembic",
    "openpyxl",
    "docx",
    "PIL",
    "typer.rich_utils",
    "rich",
)


def _loaded_after(code: str) -> list[str]:
    probe = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_import_cli_loads_no_heavy_library() -> None:
    loaded = set(_loaded_after("import chitieu.cli"))
    assert "chitieu.cli.extract_cmd" in loaded  # the probe did import the commands
    assert sorted(m for m in HEAVY if m in loaded) == []


def test_rich_help_is_still_vietnamese_once_loaded() -> None:
    # rich_utils is patched when Typer first imports it, not at start-up.
    code = (
        "import chitieu.cli\nimport typer.rich_utils as ru\n"
        "print(ru.OPTIONS_PANEL_TITLE, ru.rich_format_error.__module__)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.split() == ["Tùy", "chọn", "chitieu.cli.vi"]


def test_extract_xlsx_loads_no_scan_pdf_or_store_library() -> None:
    plan = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"
    xlsx = ROOT / "samples" / "returns" / "xlsx" / "ward-mai-dich-formula.xlsx"
    code = (
        "from chitieu.cli import main\n"
        f"sys.argv = ['chitieu', 'extract', {str(plan)!r}, {str(xlsx)!r}, '--json']\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
    )
    loaded = set(_loaded_after(code))
    assert "openpyxl" in loaded  # the file was read
    unneeded = ("cv2", "prefect", "matplotlib", "pdfplumber", "pypdfium2", "sqlalchemy")
    assert sorted(m for m in unneeded if m in loaded) == []
