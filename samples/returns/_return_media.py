"""How a clean page comes back: through a flatbed scanner, a fax or a phone camera, and
the file it is saved in (JPEG, PNG, a PDF of JPEGs, a TIFF), under the conditions a
case of `scan_conditions.py` or `scan_layouts.py` drew.

Every random choice comes from the `rng` the caller passes, in a fixed order: the same
seed gives the same file.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Protocol

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

MONO = "/usr/share/fonts/truetype/liberation/LiberationMono-Regular.ttf"


class ReturnedCase(Protocol):
    """What the way back reads of a drawn case."""

    seed: int
    pages: int
    medium: str  # "scan" | "fax" | "photo"
    conditions: dict[str, object]
    file: str

    @property
    def half(self) -> str: ...


def as_returned(
    img: Image.Image, case: ReturnedCase, rng: np.random.Generator, *, first: bool = True
) -> Image.Image:
    """One page through the case's medium: scanner, fax or phone. `first`: the page is
    the document's first, the one that carries the letterhead."""
    if case.medium == "scan":
        return scan(img, case, rng)
    if case.medium == "fax":
        return fax(img, case, rng)
    return photo(img, case, rng, letterhead=first)


def rasterise_all(pdf: Path, dpi: int, work: Path) -> list[Image.Image]:
    import subprocess

    stem = work / f"{pdf.stem}-{dpi}"
    subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-png", str(pdf), str(stem)], check=True, timeout=120
    )
    return [Image.open(p).convert("L") for p in sorted(work.glob(f"{stem.name}*.png"))]


def _turn(img: Image.Image, case: ReturnedCase) -> Image.Image:
    c = case.conditions
    angle = float(c["skew"]) + 0.0  # type: ignore[arg-type]
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=(255, 255, 255))
    turn = int(c["turn"])  # type: ignore[arg-type]
    return img.rotate(-turn, expand=True) if turn else img  # clockwise turn as found


def scan(img: Image.Image, case: ReturnedCase, rng: np.random.Generator) -> Image.Image:
    c = case.conditions
    arr = np.asarray(_turn(img, case), dtype=np.float32)
    if c.get("dark_edge"):  # the scanner lid left open along one side
        h, w = arr.shape[:2]
        side = int(rng.integers(4))
        width = int(rng.uniform(0.015, 0.04) * min(h, w))
        ramp = np.linspace(0.15, 1.0, width, dtype=np.float32)
        if side == 0:
            arr[:, :width] *= ramp[None, :, None]
        elif side == 1:
            arr[:, w - width :] *= ramp[::-1][None, :, None]
        elif side == 2:
            arr[:width] *= ramp[:, None, None]
        else:
            arr[h - width :] *= ramp[::-1][:, None, None]
    arr = arr + rng.normal(0, float(c["noise"]), arr.shape[:2])[:, :, None]  # type: ignore[arg-type]
    if float(c["blur"]) > 0:  # type: ignore[arg-type]
        arr = cv2.GaussianBlur(arr, (0, 0), float(c["blur"]))  # type: ignore[arg-type]
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    draw = rng.random()  # colour or grey scanner (a test may pin it with "grey")
    grey = bool(c["grey"]) if "grey" in c else draw >= 0.5
    return out.convert("L") if grey else out


def fax(img: Image.Image, case: ReturnedCase, rng: np.random.Generator) -> Image.Image:
    """Black and white at ~200×100 dpi, a sender's header line, streaks along the feed."""
    c = case.conditions
    dpi = int(c["dpi"])  # type: ignore[arg-type]
    grey = np.asarray(_turn(img, case).convert("L"), dtype=np.float32)
    grey = grey + rng.normal(0, float(c["noise"]), grey.shape)  # type: ignore[arg-type]
    h, w = grey.shape
    if dpi < 200:  # standard resolution: half the lines
        grey = cv2.resize(grey, (w, h // 2), interpolation=cv2.INTER_AREA)
        grey = cv2.resize(grey, (w, h), interpolation=cv2.INTER_NEAREST)
    bw = np.where(grey < int(c["threshold"]), 0, 255).astype(np.uint8)  # type: ignore[arg-type]
    if c.get("streaks"):
        for _ in range(int(rng.integers(1, 4))):  # a dirty read head: thin lines along the feed
            x = int(rng.integers(0, w))
            bw[:, x : x + int(rng.integers(1, 4))] = 0
        for _ in range(int(rng.integers(0, 3))):
            y = int(rng.integers(h // 5, h))
            bw[y : y + int(rng.integers(1, 3)), :] = 0
    img = Image.fromarray(bw)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(MONO, max(10, dpi // 9))
    header = f"FROM: UBND PHUONG   FAX: 024 3{int(rng.integers(1e6, 1e7))}   27/06/2021 14:{int(rng.integers(10, 59))}   P.001/00{case.pages}"
    draw.text((int(w * 0.05), int(dpi * 0.12)), header, fill=0, font=font)
    return img


def _desk(h: int, w: int, kind: str, rng: np.random.Generator) -> np.ndarray:
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == "wood":
        base = np.array([120, 80, 45], dtype=np.float32)
        grain = 0.75 + 0.25 * np.sin(
            yy / rng.uniform(6, 14) + 3 * np.sin(xx / rng.uniform(60, 160))
        )
        desk = base[None, None, :] * grain[:, :, None]
    elif kind == "check":
        period = rng.uniform(25, 70)
        on = ((xx // period + yy // period) % 2).astype(np.float32)
        a = (
            np.array([200, 40, 40], dtype=np.float32)
            if rng.random() < 0.5
            else np.array([50, 60, 150], dtype=np.float32)
        )
        b = np.array([235, 230, 225], dtype=np.float32)
        desk = a[None, None, :] * on[:, :, None] + b[None, None, :] * (1 - on[:, :, None])
    elif kind == "cloth":
        base = np.array(rng.uniform(90, 200, 3), dtype=np.float32)
        weave = 0.85 + 0.15 * np.sin(xx / 2.5) * np.sin(yy / 2.5)
        desk = base[None, None, :] * weave[:, :, None]
    else:
        desk = np.full((h, w, 3), (62, 52, 45), dtype=np.float32)
    return np.clip(desk + rng.normal(0, 6, (h, w, 1)), 0, 255)


def _kelvin_rgb(kelvin: int) -> np.ndarray:
    """Multipliers for a light's colour temperature (white at ~5000 K)."""
    table = {
        2700: (1.0, 0.80, 0.55),
        3200: (1.0, 0.86, 0.68),
        4000: (1.0, 0.93, 0.84),
        5000: (1.0, 0.98, 0.95),
        6500: (0.92, 0.96, 1.0),
        7500: (0.86, 0.93, 1.0),
    }
    return np.array(table[kelvin], dtype=np.float32)


def photo(
    img: Image.Image, case: ReturnedCase, rng: np.random.Generator, *, letterhead: bool = True
) -> Image.Image:
    """A phone photo: the page on a desk, in perspective, lit unevenly, maybe shadowed.

    A case's `top_cut` (the letterhead left out of the picture) cuts only a page that
    has one (`letterhead`): on a next page the same cut took the top rows of a table,
    which nobody could read. The cut draws nothing: every other page is as before."""
    c = case.conditions
    src = np.asarray(img.convert("RGB"), dtype=np.float32)
    h, w = src.shape[:2]
    if c.get("margin_cut"):  # the page fills the frame; only a sliver of desk, if any
        out_w, out_h = int(w * 0.98), int(h * 0.97)
        m = 0.0
    else:
        out_w, out_h = int(w * 1.25), int(h * 1.2)
        m = 1.0
    j = lambda s: float(rng.uniform(0.0, 0.06)) * s  # noqa: E731
    dst = np.float32(
        [
            [
                out_w * 0.08 * m + j(w) * m - (0.01 * w if not m else 0),
                out_h * 0.06 * m + j(h) * 0.5 * m - (0.015 * h if not m else 0),
            ],
            [
                out_w * (1 - 0.08 * m) - j(w) * m + (0.01 * w if not m else 0),
                out_h * 0.05 * m + j(h) * 0.3 * m - (0.015 * h if not m else 0),
            ],
            [
                out_w * (1 - 0.05 * m) - j(w) * 0.3 * m + (0.01 * w if not m else 0),
                out_h * (1 - 0.05 * m) - j(h) * 0.3 * m + (0.015 * h if not m else 0),
            ],
            [
                out_w * 0.05 * m + j(w) * 0.3 * m - (0.01 * w if not m else 0),
                out_h * (1 - 0.06 * m) - j(h) * 0.5 * m + (0.015 * h if not m else 0),
            ],
        ]
    )
    mat = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]), dst)
    # float32 like the page: a float64 desk made OpenCV allocate a new, uninitialised
    # output, and the desk came out black (or as leftover memory)
    desk = _desk(out_h, out_w, str(c["desk"]), rng).astype(np.float32)
    photo = cv2.warpPerspective(
        src, mat, (out_w, out_h), dst=desk, borderMode=cv2.BORDER_TRANSPARENT, flags=cv2.INTER_AREA
    )
    yy, xx = np.mgrid[0:out_h, 0:out_w].astype(np.float32)
    a = math.radians(float(c["light_angle"]))  # type: ignore[arg-type]
    proj = (xx / out_w - 0.5) * math.cos(a) + (yy / out_h - 0.5) * math.sin(a)
    light = 1.0 - float(c["light_drop"]) * (proj - proj.min()) / (np.ptp(proj) + 1e-6)  # type: ignore[arg-type]
    shadow = np.ones_like(light)
    if c.get("shadow"):
        mask = np.zeros((out_h, out_w), np.uint8)
        kind = str(c["shadow"])
        if kind == "arm":  # a wide band from one edge, across part of the page
            x0 = int(rng.uniform(0.3, 0.9) * out_w)
            pts = np.int32(
                [
                    [x0, out_h],
                    [x0 + int(0.25 * out_w), out_h],
                    [int(rng.uniform(0.4, 1.0) * out_w), int(rng.uniform(0.2, 0.6) * out_h)],
                    [int(rng.uniform(0.2, 0.6) * out_w), int(rng.uniform(0.3, 0.7) * out_h)],
                ]
            )
            cv2.fillPoly(mask, [pts], 255)
        elif kind == "phone":  # the phone's own shadow: a rounded rectangle near the top
            x0, y0 = int(rng.uniform(0.2, 0.6) * out_w), int(rng.uniform(0.0, 0.2) * out_h)
            cv2.rectangle(mask, (x0, y0), (x0 + int(0.3 * out_w), y0 + int(0.2 * out_h)), 255, -1)
        else:
            cv2.ellipse(
                mask,
                (int(rng.uniform(0.2, 0.8) * out_w), int(rng.uniform(0.2, 0.8) * out_h)),
                (int(0.25 * out_w), int(0.15 * out_h)),
                float(rng.uniform(0, 180)),
                0,
                360,
                255,
                -1,
            )
        soft = cv2.GaussianBlur(mask.astype(np.float32) / 255.0, (0, 0), 0.02 * out_w)
        shadow = 1.0 - float(rng.uniform(0.25, 0.5)) * soft
    tone = _kelvin_rgb(int(c["kelvin"]))  # type: ignore[arg-type]
    photo = photo * (light * shadow)[:, :, None] * tone[None, None, :]
    if float(c["blur"]) > 0:  # type: ignore[arg-type]
        photo = cv2.GaussianBlur(photo, (0, 0), float(c["blur"]))  # type: ignore[arg-type]
    photo = photo + rng.normal(0, float(c["noise"]) * 0.6, photo.shape[:2])[:, :, None]  # type: ignore[arg-type]
    out = Image.fromarray(np.clip(photo, 0, 255).astype(np.uint8))
    long_side = int(c["long_side"])  # type: ignore[arg-type]
    k = long_side / max(out.size)
    out = out.resize((round(out.width * k), round(out.height * k)), Image.LANCZOS)
    if letterhead and float(c.get("top_cut", 0.0)):  # type: ignore[arg-type]
        # The frame starts below the page's top edge: its letterhead is out of the picture.
        top = float(dst[:2, 1].max()) / out_h + float(c["top_cut"])  # type: ignore[arg-type]
        out = out.crop((0, round(top * out.height), out.width, out.height))
    turn = int(c["turn"])  # type: ignore[arg-type]
    return out.rotate(-turn, expand=True) if turn else out  # phone held sideways, no EXIF


def save_pages(case: ReturnedCase, imgs: list[Image.Image], out_dir: Path) -> Path:
    """The degraded pages as the file they came back in (JPEG, PNG, PDF or TIFF)."""
    c = case.conditions
    dpi = int(c["dpi"])  # type: ignore[arg-type]
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{case.half}-{case.seed:05d}-{case.medium}"
    q = int(c["jpeg"])  # type: ignore[arg-type]
    save_dpi = (dpi, dpi) if case.medium != "photo" else None
    if case.pages > 1 and c.get("container") == "tiff":
        path = out_dir / f"{stem}.tif"
        comp = "group4" if case.medium == "fax" else "jpeg"
        frames = [im.convert("1") if comp == "group4" else im for im in imgs]
        kw = {"compression": comp, "save_all": True, "append_images": frames[1:]}
        if comp == "jpeg":
            kw["quality"] = q
        frames[0].save(path, "TIFF", dpi=save_dpi or (72, 72), **kw)
    elif case.pages > 1 or (case.medium == "scan" and case.seed % 3 == 0):
        import io

        import img2pdf

        path = out_dir / f"{stem}.pdf"
        blobs = []
        for im in imgs:
            buf = io.BytesIO()
            im.convert("L" if im.mode in ("1", "L") else "RGB").save(
                buf, "JPEG", quality=q, dpi=save_dpi or (200, 200)
            )
            blobs.append(buf.getvalue())
        path.write_bytes(img2pdf.convert(blobs, nodate=True, engine=img2pdf.Engine.internal))
    elif case.medium == "fax":
        path = out_dir / f"{stem}.png"
        imgs[0].convert("1").save(path, dpi=save_dpi)
    else:
        path = out_dir / f"{stem}.jpg"
        extra = {"dpi": save_dpi} if save_dpi else {}
        imgs[0].convert("RGB" if imgs[0].mode == "RGB" else "L").save(
            path, "JPEG", quality=q, **extra
        )
    case.file = path.name
    return path
