"""The experiment the window shows, as one object the views subscribe to.

It holds the session (config, network, trainer, timeline, worker), the snapshot shown, the phase
of the update being stepped through, the selection and the displayed sample's pass, and says what
changed through its signals. Views connect to these and redraw themselves; controllers change the
model (or tell the worker), never a view directly. Only the worker's thread is not the GUI's: its
snapshots, each with the loss values made since the one before, arrive as Qt signals (one per
step while stepping or paced, one per frame at full speed: run/worker.py).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Signal, Slot

from .session import Session
from .shown import shown_pass


class ExperimentModel(QObject):
    replaced = Signal()  # a new experiment, or the same one reset: everything redraws
    losses = Signal(object, object)  # (first step, new loss values); a first step below the
    #                                  losses already shown means the run branched there
    stepped = Signal(object)  # the snapshot now shown (the run moved, or went back)
    phase_changed = Signal()  # stepping by phases moved on without a new snapshot
    selection_changed = Signal(object)  # a Selection, or None
    run_ended = Signal(str)  # "finished" or "diverged"
    arrived = Signal(int)  # a go-to (scrub, Home, End, back) arrived at this step
    message = Signal(str, int)  # a status-bar message and how long it shows (ms)
    alert = Signal(str)  # a message that stays in view until the run moves on ("" hides it)
    edited = Signal()  # a change by hand (or Back over one) changed the experiment: its data or
    #                    its network's shape; the run and its losses go on (views re-layout)
    refused = Signal(str)  # a change by hand could not be made: why (nothing changed)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.session = Session(self)
        self.session.replaced.connect(self._on_replaced)
        self.session.run_ended.connect(self._on_run_ended)
        self.session.snapshot.connect(self._on_snapshot)
        self.session.changed.connect(lambda sentence: self.say(sentence, 10000))
        self.session.refused.connect(self.refused)
        self.session.arrived.connect(self.arrived)
        self.snapshot = None  # the newest snapshot shown
        self.shown = None  # the displayed sample's pass (run/shown.py)
        self.selection = None
        self.tested_epoch = -1  # the epoch whose test loss the plot has
        # Stepping by phases: None shows the whole pass of the next update; k in 0..2L shows
        # what the first k phases of the update from the current step computed (0 right after
        # an update made by phase stepping: its new weights, and the pass that gave them).
        self.phase = None

    # -- what is open ------------------------------------------------------------------------

    @property
    def experiment(self):
        return self.session.experiment

    @property
    def config(self):
        return self.session.config

    @property
    def trainer(self):
        return self.session.trainer

    @property
    def worker(self):
        return self.session.worker

    @property
    def path(self):
        return self.session.path

    def network(self, params):
        return self.session.network(params)

    def current_params(self):
        return self.snapshot.params if self.snapshot is not None else \
            self.experiment.initial_params

    @property
    def display(self):
        """(network, forward, backward) of the displayed sample (or None)."""
        return None if self.shown is None else tuple(self.shown)

    # -- changes -------------------------------------------------------------------------------

    def _on_replaced(self):
        self.snapshot = self.shown = self.selection = self.phase = None
        self.tested_epoch = -1
        self.replaced.emit()
        snapshot = self.session.worker.first_snapshot()
        if snapshot is not None:
            self._on_snapshot(snapshot)

    def _on_edited(self, experiment):
        """The run moved into (or out of) a change by hand: its experiment is now this one."""
        reshaped = experiment.config.sizes != self.config.sizes
        self.session.experiment = experiment
        self.shown = None
        if reshaped and self.selection is not None:
            self.select(None)
        self.edited.emit()

    def apply(self, make_change):
        """Make a change by hand at the current step (core/edits.py, reshape.py): a new branch
        of the run; the status line says what it did, `refused` why not."""
        self.session.worker.apply(make_change)

    @Slot(str)
    def _on_run_ended(self, reason):
        if self.session.worker is None:  # queued before the window shut its training down
            return
        self.run_ended.emit(reason)

    def set_phase(self, phase, redraw=True):
        """Step through the update's phases (None: whole updates)."""
        self.phase = phase
        if redraw and self.snapshot is not None:
            self.shown = shown_pass(self.session, self.snapshot, self.phase)
            self.phase_changed.emit()

    def select(self, selection):
        self.selection = selection
        self.selection_changed.emit(selection)

    def say(self, text, ms=5000):
        self.message.emit(text, ms)

    def shutdown(self):
        self.session.shutdown()

    # -- the worker's news -------------------------------------------------------------------------

    @Slot(object)
    def _on_snapshot(self, snapshot):
        """A snapshot from the worker, with the loss values made since the one before."""
        if snapshot.first_loss is not None:
            self.losses.emit(snapshot.first_loss, snapshot.losses)
        if snapshot.experiment is not None and snapshot.experiment is not self.experiment:
            self._on_edited(snapshot.experiment)
        self.snapshot = snapshot
        self.shown = shown_pass(self.session, snapshot, self.phase)
        self.stepped.emit(snapshot)

    def refresh(self):
        """Handle at once the snapshots the worker has already sent (tests and benchmarks)."""
        QCoreApplication.sendPostedEvents(self.session, QEvent.Type.MetaCall)

    def test_loss(self, network):
        """The mean loss of `network` on the test set (None without one)."""
        test = self.experiment.test
        if test is None:
            return None
        with np.errstate(all="ignore"):
            return self.experiment.mean_loss(network, test)
