"""Optimizers racing on a textbook surface: SGD, momentum, Nesterov, RMSProp and Adam from the same
start, each at its own η, each path in its own colour (a legend names them), the velocity v (or
Adam's m̂) drawn as an arrow from where each one is, and a table per optimizer with its state
(SPEC section 12). Step and Run move them all together; core/surfaces.py's Racer does the steps
with core/optimizers.py, so the numbers are the engine's.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDoubleSpinBox,
                               QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter,
                               QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

import pyqtgraph as pg

from mlpviz.core.optimizers import OPTIMIZERS, OptimizerSettings
from mlpviz.core.surfaces import SURFACES, Racer, grid

from .heat_plot import HeatPlot
from .surface_view import LOG_SCALE, RESOLUTION

RUN_INTERVAL_MS = 200
MAX_STEPS = 2000
FAR = 1e6  # a point this far out has diverged
COLOURS = {"sgd": "#ffffff", "momentum": "#ff7f0e", "nesterov": "#d62728",
           "rmsprop": "#2ca02c", "adam": "#f032e6"}
STARTERS = ("sgd", "momentum", "adam")  # the race a teacher starts with
ADAPTIVE_RATE = {"rosenbrock": 0.05}  # RMSProp's and Adam's η there (else 0.1): steps are ≈ η


def default_rate(surface, name):
    if name in ("rmsprop", "adam"):
        return ADAPTIVE_RATE.get(surface.name, 0.1)
    return surface.learning_rate


def arrow_of(racer):
    """(dx, dy) of the arrow drawn from the current point: −η·v for momentum and Nesterov,
    −η·m̂ for Adam (m̂ = m / (1 − β₁ᵗ)); None for the others (they keep no velocity)."""
    s, optimizer = racer.settings, racer.optimizer
    if s.name in ("momentum", "nesterov"):
        v = optimizer.slot("v")
    elif s.name == "adam" and optimizer.t:
        v = optimizer.slot("m") / (1.0 - math.pow(s.beta1, optimizer.t))
    else:
        return None
    return -racer.learning_rate * v[0], -racer.learning_rate * v[1]


class RaceView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.surface = SURFACES["elongated bowl"]
        self.racers = {}  # name → Racer, for the optimizers in the race
        self.stopped = set()  # names of those that diverged
        self.timer = QTimer(self, interval=RUN_INTERVAL_MS)
        self.timer.timeout.connect(self.step)
        self.surface_box = QComboBox()
        for name, s in SURFACES.items():
            self.surface_box.addItem(f"{name}: f = {s.formula}", name)
        self.surface_box.activated.connect(lambda: self.choose(self.surface_box.currentData()))
        self.start_x = QDoubleSpinBox(decimals=3, minimum=-100, maximum=100, singleStep=0.5,
                                      prefix="x₀ = ")
        self.start_y = QDoubleSpinBox(decimals=3, minimum=-100, maximum=100, singleStep=0.5,
                                      prefix="y₀ = ")
        self.checks, self.rates = {}, {}
        for name in OPTIMIZERS:
            self.checks[name] = QCheckBox(name, checked=name in STARTERS)
            self.checks[name].setStyleSheet(f"QCheckBox {{ border-bottom: 3px solid "
                                            f"{COLOURS[name]}; }}")
            self.rates[name] = QDoubleSpinBox(decimals=4, minimum=0.0001, maximum=10.0,
                                              singleStep=0.01, prefix="η = ")
        for box in (self.start_x, self.start_y, *self.rates.values()):
            box.valueChanged.connect(self.restart)
        for check in self.checks.values():
            check.toggled.connect(self.restart)
        self.buttons = {}
        for label, slot in (("Step", self.step), ("Run", self.toggle_run),
                            ("Restart", self.restart)):
            self.buttons[label] = QPushButton(label)
            self.buttons[label].clicked.connect(slot)
        self.caption = QLabel(wordWrap=True)
        self.plot = HeatPlot("f(x, y)")
        self.plot.setAspectLocked(True)
        self.legend = self.plot.addLegend(offset=(10, 10), labelTextColor="k",
                                          brush=pg.mkBrush(255, 255, 255, 200))
        self.paths, self.arrows = {}, {}
        for name in OPTIMIZERS:
            self.paths[name] = pg.PlotDataItem(
                pen=pg.mkPen(COLOURS[name], width=2.5), symbol="o", symbolSize=5,
                symbolBrush=COLOURS[name], symbolPen=pg.mkPen("k", width=0.5))
            self.arrows[name] = pg.PlotDataItem(pen=pg.mkPen(COLOURS[name], width=4,
                                                             style=Qt.DotLine))
            for z, item in enumerate((self.paths[name], self.arrows[name])):
                self.plot.addItem(item)
                item.setZValue(20 + z)
        self.tables = QTabWidget()
        self._layout()
        self.choose("elongated bowl")

    def _layout(self):
        top = QHBoxLayout()
        for widget in (self.surface_box, self.start_x, self.start_y, *self.buttons.values()):
            top.addWidget(widget)
        top.addStretch(1)
        racers = QHBoxLayout()
        for name in OPTIMIZERS:
            racers.addWidget(self.checks[name])
            racers.addWidget(self.rates[name])
        racers.addStretch(1)
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.plot)
        split.addWidget(self.tables)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addLayout(racers)
        layout.addWidget(split, 1)
        layout.addWidget(self.caption)

    # -- the surface, the start, the racers ---------------------------------------------------

    def choose(self, name):
        """Race on surface `name` from its usual start, each optimizer at its usual η."""
        self.surface = SURFACES[name]
        self.surface_box.setCurrentIndex(self.surface_box.findData(name))
        values = [(self.start_x, self.surface.start[0]), (self.start_y, self.surface.start[1])]
        values += [(self.rates[n], default_rate(self.surface, n)) for n in OPTIMIZERS]
        for box, value in values:
            box.blockSignals(True)
            box.setValue(value)
            box.blockSignals(False)
        (x0, x1), (y0, y1) = self.surface.bounds
        xs, ys = np.linspace(x0, x1, RESOLUTION), np.linspace(y0, y1, RESOLUTION)
        f = grid(self.surface, xs, ys)
        log = name in LOG_SCALE
        self.plot.show_grid(xs, ys, f - f.min() + 1e-3 if log else f, log=log)
        self.plot.set_labels("x", "y", bar="log₁₀ (f − min f + 0.001)" if log else "f(x, y)")
        self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        self.restart()

    def restart(self):
        """Every chosen optimizer back at the start, with its η; no steps."""
        self._stop()
        start = (self.start_x.value(), self.start_y.value())
        self.racers = {name: Racer(self.surface, OptimizerSettings(name), start,
                                   self.rates[name].value())
                       for name in OPTIMIZERS if self.checks[name].isChecked()}
        self.stopped = set()
        self.tables.clear()
        for name, racer in self.racers.items():
            self.tables.addTab(self._table(racer), name)
        self._draw()

    # -- stepping ----------------------------------------------------------------------------

    def step(self):
        """One update of every optimizer still in the race."""
        for name, racer in self.racers.items():
            if name in self.stopped:
                continue
            if not racer.step() or np.max(np.abs(racer.theta)) > FAR:
                self.stopped.add(name)
                continue
            self._add_row(self.tables.widget(list(self.racers).index(name)), racer, -1)
        steps = max((len(r.rows) - 1 for r in self.racers.values()), default=0)
        if len(self.stopped) == len(self.racers) or steps >= MAX_STEPS:
            self._stop()
        self._draw()

    def toggle_run(self):
        if self.timer.isActive():
            self._stop()
        else:
            self.timer.start()
            self.buttons["Run"].setText("Pause")

    def _stop(self):
        self.timer.stop()
        self.buttons["Run"].setText("Run")

    # -- tables and drawing ------------------------------------------------------------------

    def _table(self, racer):
        state = [f"{slot}_{axis}" for slot in racer.settings.slots for axis in "xy"]
        table = QTableWidget(0, 5 + len(state))
        table.setHorizontalHeaderLabels(["x", "y", "f", "∂f/∂x", "∂f/∂y", *state])
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        for k in range(len(racer.rows)):
            self._add_row(table, racer, k)
        return table

    def _add_row(self, table, racer, k):
        """Row k of the racer (−1: its last): the point, f, ∇f and the state after step k."""
        k = k % len(racer.rows)
        values = list(racer.rows[k]) + list(racer.states[k].ravel())
        table.insertRow(k)
        for c, value in enumerate(values):
            item = QTableWidgetItem(f"{value:.4f}")
            item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            table.setItem(k, c, item)
        table.setVerticalHeaderItem(k, QTableWidgetItem(str(k)))
        table.scrollToBottom()

    def table_text(self, name):
        table = self.tables.widget(list(self.racers).index(name))
        return [[table.item(r, c).text() for c in range(table.columnCount())]
                for r in range(table.rowCount())]

    def _draw(self):
        self.legend.clear()
        for name in OPTIMIZERS:
            racer = self.racers.get(name)
            path, arrow = self.paths[name], self.arrows[name]
            if racer is None:
                path.setData([], [])
                arrow.setData([], [])
                continue
            rows = np.array(racer.rows)
            path.setData(rows[:, 0], rows[:, 1])
            self.legend.addItem(path, f"{name}  η = {racer.learning_rate:g}"
                                      + ("  (diverged)" if name in self.stopped else ""))
            d = arrow_of(racer)
            x, y = racer.theta
            arrow.setData(*(([x, x + d[0]], [y, y + d[1]]) if d is not None else ([], [])))
        where = "; ".join(f"{name} f = {racer.rows[-1][2]:.4g}"
                          for name, racer in self.racers.items())
        steps = max((len(r.rows) - 1 for r in self.racers.values()), default=0)
        self.caption.setText(
            f"f = {self.surface.formula}, step {steps}: {where}. Dotted: the velocity −η·v "
            f"(momentum, Nesterov) and Adam's −η·m̂ from where each one is.")
