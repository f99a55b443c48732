"""A plan's issues said to the clerk: pydantic's errors in Vietnamese at their line, each
with its dotted path, repeats dropped, and the issues that only echo another left out.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from chitieu.errors import PlanIssue
from chitieu.plan_yaml import YamlDocument


def is_period_echo(issue: PlanIssue) -> bool:
    """An issue that only follows from periods missing (their series had a mistake)."""
    return issue.message.startswith("thiếu kỳ thực hiện") or (
        issue.path.startswith("targets") and "không có trong periods" in issue.message
    )


def unique_issues(issues: list[PlanIssue]) -> list[PlanIssue]:
    """The issues in order, each (line, message) once: two checks may find one mistake."""
    seen: set[tuple[int | None, str]] = set()
    out = []
    for i in issues:
        if (i.line, i.message) not in seen:
            seen.add((i.line, i.message))
            out.append(i)
    return out


_PYDANTIC_VI = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không được hỗ trợ (sai chính tả?)",
    "date_parsing": "không phải ngày hợp lệ; viết dạng 2021-05-31 hoặc 31/05/2021",
    "date_from_datetime_parsing": "không phải ngày hợp lệ; viết dạng 2021-05-31 hoặc 31/05/2021",
    "date_type": "không phải ngày hợp lệ; viết dạng 2021-05-31 hoặc 31/05/2021",
    "string_type": "phải là một chuỗi chữ",
    "list_type": "phải là một danh sách (mỗi mục bắt đầu bằng '- ')",
    "dict_type": "phải là một bảng khóa: giá trị",
    "model_type": "phải là một bảng khóa: giá trị",
    "model_attributes_type": "phải là một bảng khóa: giá trị",
    "enum": "giá trị không hợp lệ",
    "bool_parsing": "phải là true hoặc false",
    "bool_type": "phải là true hoặc false",
}


def translate_errors(exc: ValidationError, doc: YamlDocument) -> list[PlanIssue]:
    """pydantic's errors said in Vietnamese, each at its line of the plan file."""
    out = []
    for err in exc.errors():
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and "[" in p))
        msg = _PYDANTIC_VI.get(err["type"], err["msg"])
        if err["type"] == "enum":
            expected = err.get("ctx", {}).get("expected", "")
            msg = f"giá trị {err.get('input')!r} không hợp lệ; chọn một trong: {expected}"
        elif err["type"] in ("date_parsing", "date_from_datetime_parsing", "date_type"):
            msg = f"{err.get('input')!r} {msg}"
        line = doc.line_of(loc, key=err["type"] in ("extra_forbidden", "missing"))
        out.append(PlanIssue(msg, line, dotted_path(loc)))
    return out


def dotted_path(loc: tuple[Any, ...]) -> str:
    """A path in the plan as a clerk reads it: `units[3].parent`."""
    s = ""
    for p in loc:
        s += f"[{p}]" if isinstance(p, int) else (f".{p}" if s else str(p))
    return s
