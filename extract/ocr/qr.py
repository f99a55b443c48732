"""Our return forms' QR code (zbar): the plan, unit and period, known for certain."""

from __future__ import annotations

import cv2
import numpy as np

from chitieu.form_ids import parse_qr_payload

from ..document import FormIds
from . import blur


def read_form_ids(gray: np.ndarray, blurred: bool = False) -> FormIds | None:
    """FormIds from a chitieu QR payload on the page, or None (no QR, or somebody else's)."""
    from pyzbar.pyzbar import ZBarSymbol, decode

    # A 2.5 cm code is ~100 px on a page scaled to 1600 px: enough for zbar, and 4x faster.
    k = min(1.0, 1600.0 / max(gray.shape))
    small = _scaled(gray, k)
    # Tried in turn, each only if the one before read nothing: a blurred 150-dpi scan's
    # code may decode only sharpened at its own size, once or twice (the same page levelled
    # a degree apart decoded as it was).
    candidates = [
        lambda: small,
        lambda: cv2.threshold(small, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)[1],
    ]
    if blurred:
        candidates += [
            lambda: _scaled(blur.sharpen(gray), k),
            lambda: _scaled(blur.sharpen(blur.sharpen(gray)), k),
        ]
    for make in candidates:
        image = make()
        for symbol in decode(image, symbols=[ZBarSymbol.QRCODE]):
            try:
                text = symbol.data.decode("utf-8")
            except UnicodeDecodeError:
                continue
            fields = parse_qr_payload(text)
            if fields:
                return FormIds(
                    plan_number=fields["plan"], unit=fields["unit"], period=fields.get("period")
                )
    return None


def _scaled(gray: np.ndarray, k: float) -> np.ndarray:
    return cv2.resize(gray, None, fx=k, fy=k, interpolation=cv2.INTER_AREA) if k < 1 else gray
