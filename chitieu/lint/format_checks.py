"""The ND30 format rules (nd30.md "Checkable rules (.docx)" 1–18), with its tolerances.

Each check reads the `DocxView` and the `Anatomy` and returns findings. Checks that would
repeat on every paragraph (body formatting, fonts) report once, with the count and the
first places, so that a badly formatted document gives a readable list.
"""

from __future__ import annotations

from collections.abc import Callable

from chitieu.lint.anatomy import Anatomy
from chitieu.lint.body_checks import annexes, bases, body, headings, marks, numbers
from chitieu.lint.closing_checks import addressees, recipients, signature
from chitieu.lint.docx_view import DocxView
from chitieu.lint.empty_tables import empty_annex_tables
from chitieu.lint.head_checks import header, title
from chitieu.lint.page_checks import fonts, page_numbers, page_setup, table_widths
from chitieu.lint.rules import Finding

CHECKS: list[Callable[[DocxView, Anatomy], list[Finding]]] = [
    page_setup,
    table_widths,
    fonts,
    header,
    title,
    body,
    bases,
    headings,
    signature,
    recipients,
    addressees,
    page_numbers,
    annexes,
    empty_annex_tables,
    marks,
    numbers,
]

__all__ = ["CHECKS"]
