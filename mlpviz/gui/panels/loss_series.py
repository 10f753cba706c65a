"""The loss plot's data: growable arrays and series that hand pyqtgraph a view of their filled
part, log10 kept beside the losses, min/max envelopes, and the step axis."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF

# Losses at or below this are drawn at this height on a log axis (log 0 = -inf). Below it a
# float64 loss of order 1 is rounding noise anyway.
LOG_FLOOR = 1e-16


class GrowableArray:
    """A 1-D array that grows by doubling; `view` is its filled part, not a copy."""

    def __init__(self, dtype=np.float64, capacity: int = 1024):
        self._data = np.empty(capacity, dtype=dtype)
        self._n = 0

    def __len__(self) -> int:
        return self._n

    @property
    def view(self) -> np.ndarray:
        return self._data[:self._n]

    def extend(self, values: np.ndarray) -> None:
        end = self._n + len(values)
        if end > len(self._data):
            grown = np.empty(max(end, 2 * len(self._data)), dtype=self._data.dtype)
            grown[:self._n] = self._data[:self._n]
            self._data = grown
        self._data[self._n:end] = values
        self._n = end

    def truncate(self, n: int) -> None:
        self._n = max(0, min(self._n, n))


class LossSeries:
    """One curve of the plot: steps x, losses y, log10 of y while log scale is on, its item."""

    def __init__(self, item: pg.PlotDataItem, x_dtype=np.float64):
        self.item = item
        self.x = GrowableArray(x_dtype)
        self.y = GrowableArray()
        self.log_y: GrowableArray | None = None
        self.changed = False
        self.style: dict = {}  # extra setData() arguments, e.g. symbol

    def __len__(self) -> int:
        return len(self.y)

    def extend(self, x: np.ndarray, y: np.ndarray) -> None:
        self.x.extend(x)
        self.y.extend(y)
        if self.log_y is not None:
            self.log_y.extend(_log10(y))
        self.changed = True

    def truncate(self, n: int) -> None:
        if n < len(self):
            for array in (self.x, self.y, self.log_y):
                if array is not None:
                    array.truncate(n)
            self.changed = True

    def set_log(self, on: bool) -> None:
        self.log_y = None
        if on:
            self.log_y = GrowableArray(capacity=max(1024, len(self)))
            self.log_y.extend(_log10(self.y.view))
        self.changed = True

    def push(self) -> bool:
        """Hand the data to the item if it changed and is shown; True if it was handed over."""
        if not self.changed or not self.item.isVisible():
            return False
        shown = self.log_y if self.log_y is not None else self.y
        self.item.setData(x=self.x.view, y=shown.view, **self.style)
        self.changed = False
        return True


def min_max_points(starts, stride, lows, highs):
    """x and y of blocks drawn as their min at the start and their max half way through."""
    x = np.empty(2 * len(starts), dtype=np.int64)
    y = np.empty(2 * len(starts))
    x[0::2], x[1::2] = starts, starts + stride // 2
    y[0::2], y[1::2] = lows, highs
    return x, y


def _log10(losses: np.ndarray) -> np.ndarray:
    # NaN stays NaN (a gap in the curve); zero and negatives sit on the floor.
    with np.errstate(invalid="ignore"):
        return np.log10(np.maximum(losses, LOG_FLOOR))


class StepAxis(pg.AxisItem):
    """Step numbers as 5000, 20k, 1.5M rather than pyqtgraph's 1e+06; only whole steps from 0
    (defect 19: after one update the axis read −0.4 … 0.4)."""

    def tickSpacing(self, minVal, maxVal, size):
        return [(max(1.0, spacing), offset)
                for spacing, offset in super().tickSpacing(minVal, maxVal, size)]

    def tickValues(self, minVal, maxVal, size):
        levels = super().tickValues(minVal, maxVal, size)
        return [(spacing, [v for v in values if v >= 0 and float(v).is_integer()])
                for spacing, values in levels]

    def tickStrings(self, values, scale, spacing):
        return [step_label(v * scale) for v in values]


class LossAxis(pg.AxisItem):
    """The loss axis: no more labelled ticks than its height holds, each label LABEL_GAP text
    lines from the next (issue 11: on a plot 40 px high 0.2, 0.4, 0.6 and 0.8 printed over one
    another). Where it had to thin them, the major ticks alone (no minor labels or lines)."""

    LABEL_GAP = 1.8  # text heights from one label to the next, at least

    def _gap_px(self):
        font = self.style.get("tickFont") or self.font()
        return self.LABEL_GAP * QFontMetricsF(font).height()

    def tickSpacing(self, minVal, maxVal, size):
        levels = super().tickSpacing(minVal, maxVal, size)
        if not levels:
            return levels
        low, high = sorted((minVal, maxVal))
        px, gap, major = size / (high - low), self._gap_px(), levels[0][0]
        while major * px < gap:
            wider = _next_nice(major)  # 1, 2, 4, 5, 10, 20, 40, 50, …
            if _ticks_between(low, high, wider) < 2:  # keep two labels at least
                break
            major = wider
        # Minor labels (and lines), half way between, only where they too keep the gap.
        self._thinned = major != levels[0][0] or major * px < 2 * gap
        return [(major, 0)] if self._thinned else levels

    def tickValues(self, minVal, maxVal, size):
        ticks = super().tickValues(minVal, maxVal, size)
        if getattr(self, "_thinned", False) and self.logMode:  # no 2…9 between decades
            decades = [level for level in ticks if level[0] is not None][:1]
            if decades or not ticks:
                return decades
            values = ticks[0][1]  # less than a decade shown: every k-th of 2…9
            every = -(-len(values) // max(2, int(size // self._gap_px()) + 1))
            ticks = [(None, values[::max(1, every)])]
        return ticks


def _next_nice(spacing):
    """The next of 1, 2, 4, 5, 10, 20, 40, 50, … above `spacing`."""
    power = 10.0 ** np.floor(np.log10(spacing))
    for nice in (1, 2, 4, 5, 10, 20):
        if nice * power > spacing * 1.0001:
            return nice * power
    return 10 * spacing


def _ticks_between(low, high, spacing):
    return int(np.floor(high / spacing) - np.ceil(low / spacing)) + 1


def step_label(step: float) -> str:
    if abs(step) >= 1e6:
        return f"{step / 1e6:g}M"
    if abs(step) >= 1e4:
        return f"{step / 1e3:g}k"
    return f"{step:g}"


def decaying_losses(n: int, steps_per_epoch: int = 4, seed: int = 0) -> np.ndarray:
    """A made-up decaying training loss of online SGD, for the benchmark and screenshots.

    Each sample of the epoch keeps its own level (as with a few training rows), plus noise.
    """
    rng = np.random.default_rng(seed)
    steps = np.arange(n)
    trend = 0.25 * np.exp(-steps / (n / 6 + 1)) + 0.002
    per_sample = rng.lognormal(0.0, 0.8, steps_per_epoch)[steps % steps_per_epoch]
    return trend * per_sample * rng.lognormal(0.0, 0.3, n)
