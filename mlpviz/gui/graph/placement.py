"""Where each number on an edge goes, so that no two overlap (pure numpy: pixels in, positions
out). Issue 11, defect 15: on xor and deeper networks (2-4-4-1, 2-3-3-2) the numbers of one
layer gap were laid out by a rule of columns that did not look at their real sizes, and they
overlapped one another and the neurons.

Each label is a w×h rectangle centred on its edge at a fraction t of the way (0 at the source,
1 at the destination). Labels are placed one by one in priority order: each takes the first of
its candidate fractions (its preferred one first) where its rectangle is clear of every label
already placed, of every neuron circle and of every other obstacle (bias nodes, captions, the
input and output labels). A label with no clear candidate is not placed (NaN): the view hides
it, and hovering its edge still gives its value.
"""

from __future__ import annotations

import numpy as np

# Fractions along an edge tried after the preferred one: the middle first, then outwards.
CANDIDATES = tuple(sorted(np.round(np.arange(0.12, 0.885, 0.03), 2), key=lambda t: abs(t - 0.5)))
ATTEMPTS = 4  # orders tried: the given one, then the labels left out first
GAP = 2.0  # pixels kept between two labels


def place(segments, preferred, size, circles=(), rects=(), order=None):
    """The fraction t along each segment where its label goes, NaN where none fits.

    segments: (n, 4) x0, y0, x1, y1 in pixels; preferred: (n,) the fraction tried first;
    size: (w, h) of every label in pixels; circles: (c, 3) x, y, radius of the neurons;
    rects: (r, 4) left, top, right, bottom of other obstacles; order: the indices in priority
    order (default: as given).
    """
    segments = np.asarray(segments, dtype=float).reshape(-1, 4)
    n = len(segments)
    w, h = size
    circles = np.asarray(circles, dtype=float).reshape(-1, 3)
    obstacles = np.asarray(rects, dtype=float).reshape(-1, 4)
    placed = np.empty((n, 4))  # the first `count` rows: labels placed so far
    count = 0
    result = np.full(n, np.nan)
    t_all = np.empty(len(CANDIDATES) + 1)
    t_all[1:] = CANDIDATES
    for k in (range(n) if order is None else order):
        t_all[0] = preferred[k]
        x0, y0, x1, y1 = segments[k]
        cx, cy = x0 + (x1 - x0) * t_all, y0 + (y1 - y0) * t_all
        boxes = np.column_stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2])
        blocked = _hits_rects(boxes, placed[:count], GAP) | _hits_rects(boxes, obstacles, 0.0)
        free = np.flatnonzero(~(blocked | _hits_circles(boxes, circles)))
        if len(free):
            result[k] = t_all[free[0]]
            placed[count] = boxes[free[0]]
            count += 1
    return result


def place_most(segments, preferred, size, circles=(), rects=(), order=None, weight=None):
    """place() in the given order and then, while some label is left out, with the left-out
    ones first; the result that places the most (by `weight`, default 1 each) wins."""
    n = len(np.asarray(segments).reshape(-1, 4))
    order = list(range(n)) if order is None else list(order)
    weight = np.ones(n) if weight is None else np.asarray(weight, dtype=float)
    best, best_score = None, -1.0
    for _ in range(ATTEMPTS):
        t = place(segments, preferred, size, circles, rects, order)
        score = float(weight[~np.isnan(t)].sum())
        if score > best_score:
            best, best_score = t, score
        left_out = [k for k in order if np.isnan(t[k])]
        if not left_out:
            break
        order = left_out + [k for k in order if not np.isnan(t[k])]
    return best


def label_boxes(segments, fractions, size):
    """The rectangles (left, top, right, bottom) of the labels placed at `fractions`."""
    segments = np.asarray(segments, dtype=float).reshape(-1, 4)
    t = np.asarray(fractions, dtype=float)
    cx = segments[:, 0] + (segments[:, 2] - segments[:, 0]) * t
    cy = segments[:, 1] + (segments[:, 3] - segments[:, 1]) * t
    w, h = size
    return np.column_stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2])


def overlapping_pairs(boxes):
    """Index pairs (i < j) of rectangles that overlap (touching edges do not count)."""
    boxes = np.asarray(boxes, dtype=float).reshape(-1, 4)
    hits = _hits_rects(boxes, boxes, 0.0)
    i, j = np.nonzero(np.triu(hits, 1))
    return list(zip(i.tolist(), j.tolist()))


def _hits_rects(boxes, others, gap):
    """(m,) whether each box overlaps any of `others` (or (m, m) when others is boxes)."""
    if not len(others):
        return np.zeros(len(boxes), dtype=bool)
    a, b = boxes[:, None, :], others[None, :, :]
    overlap = ((a[..., 0] < b[..., 2] + gap) & (b[..., 0] < a[..., 2] + gap)
               & (a[..., 1] < b[..., 3] + gap) & (b[..., 1] < a[..., 3] + gap))
    return overlap if others is boxes else overlap.any(axis=1)


def _hits_circles(boxes, circles):
    """(m,) whether each box overlaps any circle: the box's nearest point is inside it."""
    if not len(circles):
        return np.zeros(len(boxes), dtype=bool)
    x = np.clip(circles[None, :, 0], boxes[:, None, 0], boxes[:, None, 2])
    y = np.clip(circles[None, :, 1], boxes[:, None, 1], boxes[:, None, 3])
    inside = (x - circles[None, :, 0]) ** 2 + (y - circles[None, :, 1]) ** 2 < circles[None, :, 2] ** 2
    return inside.any(axis=1)
