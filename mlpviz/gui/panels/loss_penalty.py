"""The penalty curve of the loss plot: (λ₂/2)Σw² + λ₁Σ|w| per step, beside the data loss that the
other curves show (SPEC section 9: the loss recorded is the data loss; the penalty is shown beside
it). Every step while there are few; then every stride-th, the stride doubling as the run grows,
so memory stays bounded however long the run."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from .loss_series import LossSeries

MAX_POINTS = 100_000
COLOUR = "#756bb1"


class PenaltyCurve:
    def __init__(self, plot):
        self.item = pg.PlotDataItem(name="penalty (λ₂/2)Σw² + λ₁Σ|w|", autoDownsampleFactor=1)
        plot.addItem(self.item)
        self.series = LossSeries(self.item, np.int64)
        self._stride = 1  # steps per stored point
        self._total = 0  # steps appended so far

    def append_at(self, first, values):
        """The penalties of the steps from `first` on (what lay beyond it is forgotten)."""
        first = self._total if first is None else first
        self.truncate(first)
        if not len(self.series):  # a new run (the plot's reset emptied the series)
            self._stride = 1
        self._total = first
        steps = first + np.arange(len(values), dtype=np.int64)
        kept = steps % self._stride == 0
        self.series.extend(steps[kept], np.asarray(values, dtype=float)[kept])
        self._total += len(values)
        while len(self.series) > MAX_POINTS:
            self._halve()

    def _halve(self):
        x, y = self.series.x.view.copy(), self.series.y.view.copy()
        self._stride *= 2
        kept = x % self._stride == 0
        self.series.truncate(0)
        self.series.extend(x[kept], y[kept])

    def truncate(self, steps):
        """Forget the penalties of steps ≥ `steps`."""
        self.series.truncate(int(np.searchsorted(self.series.x.view, steps)))
        self._total = min(self._total, max(0, steps))

    def style(self, widen):
        self.item.setPen(pg.mkPen(COLOUR, width=2 * widen, style=Qt.DashLine))
