"""The trajectory plane: the recorded parameters projected on their first two principal
directions, over the training loss on that plane (Li et al. 2018), with the explained variance.

The current parameters are the origin (0, 0). Plane and grid are recomputed together in the
grid thread, at most about once a second, because the plane turns as the path grows.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from mlpviz.core.landscape import pca_plane, plane_grid

from .grid_job import GridJob
from .heat_plot import HeatPlot, prepare

# cells × samples × parameters of one plane grid, about a second of float64 work on one core
WORK_BUDGET = 2e9


def affordable_resolution(resolution, samples, parameters):
    """The grid resolution, lowered if a full grid would cost more than WORK_BUDGET."""
    cells = WORK_BUDGET / max(1, samples * parameters)
    return int(max(5, min(resolution, int(cells**0.5))))


class PlaneView(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.state = None
        self.job = GridJob(min_interval=1.0)
        self.plane = None
        self.resolution = QSpinBox(minimum=11, maximum=151, value=41, singleStep=10,
                                   suffix=" × same")
        self.resolution.setToolTip("Grid points along each axis (lowered for large networks)")
        self.resolution.valueChanged.connect(self._invalidate)
        self.variance = QLabel()
        self.caption = QLabel(wordWrap=True)
        self.plot = HeatPlot("log₁₀ loss")
        self.plot.set_labels("1st principal direction", "2nd principal direction")
        row = QHBoxLayout()
        row.addWidget(QLabel("grid"))
        row.addWidget(self.resolution)
        row.addSpacing(16)
        row.addWidget(self.variance, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.caption)

    def reset(self, state):
        self.state = state
        self.job.cancel()
        self.plane = None
        self.plot.blank()
        self.variance.setText("")
        self.caption.setText("Train a few steps: the plane needs a path of at least 3 points.")

    def _invalidate(self):
        self.job.cancel()  # a grid for the old settings is not drawn

    def tick(self):
        if self.state is None:
            return
        result = self.job.take()
        if result is not None:
            self._draw(*result)
        trajectory = self.state.trajectory
        if len(trajectory) < 3:
            return
        s = self.state
        resolution = affordable_resolution(self.resolution.value(), len(s.X), s.params.size)
        key = (int(trajectory.steps[-1]), len(trajectory), resolution)
        if self.job.ready(key):
            self.job.submit(key, self._compute, s.network(), trajectory.points.copy(),
                            trajectory.steps.copy(), s.X, s.Z, s.loss, resolution)

    @staticmethod
    def _compute(network, points, steps, X, Z, loss, resolution, cancelled):
        plane = pca_plane(points)
        grid = plane_grid(network, X, Z, loss, plane, resolution, cancelled=cancelled)
        if grid is None:
            return None
        return plane, grid, steps, prepare(grid.xs, grid.ys, grid.loss, log=True)

    def _draw(self, plane, grid, steps, prepared):
        self.plane, self.grid = plane, grid
        self.plot.show_prepared(prepared)
        self.plot.show_path(plane.coords[:, 0], plane.coords[:, 1])
        pc1, pc2 = plane.explained * 100
        self.variance.setText(f"explained variance: 1st direction {pc1:.1f} %, "
                              f"2nd {pc2:.1f} % (together {pc1 + pc2:.1f} %)")
        self.caption.setText(
            f"The path of steps {steps[0]}–{steps[-1]} ({len(steps)} recorded points) seen "
            f"from its own plane; the loss is on that plane around the current parameters "
            f"(the red point). Points off the plane are drawn where they project.")
