"""Accuracy beside the loss: the share of training and test samples classified right, once an
epoch at the front of the run, over the epoch number (a classifier only)."""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QGraphicsView, QVBoxLayout, QWidget

import pyqtgraph as pg

COLOURS = {"train": "#08519c", "test": "#e6550d"}


class AccuracyPlot(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget(background="w")
        self.plot_widget.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        plot = self.plot_widget.getPlotItem()
        plot.setMenuEnabled(False, enableViewBoxMenu=True)
        plot.showGrid(x=True, y=True)
        plot.setLabel("left", "accuracy (%)")
        plot.setLabel("bottom", "epoch")
        plot.setYRange(0, 100, padding=0.02)
        plot.getViewBox().setLimits(yMin=-2, yMax=102)
        plot.getAxis("bottom").enableAutoSIPrefix(False)
        plot.addLegend(offset=(-10, -10), labelTextSize="9pt", pen="#bbbbbb",
                       brush=pg.mkBrush(255, 255, 255, 220))
        self.curves = {
            "train": plot.plot(pen=pg.mkPen(COLOURS["train"], width=2), name="training"),
            "test": plot.plot(pen=pg.mkPen(COLOURS["test"], width=2), symbol="s", symbolSize=5,
                              symbolBrush=COLOURS["test"], symbolPen=None, name="test")}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.plot_widget)
        self.reset()

    def reset(self):
        """No points (a new run)."""
        self.points = {"train": ([], []), "test": ([], [])}
        self.steps = []
        self._redraw()

    def add(self, step, epoch, train, test=None):
        """Accuracies (0…1; test may be None) measured with `step` updates done, at `epoch`."""
        self.steps.append(step)
        for name, value in (("train", train), ("test", test)):
            xs, ys = self.points[name]
            xs.append(epoch)
            ys.append(np.nan if value is None else 100.0 * value)
        self._redraw()

    def truncate(self, step):
        """Forget points measured after `step` (the run went back and branched)."""
        keep = int(np.searchsorted(self.steps, step, side="right"))
        self.steps = self.steps[:keep]
        for name, (xs, ys) in self.points.items():
            self.points[name] = (xs[:keep], ys[:keep])
        self._redraw()

    def last(self, name):
        """The newest accuracy (%) of "train" or "test", or None."""
        ys = self.points[name][1]
        return ys[-1] if ys and not np.isnan(ys[-1]) else None

    def _redraw(self):
        xs = self.points["train"][0]
        self.plot_widget.getPlotItem().setXRange(0, max(1.0, xs[-1] if xs else 1.0), padding=0.02)
        for name, curve in self.curves.items():
            xs, ys = self.points[name]
            if np.all(np.isnan(ys)) if ys else True:
                curve.setData([], [])
            else:
                curve.setData(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float),
                              connect="finite")
