"""Page images from a scanned PDF or an image file, as 8-bit grayscale arrays with their dpi.

Colour inputs keep only the red channel: red stamps (con dấu) turn almost white while
black print and blue signatures stay dark, so a stamp over a table or a signature does
not become ink for OCR.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from chitieu.errors import UnreadableFileError

from ..formats.pdf_page import PDFIUM_LOCK
from ..settings import ScanSettings

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}


@dataclass
class PageImage:
    """One page as pixels. `dpi` converts pixels to PDF points (72 per inch)."""

    gray: np.ndarray  # uint8, H x W
    dpi: float
    page: int  # 1-based
    photo: bool = (
        False  # a phone photo (page edge or uneven light found): reads need a second opinion
    )
    # The page in colour (H x W x 3, RGB) when the file has colour: the level step uses it
    # to find a photo's page edge and to lift a red stamp, then drops it.
    rgb: np.ndarray | None = None
    dpi_stated: bool = True  # False: the file gave no resolution (or a screen's 72/96)
    # Where a red stamp's ink was lifted to paper on the level page (0..255, H x W), or
    # None: print under a solid stamp may have gone with it, so a figure there is not
    # sure on its re-reads alone.
    stamped: np.ndarray | None = None
    # Where that lift took ink darker than the stamp's own (0..255), or None: only there
    # can print have gone with it (`stamp_ink`: print under the stamp is kept).
    stamp_hid: np.ndarray | None = None
    # Where a streak's fill may have taken print (255, the page's size; `streaks`), or
    # None: a figure there is read again with that ink put back (`fax_cuts`).
    streaked: np.ndarray | None = None

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


def _rgb(img: Image.Image) -> np.ndarray | None:
    """The image's colour pixels (RGB), or None for grey, black-and-white and 16-bit images."""
    if img.mode not in ("RGB", "RGBA", "P", "PA", "CMYK", "YCbCr"):
        return None
    if img.mode in ("RGBA", "PA"):
        white = Image.new("RGBA", img.size, (255, 255, 255, 255))
        img = Image.alpha_composite(white, img.convert("RGBA"))
    rgb = np.asarray(img.convert("RGB"))
    if rgb[::8, ::8].std(axis=2).max() < 2:  # a grey page stored as RGB
        return None
    return rgb


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


class PageSource:
    """The pages of one file, counted and size-checked up front, decoded one at a time.

    A PDF that repeats one page object 1,000 times is 1,000 pages to PDFium (pdfminer
    collapses them), and a 264 KB TIFF can hold 300 frames: both are refused on their count
    before any pixel is decoded (issue 13). `load(i)` is thread-safe; pages are decoded only
    when a worker takes them, so memory holds as many pages as there are workers.
    """

    def __init__(self, path: Path, count: int, loader: Callable[[int], PageImage]) -> None:
        self.path = path
        self.count = count
        self._loader = loader
        # PDFium is not thread-safe, even across documents: one lock for every PDFium call.
        self._lock = PDFIUM_LOCK
        self._closers: list[Callable[[], None]] = []

    def load(self, index: int) -> PageImage:
        with self._lock:  # PDFium is not thread-safe; Pillow's decoders hold the GIL anyway
            return self._loader(index)

    def close(self) -> None:
        with self._lock:
            for close in self._closers:
                close()
            self._closers.clear()

    def __enter__(self) -> PageSource:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _check_count(path: Path, count: int, settings: ScanSettings, what: str) -> None:
    if count == 0:
        raise UnreadableFileError(path, f"tệp {what} không có trang nào")
    if count > settings.max_pages:
        raise UnreadableFileError(
            path, f"tệp {what} có {count} trang, quá giới hạn {settings.max_pages} trang"
        )


def _check_total(path: Path, total: float, settings: ScanSettings) -> None:
    if total > settings.max_file_pixels:
        raise UnreadableFileError(
            path,
            f"các trang cộng lại quá lớn ({total / 1e6:.0f} triệu điểm ảnh, tối đa "
            f"{settings.max_file_pixels / 1e6:.0f} triệu)",
        )


def _image_page(img: Image.Image, path: Path, settings: ScanSettings, index: int) -> PageImage:
    """Frame `index` of an open image, decoded: grey, EXIF-turned, with its dpi."""
    img.seek(index)
    _too_big(path, img.width, img.height, settings)
    dpi_info = img.info.get("dpi")
    stated = bool(dpi_info and dpi_info[0] and dpi_info[0] > 30)
    dpi = float(dpi_info[0]) if stated else float(settings.default_dpi)
    # Cameras and screenshots write 72 or 96 whatever the page's size: not a scan's dpi.
    stated = stated and round(dpi) not in (72, 96)
    upright = ImageOps.exif_transpose(img)  # phone photos store their turn in EXIF
    rgb = _rgb(upright)
    gray = rgb[:, :, 0].copy() if rgb is not None else _gray(upright)
    lines = _lines_per_row(dpi_info) if stated else 1
    if lines > 1:  # a standard fax (204×98 dpi): its rows repeated, the page its own shape
        _too_big(path, img.width, img.height * lines, settings)
        gray = np.repeat(gray, lines, axis=0)
        rgb = None if rgb is None else np.repeat(rgb, lines, axis=0)
    return PageImage(gray=gray, dpi=dpi, page=index + 1, rgb=rgb, dpi_stated=stated)


def _lines_per_row(dpi_info: tuple[float, ...]) -> int:
    """How many times each row must be repeated for square pixels: 2 for a fax sent at
    standard resolution (204×98 dpi, each scan line twice as tall as it is wide), 1 for a
    page scanned alike both ways."""
    if len(dpi_info) < 2 or not dpi_info[1] or dpi_info[1] <= 0:
        return 1
    ratio = float(dpi_info[0]) / float(dpi_info[1])
    return round(ratio) if ratio >= 1.5 and abs(ratio - round(ratio)) < 0.25 else 1


def _open_image(path: Path, settings: ScanSettings) -> Image.Image:
    with warnings.catch_warnings():  # the size is checked by the caller, with a clear message
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(path)


def open_image_pages(path: Path, settings: ScanSettings) -> PageSource:
    """An image file's frames (a multi-page TIFF gives several pages), counted first."""
    try:
        img = _open_image(path, settings)
        try:
            count = getattr(img, "n_frames", 1)  # walks the TIFF's directories, no pixels
            _check_count(path, count, settings, "ảnh")
            _too_big(path, img.width, img.height, settings)
            total = 0.0
            for i in range(count):  # each frame's header only
                img.seek(i)
                _too_big(path, img.width, img.height, settings)
                total += img.width * img.height
            _check_total(path, total, settings)
            img.seek(0)
        except BaseException:
            img.close()
            raise
    except Image.DecompressionBombError as exc:
        raise UnreadableFileError(path, "ảnh quá lớn (vượt giới hạn an toàn)") from exc
    except UnidentifiedImageError as exc:
        raise UnreadableFileError(path, "không phải tệp ảnh hợp lệ hoặc tệp bị hỏng") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise UnreadableFileError(path, f"tệp ảnh bị hỏng ({exc})") from exc

    def load(index: int) -> PageImage:
        try:
            return _image_page(img, path, settings, index)
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise UnreadableFileError(path, f"tệp ảnh bị hỏng ({exc})") from exc

    source = PageSource(path, count, load)
    source._closers.append(img.close)
    return source


def load_image_pages(path: Path, settings: ScanSettings) -> list[PageImage]:
    """Every frame of an image file, decoded (tests and benchmarks; the reader streams)."""
    with open_image_pages(path, settings) as source:
        return [source.load(i) for i in range(source.count)]


# Paper sizes a scanner writes a page at (long, short side in inches): A5, A4, A3,
# Letter, Legal, F4/Folio, ISO and JIS B5, JIS B4. A PDF page of none of them was sized
# by its image's pixels at whatever density the file said (a phone photo put into a PDF
# at 200 "dpi" makes a page 5 or 15 in tall): its dpi is no scanner's, and the page is
# read as an image that gave none (`PageImage.dpi_stated`: a camera's, maybe a photo).
PAPER_SIZES_IN = (
    (8.27, 5.83),
    (11.69, 8.27),
    (16.54, 11.69),
    (11.0, 8.5),
    (14.0, 8.5),
    (13.0, 8.5),
    (13.0, 8.27),
    (9.84, 6.93),
    (10.12, 7.17),
    (14.33, 10.12),
)
PAPER_TOLERANCE = 0.04  # of each side: a scanner's page rounded, a cropped margin


def _paper_sized(width_pt: float, height_pt: float) -> bool:
    """Whether a PDF page has a paper's size (`PAPER_SIZES_IN`), either way round."""
    long, short = max(width_pt, height_pt) / 72.0, min(width_pt, height_pt) / 72.0
    return any(
        abs(long - a) <= PAPER_TOLERANCE * a and abs(short - b) <= PAPER_TOLERANCE * b
        for a, b in PAPER_SIZES_IN
    )


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


def _bitmap_pixels(bitmap: object) -> tuple[np.ndarray, np.ndarray | None]:
    """(grey, colour or None) of a rendered page, as `_gray`/`_rgb` give them through
    Pillow, read straight from PDFium's BGR buffer: the Pillow round trip copied the
    page three times (0.03-0.07 s a page)."""
    import pypdfium2.raw as pdfium_c

    fmt = bitmap.format  # type: ignore[attr-defined]
    if fmt not in (pdfium_c.FPDFBitmap_BGR, pdfium_c.FPDFBitmap_BGRx) or getattr(
        bitmap, "rev_byteorder", False
    ):
        pil = bitmap.to_pil()  # type: ignore[attr-defined]
        rgb = _rgb(pil)
        return (rgb[:, :, 0].copy() if rgb is not None else _gray(pil)), rgb
    bgr = bitmap.to_numpy()  # type: ignore[attr-defined]  # a view of PDFium's buffer
    view = bgr[:, :, 2::-1]  # RGB, channel order as `_rgb` measures it
    if view[::8, ::8].std(axis=2).max() < 2:  # a grey page stored as colour
        return bgr[:, :, 2].copy(), None
    rgb = np.ascontiguousarray(view)
    return rgb[:, :, 0].copy(), rgb


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


def open_pdf_pages(path: Path, settings: ScanSettings) -> PageSource:
    """An image-only PDF's pages, counted by PDFium, each rendered when taken at its scan's
    own dpi (capped)."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            raise UnreadableFileError(path, _why_pdf_fails(path)) from exc
        try:
            _check_count(path, len(pdf), settings, "PDF")
            sizes: list[tuple[float, float, float]] = []
            paper: list[bool] = []
            for i in range(len(pdf)):
                page = pdf[i]
                width_pt, height_pt = page.get_size()
                dpi = _native_dpi(page, width_pt) or float(settings.max_render_dpi)
                dpi = max(150.0, min(dpi, float(settings.max_render_dpi)))
                _too_big(path, int(width_pt / 72 * dpi), int(height_pt / 72 * dpi), settings)
                sizes.append((width_pt, height_pt, dpi))
                paper.append(_paper_sized(width_pt, height_pt))
                page.close()
            _check_total(path, sum(w / 72 * d * h / 72 * d for w, h, d in sizes), settings)
        except BaseException:
            pdf.close()
            raise

    def load(index: int) -> PageImage:
        dpi = sizes[index][2]
        page = pdf[index]
        try:
            bitmap = page.render(scale=dpi / 72.0)  # colour, so red stamps can be dropped
            gray, rgb = _bitmap_pixels(bitmap)
        finally:
            page.close()
        return PageImage(gray=gray, dpi=dpi, page=index + 1, rgb=rgb, dpi_stated=paper[index])

    source = PageSource(path, len(pdf), load)
    source._closers.append(pdf.close)
    return source


def render_pdf_pages(path: Path, settings: ScanSettings) -> list[PageImage]:
    """Every page of an image-only PDF, rendered (tests and benchmarks; the reader streams)."""
    with open_pdf_pages(path, settings) as source:
        return [source.load(i) for i in range(source.count)]


def _is_pdf(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(5)
    return head == b"%PDF-" or path.suffix.lower() == ".pdf"


def open_pages(path: Path, settings: ScanSettings) -> PageSource:
    """The pages of a scanned PDF or image file, checked, not yet decoded;
    `UnreadableFileError` when the file cannot be read or has too many or too large pages."""
    if not path.exists() or path.stat().st_size == 0:
        raise UnreadableFileError(path, "tệp không tồn tại hoặc rỗng")
    return open_pdf_pages(path, settings) if _is_pdf(path) else open_image_pages(path, settings)


def load_pages(path: Path, settings: ScanSettings) -> list[PageImage]:
    """Pages of a scanned PDF or image file, all decoded (tests and benchmarks)."""
    with open_pages(path, settings) as source:
        return [source.load(i) for i in range(source.count)]
