"""The consolidated report (báo cáo): DOCX/PDF in the ND30 format, chart, XLSX workbook.

`write_report(plan, reconciliation, out_dir, *, level=None, pdf=True)` is the entry point
for the CLI and the flows.
"""

from chitieu.report.write import write_report

__all__ = ["write_report"]
