"""Gradient descent on textbook surfaces: f(x, y) as contours, the steps taken, the next step's
arrow −η∇f at the current point, and the cheat sheet's table of every step beside the plot.

The start point and η are the user's (click the plot to start there); Step takes one update,
Run takes one every descent_view.RUN_INTERVAL_MS until paused, or until f is no longer a finite number.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QAbstractItemView, QDoubleSpinBox, QHeaderView, QSplitter,
                               QTableWidget, QTableWidgetItem)

import pyqtgraph as pg

from mlpviz.core.surfaces import SURFACES, cheat_sheet_table, descend

from .heat_plot import FONT_PT
from .textbook_view import FAR, TextbookView

MAX_STEPS = 5000  # a run stops here; the table keeps every row
COLUMNS = ["x", "∂f/∂x", "x new", "y", "∂f/∂y", "y new", "f new"]
HEAD_PX = 22  # the arrow head's length on screen, smaller for steps shorter than 2.5 heads
ARROW_COLOR = "#ffffff"


def arrow_angle(dx, dy):
    """pyqtgraph ArrowItem angle (degrees, on screen) for an arrow pointing along (dx, dy).

    ArrowItem points left at angle 0 and turns clockwise on screen, where y grows downward.
    """
    return math.degrees(math.atan2(dy, -dx))


class SurfaceView(TextbookView):
    def __init__(self, parent=None):
        super().__init__("bowl", parent)
        self.rows = np.empty((0, 5))
        self.rate = QDoubleSpinBox(decimals=4, minimum=0.0001, maximum=10.0, singleStep=0.01,
                                   prefix="η = ")
        self.rate.valueChanged.connect(self.restart)
        # the arrow: a white line on a black casing, visible on every colour of the map
        self.step_casing = pg.PlotDataItem(pen=pg.mkPen("k", width=6))
        self.step_line = pg.PlotDataItem(pen=pg.mkPen(ARROW_COLOR, width=3))
        self.arrow_head = pg.ArrowItem(headLen=22, tipAngle=40, brush=ARROW_COLOR,
                                       pen=pg.mkPen("k", width=1.5))
        for z, item in enumerate((self.step_casing, self.step_line, self.arrow_head)):
            self.plot.addItem(item)
            item.setZValue(10 + z)  # above the path and the current point
        self.table = self._make_table()
        split = QSplitter(Qt.Horizontal)
        split.addWidget(self.plot)
        split.addWidget(self.table)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        self.assemble([[self.surface_box, self.rate, self.start_x, self.start_y,
                        *self.buttons.values()]], split)
        self.choose("bowl")

    @staticmethod
    def _make_table():
        table = QTableWidget(0, len(COLUMNS))
        table.setHorizontalHeaderLabels(COLUMNS)
        table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeaderItem(6).setToolTip("f(x new, y new)")
        font = QFont("monospace")
        font.setStyleHint(QFont.Monospace)
        font.setPointSize(FONT_PT - 1)
        table.setFont(font)
        table.setMinimumWidth(520)
        return table

    # -- the surface and the start -----------------------------------------------------------

    def choose(self, name):
        """Show surface `name` with its usual start and η."""
        self.show_surface(name, [(self.rate, SURFACES[name].learning_rate)])
        self.restart()

    def restart(self):
        """Back to the start point: one row, no steps."""
        self.rows = descend(self.surface, self.start, self.rate.value(), 0)
        self.table.setRowCount(0)
        self._add_table_rows(0)
        self._draw()

    # -- stepping ----------------------------------------------------------------------------

    def step(self):
        """One update (x, y) ← (x, y) − η ∇f(x, y)."""
        x, y = self.rows[-1, :2]
        after = descend(self.surface, (x, y), self.rate.value(), 1)[1]
        why = None
        if not np.all(np.isfinite(after)) or np.max(np.abs(after[:2])) > FAR:
            why = "diverged: the point left the surface far behind — try a smaller η"
        elif len(self.rows) > MAX_STEPS:
            why = f"stopped after {MAX_STEPS} steps"
        if why:
            self._stop(why)
            return
        self.rows = np.vstack([self.rows, after])
        self._add_table_rows(len(self.rows) - 1)
        self._draw()

    # -- drawing -----------------------------------------------------------------------------

    def _add_table_rows(self, first):
        table = cheat_sheet_table(self.rows)
        for r in range(first, len(table)):
            self.table.insertRow(r)
            for c, value in enumerate(table[r]):
                text = "" if value is None else f"{value:.4f}"
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(r, c, item)
        self.table.setVerticalHeaderLabels([str(r) for r in range(self.table.rowCount())])
        self.table.selectRow(self.table.rowCount() - 1)  # the current step stands out
        self.table.scrollToBottom()

    def table_text(self):
        """The table as text rows (what the user reads)."""
        return [[self.table.item(r, c).text() for c in range(self.table.columnCount())]
                for r in range(self.table.rowCount())]

    def _head_px(self, dx, dy):
        """The arrow head's length in pixels: HEAD_PX, or less for a step short on screen."""
        px, py = self.plot.getPlotItem().vb.viewPixelSize()
        length = math.hypot(dx / px, dy / py) if px > 0 and py > 0 else 0.0
        return min(HEAD_PX, length / 2.5)

    def _draw(self):
        x, y, f, gx, gy = self.rows[-1]
        self.plot.show_path(self.rows[:, 0], self.rows[:, 1])
        eta = self.rate.value()
        dx, dy = -eta * gx, -eta * gy
        if math.hypot(dx, dy) > 0:
            self.step_line.setData([x, x + dx], [y, y + dy])
            self.step_casing.setData([x, x + dx], [y, y + dy])
            self.arrow_head.setPos(x + dx, y + dy)
            self.arrow_head.setStyle(angle=arrow_angle(dx, dy), headLen=self._head_px(dx, dy))
            self.arrow_head.setVisible(self._head_px(dx, dy) >= 6)
        else:
            self.step_line.setData([], [])
            self.step_casing.setData([], [])
            self.arrow_head.hide()
        self.caption.setText(
            f"f = {self.surface.formula}.  Step {len(self.rows) - 1}: (x, y) = ({x:.4f}, {y:.4f}), "
            f"f = {f:.4f}, ∇f = ({gx:.4f}, {gy:.4f}); the white arrow is the next step "
            f"−η∇f = ({dx:.4f}, {dy:.4f}). Click the plot to start somewhere else.")
