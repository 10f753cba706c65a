"""The textbook surfaces' common part (surface_view.py: one descent with its table; race_view.py:
optimizers racing): the choice of surface, the start point (boxes, or a click on the plot) and
f(x, y) drawn under the paths, on a log scale where its values span many orders of magnitude.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox

from mlpviz.core.surfaces import SURFACES, grid

from .descent_view import DescentView, set_quietly
from .heat_plot import HeatPlot

RESOLUTION = 201
LOG_SCALE = {"rosenbrock"}  # surfaces whose values span many orders of magnitude
FAR = 1e6  # a point this far out has diverged


class TextbookView(DescentView):
    def __init__(self, surface, parent=None):
        super().__init__(parent)
        self.surface = SURFACES[surface]
        self.surface_box = QComboBox()
        for name, s in SURFACES.items():
            self.surface_box.addItem(f"{name}: f = {s.formula}", name)
        self.surface_box.activated.connect(lambda: self.choose(self.surface_box.currentData()))
        self.start_x = QDoubleSpinBox(decimals=3, minimum=-100, maximum=100, singleStep=0.5,
                                      prefix="x₀ = ")
        self.start_y = QDoubleSpinBox(decimals=3, minimum=-100, maximum=100, singleStep=0.5,
                                      prefix="y₀ = ")
        for box in (self.start_x, self.start_y):
            box.valueChanged.connect(self.restart)
        self.plot = HeatPlot("f(x, y)")
        self.plot.setAspectLocked(True)
        self.plot.set_labels("x", "y")
        self.plot.scene().sigMouseClicked.connect(self._on_click)

    def choose(self, name):
        raise NotImplementedError

    def show_surface(self, name, values=()):
        """Surface `name` drawn, its usual start in the boxes, and (box, value) pairs set."""
        self.surface = SURFACES[name]
        self.surface_box.setCurrentIndex(self.surface_box.findData(name))
        values = [(self.start_x, self.surface.start[0]), (self.start_y, self.surface.start[1]),
                  *values]
        for box, value in values:
            set_quietly(box, value)
        (x0, x1), (y0, y1) = self.surface.bounds
        xs, ys = np.linspace(x0, x1, RESOLUTION), np.linspace(y0, y1, RESOLUTION)
        f = grid(self.surface, xs, ys)
        log = name in LOG_SCALE
        self.plot.show_grid(xs, ys, f - f.min() + 1e-3 if log else f, log=log)
        self.plot.set_labels("x", "y", bar="log₁₀ (f − min f + 0.001)" if log else "f(x, y)")
        self.plot.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)

    @property
    def start(self):
        return self.start_x.value(), self.start_y.value()

    def set_start(self, x, y):
        """Start again from (x, y)."""
        set_quietly(self.start_x, x)
        set_quietly(self.start_y, y)
        self.restart()

    def _on_click(self, event):
        if event.button() != Qt.LeftButton:
            return
        vb = self.plot.getPlotItem().vb
        if not vb.sceneBoundingRect().contains(event.scenePos()):
            return
        point = vb.mapSceneToView(event.scenePos())
        self.set_start(point.x(), point.y())
