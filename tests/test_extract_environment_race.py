"""No write to the process environment while Tesseract models load in other threads.

glibc's setenv may move the environment while another thread's getenv walks it; the
reader died of SIGSEGV inside getenv when numpy's and OpenCV's imports (which write the
environment) ran beside the model-loading threads that `warm_ahead` starts. The race is
too rare to reproduce in a test, so this checks its condition: every environment write
made by warming the models and importing the scan reader happens with no other thread
alive. Run in a fresh interpreter: the modules must not be imported yet."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, os, threading
writes = []
def watch(real):
    def write(*args):
        writes.append([os.fsdecode(args[0]), threading.active_count()])
        return real(*args)
    return write
os.putenv, os.unsetenv = watch(os.putenv), watch(os.unsetenv)
from extract.ocr import _tessapi
assert _tessapi.available()
assert "numpy" not in __import__("sys").modules
_tessapi.warm_ahead([("vie", 1), ("eng", 1)], 2)
from extract.formats.scan import read_scan
print(json.dumps(writes))
"""


def test_no_environment_write_while_models_load() -> None:
    out = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "OMP_THREAD_LIMIT": "1"},
    )
    writes = json.loads(out.stdout.strip().splitlines()[-1])
    names = {name for name, _ in writes}
    assert "LD_LIBRARY_PATH" in names  # OpenCV's import was watched: the probe can fail
    assert [w for w in writes if w[1] > 1] == []
