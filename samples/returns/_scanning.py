"""From a clean page to the file a ward sends back: results written by pen, the signature
and the red seal, skew and noise of the office scanner or a phone photo on a desk, and
the file format it is saved in.

Every random choice comes from the `rng` the caller passes, in a fixed order: the same
seed gives the same page.
"""

from __future__ import annotations

import io
import math
import subprocess
from pathlib import Path

import cv2
import img2pdf
import numpy as np
import pdfplumber
from PIL import Image, ImageDraw, ImageFont, ImageOps

from chitieu.plan import Plan

SERIF = "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf"
HAND = "/usr/share/fonts/opentype/urw-base35/Z003-MediumItalic.otf"  # a pen-like italic


def write_by_hand(
    page: Image.Image,
    pdf: Path,
    dpi: int,
    plan: Plan,
    values: dict[str, int],
    rng: np.random.Generator,
) -> Image.Image:
    """The results written into the form's empty cells with a pen (Z003 italic, jittered)."""
    with pdfplumber.open(pdf) as doc:
        tables = doc.pages[0].find_tables()
        flat = [[[" ".join((c or "").split()) for c in r] for r in t.extract()] for t in tables]
        i = next(i for i, rows in enumerate(flat) if "Kết quả thực hiện" in rows[0])
        table, rows = tables[i], flat[i]
        col = rows[0].index("Kết quả thực hiện")
        boxes = [r.cells[col] for r in table.rows]
    names = {ind.name: ind.id for ind in plan.indicators}
    font = ImageFont.truetype(HAND, int(dpi * 0.2))
    img = page.convert("RGB")
    k = dpi / 72.0
    for row, box in zip(rows[1:], boxes[1:], strict=True):
        ind = names.get(row[1])
        if ind is None or box is None:
            continue
        text = f"{values[ind]:02d}" if values[ind] else "0"
        x = (box[0] + box[2]) / 2 * k - len(text) * dpi * 0.05 + rng.uniform(-4, 4)
        y = (box[1] + box[3]) / 2 * k - dpi * 0.1 + rng.uniform(-3, 3)
        for ch in text:
            layer = Image.new("L", (int(dpi * 0.3), int(dpi * 0.3)), 0)
            ImageDraw.Draw(layer).text((4, 0), ch, fill=255, font=font)
            layer = layer.rotate(float(rng.uniform(-10, 10)), resample=Image.BICUBIC)
            ink = Image.new("RGB", layer.size, (25, 45, 150))
            img.paste(ink, (int(x), int(y + rng.uniform(-2, 2))), layer)
            x += dpi * (0.1 + rng.uniform(-0.01, 0.015))
    return img


def rasterise(pdf: Path, dpi: int, work: Path) -> Image.Image:
    """The PDF's first page in grey at `dpi` (pdftoppm)."""
    stem = work / f"{pdf.stem}-{dpi}"
    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-png", "-f", "1", "-l", "1", str(pdf), str(stem)],
        check=True,
        timeout=120,
    )
    found = sorted(work.glob(f"{stem.name}*.png"))
    return Image.open(found[0]).convert("L")


def signer_box(pdf: Path, name: str) -> tuple[float, float, float, float]:
    """Where the signer's name is printed (points), so stamp and signature go above it."""
    with pdfplumber.open(pdf) as doc:
        words = doc.pages[0].extract_words()
    last = name.split()[-1]
    hits = [w for w in words if w["text"] == last]
    w = hits[-1]
    return (w["x0"], w["top"], w["x1"], w["bottom"])


def stamp(
    img: Image.Image, center: tuple[int, int], dpi: int, rng: np.random.Generator
) -> Image.Image:
    """A red round seal (3.6 cm), multiplied onto the page like ink."""
    r = int(1.8 / 2.54 * dpi)
    size = 2 * r + 8
    layer = Image.new("L", (size, size), 0)
    d = ImageDraw.Draw(layer)
    w = max(2, dpi // 60)
    d.ellipse((4, 4, size - 4, size - 4), outline=255, width=w)
    d.ellipse(
        (4 + r // 5, 4 + r // 5, size - 4 - r // 5, size - 4 - r // 5),
        outline=255,
        width=max(1, w // 2),
    )
    font = ImageFont.truetype(SERIF, max(10, dpi // 9))
    text = "ỦY BAN NHÂN DÂN"
    for i, ch in enumerate(text):
        a = math.pi * (1.15 + 0.7 * i / (len(text) - 1))
        x = size / 2 + (r * 0.85) * math.cos(a)
        y = size / 2 + (r * 0.85) * math.sin(a)
        d.text((x, y), ch, fill=255, font=font, anchor="mm")
    d.regular_polygon((size / 2, size / 2, r // 4), 5, fill=255)
    layer = layer.rotate(float(rng.uniform(-25, 25)), resample=Image.BICUBIC)
    alpha = np.asarray(layer, dtype=np.float32) / 255.0 * float(rng.uniform(0.75, 0.9))
    rgb = np.asarray(img.convert("RGB"), dtype=np.float32)
    x0, y0 = center[0] - size // 2, center[1] - size // 2
    region = rgb[y0 : y0 + size, x0 : x0 + size]
    red = np.array([205, 35, 45], dtype=np.float32)
    a = alpha[: region.shape[0], : region.shape[1], None]
    region[:] = region * (1 - a) + np.minimum(region, red) * a
    return Image.fromarray(rgb.astype(np.uint8))


def stamp_over(
    img: Image.Image,
    box: tuple[float, float, float, float],
    dpi: int,
    rng: np.random.Generator,
) -> Image.Image:
    """A seal stamped across a printed word (`box`, points): its ring and lettering cross
    the word and the rules around it, centred 0.7–1.5 cm away in a random direction, and
    kept whole on the page. Draws: the direction, the distance, then `stamp`'s own."""
    k = dpi / 72.0
    a, d = rng.uniform(0, 2 * math.pi), rng.uniform(0.7, 1.5) * dpi / 2.54
    cx = int((box[0] + box[2]) / 2 * k + d * math.cos(a))
    cy = int((box[1] + box[3]) / 2 * k + d * math.sin(a))
    r = int(1.8 / 2.54 * dpi) + 8
    cx = min(max(cx, r), img.width - r)
    cy = min(max(cy, r), img.height - r)
    return stamp(img, (cx, cy), dpi, rng)


def tint_paper(img: Image.Image, rng: np.random.Generator) -> Image.Image:
    """Paper that is not white: yellowish to cream (two draws: green, then blue)."""
    tint = np.array([1.0, rng.uniform(0.9, 0.98), rng.uniform(0.72, 0.9)], dtype=np.float32)
    return Image.fromarray((np.asarray(img, dtype=np.float32) * tint).astype(np.uint8))


def signature(
    img: Image.Image, box: tuple[int, int, int, int], rng: np.random.Generator
) -> Image.Image:
    """A quick pen flourish in blue-black ink."""
    draw = ImageDraw.Draw(img)
    x0, y0, x1, y1 = box
    t = np.linspace(0, 1, 120)
    xs = x0 + (x1 - x0) * t
    ys = (y0 + y1) / 2 + (y1 - y0) * 0.35 * np.sin(2 * np.pi * (2.5 + rng.uniform(0, 1)) * t) * (
        1 - 0.5 * t
    )
    pts = list(zip(xs.tolist(), ys.tolist(), strict=True))
    draw.line(pts, fill=(25, 30, 110) if img.mode == "RGB" else 40, width=max(2, (x1 - x0) // 120))
    return img


def degrade(
    page: Image.Image,
    dpi: int,
    sign_pt: tuple[float, float, float, float],
    rng: np.random.Generator,
    *,
    angle: float,
    colour: bool,
    noise: float = 6.0,
    below: bool = False,
) -> Image.Image:
    """Signed, stamped, skewed, noisy: a page as it comes back from a ward's scanner.

    `sign_pt` is the signer's printed name (signature above it), or with `below` the
    signing title (signature in the blank space under it).
    """
    k = dpi / 72.0
    img = page.convert("RGB")
    nx0, ny0, nx1, ny1 = (int(v * k) for v in sign_pt)
    if below:
        ny0 = ny1 + int(2.2 * dpi / 2.54)
    cx = (nx0 + nx1) // 2
    img = signature(
        img,
        (
            cx - int(1.3 * dpi / 2.54),
            ny0 - int(1.9 * dpi / 2.54),
            cx + int(1.5 * dpi / 2.54),
            ny0 - int(0.3 * dpi / 2.54),
        ),
        rng,
    )
    img = stamp(img, (cx - int(1.6 * dpi / 2.54), ny0 - int(1.5 * dpi / 2.54)), dpi, rng)
    img = img.rotate(angle, resample=Image.BICUBIC, fillcolor=(255, 255, 255))
    arr = np.asarray(img, dtype=np.float32)
    arr = arr + rng.normal(0, noise, arr.shape[:2])[:, :, None]
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    return out if colour else out.convert("L")


def photograph(page: Image.Image, rng: np.random.Generator) -> Image.Image:
    """A phone photo of the page lying on a dark desk: perspective, light gradient, blur."""
    src = np.asarray(page.convert("RGB"))
    h, w = src.shape[:2]
    out_w, out_h = int(w * 1.25), int(h * 1.2)
    jitter = lambda s: float(rng.uniform(0.02, 0.07)) * s  # noqa: E731
    dst = np.float32(
        [
            [out_w * 0.08 + jitter(w), out_h * 0.06 + jitter(h) * 0.5],
            [out_w * 0.92 - jitter(w), out_h * 0.05 + jitter(h) * 0.3],
            [out_w * 0.95 - jitter(w) * 0.3, out_h * 0.95 - jitter(h) * 0.3],
            [out_w * 0.05 + jitter(w) * 0.3, out_h * 0.94 - jitter(h) * 0.5],
        ]
    )
    m = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]), dst)
    desk = np.full((out_h, out_w, 3), (62, 52, 45), dtype=np.uint8)
    desk = (desk + rng.normal(0, 6, desk.shape)).clip(0, 255).astype(np.uint8)
    photo = cv2.warpPerspective(
        src, m, (out_w, out_h), dst=desk, borderMode=cv2.BORDER_TRANSPARENT, flags=cv2.INTER_AREA
    )
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    light = 1.0 - 0.33 * (xx / out_w) * (0.6 + 0.4 * yy / out_h)  # darker towards one corner
    photo = photo.astype(np.float32) * light[:, :, None] * np.array([1.0, 0.97, 0.9])
    photo = cv2.GaussianBlur(photo, (0, 0), 1.0)
    photo = photo + rng.normal(0, 5, photo.shape[:2])[:, :, None]
    return Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8))


def save(img: Image.Image, path: Path, dpi: int, quality: int) -> None:
    """The page in the format its suffix names (PDF of a JPEG, JPEG, TIFF or a grey PNG)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=quality, dpi=(dpi, dpi))
        path.write_bytes(
            img2pdf.convert(buf.getvalue(), nodate=True, engine=img2pdf.Engine.internal)
        )
    elif suffix in (".jpg", ".jpeg"):
        img.save(path, "JPEG", quality=quality, dpi=(dpi, dpi))
    elif suffix in (".tif", ".tiff"):
        img.save(path, "TIFF", compression="jpeg", quality=quality, dpi=(dpi, dpi))
    else:  # a 16-grey PNG, as office scanners save "text" mode
        grey = ImageOps.posterize(img.convert("L"), 3).point(lambda v: 255 if v >= 224 else v)
        grey.save(path, "PNG", dpi=(dpi, dpi), optimize=True)
