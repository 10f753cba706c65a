"""What the training worker hands the window: a Snapshot (a copy it may keep), and the loss
chunks of a publication joined into one."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Snapshot:
    """A copy of the trainer's state that the GUI may keep and read freely."""

    step: int
    epoch: int
    params: np.ndarray
    grad: np.ndarray | None
    learning_rate: float
    running: bool
    diverged_at: int | None
    last_loss: float | None
    start: int  # the first step the timeline can go back to
    end: int  # the furthest step of the run's current branch (the timeline's end)
    before: np.ndarray | None  # the parameters before the last update, after a step or go-to
    first_loss: int | None = None  # the step of losses[0]; below the losses published before
    #                                only when the run branched there (the window drops the rest)
    losses: np.ndarray = field(default_factory=lambda: np.empty(0))  # new since the last one
    experiment: object = None  # the core Experiment of the step (changes by hand replace it)
    penalties: np.ndarray = field(default_factory=lambda: np.empty(0))  # beside `losses`, if
    #                                  the run has a penalty (λ₂/2)Σw² + λ₁Σ|w|
    optimizer: tuple | None = None  # (name, slots, t): the optimizer's state now (core/optimizers)
    optimizer_before: tuple | None = None  # its state before the last update, like `before`


def optimizer_state(trainer):
    """(name, slots, t) of the trainer's optimizer, copied."""
    optimizer = trainer.optimizer
    return (optimizer.settings.name, *optimizer.save())


def join_chunks(chunks):
    """One (first step, values) from chunks in the order published; a chunk that starts before
    the end of those before it (a branch) replaces what lay beyond its start."""
    first, parts = chunks[0][0], [chunks[0][1]]
    end = first + len(chunks[0][1])
    for start, values in chunks[1:]:
        if start != end:
            kept = np.concatenate(parts)[: max(0, start - first)]
            first, parts = min(first, start), [kept]
        parts.append(values)
        end = start + len(values)
    return first, np.concatenate(parts)
