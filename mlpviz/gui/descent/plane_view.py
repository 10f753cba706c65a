"""The trajectory plane: the recorded parameters projected on their first two principal
directions, over the training loss on that plane (Li et al. 2018), with the explained variance.

The current parameters are the origin (0, 0). Plane and grid are recomputed together in the
grid thread, at most about once a second, because the plane turns as the path grows.
While optimizers race (landscape_view.py) the plane is the race's: the principal directions of
all the racers' points, with their common start at (0, 0), each path drawn on it in its colour.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QLabel, QSpinBox

from mlpviz.core.landscape import pca_plane, plane_grid

from .heat_plot import prepare
from .landscape_view import LandscapeView

# cells × samples × parameters of one plane grid, about a second of float64 work on one core
WORK_BUDGET = 2e9


def affordable_resolution(resolution, samples, parameters):
    """The grid resolution, lowered if a full grid would cost more than WORK_BUDGET."""
    cells = WORK_BUDGET / max(1, samples * parameters)
    return int(max(5, min(resolution, int(cells**0.5))))


class PlaneView(LandscapeView):
    def __init__(self, parent=None):
        super().__init__(min_interval=1.0, parent=parent)
        self.plane = None
        self._plane_of = None  # the race whose plane is drawn (None: the run's trajectory's)
        self.resolution = QSpinBox(minimum=11, maximum=151, value=41, singleStep=10,
                                   suffix=" × same")
        self.resolution.setToolTip("Grid points along each axis (lowered for large networks)")
        self.resolution.valueChanged.connect(self._invalidate)
        self.variance = QLabel()
        self.plot.set_labels("1st principal direction",
                             ("2nd principal direction", "2nd direction", "dir. 2"))
        self.assemble([["grid", self.resolution, 16, self.variance], self.race_row()],
                      self.plot)

    def reset(self, state):
        super().reset(state)
        self.plane, self._plane_of = None, None
        self.variance.setText("")
        self.caption.setText("Train a few steps: the plane needs a path of at least 3 points "
                             "(or race optimizers from here: Step).")

    # -- the race on the plane ---------------------------------------------------------------

    @property
    def racing(self):
        return self.race is not None and self.race.steps > 0

    def coords(self, points):
        return (np.asarray(points) - self.plane.origin) @ self.plane.directions.T

    def along(self, direction):
        return self.plane.directions @ direction

    def race_moved(self):
        """The paths on the race's plane drawn last (the plane itself turns with the next grid)."""
        if self.racing and self._plane_of is self.race:
            self.race_paths.draw(self.race_lines())
        elif not self.racing:
            self.race_paths.draw({})

    # -- grid and drawing --------------------------------------------------------------------

    def tick(self):
        if self.state is None:
            return
        result = self.job.take()
        if result is not None:
            self._draw(*result)
        s = self.state
        if self.racing:
            race = self.race
            points, steps, origin = race.all_points(), None, race.start
            key = ("race", id(race), race.steps)
        else:
            trajectory = s.trajectory
            if len(trajectory) < 3:
                return
            points, steps, origin = trajectory.points.copy(), trajectory.steps.copy(), None
            key = (int(trajectory.steps[-1]), len(trajectory))
        resolution = affordable_resolution(self.resolution.value(), len(s.X), s.params.size)
        key += (resolution,)
        if self.job.ready(key):
            self.job.submit(key, self._compute, s.network(), points, steps, origin, s.X, s.Z,
                            s.loss, resolution)

    @staticmethod
    def _compute(network, points, steps, origin, X, Z, loss, resolution, cancelled):
        plane = pca_plane(points, origin)
        grid = plane_grid(network, X, Z, loss, plane, resolution, cancelled=cancelled)
        if grid is None:
            return None
        return plane, grid, steps, prepare(grid.xs, grid.ys, grid.loss, log=True)

    def _draw(self, plane, grid, steps, prepared):
        self.plane, self.grid = plane, grid
        self._plane_of = self.race if steps is None else None
        self.plot.show_prepared(prepared)
        pc1, pc2 = plane.explained * 100
        self.variance.setText(f"explained variance: 1st direction {pc1:.1f} %, "
                              f"2nd {pc2:.1f} % (together {pc1 + pc2:.1f} %)")
        if steps is None:  # the race's plane
            self.plot.show_path([0.0], [0.0])
            self.race_paths.draw(self.race_lines())
            self.caption.setText(
                f"Optimizers racing from the parameters of step {self.race.start_step} (the "
                f"square, at (0, 0)), full-batch steps, each path in its colour, seen from the "
                f"plane of all their points; the loss is on that plane.")
            return
        self.race_paths.draw({})
        self.plot.show_path(plane.coords[:, 0], plane.coords[:, 1])
        self.caption.setText(
            f"The path of steps {steps[0]}–{steps[-1]} ({len(steps)} recorded points) seen "
            f"from its own plane; the loss is on that plane around the current parameters "
            f"(the red point). Points off the plane are drawn where they project.")
