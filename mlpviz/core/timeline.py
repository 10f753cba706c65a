"""Rewind: return a run to any earlier step exactly, with bounded memory.

The timeline keeps keyframes (a copy of the parameters and of the optimizer's state every
`every` steps: Trainer.save) and the learning rate changes. Going back to step k restores the
last keyframe at or before k and replays the steps in between: which samples a step uses follows
from its number alone (trainer.py), so the replay is bit-identical to the original run. When keyframes exceed `max_keyframes`, every other
one is dropped and the spacing doubles, so memory stays bounded however long the run; the
number of keyframes is also bounded so that they, and the checkpoints below, take at most
`max_bytes` (a 784-100-10 network keeps 30 keyframes and 9 checkpoints of 0.6 MB in 24 MB).

Stepping back one update at a time would replay from the same far keyframe again and again, so a
replay also leaves checkpoints at 1, 2, 4, 8, … steps before where it stops: the next steps back
start from one of those and replay a handful of steps at most.
Training on from an earlier step starts a new branch: what lay beyond it is forgotten.
"""

from __future__ import annotations

import bisect


class Timeline:
    def __init__(self, trainer, every=256, max_keyframes=256, max_bytes=24 * 2**20):
        self.trainer = trainer
        self.every = every
        copies = max_bytes // max(1, trainer.save().nbytes)  # the budget, in copies
        self.max_checkpoints = max(4, min(16, copies // 4))
        self.max_keyframes = max(8, min(max_keyframes, copies - self.max_checkpoints))
        self.keyframes = {trainer.step: trainer.save()}  # step → Saved (params, optimizer state)
        self.checkpoints = {}  # step → Saved, left by the last replay just before where it went
        self.rates = [(trainer.step, trainer.learning_rate)]  # (from step, learning rate)
        self.end = trainer.step  # the furthest step of this branch

    def run(self, steps):
        """Train `steps` more updates, keeping keyframes; returns the number done."""
        t, done = self.trainer, 0
        if t.step < self.end:
            self._branch()
        while done < steps:
            next_key = (t.step // self.every + 1) * self.every
            did = t.run(min(steps - done, next_key - t.step))
            done += did
            if t.step % self.every == 0 and did:
                self._keep()
            if t.diverged_at is not None or not did:
                break
        self.end = t.step
        return done

    def set_learning_rate(self, rate):
        """A new learning rate from the current step on (a branch, if not at the end)."""
        t = self.trainer
        if t.step < self.end:
            self._branch()
        self.rates = [(s, r) for s, r in self.rates if s < t.step] + [(t.step, float(rate))]
        t.learning_rate = float(rate)

    def go_to(self, step, keep_history=True):
        """Put the trainer at `step` (≤ the end of the branch) exactly as the run had it.

        Forward, it replays from the current step so the loss history stays complete; with
        keep_history=False it may jump to a later keyframe instead (the caller keeps losses).
        """
        step = max(min(step, self.end), min(self.keyframes))
        t = self.trainer
        saved = {**self.keyframes, **self.checkpoints}
        starts = sorted(saved)
        key = starts[bisect.bisect_right(starts, step) - 1]
        if t.step <= step and (keep_history or t.step >= key):
            key = t.step  # on from here: nothing to restore
        else:
            # The history holds the losses of the steps just before the current one.
            t.history.truncate(max(0, len(t.history) - (t.step - key)))
            t.restore(saved[key])
            t.step = key
        t.diverged_at = None
        marks = {step - 2**i for i in range(self.max_checkpoints)} if step - key > 1 else set()
        marks = {m for m in marks if key < m < step}
        if marks:
            self.checkpoints = {s: p for s, p in self.checkpoints.items() if s <= key}
        while t.step < step:  # replay, segment by segment of constant learning rate
            t.learning_rate = self._rate_at(t.step)
            stops = [s for s, _ in self.rates if s > t.step] + [m for m in marks if m > t.step]
            t.run(min([step] + stops) - t.step)
            if t.step in marks:
                self.checkpoints[t.step] = t.save()
        if len(self.checkpoints) > self.max_checkpoints:  # the ones nearest where it went
            self.checkpoints = dict(sorted(self.checkpoints.items())[-self.max_checkpoints:])
        t.learning_rate = self._rate_at(step)

    def _rate_at(self, step):
        return [r for s, r in self.rates if s <= step][-1]

    def _keep(self):
        t = self.trainer
        self.keyframes[t.step] = t.save()
        if len(self.keyframes) > self.max_keyframes:
            self.every *= 2
            first = min(self.keyframes)
            self.keyframes = {s: p for s, p in self.keyframes.items()
                              if s == first or s % self.every == 0}

    def shrink(self, max_keyframes=8):
        """Keep about `max_keyframes` keyframes (the first always) and no checkpoints: for a
        branch that a later change closed, gone back to only now and then."""
        self.max_keyframes = max_keyframes
        self.checkpoints = {}
        first = min(self.keyframes)
        while len(self.keyframes) > max_keyframes:
            self.every *= 2
            self.keyframes = {s: p for s, p in self.keyframes.items()
                              if s == first or s % self.every == 0}

    def branch(self):
        """Forget everything after the current step (a change made here starts a new branch)."""
        self._branch()

    def _branch(self):
        """Forget everything after the current step: training on from here is a new branch."""
        step = self.trainer.step
        self.keyframes = {s: p for s, p in self.keyframes.items() if s <= step}
        self.checkpoints = {s: p for s, p in self.checkpoints.items() if s <= step}
        self.rates = [(s, r) for s, r in self.rates if s <= step]
        self.end = step
