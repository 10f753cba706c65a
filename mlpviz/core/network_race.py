"""Optimizers racing on the network's own loss: from the same parameters, each optimizer takes
full-batch steps on the training data (the loss the slice and the plane draw), each at its own η.

A racer is the engine's full-batch step (network.gradient_step) with its own copy of the network
and its own optimizer state: the optimizer's constants and the penalties are the run's config's
(SPEC section 9), only the optimizer's name and η are the racer's. The run itself is untouched.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .network import gradient_step
from .optimizers import OPTIMIZERS, Optimizer, OptimizerSettings

ADAPTIVE = ("rmsprop", "adam")  # their steps are about η whatever the gradient
ADAPTIVE_RATE = 0.01  # their η when the run's optimizer is not adaptive (its η is then too large)
PLAIN_RATE = 0.1  # sgd's, momentum's and Nesterov's η when the run's optimizer is adaptive
# samples × parameters of one racer's step above which racing would stall the window
WORK_BUDGET = 4e6
MAX_STEPS = 2000  # a race stops here (or sooner: every point is kept, in MEMORY_BUDGET bytes)
MEMORY_BUDGET = 64 * 2**20
FAR = 1e6  # a racer with a parameter this large has left every landscape drawn: it stops


def default_rates(config):
    """η for each optimizer: the run's own η for its kind (adaptive or not), else a usual one."""
    own_adaptive = config.optimizer in ADAPTIVE
    return {name: (config.learningRate if (name in ADAPTIVE) == own_adaptive
                   else ADAPTIVE_RATE if name in ADAPTIVE else PLAIN_RATE)
            for name in OPTIMIZERS}


class NetworkRacer:
    """One optimizer from `network`'s parameters: `points` (one row per step, the start first)
    and `losses` (the data loss at each point) grow with each step."""

    def __init__(self, network, settings, learning_rate, train_biases=True):
        self.network = network.copy()
        self.settings, self.learning_rate = settings, float(learning_rate)
        self.optimizer = Optimizer.for_network(settings, network.sizes)
        self.train_biases = train_biases
        self.points = [self.network.params.copy()]
        self.losses = []
        self.diverged = False

    def step(self, X, Z, loss):
        """One full-batch update; False (the racer stops) if it diverged: a number not finite
        (then nothing changed) or a parameter beyond ±FAR (that point is not recorded)."""
        if self.diverged:
            return False
        mean_loss, _, backward = gradient_step(self.network, X, Z, self.learning_rate, loss,
                                               self.train_biases, self.optimizer)
        if not self.losses:
            self.losses.append(mean_loss)
        if backward is None or np.max(np.abs(self.network.params)) > FAR:
            self.diverged = True
            return False
        self.points.append(self.network.params.copy())
        with np.errstate(over="ignore", invalid="ignore"):
            self.losses.append(self.network.loss(X, Z, loss))
        return True

    @property
    def path(self):
        """(steps + 1, n_params): where it has been, the start first."""
        return np.array(self.points)

    def velocity(self):
        return self.optimizer.velocity(self.learning_rate)


class NetworkRace:
    """The chosen optimizers from the same parameters (`start`, shown at run step `start_step`)."""

    def __init__(self, network, X, Z, loss, config, rates, start_step=0):
        self.X, self.Z, self.loss = X, Z, loss
        self.start, self.start_step = network.params.copy(), start_step
        base = OptimizerSettings.from_config(config)
        self.racers = {name: NetworkRacer(network, replace(base, name=name), eta,
                                          config.trainBiases)
                       for name, eta in rates.items()}

    @property
    def steps(self):
        return max((len(r.points) - 1 for r in self.racers.values()), default=0)

    @property
    def work(self):
        """samples × parameters: what one racer's step costs."""
        return len(self.X) * self.start.size

    @property
    def max_steps(self):
        """The steps a race may take: MAX_STEPS, or fewer where every racer's points would
        outgrow MEMORY_BUDGET."""
        per_step = 8 * self.start.size * max(1, len(self.racers))
        return int(max(1, min(MAX_STEPS, MEMORY_BUDGET // per_step)))

    @property
    def affordable(self):
        return self.work <= WORK_BUDGET

    def step(self):
        """One update of every racer still going; the names of those that diverged now."""
        return [name for name, racer in self.racers.items()
                if not racer.diverged and not racer.step(self.X, self.Z, self.loss)]

    @property
    def finished(self):
        return all(r.diverged for r in self.racers.values())

    def all_points(self):
        """Every racer's points stacked (the start once), for the plane of the race."""
        rest = [r.path[1:] for r in self.racers.values()]
        return np.vstack([self.start[None, :], *rest])
