"""Contour lines of a grid as line segments, by vectorized marching squares (numpy only, no Qt).

pyqtgraph's isocurve() walks the grid cell by cell in Python; this finds every crossing of every
level at once, so a 101×101 grid with 14 levels takes a few milliseconds. The segments come as
point pairs, to be drawn by one item with connect='pairs' (STYLE.md: few items).
"""

from __future__ import annotations

import numpy as np


def _crossings(a, b, level):
    """Where the level lies strictly between grid values a and b, and at which fraction."""
    crossed = (a > level) != (b > level)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(crossed, (level - a) / (b - a), 0.0)
    return crossed & np.isfinite(t), t


def contour_segments(values, levels, xs, ys):
    """Segments of the contour lines of values[r, c] (at xs[c], ys[r]) for each level.

    Returns (x, y): flat arrays of point pairs, each pair one segment.
    """
    F = np.asarray(values, dtype=float)
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    rows, cols = F.shape
    if rows < 2 or cols < 2:
        return np.empty(0), np.empty(0)
    r, c = np.mgrid[0 : rows - 1, 0 : cols - 1]
    x_parts, y_parts = [], []
    for level in np.atleast_1d(levels):
        # a cell's edges in order bottom, right, top, left
        hb, tb = _crossings(F[:-1, :-1], F[:-1, 1:], level)
        ht, tt = _crossings(F[1:, :-1], F[1:, 1:], level)
        vl, tl = _crossings(F[:-1, :-1], F[1:, :-1], level)
        vr, tr = _crossings(F[:-1, 1:], F[1:, 1:], level)
        crossed = np.stack([hb, vr, ht, vl])
        px = np.stack([c + tb, c + 1.0 + 0 * tr, c + tt, c + 0.0 * tl])
        py = np.stack([r + 0.0 * tb, r + tr, r + 1.0 + 0 * tt, r + tl])
        count = crossed.sum(axis=0)
        order = np.argsort(~crossed, axis=0, kind="stable")  # crossed edges first
        for first, need in ((0, 2), (2, 4)):  # a saddle cell has a second segment
            cells = count >= need
            if not cells.any():
                continue
            for k in (first, first + 1):
                edge = order[k][cells]
                x_parts.append(np.take_along_axis(px[:, cells], edge[None], 0)[0])
                y_parts.append(np.take_along_axis(py[:, cells], edge[None], 0)[0])
    if not x_parts:
        return np.empty(0), np.empty(0)
    # interleave: parts come as (start, end) arrays per group of segments
    xi = np.concatenate([np.column_stack(x_parts[k : k + 2]).ravel()
                         for k in range(0, len(x_parts), 2)])
    yi = np.concatenate([np.column_stack(y_parts[k : k + 2]).ravel()
                         for k in range(0, len(y_parts), 2)])
    dx = (xs[-1] - xs[0]) / (cols - 1)
    dy = (ys[-1] - ys[0]) / (rows - 1)
    return xs[0] + xi * dx, ys[0] + yi * dy


def levels_between(low, high, count):
    """`count` levels evenly spaced strictly inside (low, high)."""
    if not (np.isfinite(low) and np.isfinite(high)) or high <= low:
        return np.empty(0)
    return np.linspace(low, high, count + 2)[1:-1]
