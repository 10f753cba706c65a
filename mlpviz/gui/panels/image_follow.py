"""The image panel follows the model: the displayed sample and the first hidden layer's weights,
redrawn when the run steps (at display rate at most) or a hidden neuron is selected."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot

from mlpviz.core.explain import Names


class ImageFollower(QObject):
    def __init__(self, panel, model, show=None):
        super().__init__(panel)
        self.panel, self.model = panel, model
        self.show = show or (lambda on: None)
        self.selected = 0
        self.levels = (0.0, 1.0)  # the inputs' range: white to black
        model.replaced.connect(self._on_replaced)
        for signal in (model.stepped, model.phase_changed):
            signal.connect(self.redraw)
        model.selection_changed.connect(self._on_selected)

    @Slot()
    def _on_replaced(self):
        shape = self.model.config.image_shape
        self.show(shape is not None)
        self.panel.reset(shape)
        X = self.model.trainer.X
        self.levels = (float(X.min()), float(X.max())) if X.size else (0.0, 1.0)
        self.selected = 0
        self.redraw()

    @Slot(object)
    def _on_selected(self, selection):
        if selection is not None and selection.kind == "neuron" and selection.layer == 1 \
                and self.model.config.image_shape and len(self.model.config.sizes) > 2:
            self.selected = selection.node
            self.redraw()

    @Slot()
    def redraw(self, *_):
        panel, model = self.panel, self.model
        if panel.shape is None or not panel.isVisible():
            return
        if model.shown is not None:
            panel.show_sample(model.shown.forward.out[0][0], *self.levels)
        network = model.network(model.current_params())
        if network.L >= 2:  # a hidden layer to show
            c = model.config
            names = Names.of(c.sizes, c.inputNodeLabels, c.outputNodeLabels)
            selected = min(self.selected, network.sizes[1] - 1)
            panel.show_weights(network.W[1], selected, names.neurons[1][selected])
