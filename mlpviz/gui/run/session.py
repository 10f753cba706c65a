"""The open experiment and its training: the one place the window replaces or resets them.

A session holds a loaded core Experiment, the network being trained and the worker thread that
trains it. Anything that would change the experiment is first loaded completely (raising
InputError on bad input) and only then swapped in, so a failed load changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal, Slot

from mlpviz.core.branches import Branches
from mlpviz.core.experiment import Experiment

from .ended_runs import EndedRun, keep
from .worker import DISPLAY_FRAME, TrainingWorker


class Session(QObject):
    replaced = Signal()  # a new experiment, or the same one reset: everything must redraw
    run_ended = Signal(str)  # "finished" or "diverged"
    snapshot = Signal(object)  # the worker's Snapshot (stepped or progressed), in the GUI thread
    arrived = Signal(int)  # a go-to arrived at this step
    changed = Signal(str)  # a change by hand was made or undone: what it did
    refused = Signal(str)  # a change by hand could not be made: why

    def __init__(self, parent=None):
        super().__init__(parent)
        self.experiment = None
        self.path = None  # the config file, or None for an unsaved experiment
        self.worker = None
        self.branched_at = None  # the step a settings change continued from (None: step 0)
        self.ended = []  # runs a Reset ended, the latest last: Back brings them back (EndedRun)

    @property
    def config(self):
        return self.experiment.config

    @property
    def trainer(self):
        return self.worker.trainer

    def open(self, path):
        """Load a config file and everything it names; on any error nothing changes."""
        experiment = Experiment.load(Path(path))
        self.replace(experiment, Path(path))

    def replace(self, experiment, path=None, params=None):
        """Swap in an experiment (already loaded) and start over at step 0."""
        experiment.trainer()  # raises now, not later, if it cannot be trained
        self._stop_worker()
        self.experiment, self.path = experiment, path
        if params is not None:
            self.experiment.initial_params = np.array(params, dtype=float)
        self.branched_at = None
        self.ended = []
        self._start_worker(Branches(self.experiment))
        self.replaced.emit()

    def continue_with(self, experiment, params, step, optimizer=None, curve_of=None):
        """Swap in an experiment of the same network and train on from `params` at `step`:
        a new branch of the run (its timeline starts there; Reset still goes to step 0).
        `optimizer` (name, slots, t), the state at `step`, goes on if the optimizer is the same.
        The run it ends is kept, as by reset(): Back at `step` brings it back."""
        experiment.trainer()
        kept = keep(self.ended, self._end_run(curve_of))
        self.experiment = experiment
        self.branched_at = int(step)
        self._start_worker(Branches(experiment, np.array(params, dtype=float), self.branched_at,
                                    optimizer=optimizer))
        self.ended = kept
        self.replaced.emit()

    def reset(self, curve_of=None):
        """Back to the initial weights (the file's, or the seeded random ones) and step 0. The run
        it ends is kept (with what `curve_of()` gives, the loss curve the window had: an
        ended_runs.Curve), so that Back can bring it back (bring_back); returns it, or None
        for a run with nothing in it (still at its start, no step, no change by hand)."""
        ended = self._end_run(curve_of)
        kept = keep(self.ended, ended)
        self.replace(self.experiment, self.path)
        self.ended = kept
        return ended

    def bring_back(self):
        """Undo the last Reset: the run it ended, at the step and in the branch it was, its
        changes by hand in it (Back undoes them in turn) and its loss curve. Returns it."""
        run = self.ended.pop()
        ended = self.ended
        self._stop_worker()
        branches = run.branches
        self.experiment = branches.experiment
        self.experiment.config.learningRate = branches.trainer.learning_rate  # the η box's
        self.branched_at = run.branched_at
        self._start_worker(branches, run.stop_at, resumed=run)
        self.ended = ended
        self.replaced.emit()  # (takes the worker's first snapshot, with the loss curve)
        self.worker.start()  # then it goes to where the run was
        return run

    def _end_run(self, curve_of):
        """Stop the worker and hand what it sent to the window, then keep the run."""
        worker = self.worker
        worker.stop()
        worker.wait()
        QCoreApplication.sendPostedEvents(self, QEvent.Type.MetaCall)  # the curve is whole
        rest = worker.first_snapshot()
        if rest is not None:
            self.snapshot.emit(rest)
        b = worker.branches
        if b.step == b.start == b.end and len(b.segments) == 1:
            return None
        return EndedRun(b, self.branched_at, worker.stop_at,
                        curve_of() if curve_of is not None else None)

    def _start_worker(self, branches, stop_at=False, resumed=None):
        """A worker training `branches` until `stop_at` (False: the config's epochs); for a run
        brought back (`resumed`, an EndedRun), where it was, with its loss curve."""
        trainer, step = branches.trainer, branches.step
        if stop_at is False:
            stop_at = self.experiment.config.epochs * trainer.steps_per_epoch
            if stop_at <= step:
                stop_at = None
        config = self.experiment.config
        worker = TrainingWorker(branches, stop_at,
                                (config.inputNodeLabels, config.outputNodeLabels))
        # Slots of this GUI-thread object (not lambdas, which would run in the worker's thread).
        worker.stepped.connect(self._on_snapshot)
        worker.progressed.connect(self._on_progressed)
        worker.run_finished.connect(self._on_finished)
        worker.diverged.connect(self._on_diverged)
        worker.arrived.connect(self._on_arrived)
        worker.changed.connect(self._on_changed)
        worker.refused.connect(self._on_refused)
        self.worker = worker
        if resumed is not None:
            worker.resume(resumed.losses)
        else:
            worker.start()

    def _current(self):
        """Whether the signal being handled comes from the worker now training (signals queued
        by one stopped since are dropped)."""
        return self.worker is not None and self.sender() is self.worker

    @Slot(object)
    def _on_snapshot(self, snapshot):
        if self._current():
            self.snapshot.emit(snapshot)

    @Slot(object)
    def _on_progressed(self, snapshot):
        """A full-speed frame. The next may come once this one is drawn and the window has had as
        long again for everything else: `taken` goes on a timer, which Qt serves after the posted
        paints and input, so a frame that costs more than the frame time (a big network, a loaded
        machine) never keeps the window from answering keys and clicks (test_classroom's
        full-speed tests saw 1.2-1.7 s pauses when frames came back to back)."""
        if self._current():
            began = time.perf_counter()
            self.snapshot.emit(snapshot)
            spent = time.perf_counter() - began
            worker = self.worker
            QTimer.singleShot(round(1000 * max(DISPLAY_FRAME, spent)), self, worker.taken)

    @Slot()
    def _on_finished(self):
        if self._current():
            self.run_ended.emit("finished")

    @Slot(str)
    def _on_diverged(self, sentence):
        if self._current():
            self.run_ended.emit("diverged")

    @Slot(str)
    def _on_changed(self, sentence):
        if self._current():
            self.changed.emit(sentence)

    @Slot(str)
    def _on_refused(self, reason):
        if self._current():
            self.refused.emit(reason)

    @Slot(int)
    def _on_arrived(self, step):
        if self._current():
            self.arrived.emit(step)

    def _stop_worker(self):
        if self.worker is not None:
            self.worker.stop()
            self.worker.wait()
            self.worker = None

    def shutdown(self):
        self._stop_worker()

    def network(self, params):
        """A network of the experiment's shape with the given parameters (for display)."""
        return self.experiment.network(params)
