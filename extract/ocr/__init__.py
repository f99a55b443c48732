"""OCR building blocks for scans and photos: subprocess wrappers, page images, grids, QR.

`page_read.py` strings them together for one page (its ruled tables and readied page in
`ruled_page.py`, its cells sorted in `cell_kinds.py`, its figures' second opinions in
`figure_reads.py`, its cells put together in `table_read.py`), `extract/formats/scan.py`
over a file; each module here has one job.
"""
