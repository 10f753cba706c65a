"""The graph follows the model: a new structure when the experiment is replaced, the shown
sample's numbers whenever the run steps or the phase moves, and clicks become the selection."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from ..run.shown import phase_highlight


class GraphFollower(QObject):
    def __init__(self, view, model):
        super().__init__(view)
        self.view, self.model = view, model
        model.replaced.connect(self._on_replaced)
        model.edited.connect(self._on_edited)
        model.stepped.connect(self._draw)
        model.phase_changed.connect(self._draw)
        view.selected.connect(model.select)

    @Slot()
    def _on_replaced(self):
        c = self.model.config
        self.view.set_train_biases(self.model.trainer.train_biases)
        self.view.set_structure(c.sizes, c.inputNodeLabels, c.outputNodeLabels,
                                c.activationFunction, c.outputActivationFunction)

    @Slot()
    def _on_edited(self):
        if self.model.config.sizes != self.view.sizes:  # a neuron or a layer added or removed
            self._on_replaced()

    @Slot()
    def _draw(self, *_):
        model = self.model
        shown, snapshot = model.shown, model.snapshot
        if shown is None:
            return
        forward, backward = shown.forward, shown.backward
        out = [None if o is None else o[0] for o in forward.out]
        delta = [None] + [None if backward is None or d is None else d[0]
                          for d in (backward.delta[1:] if backward else [None] * (len(out) - 1))]
        net = [None] + [None if n is None else n[0] for n in forward.net[1:]]
        grad = None if backward is None else backward.grad
        self.view.show_state(snapshot.params, out=out, delta=delta, grad=grad, net=net,
                             highlight=phase_highlight(model.phase, snapshot, model.config.sizes))
