"""Documents -> records: `extract_file(path, plan)` reads one returned document.

Formats: xlsx, docx, PDF with a text layer (here), scanned PDFs and images
(`extract.formats.scan`). Interpretation (`extract.interpret`) is the same for all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extract.pipeline import extract_file, read_document

__all__ = ["extract_file", "read_document"]


def __getattr__(name: str) -> Any:
    # Lazy, so that `import extract` stays cheap for the CLI's --help.
    if name in __all__:
        from extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
