"""The two-parameter slice: the training loss over two chosen weights or biases, every other
parameter at its current value, with the run's path in those two coordinates on top.

The two parameters are chosen from lists (named as the math panel names them), or by clicking
in the graph: with "follow clicks" on, the slice shows the last two weights or biases clicked.
The grid is computed in the grid thread at a limited rate; the path is redrawn at every tick.
Optimizers race on this loss from the parameters shown (landscape_view.py): their paths are drawn
in the two chosen coordinates, over the slice through the race's start.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QSpinBox

from mlpviz.core.landscape import parameter_at, slice_grid
from mlpviz.core.network import parameter_layout

from .heat_plot import prepare
from .landscape_view import LandscapeView

MAX_LISTED = 2000  # parameters offered in the lists (a clicked one is added when missing)


def parameter_name(names, index):
    l, node, source = parameter_at(names.sizes, index)
    return names.bias(l, node) if source is None else names.weight(l, node, source)


def default_pair(sizes):
    """The first two weights into the output layer (w5, w6 in the worked example)."""
    w_off, b_off, _ = parameter_layout(sizes)
    first = w_off[-1]
    return (first, first + 1) if b_off[-1] - first >= 2 else (first, b_off[-1])


def slice_range(path, current, span):
    """(centre, half-width) per axis: current ± span, widened to hold the whole path."""
    low = np.minimum(path.min(axis=0), current - span) if len(path) else current - span
    high = np.maximum(path.max(axis=0), current + span) if len(path) else current + span
    pad = 0.05 * (high - low)
    return (low + high) / 2, (high - low) / 2 + pad


class SliceView(LandscapeView):
    def __init__(self, parent=None):
        super().__init__(min_interval=0.3, parent=parent)
        self.pair = (0, 1)
        self._path_drawn = None  # (points, step, pair) of the path drawn last
        self.x_box, self.y_box = QComboBox(), QComboBox()
        for box in (self.x_box, self.y_box):
            box.setMaxVisibleItems(20)
            box.activated.connect(self._on_boxes)
        self.follow = QCheckBox("follow clicks", checked=True)
        self.follow.setToolTip("Clicking a weight or bias in the graph makes it the vertical "
                               "axis; the previous one moves to the horizontal axis")
        self.span = QDoubleSpinBox(decimals=2, minimum=0.01, maximum=1000.0, value=1.0,
                                   singleStep=0.5, prefix="± ")
        self.span.setToolTip("The range around the current values (widened to hold the path)")
        self.resolution = QSpinBox(minimum=11, maximum=201, value=61, singleStep=10,
                                   suffix=" × same")
        self.resolution.setToolTip("Grid points along each axis")
        for box in (self.span, self.resolution):
            box.valueChanged.connect(self._invalidate)
        self.assemble([["x", self.x_box, "y", self.y_box, self.follow, "range", self.span,
                        "grid", self.resolution], self.race_row()], self.plot)

    # -- the experiment and the choice of parameters ------------------------------------------

    def reset(self, state):
        super().reset(state)
        count = state.params.size
        names = [parameter_name(state.names, k) for k in range(min(count, MAX_LISTED))]
        for box in (self.x_box, self.y_box):
            box.clear()
            for k, name in enumerate(names):
                box.addItem(name, k)
        self.set_pair(*default_pair(state.names.sizes))

    def set_pair(self, i, j):
        """Show the slice over θ_i (horizontal) and θ_j (vertical)."""
        self.pair = (int(i), int(j))
        for box, index in zip((self.x_box, self.y_box), self.pair):
            at = box.findData(index)
            if at < 0:
                box.addItem(parameter_name(self.state.names, index), index)
                at = box.count() - 1
            box.setCurrentIndex(at)
        x, y = (parameter_name(self.state.names, k) for k in self.pair)
        self.plot.set_labels(x, y)
        self._invalidate()
        self.race_moved()

    def pick(self, index):
        """A weight or bias was clicked: it becomes y, the previous y becomes x."""
        if self.state is None or not self.follow.isChecked() or index == self.pair[1]:
            return
        self.set_pair(self.pair[1], index)

    def _on_boxes(self):
        i, j = self.x_box.currentData(), self.y_box.currentData()
        if i is not None and j is not None and (i, j) != self.pair:
            self.set_pair(i, j)

    def _invalidate(self):
        super()._invalidate()
        self._path_drawn = None
        self.plot.blank()

    # -- the race in the two coordinates -------------------------------------------------------

    def coords(self, points):
        return np.asarray(points)[:, list(self.pair)]

    def along(self, direction):
        return direction[list(self.pair)]

    def race_moved(self):
        self.race_paths.draw(self.race_lines())

    # -- drawing ---------------------------------------------------------------------------------

    def path(self):
        """The recorded trajectory in the two chosen coordinates."""
        points = self.state.trajectory.points
        return points[:, list(self.pair)] if len(points) else np.empty((0, 2))

    def tick(self):
        """Draw a finished grid, start a new one if the run moved, redraw the path."""
        if self.state is None:
            return
        result = self.job.take()
        if result is not None:
            self._draw_grid(*result)
        path = self.path()
        drawn = (len(path), self.state.step, self.pair)
        if len(path) and drawn != self._path_drawn:  # redraw only what changed
            self.plot.show_path(path[:, 0], path[:, 1])
            self._path_drawn = drawn
        race = self.race
        key = (self.state.step, self.pair, self.span.value(), self.resolution.value(),
               None if race is None else (id(race), race.steps))
        if self.job.ready(key):
            s = self.state
            base = s.params if race is None else race.start  # the slice passes through it
            shown = np.vstack([path, self.race_points()]) if race is not None else path
            centre, half = slice_range(shown, base[list(self.pair)], self.span.value())
            self.job.submit(key, self._compute, s.network(base), s.X, s.Z, s.loss, self.pair,
                            centre, half, self.resolution.value(),
                            s.step if race is None else race.start_step, key)

    @staticmethod
    def _compute(network, X, Z, loss, pair, centre, half, resolution, step, key, cancelled):
        with np.errstate(all="ignore"):  # a diverged run's landscape is drawn, not warned about
            grid = slice_grid(network, X, Z, loss, pair[0], pair[1], centre, half, resolution,
                              cancelled)
            if grid is None:
                return None
            return grid, network.loss(X, Z, loss), step, pair, prepare(grid.xs, grid.ys,
                                                                        grid.loss, log=True), key

    def _draw_grid(self, grid, current_loss, step, pair, prepared, key):
        if pair != self.pair:
            return
        self.grid, self.grid_key = grid, key  # (grid_key: what the grid drawn was computed for)
        self.plot.show_prepared(prepared)
        x, y = (parameter_name(self.state.names, k) for k in pair)
        self.current_loss = current_loss
        where, racing = "at the red point", ""
        if self.race is not None:
            where = "where the race started"
            racing = (f" The optimizers race from there (full-batch steps), each path in its "
                      f"colour: every parameter moves, so the racers leave this slice.")
        self.caption.setText(
            f"Training loss ({self.state.loss}) over {x} and {y}, every other parameter at its "
            f"value after step {step}: {current_loss:.6g} {where}. The path is where "
            f"{x} and {y} went; the square is where they started.{racing}")
