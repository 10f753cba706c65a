"""The loss plot follows the model: new loss values in chunks, the marker at the step shown,
the test loss once an epoch at the front of the run, and a fresh (or cut) plot on a new run."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot


class LossPlotFollower(QObject):
    def __init__(self, plot, model):
        super().__init__(plot)
        self.plot, self.model = plot, model
        model.replaced.connect(self._on_replaced)
        model.losses.connect(self._on_losses)
        model.edited.connect(lambda: plot.set_steps_per_epoch(model.trainer.steps_per_epoch))
        model.stepped.connect(self._on_stepped)

    @Slot()
    def _on_replaced(self):
        session = self.model.session
        if session.branched_at is None:
            self.plot.reset()
        else:  # a branch: the run up to it stays on the plot
            self.plot.truncate(session.branched_at)
        self.plot.set_steps_per_epoch(session.trainer.steps_per_epoch)

    @Slot(object, object)
    def _on_losses(self, first, losses):
        plot = self.plot
        if first is not None and first < plot.step_count():
            plot.truncate(first)  # the run branched from an earlier step
            self.model.tested_epoch = -1
        if losses.size:
            plot.append_steps(losses)

    @Slot(object)
    def _on_stepped(self, snapshot):
        plot, model = self.plot, self.model
        if plot.step_count() > snapshot.end:  # a branch that has no steps of its own yet
            plot.truncate(snapshot.end)
        if snapshot.penalties.size:  # beside the losses of the same steps
            plot.penalty.append_at(snapshot.first_loss, snapshot.penalties)
        plot.marker(snapshot.step if snapshot.step < plot.step_count() else None)
        # Test losses are measured at the front of the run; back on the timeline they are there.
        if (model.experiment.test is not None and snapshot.epoch != model.tested_epoch
                and snapshot.step == snapshot.end):
            model.tested_epoch = snapshot.epoch
            plot.append_test(snapshot.step, model.test_loss(model.network(snapshot.params)))
        plot.refresh()
