"""Each hidden neuron's output over the input plane, as a small map inside its circle (TensorFlow
Playground's signature view), for networks with two inputs.

The maps are computed in the grid thread (descent/grid_job.py), at most 4 times a second and
only when the step or the experiment changed; the GUI thread only places one ImageItem per
hidden neuron. Colours are the graph's own `out` scale (white → green over the activation's
range), with x1 to the right and x2 upwards, over the data's range.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, QRectF, QTimer, Slot

import pyqtgraph as pg

from mlpviz.core.neuron_maps import neuron_maps

from .. import colors

TICK_MS = 100
MIN_INTERVAL = 0.25  # seconds between two computations: at most 4 maps a second
MIN_ROWS = 10  # shown by default when the training data is a plane of points, not a few rows
MAX_NEURONS = 256  # beyond this the circles are too small to hold a map
Z = 4.5  # above the neurons' fill, below the selection ring


def data_bounds(experiment):
    """((x1 low, high), (x2 low, high)): the training and test inputs with 10 % to spare."""
    tables = [t for t in (experiment.train, experiment.test) if t is not None]
    inputs = np.vstack([t.values[:, :2] for t in tables])
    bounds = []
    for k in range(2):
        low, high = float(inputs[:, k].min()), float(inputs[:, k].max())
        pad = 0.1 * (high - low) if high > low else 0.5
        bounds.append((low - pad, high + pad))
    return tuple(bounds)


def sequential_lut():
    return np.array([c.getRgb()[:3] for c in colors.sequential_colors()], dtype=np.ubyte)


class NeuronMaps(QObject):
    """Follows the model and draws the maps into the NetworkView `view`."""

    def __init__(self, view, model, job):
        """`job`: a descent.grid_job.GridJob (the grid thread), given by the window."""
        super().__init__(view)
        self.view, self.model = view, model
        self.enabled = None  # None: the default for the experiment (see MIN_ROWS)
        self.items = []  # [(layer, neuron, ImageItem)]
        self.maps = None  # the last maps drawn: list per hidden layer of (n_l, R, R)
        self.drawn_key = None
        self.job = job
        job.min_interval = MIN_INTERVAL
        self.lut = sequential_lut()
        model.replaced.connect(self.rebuild)
        model.edited.connect(self.rebuild)
        view.vb.sigRangeChanged.connect(self.place)
        view.vb.sigResized.connect(self.place)
        self.timer = QTimer(self, interval=TICK_MS)
        self.timer.timeout.connect(self.tick)

    def available(self):
        e = self.model.experiment
        return (e is not None and e.train is not None and e.config.inputNodes == 2
                and len(e.config.sizes) > 2 and sum(e.config.sizes[1:-1]) <= MAX_NEURONS)

    def shown(self):
        if not self.available():
            return False
        if self.enabled is None:
            return len(self.model.experiment.train.values) >= MIN_ROWS
        return self.enabled

    def set_enabled(self, on):
        self.enabled = bool(on)
        self.rebuild()

    @Slot()
    def rebuild(self):
        """New items for the network now shown (or none); the timer runs only while there are."""
        for _, _, item in self.items:
            self.view.vb.removeItem(item)
        self.items, self.maps, self.drawn_key = [], None, None
        self.job.cancel()
        if not self.shown():
            self.timer.stop()
            return
        self.timer.start()
        sizes = self.model.config.sizes
        for l in range(1, len(sizes) - 1):
            for j in range(sizes[l]):
                item = pg.ImageItem()
                item.setZValue(Z)
                item.setLookupTable(self.lut)
                self.view.vb.addItem(item)
                self.items.append((l, j, item))

    def tick(self):
        if not self.items or self.model.snapshot is None:
            return
        result = self.job.take()
        if result is not None:
            self.draw(*result)
        snapshot = self.model.snapshot
        key = (snapshot.step, id(self.model.experiment), hash(snapshot.params.tobytes()))
        if self.job.ready(key):
            experiment = self.model.experiment
            self.job.submit(key, _compute, experiment, experiment.network(snapshot.params), key)

    def draw(self, key, maps, ranges):
        if len(maps) != len(self.model.config.sizes) - 2:
            return  # computed for a shape that is gone
        self.maps, self.drawn_key = maps, key
        for l, j, item in self.items:
            if j >= maps[l - 1].shape[0]:
                continue
            # ImageItem's first axis is x: columns of the map are x1; rows (x2) upwards on a
            # graph whose y axis points down
            item.setImage(maps[l - 1][j].T[:, ::-1], levels=ranges[l - 1], autoLevels=False)
        self.place()

    @Slot()
    def place(self, *_):
        """Each map as the square inside its neuron's circle."""
        view = self.view
        if not self.items or view.sizes is None or not hasattr(view, "_layer_px"):
            return
        ppx, ppy = view._pixels_per_unit()
        for l, j, item in self.items:
            if l >= len(view.sizes) - 1 or j >= view.sizes[l]:
                continue
            side = view._layer_px[l] / np.sqrt(2) * 0.96
            x, y = view._neuron_xy[l][j]
            w, h = side / ppx, side / ppy
            item.setRect(QRectF(x - w / 2, y - h / 2, w, h))


def _compute(experiment, network, key, cancelled):
    """The maps and each layer's colour range (runs in the grid thread)."""
    maps = neuron_maps(experiment, network, data_bounds(experiment))
    ranges = [colors.activation_range(network.activation(l), m) for l, m in
              enumerate(maps, start=1)]
    return key, maps, ranges
