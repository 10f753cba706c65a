"""The training worker: a QThread that owns the trainer while it trains, and says what it did
through Qt signals.

Each publication carries a Snapshot: a copy of the trainer's state and the loss values of the
steps made since the previous one. While a person steps, goes to a step, or a run is paced,
every publication is signalled (`stepped`: at most ~60 a second). At full speed they are
coalesced (STYLE.md: 127,746 cross-thread emits took 162 s to drain): `progressed` is emitted
once a frame at most, and only when the previous one has been taken (`taken()`), so the event
queue never holds more than one frame's worth; what is made meanwhile rides on the next one.
Every snapshot is taken out of the worker at emission, so snapshots arrive in order, each once.
A run that ends by itself says so (`run_finished`, `diverged` with the sentence), and a go-to
that arrived says where (`arrived`).

Commands (run, pause, step, go to a step, stop, learning rate, speed, a change by hand) are
thread-safe flags the GUI sets directly; the worker's run() loop reads them. Every update goes
through core Branches (a Timeline per segment), so the run can be rewound to any earlier step
exactly; training on from an earlier step (or changing the learning rate there) starts a branch,
and the loss values then published start at that step, so the window drops what lay beyond it.
A change by hand (a weight typed in, points, a neuron: core/edits.py, reshape.py) is made in
this thread on the state it is at, as a new segment; Back at its first step undoes it.
"""

from __future__ import annotations

import sys
import threading
import time

from PySide6.QtCore import QThread, Signal

from mlpviz.core.branches import Branches
from mlpviz.core.divergence import diagnose

from . import warm_up
from .moves import TimelineMoves
from .pacer import Pacer
from .snapshot import Snapshot, join_chunks, optimizer_state

WARM_UP_POLL = 0.1  # seconds between looks at whether the compiled loop is ready
FRAME = 1 / 60  # seconds between publications of a paced run, at most
DISPLAY_FRAME = 1 / 30  # seconds between snapshots at full speed (the window draws each one)
CHUNK_TIME = 0.02  # aim for compiled chunks of about this long, so commands act within ~20 ms
# The worker needs the GIL for a moment between compiled chunks; with Python's default 5 ms
# switch interval it waited that long behind a busy GUI thread several times a chunk.
SWITCH_INTERVAL = 0.0005
# Mini-batch steps run in Python and hold the GIL; numpy lets it go and takes it back so often
# that the GUI thread, waiting for it, can starve for seconds (CPython's GIL convoy: found by
# tools/stress_window.py on the sine example). So they run in short chunks with a pause after
# each, in which the GUI thread surely gets the GIL.
PYTHON_CHUNK_TIME = 0.003
PYTHON_PAUSE = 0.0015


class TrainingWorker(QThread, TimelineMoves):
    """Trains `trainer` in its own thread: run until `stop_at` steps, pause, step, stop."""

    stepped = Signal(object)  # a Snapshot: each publication while stepping, going to or paced
    progressed = Signal(object)  # a Snapshot at full speed: one a frame, once the last is taken
    run_finished = Signal()  # the run reached its last epoch by itself (and paused)
    diverged = Signal(str)  # the run stopped at its last finite step: what went wrong
    arrived = Signal(int)  # a go-to (or back) arrived at this step
    changed = Signal(str)  # a change by hand was made (or undone by Back): what it did
    refused = Signal(str)  # a change by hand could not be made: why (nothing changed)

    def __init__(self, branches, stop_at=None, labels=(None, None), parent=None):
        """`branches`: a core Branches (or a Trainer, for a run without changes by hand)."""
        super().__init__(parent)
        if not isinstance(branches, Branches):
            branches = Branches.of_trainer(branches)
        self.branches = branches
        self.labels = labels  # (input labels, output labels), to name what diverged
        self.divergence = None  # what went wrong, in a sentence, once a run diverged
        self.stop_at = stop_at  # a run pauses by itself at this step (None: never)
        self._wake = threading.Condition()
        self._running = False
        self._pending = 0  # steps asked for while paused
        self._epoch = False  # to the end of the epoch, asked for while paused
        self._goto = None  # a step to go to on the timeline
        self._back = 0  # moves back asked for (a move may undo a change by hand)
        self._changes = []  # functions (experiment, params) -> core Change, to make in order
        self._before = None
        self._quit = False
        self._learning_rate = None  # a new rate to apply between chunks
        self.pacer = Pacer()  # the pace of a run, in updates a second (0: full speed)
        self._snap_lock = threading.Lock()
        self._chunks = []  # (first step, loss values) not yet taken by the GUI
        trainer = branches.trainer
        self._penalty_chunks = []  # (first step, penalty values), beside them
        self._optimizer_before = None
        self._published = len(trainer.history)
        self._last_loss = float(trainer.history.values[-1]) if len(trainer.history) else None
        self._latest = None
        self._waiting = False  # a `progressed` snapshot not yet taken by the GUI
        self._stale = False  # trained or paused since the last snapshot was signalled
        self._chunk = 64
        self._publish(force=True, signal=False)

    # -- commands (any thread) ------------------------------------------------------------

    def start_running(self):
        with self._wake:
            self._running = True
            self.pacer.restart()
            self._wake.notify()

    @property
    def steps_per_second(self):
        return self.pacer.rate

    @steps_per_second.setter
    def steps_per_second(self, rate):
        """The pace of a run (0: as fast as possible); a new pace starts at once."""
        with self._wake:
            self.pacer.set_rate(rate)
            self._wake.notify()

    def pause(self):
        with self._wake:
            if self._running:
                self._stale = True  # the window is owed a snapshot that says it paused
            self._running = False
            self._pending = 0
            self._epoch = False
            self._wake.notify()

    def request_steps(self, n=1):
        """Do n more updates (pauses a run first)."""
        with self._wake:
            self._running = False
            self._pending += n
            self._wake.notify()

    @property
    def trainer(self):
        return self.branches.trainer

    @property
    def timeline(self):
        """The run's Branches: the Timeline interface over its segments."""
        return self.branches

    def go_to(self, step):
        """Put the run at an earlier (or, within the branch, later) step, exactly (pauses)."""
        with self._wake:
            self._running = False
            self._pending = 0
            self._back = 0
            self._goto = max(0, int(step))
            self._wake.notify()

    def back(self, n=1):
        """Back n updates from where the run is (or is about to be); at the step where a change
        by hand was made, Back undoes the change."""
        with self._wake:
            self._running = False
            self._pending = 0
            if self._goto is not None:
                self._goto = max(0, self._goto - n)
            else:
                self._back += n
            self._wake.notify()

    def apply(self, make_change):
        """Make a change by hand at the step the run is at (pauses): make_change(experiment,
        params) returns a core Change, or raises InputError (then `refused` says why)."""
        with self._wake:
            self._running = False
            self._pending = 0
            self._changes.append(make_change)
            self._wake.notify()

    def request_epoch(self):
        """Train to the end of the current epoch (a whole epoch from its start). The steps are
        counted in the worker's thread, from where the run really is: counted here, right after
        a pause, the last chunk may not have ended yet and the run stopped short of the epoch's
        end (tests/test_window.py, on a loaded machine)."""
        with self._wake:
            self._running = False
            self._epoch = True
            self._wake.notify()

    def set_learning_rate(self, rate):
        with self._wake:
            self._learning_rate = float(rate)
            self._wake.notify()

    def stop(self):
        """End the thread (wakes it if paused); then wait() for it."""
        with self._wake:
            self._quit = True
            self._running = False
            self._wake.notify()

    @property
    def running(self):
        return self._running

    # -- what the GUI takes ------------------------------------------------------------------

    def first_snapshot(self):
        """The snapshot of the step the worker starts at (published before it was connected)."""
        with self._snap_lock:
            snapshot, self._latest = self._latest, None
            chunks, self._chunks = self._chunks, []
            penalties, self._penalty_chunks = self._penalty_chunks, []
        if snapshot is not None and chunks:
            snapshot.first_loss, snapshot.losses = join_chunks(chunks)
        if snapshot is not None and penalties:
            snapshot.penalties = join_chunks(penalties)[1]
        return snapshot

    def taken(self):
        """The GUI has handled the last `progressed` snapshot: the next may be sent."""
        with self._snap_lock:
            self._waiting = False

    # -- the thread ------------------------------------------------------------------------

    def run(self):
        sys.setswitchinterval(SWITCH_INTERVAL)
        last_publish = time.perf_counter()
        while True:
            with self._wake:
                while not (self._quit or self._running or self._pending or self._epoch
                           or self._goto is not None or self._back or self._changes
                           or self._stale or self._learning_rate is not None):
                    self._wake.wait()
                if self._quit:
                    break
                rate_changed = self._apply_learning_rate()
                if not (self._running or self._pending or self._back or self._goto is not None
                        or self._changes or self._epoch):
                    # Paused between a chunk and its frame: the window must still see where
                    # the run stopped, and that it is paused, or it shows "running" for good.
                    # A new η while paused: the window shows the η the next update uses.
                    if self._stale or rate_changed:
                        self._publish()
                        last_publish = time.perf_counter()
                    continue
                if self.trainer.compiled and not warm_up.ready() and not self._changes:
                    # The compiled loop is being prepared (run/warm_up.py): compiling it here as
                    # well would only slow both down. Commands (pause, quit) still reach here;
                    # a change by hand (no training) is made at once.
                    warm_up.prepare()
                    self._wake.wait(timeout=WARM_UP_POLL)
                    continue
                if self._epoch and self._goto is None and not (self._back or self._changes):
                    t = self.trainer  # (after a go-to or back, from where that arrives)
                    self._pending += t.steps_per_epoch - t.step % t.steps_per_epoch
                    self._epoch = False
                goto, self._goto = self._goto, None
                back, self._back = self._back, 0
                changes, self._changes = self._changes, []
                steps = self._pending or self._steps_for_now()
                if goto is None and not (steps or back or changes):  # paced: not due yet
                    self._wake.wait(timeout=self.pacer.wait())
                    continue
                single = bool(self._pending)
                self._pending = 0
            if back:
                self._go_back(back)
            if goto is not None:
                self._go_to(goto)
            if changes:
                self._make_changes(changes)
            if goto is not None or back or changes:
                self._publish()
                if goto is not None or back:
                    self.arrived.emit(self.trainer.step)
                continue
            done = self._train(steps, single)
            if not single and self.steps_per_second > 0:
                self.pacer.took(done)
            if self._running and not self.trainer.compiled:
                time.sleep(PYTHON_PAUSE)
            now = time.perf_counter()
            if not self._running or now - last_publish >= (
                    FRAME if self.steps_per_second > 0 else DISPLAY_FRAME):
                self._publish()
                last_publish = now
            else:
                self._stale = True

    def _apply_learning_rate(self):
        """A new η asked for: from this step on (a branch if the run went on from here before).
        The same η again changes nothing. Returns whether it changed."""
        rate, self._learning_rate = self._learning_rate, None
        if rate is None or rate == self.trainer.learning_rate:
            return False
        self.timeline.set_learning_rate(rate)
        return True

    def _steps_for_now(self):
        """How many steps the next chunk takes: limited by the speed, the time and stop_at."""
        if self.steps_per_second > 0:  # as many as are due now: none until the next is
            steps = self.pacer.due(limit=self._chunk)
        else:
            steps = self._chunk
        if self.stop_at is not None and self.trainer.step < self.stop_at:
            steps = min(steps, self.stop_at - self.trainer.step)
        return steps

    def _train(self, steps, single=False):
        t = self.trainer
        if single and t.step + steps <= self.branches.end and t.diverged_at is None:
            self._go_to(t.step + steps)  # along the run already made: the same numbers
            return
        self._before = t.network.params.copy() if single and steps == 1 else None
        self._optimizer_before = optimizer_state(t) if self._before is not None else None
        started = time.perf_counter()
        done = self.branches.run(steps)
        t = self.trainer
        elapsed = time.perf_counter() - started
        if self._running and self.steps_per_second == 0 and done == steps:
            # adapt the chunk so one takes about CHUNK_TIME
            rate = done / max(elapsed, 1e-6)
            chunk_time = CHUNK_TIME if self.trainer.compiled else PYTHON_CHUNK_TIME
            self._chunk = int(min(max(1, rate * chunk_time), 4 * self._chunk + 1))
        reason = None
        if self.trainer.diverged_at is not None:
            reason = "diverged"
            self.divergence = diagnose(self.trainer, *self.labels).text()
        elif self._running and self.stop_at is not None and self.trainer.step == self.stop_at:
            reason = "finished"
        if reason:
            with self._wake:
                self._running = False
            self._publish(force=True)
            if reason == "diverged":
                self.diverged.emit(self.divergence)
            else:
                self.run_finished.emit()
        return done

    def _publish(self, force=False, signal=True):
        """Keep the newest snapshot and the new losses; signal them (see the module's doc)."""
        t = self.trainer
        history = t.history
        self._stale = False
        with self._snap_lock:
            if history.count > self._published:
                new = history.values[self._published :]
                self._chunks.append((t.step - len(new), new.copy()))
                if history.penalty is not None:
                    self._penalty_chunks.append(
                        (t.step - len(new), history.penalty.values[self._published :].copy()))
                self._last_loss = float(history.values[-1])
                # The window keeps the losses from here on; the trainer's copy would grow by
                # 8 bytes a step for as long as the window trains.
                history.truncate(0)
                self._published = 0
            last = self._last_loss
            self._latest = Snapshot(t.step, t.epoch, t.network.params.copy(), t.last_gradient(),
                                    t.learning_rate, self._running, t.diverged_at, last,
                                    self.branches.start, self.branches.end, self._before,
                                    experiment=self.branches.experiment,
                                    optimizer=optimizer_state(t),
                                    optimizer_before=self._optimizer_before)
            coalesce = self._running and self.steps_per_second == 0 and not force
            if not signal or (coalesce and self._waiting):
                self._stale = signal  # kept for the next signal (a pause sends it at once)
                return
            snapshot, self._latest = self._latest, None
            chunks, self._chunks = self._chunks, []
            penalties, self._penalty_chunks = self._penalty_chunks, []
            self._waiting = coalesce
        if chunks:
            snapshot.first_loss, snapshot.losses = join_chunks(chunks)
        if penalties:
            snapshot.penalties = join_chunks(penalties)[1]
        (self.progressed if coalesce else self.stepped).emit(snapshot)
