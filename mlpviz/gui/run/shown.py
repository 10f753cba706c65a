"""What the window shows of the current step: which sample, through which weights, and how far
through the update's phases (stepping by phases: → and ←). Pure functions of core objects."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from mlpviz.core.phases import partial_pass, phases


@dataclass
class Shown:
    """The displayed sample's pass: the network it went through, its forward and (as far as the
    phase goes) backward pass, and the row of the training data it is."""

    network: object
    forward: object
    backward: object
    row: int

    def __iter__(self):  # (network, forward, backward), as tests and older code unpack it
        return iter((self.network, self.forward, self.backward))

    def __getitem__(self, k):
        return (self.network, self.forward, self.backward)[k]


def last_phase(sizes):
    """2L: the index of the last passing phase (the update comes after it)."""
    return 2 * (len(sizes) - 1)


def update_shown(phase, snapshot):
    """Whether the graph shows an update just made by phase stepping (phase 0 after it)."""
    return phase == 0 and snapshot is not None and snapshot.before is not None


def current_phase(phase, snapshot, sizes):
    """The Phase just done when stepping by phases (None otherwise, and at phase 0 before any
    was done)."""
    if phase is None or (phase == 0 and not update_shown(phase, snapshot)):
        return None
    all_phases = phases(len(sizes) - 1)
    return all_phases[-1] if phase == 0 else all_phases[phase - 1]


def shown_pass(session, snapshot, phase):
    """The sample (first of the batch) the next update trains on, through the current weights;
    right after a phase-stepped update, the pass that update made."""
    trainer, sizes = session.trainer, session.config.sizes
    network = session.network(snapshot.params)
    shown_step, explained, done = snapshot.step, network, phase
    if phase is None:
        done = last_phase(sizes)
    elif update_shown(phase, snapshot):
        shown_step, done = snapshot.step - 1, last_phase(sizes)
        explained = session.network(snapshot.before)
    row = int(trainer.batch_indices(shown_step)[0])
    with np.errstate(all="ignore"):  # a diverging run is shown as it is, not warned about
        passed = partial_pass(explained, trainer.X[row], trainer.Z[row], trainer.loss, done)
    return Shown(explained, passed.forward, passed.backward, row)


def phase_highlight(phase, snapshot, sizes):
    """What the graph emphasises for the phase just done: its neurons and the edges into them."""
    done = current_phase(phase, snapshot, sizes)
    if done is None:
        return None
    L = len(sizes) - 1
    if done.kind == "update":
        return {"edges_into_layer": list(range(1, L + 1))}
    return {"neurons": [(done.layer, j) for j in range(sizes[done.layer])],
            "edges_into_layer": [done.layer]}


def phase_text(phase, snapshot, sizes):
    """The phase label of the timeline bar."""
    done = current_phase(phase, snapshot, sizes)
    if phase is None:
        return "  whole updates (→ steps one phase)  "
    if done is None:
        return "  phase 0: nothing computed yet (→ forward through layer 1)  "
    count = last_phase(sizes) + 1
    index = count if phase == 0 else phase
    names = ["inputs"] + ["hidden"] * (len(sizes) - 2) + ["outputs"]
    return f"  phase {index} of {count}: {done.describe(names)}  "
