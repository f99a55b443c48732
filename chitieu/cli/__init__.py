"""`chitieu` command line. Each module below registers its commands on `app`."""

from chitieu.cli import plan_cmd  # noqa: F401
from chitieu.cli import extract_cmd  # noqa: F401
from chitieu.cli import allocate_cmd  # noqa: F401
from chitieu.cli import lint_cmd  # noqa: F401
from chitieu.cli import serve_cmd  # noqa: F401
from chitieu.cli import remind_cmd  # noqa: F401
from chitieu.cli import demo_cmd  # noqa: F401
from chitieu.cli import draft_cmd  # noqa: F401
from chitieu.cli import intake_cmd  # noqa: F401
from chitieu.cli import review_cmd  # noqa: F401
from chitieu.cli import reconcile_cmd  # noqa: F401
from chitieu.cli import report_cmd  # noqa: F401
from chitieu.cli.app import app, main

__all__ = ["app", "main"]
