"""Changes by hand: a weight or bias typed in, neurons and hidden layers added or removed, points
added or removed, the training data saved. Each change is made by the worker at the step the run
is at, as a new branch (core/branches.py); Back at that step undoes it."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog

from mlpviz.core import edits, reshape
from mlpviz.core.files import write_atomic
from mlpviz.core.network import layer_views


class HandsOnController(QObject):
    def __init__(self, model, window):
        super().__init__(window)
        self.model, self.window = model, window
        model.refused.connect(window.report_error)

    # -- weights and biases ---------------------------------------------------------------------

    def ask_value(self, selection):
        """Ask for a new value of the weight or bias `selection` (a graph Selection) and set it."""
        if selection is None or selection.kind not in ("weight", "bias"):
            return False
        current = self.value_of(selection)
        name = self._name(selection)
        text, ok = QInputDialog.getText(self.window, "Set a value by hand",
                                        f"{name} (now {current!r}); a new branch of the run "
                                        f"starts here, Back undoes it:", text=repr(current))
        if not ok:
            return False
        self.set_value(selection, text.strip().replace(",", "."))
        return True

    def set_value(self, selection, value):
        """Set the weight or bias `selection` to `value` (text or a number) at the current step."""
        l, j = selection.layer, selection.node
        if selection.kind == "bias":
            self.model.apply(lambda e, p: edits.set_bias(e, p, l, j, value))
        else:
            i = selection.source
            self.model.apply(lambda e, p: edits.set_weight(e, p, l, j, i, value))

    def value_of(self, selection):
        W, b = layer_views(self.model.current_params(), self.model.config.sizes)
        if selection.kind == "bias":
            return float(b[selection.layer][selection.node])
        return float(W[selection.layer][selection.node, selection.source])

    def _name(self, selection):
        names = edits.names_of(self.model.experiment)
        if selection.kind == "bias":
            return names.bias(selection.layer, selection.node)
        return names.weight(selection.layer, selection.node, selection.source)

    # -- the network's shape ----------------------------------------------------------------------

    def add_neuron(self, l):
        self.model.apply(lambda e, p: reshape.add_neuron(e, p, l))

    def remove_neuron(self, l):
        self.model.apply(lambda e, p: reshape.remove_neuron(e, p, l))

    def add_layer(self):
        self.model.apply(lambda e, p: reshape.add_layer(e, p))

    def remove_layer(self):
        self.model.apply(lambda e, p: reshape.remove_layer(e, p))

    # -- training points ---------------------------------------------------------------------------

    def add_point(self, inputs, target):
        """A training point at `inputs` (data units) with a class index or target value."""
        row = [*map(float, inputs), float(target)]
        self.model.apply(lambda e, p: edits.add_points(e, p, [row]))

    def remove_point(self, index):
        self.model.apply(lambda e, p: edits.remove_points(e, p, [index]))

    def save_training_data(self, path=None):
        """File ▸ Save training data as CSV: the training set as it is now (points by hand too)."""
        if path is None:
            path, _ = self.window.files.folders.ask_save(self.window, "data",
                                                         "Save training data as CSV",
                                                         "training.csv", "CSV files (*.csv)")
        if not path:
            return False
        try:
            write_atomic(path, edits.training_csv_text(self.model.experiment))
        except OSError as e:
            self.window.report_error(f"{path}: {e.strerror or e}")
            return False
        self.model.say(f"Saved {len(self.model.experiment.train.values)} training points to "
                       f"{path}", 5000)
        return True
