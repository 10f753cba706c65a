"""The parts of an optimizer race any descent view can show: a row choosing the racers (a check
box and an η per optimizer, each in its colour) and their paths on a plot (a line per optimizer in
its colour, a legend naming them, an optional dotted arrow from where each one is).

race_view.py races them on the textbook surfaces; slice_view.py and plane_view.py on the
network's own loss (network_race.py).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox

import pyqtgraph as pg

from mlpviz.core.optimizers import OPTIMIZERS

from .descent_view import set_quietly

COLOURS = {"sgd": "#ffffff", "momentum": "#ff7f0e", "nesterov": "#d62728",
           "rmsprop": "#2ca02c", "adam": "#f032e6"}
STARTERS = ("sgd", "momentum", "adam")  # the race a teacher starts with


class RacerPicker(QObject):
    """A check box and an η box per optimizer; `changed` when either changes."""

    changed = Signal()

    def __init__(self, parent, chosen=STARTERS):
        super().__init__(parent)
        self.checks, self.rates = {}, {}
        for name in OPTIMIZERS:
            self.checks[name] = QCheckBox(name, checked=name in chosen)
            self.checks[name].setStyleSheet(f"QCheckBox {{ border-bottom: 3px solid "
                                            f"{COLOURS[name]}; }}")
            self.rates[name] = QDoubleSpinBox(decimals=4, minimum=0.0001, maximum=10.0,
                                              singleStep=0.01, prefix="η = ")
            self.checks[name].toggled.connect(self.changed)
            self.rates[name].valueChanged.connect(self.changed)

    def widgets(self):
        """Check box, η box, … in the order of OPTIMIZERS (for a control row)."""
        return [w for name in OPTIMIZERS for w in (self.checks[name], self.rates[name])]

    def set_rates(self, rates):
        """η per optimizer (a dict name → η), without `changed`."""
        for name, value in rates.items():
            set_quietly(self.rates[name], value)

    def chosen(self):
        """{name: η} of the checked optimizers, in the order of OPTIMIZERS."""
        return {name: self.rates[name].value() for name in OPTIMIZERS
                if self.checks[name].isChecked()}


class RacePaths:
    """A path (and an arrow) per optimizer on `plot`, in its colour, and the legend naming them."""

    def __init__(self, plot, z=20, columns=1):
        self.columns = columns  # the legend's: on a wide, low plot one row covers less of it
        self.legend = plot.addLegend(offset=(10, 10), labelTextColor="k",
                                     brush=pg.mkBrush(255, 255, 255, 200))
        self.paths, self.arrows = {}, {}
        for name in OPTIMIZERS:
            self.paths[name] = pg.PlotDataItem(
                pen=pg.mkPen(COLOURS[name], width=2.5), symbol="o", symbolSize=5,
                symbolBrush=COLOURS[name], symbolPen=pg.mkPen("k", width=0.5))
            self.arrows[name] = pg.PlotDataItem(pen=pg.mkPen(COLOURS[name], width=4,
                                                             style=Qt.DotLine))
            for k, item in enumerate((self.paths[name], self.arrows[name])):
                plot.addItem(item)
                item.setZValue(z + k)

    def draw(self, lines):
        """lines: name → (xs, ys, legend label, arrow (dx, dy) from the last point or None).
        Optimizers not in `lines` are cleared."""
        self.legend.clear()
        self.legend.setColumnCount(max(1, min(self.columns, len(lines))))
        for name in OPTIMIZERS:
            path, arrow = self.paths[name], self.arrows[name]
            if name not in lines:
                path.setData([], [])
                arrow.setData([], [])
                continue
            xs, ys, label, d = lines[name]
            path.setData(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))
            self.legend.addItem(path, label)
            if d is None or not len(xs):
                arrow.setData([], [])
            else:
                x, y = xs[-1], ys[-1]
                arrow.setData([x, x + d[0]], [y, y + d[1]])
