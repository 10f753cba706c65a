"""Runs that Reset ended, kept so that Back can bring them back (issue 15: Reset no longer
loses the changes made by hand). A run is its core Branches as the stopped worker left them
(the step, the branch and the changes by hand it was in), plus what the window needs to show
it again: the step a settings change had continued it from, where it was to stop, and its
loss curve (which only the window keeps: the worker hands its losses over as it goes)."""

from __future__ import annotations

from dataclasses import dataclass

KEPT = 4  # ended runs kept, the latest ones (each holds a timeline: at most ~24 MB of copies)


@dataclass
class Curve:
    """The window's loss plot of a run: its losses (first step, values) as the worker hands them
    over, None if the plot no longer kept every step; its test losses (steps, values)."""

    losses: tuple | None
    tests: tuple


@dataclass
class EndedRun:
    branches: object  # core Branches, where the run was when Reset ended it
    branched_at: int | None  # Session.branched_at of the run
    stop_at: int | None  # the step it was to pause at by itself
    curve: Curve | None  # its loss curve, if the window gave one

    @property
    def losses(self):
        """(first step, values) of its loss curve, or None if not kept."""
        return None if self.curve is None else self.curve.losses

    @property
    def step(self):
        return self.branches.step

    @property
    def changes(self):
        """How many changes by hand the run had made up to where it was."""
        return len(self.branches.changes())

    def description(self):
        """'step 12, 2 changes by hand' (for the status line)."""
        n = self.changes
        made = f", {n} change{'s' * (n != 1)} by hand" if n else ""
        return f"step {self.step:,}{made}"


def keep(runs, ended):
    """The runs to keep after `ended` (None: nothing to keep) joined them: the latest KEPT."""
    runs = list(runs) + ([ended] if ended is not None else [])
    return runs[-KEPT:]
