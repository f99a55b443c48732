"""Documents out: ND30 official documents (DOCX), spreadsheets (XLSX), PDF via LibreOffice.

`official.OfficialDoc` is the shared ND30 layer; `pdf.convert_to_pdf` converts in one batch.
"""
