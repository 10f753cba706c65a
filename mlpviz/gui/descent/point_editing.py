"""Training points by hand on the output view: click adds a point of the chosen class (or, for
regression, with the chosen value y; on a one-input curve, at the height clicked), shift-click
one of the other class, right-click removes the training point under the cursor. Each is a change
by hand: a new branch of the run that Back undoes (core/edits.py)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QWidget

from mlpviz.core import edits

REACH_PX = 12  # a right-click removes the nearest training point this close, in pixels


class PointEditor(QObject):
    def __init__(self, view, model):
        super().__init__(view)
        self.view, self.model = view, model
        self.class_box = QComboBox()
        self.class_box.setToolTip("The class a click adds; shift-click adds the other one")
        self.value_box = QDoubleSpinBox(decimals=3, minimum=-1e6, maximum=1e6, singleStep=0.1)
        self.value_box.setToolTip("The target y a click adds")
        self.hint = QLabel()
        self.bar = QWidget()
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(16, 0, 0, 0)
        for widget in (QLabel("click adds"), self.class_box, self.value_box, self.hint):
            row.addWidget(widget)
        row.addStretch(1)
        top = view.layout().itemAt(0).layout()  # the "output [box]" row: no extra height
        top.insertWidget(top.count() - 1, self.bar)
        for plot in (view.heat, view.curve_plot):
            plot.getPlotItem().vb.setMenuEnabled(False)  # right-click removes a point instead
            plot.scene().sigMouseClicked.connect(
                lambda ev, plot=plot: self._on_click(plot, ev))
        model.replaced.connect(self.follow)
        model.edited.connect(self.follow)
        if model.experiment is not None:
            self.follow()

    def follow(self):
        """Offer the classes (or a value) of the experiment now open."""
        experiment = self.model.experiment
        c, classes = experiment.config, experiment.classes
        usable = c.inputNodes in (1, 2) and experiment.train is not None
        self.bar.setVisible(usable)
        chosen = self.class_box.currentIndex()
        self.class_box.clear()
        if classes is not None:
            self.class_box.addItems([f"class {name}" for name in classes.names])
            self.class_box.setCurrentIndex(max(0, min(chosen, classes.count - 1)))
        self.class_box.setVisible(classes is not None)
        self.value_box.setVisible(classes is None and c.inputNodes == 2)
        other = "shift-click: the other class; " if classes is not None else ""
        where = "at the height clicked; " if classes is None and c.inputNodes == 1 else ""
        self.hint.setText(f"{where}{other}right-click removes one; Back undoes")

    def _on_click(self, plot, ev):
        if not self.bar.isVisible():
            return
        point = plot.getPlotItem().vb.mapSceneToView(ev.scenePos())
        button = ev.button()
        if button not in (Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton) or ev.double():
            return
        ev.accept()
        self.click(point.x(), point.y(), button, ev.modifiers(), plot)

    def click(self, x, y, button=Qt.MouseButton.LeftButton,
              modifiers=Qt.KeyboardModifier.NoModifier, plot=None):
        """What a click at (x, y) in the plot's data units does."""
        experiment = self.model.experiment
        one_input = experiment.config.inputNodes == 1
        if button == Qt.MouseButton.RightButton:
            index = self.nearest(x, y, plot or (self.view.curve_plot if one_input
                                                else self.view.heat))
            if index is not None:
                self.model.apply(lambda e, p: edits.remove_points(e, p, [index]))
            return
        classes = experiment.classes
        if classes is not None:
            k = max(0, self.class_box.currentIndex())
            if modifiers & Qt.KeyboardModifier.ShiftModifier:
                k = (k + 1) % classes.count
            row = [x, k] if one_input else [x, y, k]
        else:
            row = [x, y] if one_input else [x, y, self.value_box.value()]
        self.model.apply(lambda e, p: edits.add_points(e, p, [row]))

    def nearest(self, x, y, plot):
        """The index of the training point nearest (x, y), if within REACH_PX pixels."""
        e = self.model.experiment
        n_in = e.config.inputNodes
        values = e.train.values
        if n_in == 1:
            points = np.column_stack([values[:, 0], values[:, n_in]])
        else:
            points = values[:, :2]
        pixel = plot.getPlotItem().vb.viewPixelSize()
        sx, sy = (pixel if pixel[0] > 0 and pixel[1] > 0 else (1.0, 1.0))
        d2 = ((points[:, 0] - x) / sx) ** 2 + ((points[:, 1] - y) / sy) ** 2
        k = int(np.argmin(d2))
        return k if d2[k] <= REACH_PX**2 else None
