"""Page limits of the scan reader (issue 13 items 3 and 8): counted by the renderer, before
any pixel is decoded, the same limit for PDF pages and TIFF frames; pages streamed.

Inputs are generated here (a few KB each), run through the real `chitieu extract`.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pikepdf
from PIL import Image

from extract.ocr.pages import open_pages
from extract.settings import ScanSettings

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "samples" / "cau-giay-2021" / "plan.yaml"


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("chitieu")
    env = {**os.environ, "COLUMNS": "200"}
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=120, env=env)


def repeated_page_pdf(path: Path, times: int) -> Path:
    """An image-only page whose one page object the page tree lists `times` times."""
    pdf = pikepdf.Pdf.new()
    buf = io.BytesIO()
    Image.new("L", (200, 280), 255).save(buf, "JPEG")
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    image = pikepdf.Stream(pdf, buf.getvalue())
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width, image.Height, image.BitsPerComponent = 200, 280, 8
    image.ColorSpace, image.Filter = pikepdf.Name.DeviceGray, pikepdf.Name.DCTDecode
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.Contents = pdf.make_stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q")
    pdf.Root.Pages.Kids = pikepdf.Array([page.obj] * times)
    pdf.Root.Pages.Count = times
    pdf.save(path)
    return path


def blank_tiff(path: Path, frames: int, size: tuple[int, int] = (1654, 2339)) -> Path:
    blank = Image.new("1", size, 1)
    blank.save(
        path, "TIFF", compression="group4", save_all=True, append_images=[blank] * (frames - 1)
    )
    return path


def test_pdf_repeating_one_page_1000_times_is_refused_by_its_real_count(tmp_path: Path) -> None:
    pdf = repeated_page_pdf(tmp_path / "lap-trang.pdf", 1000)
    assert pdf.stat().st_size < 20_000
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) < 1000  # what the old check saw: pdfminer collapses the repeats
    proc = _run("extract", "--plan", str(PLAN), str(pdf))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    message = proc.stdout + proc.stderr
    assert "lap-trang.pdf" in message and "1000 trang" in message and "60 trang" in message
    assert "Traceback" not in message


def test_tiff_of_300_blank_frames_is_refused_before_decoding(tmp_path: Path) -> None:
    tiff = blank_tiff(tmp_path / "300-khung.tif", 300)
    assert tiff.stat().st_size < 500_000
    proc = _run("extract", "--plan", str(PLAN), str(tiff))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    message = proc.stdout + proc.stderr
    assert "300-khung.tif" in message and "300 trang" in message and "60 trang" in message
    assert "Traceback" not in message


def test_pages_are_decoded_one_at_a_time(tmp_path: Path) -> None:
    """Opening counts and checks; only `load(i)` decodes, each frame its own pixels."""
    tiff = tmp_path / "ba-khung.tif"
    frames = [Image.new("L", (300, 400), v) for v in (10, 120, 240)]
    frames[0].save(tiff, "TIFF", save_all=True, append_images=frames[1:], dpi=(150, 150))
    with open_pages(tiff, ScanSettings()) as source:
        assert source.count == 3
        page = source.load(2)
        assert page.page == 3 and page.dpi == 150 and int(np.median(page.gray)) == 240
        assert int(np.median(source.load(0).gray)) == 10


def test_limit_is_the_same_for_pdf_pages_and_tiff_frames(tmp_path: Path) -> None:
    settings = ScanSettings(max_pages=5)
    from chitieu.errors import UnreadableFileError

    for path in (
        repeated_page_pdf(tmp_path / "sau.pdf", 6),
        blank_tiff(tmp_path / "sau.tif", 6, (200, 280)),
    ):
        try:
            open_pages(path, settings).close()
        except UnreadableFileError as err:
            assert "6 trang" in str(err) and "5 trang" in str(err) and path.name in str(err)
        else:
            raise AssertionError(f"{path.name} was not refused")
    with open_pages(repeated_page_pdf(tmp_path / "nam.pdf", 5), settings) as source:
        assert source.count == 5


def test_total_pixels_of_a_file_are_capped(tmp_path: Path) -> None:
    from chitieu.errors import UnreadableFileError

    tiff = blank_tiff(tmp_path / "nang.tif", 4, (3000, 3000))  # 36 M pixels together
    try:
        open_pages(tiff, ScanSettings(max_file_pixels=30_000_000)).close()
    except UnreadableFileError as err:
        assert "nang.tif" in str(err) and "36 triệu" in str(err)
    else:
        raise AssertionError("not refused")


def _image_pdf(path: Path, img: Image.Image) -> Path:
    """A one-page PDF holding `img` (JPEG) over the whole A4 page."""
    pdf = pikepdf.Pdf.new()
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=90)
    pdf.add_blank_page(page_size=(595, 842))
    page = pdf.pages[0]
    image = pikepdf.Stream(pdf, buf.getvalue())
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width, image.Height, image.BitsPerComponent = img.width, img.height, 8
    image.ColorSpace = pikepdf.Name.DeviceRGB if img.mode == "RGB" else pikepdf.Name.DeviceGray
    image.Filter = pikepdf.Name.DCTDecode
    page.Resources = pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image))
    page.Contents = pdf.make_stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q")
    pdf.save(path)
    return path


def test_rendered_pages_have_the_pixels_pillow_gave(tmp_path: Path) -> None:
    """Pages are read straight from PDFium's buffer (issue 14): the same grey and colour
    pixels as through Pillow, for a colour page (a red stamp), a grey page stored as
    colour, and a grey page."""
    import pypdfium2 as pdfium

    from extract.ocr.pages import _gray, _rgb

    rng = np.random.default_rng(7)
    paper = rng.integers(200, 256, (700, 500), dtype=np.uint8)
    colour = np.stack([paper, paper, paper], axis=2)
    colour[300:400, 200:300] = (220, 40, 40)  # a red stamp
    cases = {
        "colour": Image.fromarray(colour, "RGB"),
        "grey-as-colour": Image.fromarray(np.stack([paper] * 3, axis=2), "RGB"),
        "grey": Image.fromarray(paper, "L"),
    }
    settings = ScanSettings()
    for name, img in cases.items():
        path = _image_pdf(tmp_path / f"{name}.pdf", img)
        with open_pages(path, settings) as source:
            page = source.load(0)
        doc = pdfium.PdfDocument(str(path))
        pil = doc[0].render(scale=page.dpi / 72.0).to_pil()
        rgb = _rgb(pil)
        gray = rgb[:, :, 0] if rgb is not None else _gray(pil)
        assert (page.rgb is None) == (rgb is None), name
        assert np.array_equal(page.gray, gray), name
        if rgb is not None:
            assert np.array_equal(page.rgb, rgb), name
        assert (page.rgb is not None) == (name == "colour"), name
        doc.close()
