"""Every command, called wrongly, answers in Vietnamese: no English word reaches a clerk.

Each command (found from the app itself, so a new command is covered without editing
this file) is run with no argument, an unknown option, too many arguments, an option
without its value, a plan that does not exist, and a misspelt name; its `--help` too.
The output is searched for English words Click, Typer and Python print.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from chitieu.cli import app

PLAN = Path(__file__).resolve().parent.parent / "samples" / "cau-giay-2021" / "plan.yaml"

# Words of Click/Typer's own messages, Python's exception names and common English; none
# of them is a Vietnamese word written without diacritics.
ENGLISH = {
    "missing", "argument", "arguments", "option", "options", "usage", "try", "help", "error",
    "did", "you", "mean", "such", "command", "commands", "invalid", "value", "values", "for",
    "unexpected", "extra", "required", "default", "bool", "int", "str", "text", "path",
    "aborted", "not", "valid", "does", "exist", "the", "got", "requires", "take", "takes",
    "file", "directory", "possible", "input", "should", "integer", "number", "unable",
    "parse", "string", "env", "var", "show", "this", "message", "and", "exit", "traceback",
    "exception", "valueerror", "memoryerror", "keyerror", "typeerror", "oserror", "none",
    "true", "false", "list", "with", "from", "please", "cannot", "could", "failed",
}  # fmt: skip

NO_BARE_RUN = {"demo"}  # runs the whole demo when called without arguments


def _commands() -> list[tuple[str, ...]]:
    group = typer.main.get_command(app)
    out: list[tuple[str, ...]] = []
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        subs = getattr(cmd, "commands", None)
        if subs:
            out.extend((name, sub) for sub in subs)
        else:
            out.append((name,))
    return out


def _value_options(path: tuple[str, ...]) -> list[str]:
    group = typer.main.get_command(app)
    cmd = group
    for part in path:
        cmd = cmd.commands[part]  # type: ignore[attr-defined]
    return [
        p.opts[0]
        for p in cmd.params
        if p.param_type_name == "option" and not p.is_flag and not p.hidden and p.opts
    ]


def english_words(text: str) -> set[str]:
    text = re.sub(r"(?<![\w-])--?[\w-]+", " ", text)  # option names are not prose
    text = re.sub(r"\S*/\S*", " ", text)  # nor are paths and URLs
    words = set(re.findall(r"[A-Za-z]+", text))
    return {w for w in words if w.lower() in ENGLISH}


def _run(tmp_path: Path, *args: str) -> str:
    runner = CliRunner()
    env = {
        "COLUMNS": "80",
        "CHITIEU_HOME": str(tmp_path / "home"),
        "CHITIEU_DATABASE_URL": "",
        "PREFECT_API_URL": "",
    }
    result = runner.invoke(app, list(args), env=env, catch_exceptions=False)
    return result.output


def _cases(path: tuple[str, ...]) -> list[list[str]]:
    cases = [
        [*path, "--khong-co-tuy-chon"],
        [*path, str(PLAN), "xyz1", "xyz2", "xyz3", "xyz4", "xyz5"],
        [*path, "khong-co-ke-hoach.yaml"],
        [*path, "--help"],
    ]
    if path[0] not in NO_BARE_RUN:
        cases.append([*path])
    cases += [[*path, str(PLAN), opt] for opt in _value_options(path)]
    return cases


COMMANDS = _commands()


def test_every_command_is_found() -> None:
    names = {c[0] for c in COMMANDS}
    assert {"extract", "intake", "review", "report", "plan"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=["-".join(c) for c in COMMANDS])
def test_no_english_in_errors_and_help(path: tuple[str, ...], tmp_path: Path) -> None:
    for args in _cases(path):
        out = _run(tmp_path, *args)
        assert out.strip(), args
        leaked = english_words(out)
        assert not leaked, f"{args}: {sorted(leaked)}\n{out}"
        assert "<bool>" not in out and "Traceback" not in out


@pytest.mark.parametrize("path", COMMANDS, ids=["-".join(c) for c in COMMANDS])
def test_every_help_has_examples(path: tuple[str, ...], tmp_path: Path) -> None:
    out = _run(tmp_path, *path, "--help")
    assert "Ví dụ:" in out and f"chitieu {' '.join(path)} " in " ".join(out.split())


def test_misspelt_command_and_root(tmp_path: Path) -> None:
    out = _run(tmp_path, "drafts")
    assert "Không có lệnh 'drafts'" in out and "'draft'" in out
    assert not english_words(out), out
    for args in ([], ["--help"], ["--version"], ["--khong-co"]):
        out = _run(tmp_path, *args)
        assert not english_words(out), (args, out)


def test_detector_sees_click_english() -> None:
    """The check above could fail: Click's English is caught by it."""
    assert english_words("Error: Missing argument 'PLAN'. Try 'chitieu -h' for help.")
    assert not english_words("Lỗi: Thiếu tham số 'KẾ_HOẠCH'. Xem 'chitieu -h' để biết cách dùng.")


WRONG_VALUES = [
    ["status", str(PLAN), "--period", "2099-13"],
    ["status", str(PLAN), "--date", "31/02/2021"],
    ["enter", str(PLAN), "--unit", "khong-co", "--indicator", "hinh_su", "--value", "1", "--by", "A"],
    ["enter", str(PLAN), "--unit", "quan-hoa", "--indicator", "khong-co", "--value", "1", "--by", "A"],
    ["enter", str(PLAN), "--unit", "quan-hoa", "--indicator", "hinh_su", "--value", "-3", "--by", "A"],
    ["enter", str(PLAN), "--unit", "quan-hoa", "--indicator", "hinh_su", "--value", "mot", "--by", "A"],
    ["enter", str(PLAN), "--unit", "quan-hoa", "--by", "A"],
    ["lock", str(PLAN), "--period", "2099-13", "--by", "A"],
    ["unlock", str(PLAN), "--period", "2021-06", "--by", "A", "--reason", " "],
    ["return", str(PLAN), "--unit", "quan-hoa", "--reason", "sai", "--by", "A"],
    ["return", str(PLAN), "--unit", "khong-co", "--reason", "sai", "--by", "A"],
    ["review", str(PLAN), "--undo", "--reviewer", "A"],
    ["review", str(PLAN), "--record", "999999", "--reviewer", "A"],
    ["report", str(PLAN), "--date", "hôm qua"],
    ["intake", str(PLAN), "khong-co-thu-muc"],
    ["extract", str(PLAN), "khong-co.xlsx"],
]  # fmt: skip


@pytest.mark.parametrize("args", WRONG_VALUES, ids=lambda a: "-".join(a[:1] + a[2:4]))
def test_wrong_values_are_refused_in_vietnamese(args: list[str], tmp_path: Path) -> None:
    out = _run(tmp_path, *args)
    assert any(w in out.lower() for w in ("lỗi", "không", "chưa")), out
    assert not english_words(out), f"{args}: {sorted(english_words(out))}\n{out}"
    assert "Traceback" not in out
