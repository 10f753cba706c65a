"""The loss plot's least height: what leaves its curves `least` pixels between the axes (issue
11: on a 1280×720 screen the layout squeezed them to 40 px). The axes' and margins' share is
measured from the plot as laid out (an estimate from the fonts until it is), so the plot asks
for no more than it needs: each pixel more is taken from the graph above it."""

from __future__ import annotations

import math


class CurvesRoom:
    def __init__(self, plot_widget):
        self.widget = plot_widget
        self.least = 0.0
        self.overhead = None  # px of the plot that are not the curves, as last laid out
        plot_widget.getPlotItem().getViewBox().sigResized.connect(self._measure)

    def set_least(self, least, estimate):
        """Curves at least `least` px high; `estimate`: the axes' share before a layout."""
        self.least = least
        self.overhead = None  # the fonts changed: measure again
        self._apply(estimate)

    def _measure(self, *_):
        view = self.widget.getPlotItem().getViewBox()
        if self.widget.height() > 0 and view.height() > 0:
            overhead = self.widget.height() - view.height()
            if self.overhead is None or abs(overhead - self.overhead) >= 1:
                self.overhead = overhead
                self._apply(overhead)

    def _apply(self, overhead):
        height = math.ceil(overhead + self.least)
        if height != self.widget.minimumHeight():
            self.widget.setMinimumHeight(height)
