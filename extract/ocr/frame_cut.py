"""A photographed page that runs out of the picture, though its outline shows one corner
only on the frame (`geometry.find_page`).

The page's mask is cut straight by the frame, but where a page's side leaves the picture
the mask's corner is bevelled (the blur and the morphology round it off, a few pixels
along the frame and up the side). Four corners then take the bevel's inner end for the
page's corner, a few percent of the image off the frame: one corner lies on the frame,
the page reads as whole, and the warp keeps the perspective the missing corners carried
(a form turned 180° with its letterhead out: its rules fanned 1° apart, no grid found).
Five corners show it: two of them on one side of the frame next to each other (the
frame's cut), and next to one of them a short bevel up the side.
"""

from __future__ import annotations

import cv2
import numpy as np

BEVELS = (0.005, 0.0075)  # of the outline's length: the approximations that keep a bevel
MAX_BEVEL = 0.03  # a bevel is at most this part of the outline's length


def border_side(x: float, y: float, sw: int, sh: int, m: float) -> str | None:
    """The side of the frame (`sw` x `sh`) a point lies on, within `m`; "corner" on two."""
    sides = {"left": x <= m, "top": y <= m, "right": x >= sw - 1 - m, "bottom": y >= sh - 1 - m}
    on = [side for side, hit in sides.items() if hit]
    return on[0] if len(on) == 1 else ("corner" if on else None)


def cut_corners(hull: np.ndarray, sw: int, sh: int, m: float) -> tuple[np.ndarray, str] | None:
    """The page's four visible corners (two on the frame) and the side it runs out of,
    when the outline is the frame's cut with a bevel at one end; None otherwise."""
    peri = cv2.arcLength(hull, True)
    for eps in BEVELS:
        corners = cv2.approxPolyDP(hull, eps * peri, True).reshape(-1, 2).astype(np.float32)
        if len(corners) != 5:
            continue
        sides = [border_side(float(x), float(y), sw, sh, m) for x, y in corners]
        on = [i for i, side in enumerate(sides) if side is not None]
        if len(on) != 2 or sides[on[0]] != sides[on[1]] or sides[on[0]] == "corner":
            return None
        a, b = on
        if (b - a) % 5 not in (1, 4):
            return None  # not next to each other: not one cut of the frame
        start, end = (a, b) if (b - a) % 5 == 1 else (b, a)
        # The bevel: the off-frame corner just after the cut's end or just before its start.
        for bevel, border in ((end + 1) % 5, end), ((start - 1) % 5, start):
            if float(np.linalg.norm(corners[bevel] - corners[border])) <= MAX_BEVEL * peri:
                kept = np.delete(corners, bevel, axis=0)
                return kept, str(sides[a])
        return None
    return None
