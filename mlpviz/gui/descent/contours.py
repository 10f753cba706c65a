"""Contour lines of a grid as line segments, by vectorized marching squares (numpy only, no Qt).

pyqtgraph's isocurve() walks the grid cell by cell in Python; this finds every crossing of every
level at once, so a 101×101 grid with 14 levels takes a few milliseconds. The segments come as
point pairs, to be drawn by one item with connect='pairs' (STYLE.md: few items).
"""

from __future__ import annotations

import numpy as np


def contour_segments(values, levels, xs, ys):
    """Segments of the contour lines of values[r, c] (at xs[c], ys[r]) for each level.

    Returns (x, y): flat arrays of point pairs, each pair one segment. Only the cells a level
    passes through are looked at (a cell's lowest corner ≤ level < its highest).
    """
    F = np.asarray(values, dtype=float)
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    rows, cols = F.shape
    if rows < 2 or cols < 2:
        return np.empty(0), np.empty(0)
    # corners of each cell, flattened: bottom-left, bottom-right, top-right, top-left
    corners = np.stack([F[:-1, :-1].ravel(), F[:-1, 1:].ravel(), F[1:, 1:].ravel(),
                        F[1:, :-1].ravel()])
    low, high = corners.min(axis=0), corners.max(axis=0)
    r, c = np.divmod(np.arange(corners.shape[1]), cols - 1)
    # a cell's edges in order bottom, right, top, left: from corner k to corner k+1 (mod 4),
    # each as (start x, start y, step x, step y) in cell units
    edges = [(0, 0, 1, 0), (1, 0, 0, 1), (1, 1, -1, 0), (0, 1, 0, -1)]
    x_parts, y_parts = [], []
    for level in np.atleast_1d(levels):
        cells = np.nonzero((low <= level) & (high > level))[0]
        if not len(cells):
            continue
        v = corners[:, cells]
        above = v > level
        px, py = np.empty((4, len(cells))), np.empty((4, len(cells)))
        crossed = np.empty((4, len(cells)), dtype=bool)
        for k, (x0, y0, sx, sy) in enumerate(edges):
            a, b = v[k], v[(k + 1) % 4]
            crossed[k] = above[k] != above[(k + 1) % 4]
            with np.errstate(divide="ignore", invalid="ignore"):
                t = np.where(crossed[k], (level - a) / (b - a), 0.0)
            px[k] = c[cells] + x0 + sx * t
            py[k] = r[cells] + y0 + sy * t
        order = np.argsort(~crossed, axis=0, kind="stable")  # crossed edges first
        count = crossed.sum(axis=0)
        for first, need in ((0, 2), (2, 4)):  # a saddle cell has a second segment
            keep = count >= need
            if not keep.any():
                continue
            ends = [order[k][keep] for k in (first, first + 1)]
            columns = np.nonzero(keep)[0]
            x_parts.append(np.column_stack([px[e, columns] for e in ends]).ravel())
            y_parts.append(np.column_stack([py[e, columns] for e in ends]).ravel())
    if not x_parts:
        return np.empty(0), np.empty(0)
    dx = (xs[-1] - xs[0]) / (cols - 1)
    dy = (ys[-1] - ys[0]) / (rows - 1)
    return xs[0] + np.concatenate(x_parts) * dx, ys[0] + np.concatenate(y_parts) * dy


def levels_between(low, high, count):
    """`count` levels evenly spaced strictly inside (low, high)."""
    if not (np.isfinite(low) and np.isfinite(high)) or high <= low:
        return np.empty(0)
    return np.linspace(low, high, count + 2)[1:-1]
