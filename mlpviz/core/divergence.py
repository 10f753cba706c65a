"""What diverged, and what to change: the sentence shown when training stops by itself.

The trainer stops before a step whose loss, or the parameters its update would give, are not
finite (infinite or NaN); its parameters and history stay those of the last finite step. This
module replays that one step on a copy to say which quantity went wrong, for example

    diverged at step 37: loss became infinite — try a smaller learning rate
    diverged at step 12: weight w5 became NaN — try a smaller learning rate
    diverged at step 40: the optimizer's s of w3 became infinite — try a smaller learning rate
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .explain import Names
from .network import layer_views

UNBOUNDED = ("relu", "linear")  # activations with no upper bound: overshoots grow without limit
LARGE_DATA = 10.0  # normalized data stays within [-1, 1]; beyond this, scaling it would help


@dataclass
class Divergence:
    """The step training stopped before, the quantity that stopped being finite, and advice."""

    step: int
    epoch: int
    quantity: str  # "loss", "weight w5", "bias b_h1"
    became: str  # "infinite" or "NaN"
    others: int  # how many more parameters went the same way
    suggestion: str

    def text(self):
        more = f" (and {self.others} more weights and biases)" if self.others else ""
        return (f"diverged at step {self.step}: {self.quantity} became {self.became}{more} — "
                f"{self.suggestion}")


def diagnose(trainer, input_labels=None, output_labels=None):
    """Why `trainer` stopped: its step `diverged_at` replayed on a copy of the network."""
    step = trainer.diverged_at
    if step is None:
        return None
    network = trainer.network.copy()
    rows = trainer.batch_indices(step)
    X, Z = trainer.X[rows], trainer.Z[rows]
    names = Names.of(network.sizes, input_labels, output_labels)
    with np.errstate(all="ignore"):
        forward = network.forward(X)
        loss = float(np.mean(network.sample_losses(forward, Z, trainer.loss)))
        if np.isfinite(loss):
            backward = network.backward(forward, Z, trainer.loss)
            if not trainer.train_biases:
                for grad_b in backward.grad_b[1:]:
                    grad_b[:] = 0.0
            updated, slots = trainer.optimizer.propose(network.params, backward.grad,
                                                       trainer.learning_rate, trainer.train_biases)
    advice = suggestion(trainer)
    epoch = step // trainer.steps_per_epoch
    if not np.isfinite(loss):
        return Divergence(step, epoch, "loss", _became(loss), 0, advice)
    bad = np.flatnonzero(~np.isfinite(updated))
    if bad.size:
        first = int(bad[0])
        return Divergence(step, epoch, _parameter_name(names, first), _became(updated[first]),
                          int(bad.size - 1), advice)
    for name, row in zip(trainer.optimizer.settings.slots, slots):  # the state went first
        bad = np.flatnonzero(~np.isfinite(row))
        if bad.size:
            first = int(bad[0])
            which = _parameter_name(names, first).split(" ", 1)[1]
            return Divergence(step, epoch, f"the optimizer's {name} of {which}",
                              _became(row[first]), int(bad.size - 1), advice)
    # the compiled loop overflowed where numpy did not: say what we know
    return Divergence(step, epoch, "a weight or bias", "infinite", 0, advice)


def suggestion(trainer):
    """What to change: always a smaller learning rate; and what else the network and data hint."""
    text = f"try a smaller learning rate (now {trainer.learning_rate:g})"
    network = trainer.network
    if trainer.loss in ("cross-entropy", "binary-cross-entropy") and \
            network.output_activation not in ("sigmoid", "softmax"):
        return (f"{trainer.loss} takes ln of the outputs, so they must lie between 0 and 1: "
                f"use a softmax or sigmoid output (now {network.output_activation})")
    big_inputs = np.max(np.abs(trainer.X)) > LARGE_DATA
    big_targets = np.max(np.abs(trainer.Z)) > LARGE_DATA
    if big_inputs or big_targets:
        which = "inputs and outputs" if big_inputs and big_targets else \
            ("inputs" if big_inputs else "outputs")
        return f"{text}, or normalize the {which} (min-max) so they lie between 0 and 1"
    unbounded = [name for name in (network.hidden_activation, network.output_activation)
                 if name in UNBOUNDED and (name == network.output_activation or network.L > 1)]
    if unbounded:
        return (f"{text}; {' and '.join(sorted(set(unbounded)))} neurons have no upper bound, "
                f"so a step that overshoots can grow without limit")
    return text


def _became(value):
    return "NaN" if np.isnan(value) else "infinite"


def _parameter_name(names, index):
    """The tutorial's name of the parameter at `index` of the flat vector."""
    sizes = names.sizes
    probe = np.zeros(sum(n * (m + 1) for m, n in zip(sizes, sizes[1:])))
    probe[index] = 1.0
    W, b = layer_views(probe, sizes)
    for l in range(1, len(sizes)):
        hit = np.argwhere(W[l] == 1.0)
        if hit.size:
            j, i = hit[0]
            return f"weight {names.weight(l, int(j), int(i))}"
        hit = np.flatnonzero(b[l] == 1.0)
        if hit.size:
            return f"bias {names.bias(l, int(hit[0]))}"
    raise IndexError(index)
