"""The gradient-descent views as tabs (of the dock in dock.py): the two-parameter slice, the trajectory plane,
the output over the inputs, and the textbook surfaces.

It follows the window's model (`follow`): every snapshot shown (`show_snapshot`), which records the trajectory;
a timer of its own lets only the visible tab draw, each at its own limited rate, so hidden
views cost nothing and no view works per training step.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QTimer, Slot
from PySide6.QtWidgets import QTabWidget

from mlpviz.core.explain import Names
from mlpviz.core.landscape import Trajectory
from mlpviz.core.network import parameter_layout

from .descent_look import DescentLook
from .output_view import OutputView
from .plane_view import PlaneView
from .slice_view import SliceView
from .race_view import RaceView
from .surface_view import SurfaceView

TICK_MS = 100

# The views in tab order: name → (class, tab title). The dock builds them one at a time.
PARTS = {"slice": (SliceView, "Slice"), "plane": (PlaneView, "Trajectory plane"),
         "output": (OutputView, "Output"), "surfaces": (SurfaceView, "Surfaces"),
         "race": (RaceView, "Optimizer race")}  # race: optimizers on the textbook surfaces


@dataclass
class RunState:
    """What the views read about the run: the experiment, its normalized data, the newest
    parameters shown and the trajectory recorded so far."""

    experiment: object
    X: np.ndarray
    Z: np.ndarray
    loss: str
    names: Names
    trajectory: Trajectory
    params: np.ndarray
    step: int = 0

    def network(self, params=None):
        return self.experiment.network(self.params if params is None else params)


class DescentViews(QTabWidget):
    def __init__(self, parts=None, parent=None):
        """`parts`: views already built, by name (PARTS); the others are built here."""
        super().__init__(parent)
        self.state = None
        self.trajectory = Trajectory()
        parts = dict(parts or {})
        for name, (kind, title) in PARTS.items():
            view = parts.get(name) or kind()
            setattr(self, name, view)
            self.addTab(view, title)
        self.look = DescentLook(self)
        self.timer = QTimer(self, interval=TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def follow(self, model):
        """Redraw from the model: a new run, each snapshot shown, a weight or bias selected."""
        model.replaced.connect(lambda: self.reset(model.experiment, model.trainer))
        model.edited.connect(lambda: self.reset(model.experiment, model.trainer))
        model.stepped.connect(self.show_snapshot)
        model.selection_changed.connect(self.on_selected)

    def reset(self, experiment, trainer):
        """A new experiment (or the same one from step 0): forget the trajectory."""
        c = experiment.config
        self.trajectory.clear()
        params = np.array(experiment.initial_params, dtype=float)
        self.state = RunState(experiment, trainer.X, trainer.Z, trainer.loss,
                              Names.of(c.sizes, c.inputNodeLabels, c.outputNodeLabels),
                              self.trajectory, params, 0)
        self.trajectory.append(0, params)
        for view in (self.slice, self.plane, self.output):
            view.reset(self.state)

    def show_snapshot(self, snapshot):
        """The window shows this snapshot: record it (a step back drops the later points)."""
        if self.state is None:
            return
        self.trajectory.append(snapshot.step, snapshot.params)
        self.state.params, self.state.step = snapshot.params, snapshot.step

    def set_look(self, presentation=False, text_pt=None, zoom=1.0):
        """Presentation mode (its text `text_pt`) and the font zoom: the plots' numbers and
        labels, the controls and captions (descent_look.py)."""
        self.look.set(presentation, text_pt, zoom)

    def truncate(self, step):
        """The run was rewound to `step`: forget the trajectory after it."""
        self.trajectory.truncate(step)

    @Slot(object)
    def on_selected(self, selection):
        """A click in the graph: a weight or bias becomes one of the slice's two parameters."""
        if selection is None or self.state is None or selection.kind not in ("weight", "bias"):
            return
        self.slice.pick(self.param_index(selection))

    def param_index(self, selection):
        """The flat parameter index of a weight or bias selection."""
        sizes = self.state.names.sizes
        w_off, b_off, _ = parameter_layout(sizes)
        l = selection.layer
        if selection.kind == "bias":
            return b_off[l] + selection.node
        return w_off[l] + selection.node * sizes[l - 1] + selection.source

    def hideEvent(self, event):
        """Hidden (the dock closed, or the window): stop what the grid thread is computing."""
        for view in (self.slice, self.plane, self.output):
            view.job.cancel()
        super().hideEvent(event)

    @Slot()
    def tick(self):
        """Let the visible view draw (and start a grid if its inputs changed)."""
        if not self.isVisible():
            return
        view = self.currentWidget()
        if hasattr(view, "tick"):
            view.tick()
