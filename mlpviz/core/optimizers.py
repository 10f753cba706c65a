"""Optimizers and regularization (SPEC section 9): how the gradient of a step becomes its update.

With g the gradient of the step (the batch mean), t the update counted from 1, and every state
(v, m, s) starting at 0, the updates are exactly PyTorch's torch.optim ones (SGD with dampening 0;
RMSprop not centered, without momentum; Adam without amsgrad):

    sgd       θ ← θ − η g
    momentum  v ← μ v + g;                        θ ← θ − η v
    nesterov  v ← μ v + g;                        θ ← θ − η (g + μ v)
    rmsprop   s ← α s + (1 − α) g²;               θ ← θ − η g / (√s + ε)
    adam      m ← β₁ m + (1 − β₁) g;  s ← β₂ s + (1 − β₂) g²;
              θ ← θ − η m̂ / (√ŝ + ε),  m̂ = m / (1 − β₁ᵗ),  ŝ = s / (1 − β₂ᵗ)

Regularization applies to weights only, never biases: the objective gains (λ₂/2) Σ w² + λ₁ Σ |w|,
so before the optimizer sees it each weight's gradient gains λ₂ w + λ₁ sign(w) (sign(0) = 0).
Frozen biases (trainBiases false) never move, and their state stays as it was.

`Optimizer.propose` is the readable numpy form (mini-batch and full batch use it); `update_into`
(optimizers_compiled.py, so that numba is imported only when a compiled step needs it) is the
same arithmetic one number at a time, compiled for online.py's kernel. Both evaluate every
expression in the same order, so they agree bit for bit (tests check it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .network import parameter_layout


# The state each optimizer keeps, one number per parameter each (SPEC section 9's names).
SLOTS = {"sgd": (), "momentum": ("v",), "nesterov": ("v",), "rmsprop": ("s",),
         "adam": ("m", "s")}
OPTIMIZERS = tuple(SLOTS)
CODES = {name: code for code, name in enumerate(OPTIMIZERS)}  # online.py's numbers for them
# Positions in the `hyper` array the compiled kernel gets.
MU, ALPHA, BETA1, BETA2, EPS, L2, L1 = range(7)
LARGEST = float(np.finfo(np.float64).max)


@dataclass(frozen=True)
class OptimizerSettings:
    """Which optimizer, its constants and the penalties: the config's keys (SPEC section 9)."""

    name: str = "sgd"
    momentum: float = 0.9  # μ, momentum and nesterov
    rmsprop_decay: float = 0.99  # α
    beta1: float = 0.9  # β₁, Adam
    beta2: float = 0.999  # β₂, Adam
    epsilon: float = 1e-8  # ε, rmsprop and Adam
    l2: float = 0.0  # λ₂
    l1: float = 0.0  # λ₁

    @classmethod
    def from_config(cls, config):
        return cls(config.optimizer, config.momentum, config.rmspropDecay, config.adamBeta1,
                   config.adamBeta2, config.epsilon, config.l2, config.l1)

    @property
    def slots(self):
        return SLOTS[self.name]

    @property
    def code(self):
        return CODES[self.name]

    @property
    def hyper(self):
        """The constants as the compiled kernel takes them (indices MU … L1)."""
        return np.array([self.momentum, self.rmsprop_decay, self.beta1, self.beta2,
                         self.epsilon, self.l2, self.l1])

    @property
    def penalized(self):
        return self.l2 != 0.0 or self.l1 != 0.0


def weight_mask(sizes):
    """True at the weights, False at the biases, in the flat parameter layout of network.py."""
    w_offsets, b_offsets, count = parameter_layout(sizes)
    mask = np.zeros(count, dtype=np.bool_)
    for l in range(1, len(sizes)):
        mask[w_offsets[l] : b_offsets[l]] = True
    return mask


@dataclass
class Optimizer:
    """The optimizer of one run: its settings and its state (the slots v / m, s, and t)."""

    settings: OptimizerSettings
    is_weight: np.ndarray  # weight_mask of the network
    slots: np.ndarray = None  # one row per name in settings.slots, laid out like the parameters
    t: int = 0  # updates taken so far (the next one is t + 1)
    _rows: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        if self.slots is None:
            self.slots = np.zeros((len(self.settings.slots), self.is_weight.size))
        self._rows = {name: k for k, name in enumerate(self.settings.slots)}

    @classmethod
    def for_network(cls, settings, sizes):
        return cls(settings or OptimizerSettings(), weight_mask(sizes))

    def slot(self, name):
        """The state called `name` ("v", "m" or "s"), laid out like the parameters."""
        return self.slots[self._rows[name]]

    def save(self):
        """A copy of the state: (slots, t)."""
        return self.slots.copy(), self.t

    def restore(self, saved):
        slots, self.t = saved
        self.slots[...] = slots

    def carry_from(self, other):
        """Go on with another run's state (a branch of it) where it fits: the same optimizer on
        as many parameters; otherwise start from zero state."""
        self.carry(other.settings.name, *other.save())

    def carry(self, name, slots, t):
        """carry_from, given the other optimizer's name and saved state (slots, t)."""
        if name == self.settings.name and slots.shape == self.slots.shape:
            self.restore((slots, t))

    def velocity(self, learning_rate):
        """The step the state is carrying, as drawn from the current point: −η·v for momentum
        and Nesterov, −η·m̂ for Adam (m̂ = m / (1 − β₁ᵗ)); None for the others (no velocity)."""
        s = self.settings
        if s.name in ("momentum", "nesterov"):
            return -learning_rate * self.slot("v")
        if s.name == "adam" and self.t:
            return -learning_rate * (self.slot("m") / (1.0 - math.pow(s.beta1, self.t)))
        return None

    def penalty(self, params):
        """(λ₂/2) Σ w² + λ₁ Σ |w| over the weights (the biases are not penalized)."""
        w = params[self.is_weight]
        s = self.settings
        return 0.5 * s.l2 * float(np.sum(w * w)) + s.l1 * float(np.sum(np.abs(w)))

    def gradient(self, params, grad):
        """The gradient the optimizer sees: the weights' gain λ₂ w + λ₁ sign(w); biases as they are."""
        s, w = self.settings, self.is_weight
        g = grad.copy()
        if s.l2 != 0.0:
            g[w] = g[w] + s.l2 * params[w]
        if s.l1 != 0.0:
            g[w] = g[w] + s.l1 * np.sign(params[w])
        return g

    def propose(self, params, grad, learning_rate, train_biases=True):
        """(new parameters, new slots) of the next update from the data gradient `grad`.

        Nothing changes until accept(); frozen biases keep their value and their state."""
        g = self.gradient(params, grad)
        new_params, new_slots = RULES[self.settings.name](self.settings, params, g, self.slots,
                                                          self.t + 1, learning_rate)
        if not train_biases:
            frozen = ~self.is_weight
            new_params[frozen] = params[frozen]
            new_slots[:, frozen] = self.slots[:, frozen]
        return new_params, new_slots

    def accept(self, new_slots):
        """The proposed update happened: keep its state, count it."""
        self.slots[...] = new_slots
        self.t += 1


# -- the rules, readable: θ, g, the slots before, t of this update, η → θ⁺ and the slots after ---


def _sgd(s, theta, g, slots, t, eta):
    return theta - eta * g, slots.copy()


def _momentum(s, theta, g, slots, t, eta):
    v = s.momentum * slots[0] + g
    return theta - eta * v, v[None, :]


def _nesterov(s, theta, g, slots, t, eta):
    v = s.momentum * slots[0] + g
    return theta - eta * (g + s.momentum * v), v[None, :]


def _rmsprop(s, theta, g, slots, t, eta):
    sq = s.rmsprop_decay * slots[0] + (1.0 - s.rmsprop_decay) * (g * g)
    return theta - eta * g / (np.sqrt(sq) + s.epsilon), sq[None, :]


def _adam(s, theta, g, slots, t, eta):
    m = s.beta1 * slots[0] + (1.0 - s.beta1) * g
    sq = s.beta2 * slots[1] + (1.0 - s.beta2) * (g * g)
    m_hat = m / (1.0 - math.pow(s.beta1, t))
    s_hat = sq / (1.0 - math.pow(s.beta2, t))
    return theta - eta * m_hat / (np.sqrt(s_hat) + s.epsilon), np.stack([m, sq])


RULES = {"sgd": _sgd, "momentum": _momentum, "nesterov": _nesterov, "rmsprop": _rmsprop,
         "adam": _adam}


def __getattr__(name):
    """update_into and penalty_of live in optimizers_compiled.py: numba loads when they are used."""
    if name in ("update_into", "penalty_of"):
        from . import optimizers_compiled

        return getattr(optimizers_compiled, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
