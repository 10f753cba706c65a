"""Accuracy and the confusion matrix follow the model, for a classifier (SPEC section 8).

Accuracy on the training and the test set is measured at the front of the run once in each epoch
the window shows (the same moments the loss plot measures the test loss; at full speed, when many
epochs pass between two frames, only the ones shown get a point) and plotted beside the loss. The confusion
matrix is of the step shown, forward or back on the timeline, redrawn a few times a second at most
and only while it is visible. Large sets are measured on their first MAX_ROWS rows.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, QTimer, Slot

from mlpviz.core.confusion import accuracy, confusion_matrix

MAX_ROWS = 5000
TICK_MS = 250


class Measured:
    """A dataset ready to classify again and again: normalized inputs and true classes."""

    def __init__(self, experiment, table, name):
        X, _ = experiment.normalized(table)
        self.X, self.truth = X[:MAX_ROWS], table.truth[:MAX_ROWS]
        self.name, self.total = name, len(table.truth)

    def confusion(self, classes, network):
        with np.errstate(all="ignore"):
            predicted = classes.predicted(network.predict(self.X))
        return confusion_matrix(self.truth, predicted, classes.count)

    def describe(self):
        part = f"its first {len(self.truth):,} of {self.total:,}" if self.total > len(self.truth) \
            else f"{self.total:,}"
        return f"the {self.name} set ({part} samples)"


class ClassFollower(QObject):
    def __init__(self, plot, view, model, show=None):
        super().__init__(view)
        self.plot, self.view, self.model = plot, view, model
        self.show = show or (lambda on: None)  # shows or hides the plot and the view's tab
        self.sets = []
        self.measured_epoch = -1
        self.shown_step = None  # the snapshot whose confusion the view shows
        model.replaced.connect(self._on_replaced)
        model.stepped.connect(self._on_stepped)
        self.timer = QTimer(self, interval=TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    @property
    def classes(self):
        experiment = self.model.experiment
        return experiment.classes if experiment is not None else None

    @Slot()
    def _on_replaced(self):
        experiment, session = self.model.experiment, self.model.session
        self.show(self.classes is not None)
        self.sets, self.shown_step, self.measured_epoch = [], False, -1
        if session.branched_at is None:
            self.plot.reset()
        else:
            self.plot.truncate(session.branched_at)
        if self.classes is None:
            self.view.clear("Not a classifier: this experiment has no outputClasses.")
            return
        self.sets = [Measured(experiment, t, name) for t, name in
                     ((experiment.test, "test"), (experiment.train, "training")) if t is not None]
        self.tick()

    @Slot(object)
    def _on_stepped(self, snapshot):
        if self.classes is None:
            return
        if self.plot.steps and self.plot.steps[-1] > snapshot.end:
            self.plot.truncate(snapshot.end)  # a branch from an earlier step
            self.measured_epoch = -1
        if snapshot.step == snapshot.end and snapshot.epoch != self.measured_epoch:
            self.measured_epoch = snapshot.epoch
            network = self.model.network(snapshot.params)
            scores = {s.name: accuracy(s.confusion(self.classes, network)) for s in self.sets}
            epoch = snapshot.step / self.model.trainer.steps_per_epoch
            self.plot.add(snapshot.step, epoch, scores.get("training"), scores.get("test"))

    @Slot()
    def tick(self):
        """The confusion matrix of the step shown, when it changed and the view is visible."""
        if self.classes is None or not self.sets or not self.view.isVisible():
            return
        snapshot = self.model.snapshot
        if snapshot is not None and snapshot is self.shown_step:
            return
        self.shown_step = snapshot
        params = self.model.current_params()
        step = snapshot.step if snapshot is not None else 0
        measured = self.sets[0]
        matrix = measured.confusion(self.classes, self.model.network(params))
        right, total = int(np.trace(matrix)), int(matrix.sum())
        self.view.show_matrix(self.classes.names, matrix,
                              f"On {measured.describe()} after step {step:,}: accuracy "
                              f"{accuracy(matrix):.1%}, {right:,} of {total:,} right.")
