"""The Data tab: generate one of TensorFlow Playground's datasets, see it, open an experiment on it.

The form (dataset, noise, points, test fraction, seed) redraws the preview at once; Open hands
the experiment (core/playground.py: a network and settings that suit the shape) to whoever
listens to `chosen`. Nothing here trains or touches the open experiment.
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout,
                               QWidget)

import pyqtgraph as pg

from mlpviz.core.datasets import KINDS, MAX_POINTS, generate
from mlpviz.core.errors import InputError
from mlpviz.core.playground import DESCRIPTIONS, dataset_config, dataset_experiment

from ..class_colors import class_colour

PREVIEW_POINTS = 2000  # the preview draws at most this many (the experiment gets them all)
NAMES = {"circle": "Circle", "xor": "Exclusive or", "gaussians": "Two Gaussians",
         "spiral": "Spiral", "moons": "Two moons", "plane": "Plane (regression)",
         "bumps": "Bumps (regression)"}


class DataTab(QWidget):
    chosen = Signal(object)  # a core Experiment on the generated data, to open

    def __init__(self, parent=None):
        super().__init__(parent)
        self.dataset = None
        self.kind_box = QComboBox()
        for kind in KINDS:
            self.kind_box.addItem(NAMES[kind], kind)
        self.kind_box.setCurrentIndex(KINDS.index("spiral"))
        self.noise_box = _spin(0, 100, 0, " %", "Gaussian noise on each input (classes) or on y "
                               "(regression); 20 % is a standard deviation of 0.05")
        self.points_box = _spin(2, MAX_POINTS, 200, "", "rows in all, training and test")
        self.points_box.setSingleStep(50)
        self.test_box = _spin(0, 90, 0, " %", "the share of the points kept apart as a test set")
        self.seed_box = _spin(0, 2**31 - 1, 0, "", "the same seed gives the same points")
        form = QFormLayout()
        form.addRow("Dataset", self.kind_box)
        form.addRow("Noise", self.noise_box)
        form.addRow("Points", self.points_box)
        form.addRow("Test", self.test_box)
        form.addRow("Seed", self.seed_box)
        self.preview = pg.PlotWidget(background="w")
        self.preview.getPlotItem().setMenuEnabled(False)
        self.preview.setMouseEnabled(False, False)
        self.preview.setAspectLocked(True)
        self.preview.setXRange(-1.3, 1.3, padding=0)
        self.preview.setYRange(-1.3, 1.3, padding=0)
        self.preview.setMinimumSize(220, 220)
        self.train_points = pg.ScatterPlotItem(size=7, pen=pg.mkPen((40, 40, 40, 160)))
        self.test_points = pg.ScatterPlotItem(size=8, symbol="s", pen=pg.mkPen("k", width=1.5))
        self.preview.addItem(self.train_points)
        self.preview.addItem(self.test_points)
        self.about = QLabel(wordWrap=True, textFormat=Qt.RichText)
        self.open_button = QPushButton("Open this experiment")
        self.open_button.setToolTip("Train a network on these points (replaces the open "
                                    "experiment)")
        self.open_button.clicked.connect(self.open_experiment)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.about)
        layout.addWidget(self.open_button, 0, Qt.AlignLeft)
        self.kind_box.currentIndexChanged.connect(self.regenerate)
        for box in (self.noise_box, self.points_box, self.test_box, self.seed_box):
            box.valueChanged.connect(self.regenerate)
        self.regenerate()

    @property
    def kind(self):
        return self.kind_box.currentData()

    def settings(self):
        return dict(kind=self.kind, points=self.points_box.value(),
                    noise=self.noise_box.value() / 100,
                    test_fraction=self.test_box.value() / 100, seed=self.seed_box.value())

    def regenerate(self):
        """Generate the dataset the form describes and draw it."""
        try:
            self.dataset = generate(**self.settings())
        except InputError as e:  # e.g. so many test points that none is left to train on
            self.dataset = None
            self.about.setText(html.escape(e.message))
            self.open_button.setEnabled(False)
            return
        self.open_button.setEnabled(True)
        self._draw()
        config = dataset_config(self.kind)
        shape = "-".join(map(str, config.sizes))
        self.about.setText(
            f"{html.escape(DESCRIPTIONS[self.kind])}<br><i>Opens as {shape}, "
            f"{config.activationFunction} hidden neurons, {config.outputActivationFunction} "
            f"output, η {config.learningRate:g}, batches of {config.batchSize}, "
            f"{len(self.dataset.inputs)} training and {len(self.dataset.test_inputs)} test "
            f"points.</i>")

    def _draw(self):
        d = self.dataset
        for item, (x, target) in ((self.train_points, (d.inputs, d.targets)),
                                  (self.test_points, (d.test_inputs, d.test_targets))):
            x, target = x[:PREVIEW_POINTS], target[:PREVIEW_POINTS, 0]
            item.setData(x[:, 0], x[:, 1], brush=self._brushes(target))

    def _brushes(self, target):
        if self.dataset.classes:
            brushes = [pg.mkBrush(*class_colour(k)) for k in range(self.dataset.classes)]
            return [brushes[k] for k in target.astype(int)]
        cmap = pg.colormap.get("viridis")
        t = np.clip((target + 1) / 2, 0, 1)
        return [pg.mkBrush(c) for c in cmap.map(t, mode="qcolor")]

    def open_experiment(self):
        if self.dataset is not None:
            self.chosen.emit(dataset_experiment(self.dataset, self.seed_box.value()))


def _spin(low, high, value, suffix, tip):
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    box.setSuffix(suffix)
    box.setToolTip(tip)
    box.setKeyboardTracking(False)  # typing 150 does not generate 1, 15 and 150 points
    return box
