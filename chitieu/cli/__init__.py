"""`chitieu` command line. Each module below registers its commands on `app`."""

from chitieu.cli import (
    allocate_cmd,  # noqa: F401
    demo_cmd,  # noqa: F401
    enter_cmd,  # noqa: F401
    lock_cmd,  # noqa: F401
    draft_cmd,  # noqa: F401
    extract_cmd,  # noqa: F401
    intake_cmd,  # noqa: F401
    lint_cmd,  # noqa: F401
    plan_cmd,  # noqa: F401
    reconcile_cmd,  # noqa: F401
    remind_cmd,  # noqa: F401
    report_cmd,  # noqa: F401
    return_cmd,  # noqa: F401
    review_cmd,  # noqa: F401
    serve_cmd,  # noqa: F401
    status_cmd,  # noqa: F401
)
from chitieu.cli.app import app, main

__all__ = ["app", "main"]
