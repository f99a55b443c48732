"""Errors that reach the user, each with its exit code.

Only the CLI (`chitieu.cli.app.main`) turns them into exit codes and messages;
library code raises them and never prints (OCRmyPDF's `exceptions.py` pattern).
Messages are Vietnamese, NFC, and name the file concerned.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    ok = 0
    problems_found = 1  # the command ran, and found something wrong (lint, plan check)
    input_file = 2  # a file could not be read at all (contract: extract exits 2)
    bad_args = 3
    store = 4
    render = 5
    other_error = 15


class ChitieuError(Exception):
    """Base of every error that is the user's to fix, not a bug."""

    exit_code: ExitCode = ExitCode.other_error

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class PlanIssue:
    """One mistake in a plan file, located by line (1-based) and YAML path."""

    message: str
    line: int | None = None
    path: str = ""

    def describe(self, file: Path | str) -> str:
        where = f"{file}, dòng {self.line}" if self.line else f"{file}"
        field = f" [{self.path}]" if self.path else ""
        return f"{where}{field}: {self.message}"


class PlanError(ChitieuError):
    """A plan file that cannot be used; carries every issue found, not just the first."""

    exit_code = ExitCode.problems_found

    def __init__(self, file: Path | str, issues: list[PlanIssue]) -> None:
        self.file = Path(file)
        self.issues = issues
        lines = [i.describe(self.file) for i in issues]
        head = f"Tệp kế hoạch {self.file} có {len(issues)} lỗi:"
        super().__init__("\n".join([head, *("  - " + ln for ln in lines)]))


class UnreadableFileError(ChitieuError):
    """A document that cannot be read at all: corrupt, encrypted, empty, unsupported."""

    exit_code = ExitCode.input_file

    def __init__(self, file: Path | str, reason: str) -> None:
        self.file = Path(file)
        self.reason = reason
        from chitieu.inbox import display_name

        super().__init__(f"Không đọc được tệp {display_name(self.file)}: {reason}")


class ExtractError(ChitieuError):
    exit_code = ExitCode.input_file


class StoreError(ChitieuError):
    exit_code = ExitCode.store


class ReconcileError(ChitieuError):
    exit_code = ExitCode.problems_found


class RenderError(ChitieuError):
    exit_code = ExitCode.render


class UsageError(ChitieuError):
    exit_code = ExitCode.bad_args
