"""Marks the page OCR skipped are grouped into figures left to right (issue 10); a photo
of a textured desk gives thousands of specks, and grouping them once cost minutes (a
2-page photo TIFF read in 10 min). Groups that end too far back are no longer looked at:
the groups must be what comparing with every group gives."""

from __future__ import annotations

import numpy as np

from extract.ocr.unread_marks import _groups


def _box(x: int, y: int, w: int, h: int) -> np.ndarray:
    return np.array([x, y, w, h, w * h], dtype=np.int32)


def _every_group(stats: list[np.ndarray], height: float) -> list[list[int]]:
    """The rule written plainly: each component joins the first group that takes it."""
    order = sorted(range(len(stats)), key=lambda i: stats[i][0])
    groups: list[list[int]] = []
    for i in order:
        x, y, _w, h = stats[i][:4]
        for g in groups:
            gx0 = min(stats[j][0] for j in g)
            gx1 = max(stats[j][0] + stats[j][2] for j in g)
            gy0 = min(stats[j][1] for j in g)
            gy1 = max(stats[j][1] + stats[j][3] for j in g)
            overlap = min(gy1, y + h) - max(gy0, y)
            if overlap > 0.5 * min(h, gy1 - gy0) and x - gx1 < 0.6 * height and x >= gx0:
                g.append(i)
                break
        else:
            groups.append([i])
    return groups


def test_a_figures_digits_group_and_a_far_mark_stands_alone() -> None:
    stats = [
        _box(100, 50, 14, 24),
        _box(118, 50, 14, 24),
        _box(136, 51, 14, 23),
        _box(400, 50, 14, 24),
    ]
    assert _groups(stats, 24.0) == [[0, 1, 2], [3]]


def test_a_mark_on_another_line_starts_its_own_figure() -> None:
    stats = [_box(100, 50, 14, 24), _box(118, 120, 14, 24)]
    assert _groups(stats, 24.0) == [[0], [1]]


def test_specks_group_as_comparing_with_every_group_does() -> None:
    rng = np.random.default_rng(7)
    for _ in range(40):
        n = int(rng.integers(50, 400))
        stats = [
            _box(
                int(rng.integers(0, 1500)),
                int(rng.integers(0, 2000)),
                int(rng.integers(2, 30)),
                int(rng.integers(5, 30)),
            )
            for _ in range(n)
        ]
        height = float(rng.uniform(12, 30))
        assert _groups(stats, height) == _every_group(stats, height)
