"""Textbook surfaces f(x, y) for watching gradient descent, starting with the cheat sheet's warm-up.

Each surface is f and its gradient ∇f, both written out. descend() takes the steps
(x, y) ← (x, y) − η ∇f(x, y) and records every point with its value and gradient; race() does
the same with any optimizer of optimizers.py (momentum, Adam, …) and records its state too, so
several optimizers can run side by side from the same start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .optimizers import Optimizer, OptimizerSettings


@dataclass(frozen=True)
class Surface:
    name: str
    formula: str
    f: Callable
    gradient: Callable
    start: tuple
    learning_rate: float
    bounds: tuple = ((-5.0, 5.0), (-5.0, 5.0))  # the (x, y) range a plot of it shows


SURFACES = {
    "bowl": Surface("bowl", "x² + y²", lambda x, y: x**2 + y**2,
                    lambda x, y: (2 * x, 2 * y), (3.0, 4.0), 0.1),
    "elongated bowl": Surface("elongated bowl", "x² + 10·y²", lambda x, y: x**2 + 10 * y**2,
                              lambda x, y: (2 * x, 20 * y), (-4.0, 1.5), 0.09,
                              ((-5.0, 5.0), (-2.5, 2.5))),
    "saddle": Surface("saddle", "x² − y²", lambda x, y: x**2 - y**2,
                      lambda x, y: (2 * x, -2 * y), (3.0, 0.01), 0.1,
                      ((-4.0, 4.0), (-4.0, 4.0))),
    "rosenbrock": Surface("rosenbrock", "(1 − x)² + 100·(y − x²)²",
                          lambda x, y: (1 - x) ** 2 + 100 * (y - x**2) ** 2,
                          lambda x, y: (-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)),
                          (-1.5, 2.0), 0.001,
                          ((-2.0, 2.0), (-1.0, 3.0))),
}


def descend(surface, start, learning_rate, steps):
    """Rows (x, y, f, ∂f/∂x, ∂f/∂y) for the start and each of `steps` updates."""
    rows = []
    x, y = start
    for _ in range(steps + 1):
        gx, gy = surface.gradient(x, y)
        rows.append((x, y, surface.f(x, y), gx, gy))
        x, y = x - learning_rate * gx, y - learning_rate * gy
    return np.array(rows)


@dataclass
class Race:
    """One optimizer's path on a surface: `rows` as descend() gives them, `state[k]` its slots
    (v; s; or m and s) after k updates (k = 0: all zero), under the names in `slots`."""

    settings: OptimizerSettings
    learning_rate: float
    rows: np.ndarray
    state: np.ndarray  # (updates + 1, len(slots), 2)

    @property
    def slots(self):
        return self.settings.slots


class Racer:
    """One optimizer on a surface, one update at a time: `rows` and `states` grow as race()'s."""

    def __init__(self, surface, settings, start, learning_rate):
        self.surface, self.settings = surface, settings
        self.learning_rate = float(learning_rate)
        self.optimizer = Optimizer(settings, np.ones(2, dtype=bool))  # x and y are both weights
        self.theta = np.array(start, dtype=float)
        self.rows = [self._row()]
        self.states = [self.optimizer.slots.copy()]

    def _row(self):
        gradient = np.array(self.surface.gradient(*self.theta), dtype=float)
        return (*self.theta, self.surface.f(*self.theta), *gradient)

    def step(self):
        """One update; False (and nothing changes) if a number would overflow."""
        gradient = np.array(self.rows[-1][3:], dtype=float)
        with np.errstate(over="ignore", invalid="ignore"):
            theta, slots = self.optimizer.propose(self.theta, gradient, self.learning_rate)
            if not (np.isfinite(theta).all() and np.isfinite(slots).all()):
                return False
            self.optimizer.accept(slots)
            self.theta = theta
            row = self._row()
        if not np.isfinite(row).all():
            return False
        self.rows.append(row)
        self.states.append(self.optimizer.slots.copy())
        return True

    def result(self):
        return Race(self.settings, self.learning_rate, np.array(self.rows), np.array(self.states))


def race(surface, settings, start, learning_rate, steps):
    """`steps` updates of the optimizer `settings` from `start`, with x and y as its two
    parameters (both weights, so penalties apply to both). Stops early if a number overflows."""
    racer = Racer(surface, settings, start, learning_rate)
    for _ in range(steps):
        if not racer.step():
            break
    return racer.result()


def grid(surface, xs, ys):
    """f over a grid, all at once: grid(...)[r, c] = f(xs[c], ys[r])."""
    gx, gy = np.meshgrid(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))
    return surface.f(gx, gy)


def cheat_sheet_table(rows):
    """descend()'s rows laid out as the cheat sheet's table.

    Columns x, ∂f/∂x, x_new, y, ∂f/∂y, y_new, f(x_new, y_new); the first row holds only the
    start point and its f (None where the sheet leaves a cell empty).
    """
    rows = np.asarray(rows, dtype=float)
    table = [(None, None, rows[0, 0], None, None, rows[0, 1], rows[0, 2])]
    for before, after in zip(rows[:-1], rows[1:]):
        table.append((before[0], before[3], after[0], before[1], before[4], after[1], after[2]))
    return table
