"""Colour maps for the network graph: values → colour buckets, as small pure functions.

Values are drawn in a few colour buckets (not one colour per value) so that the views can
keep one pen or brush per bucket and draw each bucket at once (STYLE.md).

- diverging (weights, gradients, δ): negative blue, 0 light grey, positive red-orange.
  An odd number of buckets, so the middle bucket is exactly "about zero".
- sequential (activation `out`): near-white for the low end of the range, dark green for the
  high end; green so that it never reads as a sign colour of the edges.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

N_DIVERGING = 17  # buckets 0..16; bucket 8 is zero
N_SEQUENTIAL = 16

NEGATIVE = (33, 102, 172)  # blue
NEUTRAL = (214, 214, 214)  # light grey, visible on white
POSITIVE = (215, 72, 31)  # red-orange
SEQUENTIAL_STOPS = ((247, 252, 245), (116, 196, 118), (0, 68, 27))  # white → green → dark green


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def _through(stops, t):
    """Linear interpolation through equally spaced colour stops, t in [0, 1]."""
    at = t * (len(stops) - 1)
    k = min(int(at), len(stops) - 2)
    return _mix(stops[k], stops[k + 1], at - k)


def diverging_colors(n=N_DIVERGING, min_alpha=110):
    """n colours from strong negative to strong positive; weaker ones are also more transparent."""
    centre = n // 2
    colors = []
    for k in range(n):
        s = (k - centre) / centre  # -1 .. 1
        rgb = _mix(NEUTRAL, NEGATIVE if s < 0 else POSITIVE, abs(s))
        colors.append(QColor(*rgb, round(min_alpha + (255 - min_alpha) * abs(s))))
    return colors


def diverging_buckets(values, vmax, n=N_DIVERGING, gamma=1.0):
    """Bucket index 0..n-1 of each value on the diverging map for [-vmax, +vmax].

    gamma < 1 lifts small magnitudes (0.5 = square-root scale) so that small but non-zero
    values still get a colour; gamma = 1 is linear.
    """
    values = np.asarray(values, dtype=float)
    centre = n // 2
    if not np.isfinite(vmax) or vmax <= 0:
        return np.full(values.shape, centre, dtype=np.intp)
    s = np.clip(np.nan_to_num(values / vmax), -1.0, 1.0)
    if gamma != 1.0:
        s = np.sign(s) * np.abs(s) ** gamma
    return (centre + np.rint(s * centre)).astype(np.intp)


def weak_to_strong(n=N_DIVERGING):
    """Diverging bucket indices in painting order: zero first, the strongest last."""
    centre = n // 2
    return sorted(range(n), key=lambda k: abs(k - centre))


def max_abs(values):
    """Largest finite |value| (0 if there is none)."""
    values = np.asarray(values, dtype=float)
    finite = np.abs(values[np.isfinite(values)])
    return float(finite.max()) if finite.size else 0.0


def sequential_colors(n=N_SEQUENTIAL):
    """n colours from the low end (near white) to the high end (dark green) of a range."""
    return [QColor(*_through(SEQUENTIAL_STOPS, k / (n - 1))) for k in range(n)]


def sequential_buckets(values, lo, hi, n=N_SEQUENTIAL):
    """Bucket index 0..n-1 of each value on the sequential map for [lo, hi]."""
    values = np.asarray(values, dtype=float)
    if not hi > lo:
        return np.zeros(values.shape, dtype=np.intp)
    t = np.clip(np.nan_to_num((values - lo) / (hi - lo)), 0.0, 1.0)
    return np.minimum((t * n).astype(np.intp), n - 1)


def activation_range(activation, values):
    """The range the fill colour spans for a layer's `out`.

    sigmoid and tanh have fixed ranges. relu, linear and the inputs are scaled by the layer's
    largest |value| (inputs that lie in [0, 1], as min-max normalised data does, keep [0, 1]).
    """
    if activation == "sigmoid":
        return 0.0, 1.0
    if activation == "tanh":
        return -1.0, 1.0
    values = np.asarray(values, dtype=float)
    finite = values[np.isfinite(values)]
    if activation == "input" and finite.size and finite.min() >= 0 and finite.max() <= 1:
        return 0.0, 1.0
    m = max_abs(finite)
    if m == 0:
        return 0.0, 1.0
    return (0.0 if finite.min() >= 0 else -m), m


def text_color_on(color):
    """Black or white, whichever reads better on `color`."""
    luminance = 0.299 * color.red() + 0.587 * color.green() + 0.114 * color.blue()
    return QColor(0, 0, 0) if luminance > 140 else QColor(255, 255, 255)
