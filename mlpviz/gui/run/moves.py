"""The worker's moves on the run's timeline, in its own thread: back, go to a step, a change by
hand made (or undone by Back). Part of TrainingWorker (run/worker.py), which holds the state
they use: branches, the snapshot lock, what the update into the shown step began from."""

from __future__ import annotations

from mlpviz.core.errors import InputError

from .snapshot import optimizer_state


class TimelineMoves:
    _undo = False  # undo_change() asked for: the next moves back go to before the last change

    def undo_change(self):
        """Back to just before the last change by hand made up to where the run is (pauses):
        as many moves back as lead to its step, and one more (Ctrl+Z)."""
        with self._wake:
            self._running = False
            self._pending = 0
            self._goto = None
            self._undo = True
            self._back = max(self._back, 1)  # (wakes the thread; _go_back counts the moves)
            self._wake.notify()

    def _go_back(self, n):
        b = self.branches
        if self._undo:
            self._undo = False
            n = b.step - b.current.start + 1 if b.at > 0 else 0
        at, step = b.back_target(n)
        undone = b.segments[at + 1].change if at < b.at else None
        self._go_to(step, at)
        if undone is not None:
            self.changed.emit(f"Undone: {undone.sentence}")

    def _make_changes(self, changes):
        b = self.branches
        for make_change in changes:
            try:
                change = make_change(b.experiment, b.trainer.network.params.copy())
            except (InputError, ValueError) as e:
                self.refused.emit(str(e))
                continue
            self._publish(signal=False)  # the losses so far belong to the branch before
            b.apply(change)
            self._before = self._last_loss = self._optimizer_before = None
            self._drop_replayed()
            self.changed.emit(change.sentence)

    def resume(self, losses=None):
        """Before the thread starts, for a run brought back (Session.bring_back): the thread
        first goes to the step the run is at, as a go-to does (so the window has what the update
        into it began from), and the window first gets `losses`, (first step, values), the loss
        curve it had of the run."""
        with self._wake:
            self._goto = self.branches.step
        if losses is not None:
            with self._snap_lock:
                self._chunks.insert(0, losses)

    def _go_to(self, step, at=None):
        """Rewind (or move along the branch) to `step`, keeping what the update into it began
        from, its loss and its gradient."""
        b = self.branches
        step = max(min(step, b.end), b.start)
        segment = b.enter(step, at)
        t, trainer = segment.timeline, segment.timeline.trainer
        self._before = self._last_loss = self._optimizer_before = None
        if step > segment.start:
            t.go_to(step - 1, keep_history=False)
            self._before = trainer.network.params.copy()
            self._optimizer_before = optimizer_state(trainer)
            trainer.run(1)  # the update into `step`, exactly as the run made it
            self._last_loss = float(trainer.history.values[-1])
        t.go_to(step, keep_history=False)  # (only sets the learning rate of `step`)
        self._drop_replayed()

    def _drop_replayed(self):
        """Losses of replayed steps are in the window already: they are not published again."""
        with self._snap_lock:
            self.trainer.history.truncate(0)
            self._published = 0
