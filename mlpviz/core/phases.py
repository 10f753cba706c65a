"""One update taken apart into the phases a tutorial computes on paper.

For a network with layers 0..L an update has 2L + 1 phases:

    forward through layer 1, …, forward through layer L      (net[l] and out[l])
    backward through layer L, …, backward through layer 1    (δ[l], ∇W[l] and ∇b[l])
    the update                                               (θ ← θ − η ∇θ)

`partial_pass(network, X, Z, loss, k)` is what the first k phases computed, with None for what
is still to come. It calls the same per-layer code as Network.forward and Network.backward, so
after the 2L passing phases its numbers are the engine's, bit for bit. The update itself is the
trainer's own step (Trainer.run(1)), so stepping by phases and stepping by updates are one run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .network import Forward


@dataclass(frozen=True)
class Phase:
    kind: str  # "forward", "backward" or "update"
    layer: int | None  # the layer it computes (None for the update)

    def describe(self, layer_names=None):
        """E.g. "forward through layer 1 (h)" — what a teacher would say."""
        if self.kind == "update":
            return "update: every weight θ ← θ − η·∂E/∂θ"
        name = f" ({layer_names[self.layer]})" if layer_names else ""
        what = "net and out" if self.kind == "forward" else "δ and the gradients"
        return f"{self.kind} through layer {self.layer}{name}: {what}"


def phases(L):
    """The 2L + 1 phases of one update of a network whose output layer is L."""
    return ([Phase("forward", l) for l in range(1, L + 1)]
            + [Phase("backward", l) for l in range(L, 0, -1)]
            + [Phase("update", None)])


@dataclass
class PartialPass:
    """What the first `done` phases of an update computed (None where a layer is not done yet)."""

    done: int
    forward: Forward  # net[l], out[l] for the layers passed forward (out[0] = the inputs)
    backward: object  # network.Backward with δ[l] of the layers passed backward, or None

    def forward_done(self, l):
        return self.forward.out[l] is not None

    def backward_done(self, l):
        return self.backward is not None and self.backward.delta[l] is not None


def partial_pass(network, X, Z, loss, done):
    """The first `done` phases (0 ≤ done ≤ 2L) of the update on the batch (X, Z)."""
    L = network.L
    if not 0 <= done <= 2 * L:
        raise ValueError(f"an update has passing phases 0..{2 * L}, not {done}")
    out = [np.atleast_2d(np.asarray(X, dtype=float))] + [None] * L
    net = [None] * (L + 1)
    for l in range(1, min(done, L) + 1):
        net[l], out[l] = network.forward_layer(l, out[l - 1])
    forward = Forward(net, out)
    backward = None
    if done > L:
        backward = network.start_backward()
        for l in range(L, 2 * L - done, -1):
            network.backward_layer(l, forward, Z, loss, backward)
    return PartialPass(done, forward, backward)

