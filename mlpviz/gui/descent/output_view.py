"""The network's output over its inputs, in the data's own units, with the data on top.

Two inputs: the chosen output as a heat map over the input plane, training points as circles
and test points as squares, filled with their target's colour (a point that matches the map
around it is fitted). One input: the output curve over the data points. Other networks get a
note. The grid and its contours are computed in the grid thread, at most 4 times a second and
only when the step changed; the GUI thread only draws them.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

import pyqtgraph as pg

from .class_regions import class_brushes, compute_regions, draw_regions, point_size
from .grid_job import GridJob
from .heat_plot import FONT_PT, HeatPlot, prepare

MIN_INTERVAL = 0.25
CLASSES = -1  # the output box's entry for a classifier's decision regions
RESOLUTION = 101
CURVE_POINTS = 400


def padded_range(values):
    """(low, high) of the values with 10 % to spare on each side (±0.5 around a single value)."""
    low, high = float(np.min(values)), float(np.max(values))
    pad = 0.1 * (high - low) if high > low else max(0.5, 0.1 * abs(low))
    return low - pad, high + pad


class OutputView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.state = None
        self.shown_key = None  # (step, output) of the map or curve drawn
        self.job = GridJob(min_interval=MIN_INTERVAL)
        self.draws = 0  # redraws so far
        self.output_box = QComboBox()
        self.output_box.activated.connect(self._invalidate)
        self.caption = QLabel(wordWrap=True)
        self.heat = HeatPlot("output")
        self.train_points = pg.ScatterPlotItem(size=20, symbol="o", pen=pg.mkPen("k", width=2.5))
        self.test_points = pg.ScatterPlotItem(size=18, symbol="s", pen=pg.mkPen("w", width=2.5))
        self.heat.addItem(self.train_points)
        self.heat.addItem(self.test_points)
        self.curve_plot = pg.PlotWidget(background="w", enableMenu=False)
        self.label_pt = FONT_PT + 1  # its axis labels' size (descent_look.py: zoomed)
        self.curve_plot.getPlotItem().setMenuEnabled(False)
        self.curve_plot.showGrid(True, True, 0.25)
        for name in ("left", "bottom"):
            self.curve_plot.getAxis(name).enableAutoSIPrefix(False)
        self.curve_plot.addLegend(offset=(10, 10))
        self.curve = self.curve_plot.plot(pen=pg.mkPen("#08519c", width=3), name="network output")
        self.curve_train = pg.ScatterPlotItem(size=10, brush="#e6550d", pen=pg.mkPen("k"),
                                              name="training data")
        self.curve_test = pg.ScatterPlotItem(size=10, symbol="s", brush="#31a354",
                                             pen=pg.mkPen("k"), name="test data")
        for item in (self.curve_train, self.curve_test):
            self.curve_plot.addItem(item)
        self.note = QLabel(wordWrap=True, margin=16)
        self.stack = QStackedWidget()
        for widget in (self.heat, self.curve_plot, self.note):
            self.stack.addWidget(widget)
        row = QHBoxLayout()
        row.addWidget(QLabel("output"))
        row.addWidget(self.output_box)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.caption)

    def reset(self, state):
        self.state = state
        self.shown_key = None
        self.job.cancel()
        c = state.experiment.config
        self.output_box.clear()
        if state.experiment.classes is not None and c.inputNodes == 2:
            self.output_box.addItem("classes (decision regions)", CLASSES)
        for k, label in enumerate(c.outputNodeLabels):
            self.output_box.addItem(label, k)
        self.output_box.setEnabled(self.output_box.count() > 1)
        self.train_points.setData([])
        self.test_points.setData([])
        if c.inputNodes == 2:
            self.stack.setCurrentWidget(self.heat)
            self.heat.blank()
            self.heat.set_labels(c.inputNodeLabels[0], c.inputNodeLabels[1],
                                 bar=c.outputNodeLabels[0])
        elif c.inputNodes == 1:
            self.stack.setCurrentWidget(self.curve_plot)
            for name, label in (("bottom", c.inputNodeLabels[0]), ("left", "output")):
                self.curve_plot.setLabel(name, label, **{"font-size": f"{self.label_pt:.3g}pt"})
        else:
            self.stack.setCurrentWidget(self.note)
            self.note.setText(f"The output view draws networks with one or two inputs; this one "
                              f"has {c.inputNodes}.")
        self.caption.setText("")

    def _invalidate(self):
        self.shown_key = None
        self.job.cancel()  # a grid for the old settings is not drawn
        if self.state is not None:
            c = self.state.experiment.config
            k = self._output()
            if k == CLASSES:
                self.heat.set_labels(c.inputNodeLabels[0], c.inputNodeLabels[-1], bar="")
                return
            self.heat.contours.setPen(pg.mkPen((255, 255, 255, 120), width=1))
            self.heat.set_labels(c.inputNodeLabels[0], c.inputNodeLabels[-1],
                                 bar=c.outputNodeLabels[k])
            self.curve_plot.setLabel("left", c.outputNodeLabels[k])

    def tick(self):
        """Draw a finished grid; start the next if the step changed (at most 4 times a second)."""
        if self.state is None or self.state.experiment.config.inputNodes > 2:
            return
        result = self.job.take()
        if result is not None:
            self._draw(*result)
        k = self._output()
        key = (self.state.step, k)
        if self.job.ready(key):
            self.job.submit(key, self._compute, self.state.experiment, self.state.network(), k,
                            self._data(), key)

    @staticmethod
    def _compute(experiment, network, k, data, key, cancelled):
        """The output over a grid of inputs (raw units), ready to draw; runs in the grid thread."""
        train, test = data
        inputs = np.vstack([train[0]] + ([test[0]] if test else []))
        if k == CLASSES:
            xs = np.linspace(*padded_range(inputs[:, 0]), RESOLUTION)
            ys = np.linspace(*padded_range(inputs[:, 1]), RESOLUTION)
            return key, xs, None, compute_regions(experiment, network, xs, ys)
        if inputs.shape[1] == 1:
            xs = np.linspace(*padded_range(inputs[:, 0]), CURVE_POINTS)
            return key, xs, experiment.predict(network, xs[:, None])[:, k], None
        xs = np.linspace(*padded_range(inputs[:, 0]), RESOLUTION)
        ys = np.linspace(*padded_range(inputs[:, 1]), RESOLUTION)
        gx, gy = np.meshgrid(xs, ys)
        out = experiment.predict(network, np.column_stack([gx.ravel(), gy.ravel()]))
        outputs = out[:, k].reshape(gx.shape)
        targets = np.concatenate([train[1][:, k]] + ([test[1][:, k]] if test else []))
        return key, xs, outputs, prepare(xs, ys, outputs, also=targets)

    def _draw(self, key, xs, outputs, prepared):
        self.shown_key, self.outputs = key, outputs
        self.draws += 1
        if key[1] == CLASSES:
            self._draw_regions(prepared)
        elif prepared is None:
            self._draw_curve(xs, key[1])
        else:
            self._draw_plane(prepared, key[1])
        self.caption.setText(f"The network's output after step {key[0]}, in the data's own "
                             f"units." if key[1] != CLASSES else
                             f"The class the network predicts after step {key[0]}: paler where "
                             f"it is less sure; points in their true class's colour.")

    def _output(self):
        """The output box's choice: an output index, or CLASSES."""
        k = self.output_box.currentData()
        return 0 if k is None else k

    def _draw_regions(self, regions):
        draw_regions(self.heat, regions)
        self.heat.bar.hide()
        e = self.state.experiment
        for item, table in zip((self.train_points, self.test_points), (e.train, e.test)):
            if table is None:
                item.setData([])
            else:
                item.setData(table.values[:, 0], table.values[:, 1],
                             brush=class_brushes(table.truth), size=point_size(len(table.truth)))

    def _data(self):
        """(inputs, targets) of the training and the test table, raw; test may be None."""
        e = self.state.experiment
        n = e.config.inputNodes
        tables = [e.train, e.test]
        return [(t.values[:, :n], t.values[:, n:]) if t is not None else None for t in tables]

    def _draw_plane(self, prepared, k):
        self.heat.bar.show()
        self.heat.image.setColorMap(self.heat.bar.colorMap())
        self.heat.show_prepared(prepared)
        low, high = self.heat.levels
        cmap = pg.colormap.get("viridis")
        for item, data, size in zip((self.train_points, self.test_points), self._data(), (20, 18)):
            if data is None:
                item.setData([])
                continue
            t = np.clip((data[1][:, k] - low) / (high - low), 0, 1)
            item.setData(data[0][:, 0], data[0][:, 1], size=size,
                         brush=[pg.mkBrush(c) for c in cmap.map(t, mode="qcolor")])

    def _draw_curve(self, xs, k):
        train, test = self._data()
        self.curve.setData(xs, self.outputs)
        self.curve_train.setData(train[0][:, 0], train[1][:, k])
        if test:
            self.curve_test.setData(test[0][:, 0], test[1][:, k])
        else:
            self.curve_test.setData([])
