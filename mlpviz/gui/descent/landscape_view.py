"""What the slice and the trajectory plane share: the network's loss drawn from the grid thread,
and optimizers racing on it (core/network_race.py) from the parameters shown.

The race row chooses the racers and their η; Step / Run / Restart (descent_view.py) move them
together, each path in its colour with a legend, the velocity (Adam's −η·m̂) as a dotted arrow.
A race starts from the parameters the window shows at Restart (or at the first Step); the run
itself is not touched. A subclass says where a point of parameter space is drawn (`coords`) and
which way a direction points on the plot (`along`), and redraws in `race_moved`.
"""

from __future__ import annotations

import numpy as np

from mlpviz.core.network_race import NetworkRace, default_rates

from .descent_view import DescentView
from .grid_job import GridJob
from .heat_plot import HeatPlot
from .race_parts import RacePaths, RacerPicker


class LandscapeView(DescentView):
    def __init__(self, min_interval, parent=None):
        super().__init__(parent)
        self.state = None
        self.race = None  # NetworkRace, from Restart (or the first Step) until a new experiment
        self.job = GridJob(min_interval=min_interval)
        self.plot = HeatPlot("log₁₀ loss")
        self.picker = RacerPicker(self)
        self.picker.changed.connect(self._on_racers)
        self.race_paths = RacePaths(self.plot, columns=len(self.picker.checks))
        for button, tip in ((self.step_button, "One full-batch step of every racer"),
                            (self.run_button, "Race: a step of every racer 5 times a second"),
                            (self.restart_button, "Every racer back to the parameters shown")):
            button.setToolTip(tip)

    def race_row(self):
        """The controls of the race, for a row of the subclass's layout."""
        return ["race", *self.picker.widgets(), *self.buttons.values()]

    def reset(self, state):
        """A new experiment (or the same from step 0): no grid, no race."""
        self.state = state
        self.job.cancel()
        self.plot.blank()
        self._stop()
        self.race = None
        self.picker.set_rates(default_rates(state.experiment.config))
        self.race_paths.draw({})

    def _invalidate(self):
        self.job.cancel()  # a grid for the old settings is not drawn

    # -- the race ----------------------------------------------------------------------------

    def restart(self):
        """The chosen optimizers at the parameters shown now; no steps yet."""
        self._stop()
        if self.state is not None:
            self._new_race()

    def _new_race(self):
        s = self.state
        self.race = NetworkRace(s.network(), s.X, s.Z, s.loss, s.experiment.config,
                                self.picker.chosen(), s.step)
        self.race_moved()

    def step(self):
        """One full-batch update of every racer still going (a race starts if there is none)."""
        if self.state is None:
            return
        if self.race is None:
            self._new_race()  # (not restart(): Run starts a race with its first step)
        race = self.race
        if not race.affordable:
            return self._stop(f"a race step needs the gradient over {len(race.X)} samples × "
                              f"{race.start.size} parameters per optimizer: too slow to race "
                              f"here; try a smaller network or data set")
        if race.steps >= race.max_steps:
            return self._stop(f"the race stops after {race.max_steps} steps; Restart")
        race.step()
        self.race_moved()
        if race.finished:
            self._stop("every racer diverged; try smaller η")

    def _on_racers(self):
        if self.race is not None:
            self.restart()

    def race_lines(self):
        """RacePaths.draw's lines: each racer's path in this view's coordinates."""
        if self.race is None:
            return {}
        lines = {}
        for name, racer in self.race.racers.items():
            xy = self.coords(racer.path)
            v = racer.velocity()
            note = "  (diverged)" if racer.diverged else ""
            lines[name] = (xy[:, 0], xy[:, 1],
                           f"{name}  η = {racer.learning_rate:g}  loss {racer.losses[-1]:.4g}"
                           + note if racer.losses else f"{name}  η = {racer.learning_rate:g}",
                           None if v is None else tuple(self.along(v)))
        return lines

    def race_points(self):
        """Every racer's points in this view's coordinates (for the range of a grid)."""
        if self.race is None:
            return np.empty((0, 2))
        return self.coords(self.race.all_points())

    def hideEvent(self, event):
        """Hidden (another tab, the dock closed): the race pauses, a hidden view costs nothing."""
        self._stop()
        super().hideEvent(event)

    def race_moved(self):
        raise NotImplementedError

    def coords(self, points):
        raise NotImplementedError

    def along(self, direction):
        raise NotImplementedError
