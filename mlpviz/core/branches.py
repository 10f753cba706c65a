"""A run with hands-on changes in it: each change (a weight typed in, points added, a neuron
removed, …) starts a new branch at the step where it was made, and going back undoes it exactly.

The run is a list of segments. A segment is one experiment (its data and network shape) with its
own trainer and Timeline, from the step where its change was made; the segment before it ends
there, kept as it was at that step (its timeline cut there, so going back to it replays the same
updates bit for bit). Going back one update from the first step of a segment undoes its change:
the run is then in the segment before, at the same step, with the parameters and data it had
before the change. Going forward again along the run re-enters the later segments (redo); training
or changing something from an earlier place forgets them, as any branch does.
"""

from __future__ import annotations

from dataclasses import dataclass

from .timeline import Timeline

MEMORY = 256 * 2**20  # bytes of parameter copies that closed segments may hold, about
CLOSED_KEYFRAMES = 8  # keyframes a closed segment keeps (the replay from one is short anyway)


@dataclass
class Segment:
    experiment: object  # core Experiment
    timeline: Timeline  # holds the trainer
    start: int  # the step its change was made at
    change: object = None  # the edits.Change that began it (None: the run's beginning)

    @property
    def end(self):
        return self.timeline.end

    def holds(self, step):
        return self.start <= step <= self.end


class Branches:
    """The Timeline interface (run, go_to, set_learning_rate, start, end) over segments, plus
    apply(change), back() and undo()."""

    def __init__(self, experiment, params=None, step=0, trainer=None, optimizer=None):
        """A run of `experiment` from `params` at `step` (or of a trainer made elsewhere: then
        `experiment` may be None, and changes cannot be applied). `optimizer`: (name, slots, t)
        of the run this one branches from, carried on if the optimizer is the same."""
        if trainer is None:
            trainer = experiment.trainer()
            if params is not None:
                trainer.network.set_params(params)
            if optimizer is not None:
                trainer.optimizer.carry(*optimizer)
            trainer.step = int(step)
        self.segments = [Segment(experiment, Timeline(trainer), trainer.step)]
        self.at = 0  # the segment the run is in now
        copies = MEMORY // max(1, trainer.network.params.nbytes) // (CLOSED_KEYFRAMES + 1)
        self.max_segments = max(16, min(1024, copies))

    @classmethod
    def of_trainer(cls, trainer):
        return cls(None, trainer=trainer)

    # -- where the run is -------------------------------------------------------------------

    @property
    def current(self):
        return self.segments[self.at]

    @property
    def timeline(self):
        return self.current.timeline

    @property
    def trainer(self):
        return self.current.timeline.trainer

    @property
    def experiment(self):
        return self.current.experiment

    @property
    def step(self):
        return self.trainer.step

    @property
    def start(self):
        """The first step the run can go back to."""
        return self.segments[0].start

    @property
    def end(self):
        """The furthest step of the run's current branch."""
        return self.segments[-1].end

    def changes(self):
        """(step, sentence) of each change the run has made up to where it is now."""
        return [(s.start, s.change.sentence) for s in self.segments[1 : self.at + 1]]

    # -- moving along it ------------------------------------------------------------------

    def run(self, steps):
        """Train `steps` more updates from here (forgetting whatever lay beyond)."""
        self._forget_later()
        return self.timeline.run(steps)

    def set_learning_rate(self, rate):
        self._forget_later()
        self.timeline.set_learning_rate(rate)

    def go_to(self, step, keep_history=True, at=None):
        """Put the run at `step` exactly as it was: in segment `at` if given, else in the segment
        it is in if that holds the step, otherwise in the latest segment that does."""
        self.enter(step, at).timeline.go_to(min(max(int(step), self.start), self.end),
                                            keep_history)

    def enter(self, step, at=None):
        """Make the segment that go_to(step, at=at) goes to the current one (without moving its
        trainer) and return it."""
        step = min(max(int(step), self.start), self.end)
        if at is not None and self.segments[at].holds(step):
            self.at = at
        elif not self.current.holds(step):
            self.at = max(i for i, s in enumerate(self.segments) if s.holds(step))
        return self.current

    def back_target(self, n=1):
        """(segment, step) that n moves back lead to: a move is one update back, or, at the
        first step of a change's segment, the change undone."""
        at, step = self.at, self.step
        for _ in range(n):
            if at > 0 and step == self.segments[at].start:
                at -= 1
            elif step > self.segments[at].start:
                step -= 1
        return at, step

    def back(self, n=1):
        """Back n moves (see back_target); the last change undone on the way, or None."""
        at, step = self.back_target(n)
        undone = self.segments[at + 1].change if at < self.at else None
        self.go_to(step, at=at)
        return undone

    def undo(self):
        """Back to just before the current segment's change (same step); the change undone, or
        None at the beginning of the run."""
        if self.at == 0:
            return None
        undone = self.current
        self.at -= 1
        self.timeline.go_to(undone.start)
        return undone.change

    # -- changing it --------------------------------------------------------------------------

    def apply(self, change):
        """Continue from the current step with a change's experiment and parameters: a new
        segment. What lay beyond the current step is forgotten."""
        old = self.trainer
        self._forget_later()
        self.timeline.branch()
        data = (old.X, old.Z) if change.same_data else None  # shared, not copied
        trainer = change.experiment.trainer(data=data)
        trainer.network.set_params(change.params)
        trainer.optimizer.carry_from(old.optimizer)  # v, m, s go on where the shape allows
        trainer.step = old.step
        trainer.learning_rate = old.learning_rate
        self.timeline.shrink(CLOSED_KEYFRAMES)
        self.segments.append(Segment(change.experiment, Timeline(trainer), old.step, change))
        self.at = len(self.segments) - 1
        if len(self.segments) > self.max_segments:  # the oldest change can no longer be undone
            del self.segments[0]
            self.at -= 1
        return change

    def _forget_later(self):
        del self.segments[self.at + 1 :]
