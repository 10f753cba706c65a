"""The math panel follows the model: the selected neuron's, weight's or bias's computation with
the numbers of the displayed sample, redrawn when the run steps, the phase moves or the selection
changes (core.explain writes the lines)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Slot

from mlpviz.core.explain import (Names, explain_bias, explain_loss, explain_neuron,
                                 explain_weight)

from ..run.shown import phase_text, update_shown
from .optimizer_lines import penalty_lines, update_lines


class MathPanelFollower(QObject):
    def __init__(self, panel, model):
        super().__init__(panel)
        self.panel, self.model = panel, model
        model.replaced.connect(lambda: panel.clear_selection())
        for signal in (model.stepped, model.phase_changed, model.selection_changed):
            signal.connect(self.redraw)

    @Slot()
    def redraw(self, *_):
        """The selected item's computation, with the numbers of the displayed sample."""
        model = self.model
        if model.shown is None:
            return
        network, forward, backward = model.shown
        trainer, c = model.trainer, model.config
        names = Names.of(c.sizes, c.inputNodeLabels, c.outputNodeLabels)
        self.panel.known = tuple(label for layer in names.neurons for label in layer)
        target = trainer.Z[model.shown.row]
        rate = model.snapshot.learning_rate if model.snapshot else trainer.learning_rate
        with np.errstate(all="ignore"):
            loss_lines = explain_loss(names, forward, target, trainer.loss, network.output_activation)
        loss_lines = loss_lines + penalty_lines(model, network)
        context = self._context()
        s = model.selection
        if s is None:
            self.panel.clear_selection(loss_lines, context)
            return
        if s.kind == "neuron":
            title = f"neuron {names.neurons[s.layer][s.node]}"
            lines = explain_neuron(network, names, forward, backward, s.layer, s.node, target,
                                   trainer.loss)
        elif s.kind == "weight":
            title = f"weight {names.weight(s.layer, s.node, s.source)}"
            lines = explain_weight(network, names, forward, backward, s.layer, s.node,
                                   s.source, rate)
        else:
            title = f"bias {names.bias(s.layer, s.node)}"
            lines = explain_bias(network, names, backward, s.layer, s.node, rate,
                                 trainer.train_biases)
        if s.kind != "neuron":  # another optimizer or a penalty: its lines for the update
            with np.errstate(all="ignore"):
                optimizer = update_lines(model, names, network, backward, s, rate)
            if optimizer is not None:
                lines = lines[:-1] + optimizer
        self.panel.show_lines(title, lines, loss_lines, context, settable=s.kind != "neuron")

    def _context(self):
        """What the math panel's numbers are of: which sample, which weights, which phase."""
        model = self.model
        sample = f"sample {model.shown.row + 1}"
        if model.phase is None:
            return f"{sample}, the next update's, with the weights as they are now"
        if update_shown(model.phase, model.snapshot):
            return (f"{sample}: the update just made — the pass before it, and each weight "
                    f"before (w) and after (w⁺) it")
        text = phase_text(model.phase, model.snapshot, model.config.sizes)
        return f"{sample}, after {text.strip()}"
