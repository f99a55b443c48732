"""OCR building blocks for scans and photos: subprocess wrappers, page images, grids, QR.

`extract/formats/scan.py` strings them together; each module here has one job.
"""
