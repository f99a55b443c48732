"""Page images from a scanned PDF or an image file, as 8-bit grayscale arrays with their dpi.

Colour inputs keep only the red channel: red stamps (con dấu) turn almost white while
black print and blue signatures stay dark, so a stamp over a table or a signature does
not become ink for OCR.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from chitieu.errors import UnreadableFileError

from ..settings import ScanSettings

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}


@dataclass
class PageImage:
    """One page as pixels. `dpi` converts pixels to PDF points (72 per inch)."""

    gray: np.ndarray  # uint8, H x W
    dpi: float
    page: int  # 1-based

    def to_points(
        self, box: tuple[float, float, float, float]
    ) -> tuple[float, float, float, float]:
        k = 72.0 / self.dpi
        return (
            round(box[0] * k, 1),
            round(box[1] * k, 1),
            round(box[2] * k, 1),
            round(box[3] * k, 1),
        )


def _gray(img: Image.Image) -> np.ndarray:
    """8-bit grey: the red channel of colour, 16-bit and float images scaled, not clipped."""
    if img.mode in ("RGB", "RGBA", "P", "PA", "CMYK", "YCbCr", "LA"):
        if img.mode in ("RGBA", "PA", "LA"):  # transparent areas are paper, not ink
            white = Image.new("RGBA", img.size, (255, 255, 255, 255))
            img = Image.alpha_composite(white, img.convert("RGBA"))
        return np.asarray(img.convert("RGB"))[:, :, 0].copy()
    if img.mode.startswith("I") or img.mode == "F":
        arr = np.asarray(img, dtype=np.float64)
        top = arr.max() or 1.0
        return np.clip(arr * (255.0 / top), 0, 255).astype(np.uint8)
    return np.asarray(img.convert("L")).copy()


def _too_big(path: Path, w: int, h: int, settings: ScanSettings) -> None:
    if w * h > settings.max_pixels:
        raise UnreadableFileError(
            path,
            f"ảnh quá lớn ({w}×{h} = {w * h / 1e6:.0f} triệu điểm ảnh, tối đa "
            f"{settings.max_pixels / 1e6:.0f} triệu)",
        )


def load_image_pages(path: Path, settings: ScanSettings) -> list[PageImage]:
    """Every frame of an image file (a multi-page TIFF gives several pages)."""
    try:
        with warnings.catch_warnings():  # the size is checked below, with a clear message
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            img = Image.open(path)
        with img:
            _too_big(path, img.width, img.height, settings)
            pages: list[PageImage] = []
            for i, frame in enumerate(ImageSequence.Iterator(img), start=1):
                _too_big(path, frame.width, frame.height, settings)
                dpi_info = frame.info.get("dpi") or img.info.get("dpi")
                dpi = (
                    float(dpi_info[0])
                    if dpi_info and dpi_info[0] and dpi_info[0] > 30
                    else float(settings.default_dpi)
                )
                upright = ImageOps.exif_transpose(frame)  # phone photos store their turn in EXIF
                pages.append(PageImage(gray=_gray(upright), dpi=dpi, page=i))
    except Image.DecompressionBombError as exc:
        raise UnreadableFileError(path, "ảnh quá lớn (vượt giới hạn an toàn)") from exc
    except UnidentifiedImageError as exc:
        raise UnreadableFileError(path, "không phải tệp ảnh hợp lệ hoặc tệp bị hỏng") from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise UnreadableFileError(path, f"tệp ảnh bị hỏng ({exc})") from exc
    if not pages:
        raise UnreadableFileError(path, "tệp ảnh không có trang nào")
    return pages


def _native_dpi(page: object, width_pt: float) -> float | None:
    """The dpi of the largest image on a scanned page, from its pixel size."""
    import pypdfium2.raw as pdfium_c

    best: float | None = None
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):  # type: ignore[attr-defined]
        try:
            px_w, _px_h = obj.get_px_size()
            left, _b, right, _t = obj.get_bounds()
        except Exception:
            continue
        if right - left < width_pt * 0.5:
            continue
        dpi = px_w / ((right - left) / 72.0)
        best = max(best or 0.0, dpi)
    return best


def _why_pdf_fails(path: Path) -> str:
    """A precise reason for a PDF that PDFium refuses: no pages, a password, or damage."""
    import pikepdf

    try:
        with pikepdf.open(path) as pdf:
            if len(pdf.pages) == 0:
                return "tệp PDF không có trang nào"
    except pikepdf.PasswordError:
        return "tệp PDF được đặt mật khẩu (mã hóa)"
    except Exception:  # any parser failure means the same to the user
        return "tệp PDF bị hỏng, không mở được"
    return "tệp PDF bị hỏng, không mở được"


def render_pdf_pages(path: Path, settings: ScanSettings) -> list[PageImage]:
    """Render each page of an image-only PDF at its scan resolution (capped)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise UnreadableFileError(path, _why_pdf_fails(path)) from exc
    try:
        if len(pdf) == 0:
            raise UnreadableFileError(path, "tệp PDF không có trang nào")
        pages: list[PageImage] = []
        for i in range(len(pdf)):
            page = pdf[i]
            width_pt, height_pt = page.get_size()
            dpi = _native_dpi(page, width_pt) or float(settings.max_render_dpi)
            dpi = max(150.0, min(dpi, float(settings.max_render_dpi)))
            _too_big(path, int(width_pt / 72 * dpi), int(height_pt / 72 * dpi), settings)
            bitmap = page.render(scale=dpi / 72.0)  # colour, so red stamps can be dropped
            gray = _gray(bitmap.to_pil())
            pages.append(PageImage(gray=gray, dpi=dpi, page=i + 1))
        return pages
    finally:
        pdf.close()


def load_pages(path: Path, settings: ScanSettings) -> list[PageImage]:
    """Pages of a scanned PDF or image file; `UnreadableFileError` when it cannot be read."""
    if not path.exists() or path.stat().st_size == 0:
        raise UnreadableFileError(path, "tệp không tồn tại hoặc rỗng")
    with path.open("rb") as fh:
        head = fh.read(5)
    if head == b"%PDF-" or path.suffix.lower() == ".pdf":
        return render_pdf_pages(path, settings)
    return load_image_pages(path, settings)
