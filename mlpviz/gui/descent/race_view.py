"""Optimizers racing on a textbook surface: SGD, momentum, Nesterov, RMSProp and Adam from the same
start, each at its own η, each path in its own colour (a legend names them), the velocity v (or
Adam's m̂) drawn as an arrow from where each one is, and a table per optimizer with its state
(SPEC section 12). Step and Run move them all together; core/surfaces.py's Racer does the steps
with core/optimizers.py, so the numbers are the engine's. Record… asks the window to record the
race as a GIF or MP4 (`record_requested`; gui/export/recording.py drives Step).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QPushButton, QSplitter,
                               QTableWidget, QTableWidgetItem, QTabWidget)

from mlpviz.core.optimizers import OptimizerSettings
from mlpviz.core.surfaces import Racer

from .race_parts import COLOURS, STARTERS, RacePaths, RacerPicker  # noqa: F401 (COLOURS, STARTERS: their home was here)
from .textbook_view import FAR, TextbookView

MAX_STEPS = 2000
ADAPTIVE_RATE = {"rosenbrock": 0.05}  # RMSProp's and Adam's η there (else 0.1): steps are ≈ η


def default_rate(surface, name):
    if name in ("rmsprop", "adam"):
        return ADAPTIVE_RATE.get(surface.name, 0.1)
    return surface.learning_rate


def arrow_of(racer):
    """(dx, dy) of the arrow drawn from the current point: −η·v for momentum and Nesterov,
    −η·m̂ for Adam; None for the others (they keep no velocity)."""
    v = racer.optimizer.velocity(racer.learning_rate)
    return None if v is None else (v[0], v[1])


class RaceView(TextbookView):
    record_requested = Signal()  # Record…: the window records the race (File ▸ Export's too)

    def __init__(self, parent=None):
        super().__init__("elongated bowl", parent)
        self.record_button = QPushButton("Record…")
        self.record_button.setToolTip("The race as an animated GIF or an MP4, a picture every "
                                      "few steps")
        self.record_button.clicked.connect(self.record_requested)
        self.racers = {}  # name → Racer, for the optimizers in the race
        self.stopped = set()  # names of those that diverged
        self.picker = RacerPicker(self)
        self.picker.changed.connect(self.restart)
        self.checks, self.rates = self.picker.checks, self.picker.rates
        self.race_paths = RacePaths(self.plot)
        self.legend = self.race_paths.legend
        self.paths, self.arrows = self.race_paths.paths, self.race_paths.arrows
        self.tables = QTabWidget()
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.plot)
        split.addWidget(self.tables)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        self.assemble([[self.surface_box, self.start_x, self.start_y, *self.buttons.values(),
                        self.record_button], self.picker.widgets()], split)
        self.choose("elongated bowl")

    def figure_widget(self):
        """What a figure or a recording of the race shows: the plot with its paths and legend."""
        return self.plot

    # -- the surface, the start, the racers ---------------------------------------------------

    def choose(self, name):
        """Race on surface `name` from its usual start, each optimizer at its usual η."""
        self.show_surface(name)
        self.picker.set_rates({n: default_rate(self.surface, n) for n in self.rates})
        self.restart()

    def restart(self):
        """Every chosen optimizer back at the start, with its η; no steps."""
        self._stop()
        self.racers = {name: Racer(self.surface, OptimizerSettings(name), self.start, rate)
                       for name, rate in self.picker.chosen().items()}
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
        self.race_paths.draw({
            name: (np.array(racer.rows)[:, 0], np.array(racer.rows)[:, 1],
                   f"{name}  η = {racer.learning_rate:g}"
                   + ("  (diverged)" if name in self.stopped else ""), arrow_of(racer))
            for name, racer in self.racers.items()})
        where = "; ".join(f"{name} f = {racer.rows[-1][2]:.4g}"
                          for name, racer in self.racers.items())
        steps = max((len(r.rows) - 1 for r in self.racers.values()), default=0)
        self.caption.setText(
            f"f = {self.surface.formula}, step {steps}: {where}. Dotted: the velocity −η·v "
            f"(momentum, Nesterov) and Adam's −η·m̂ from where each one is.")
