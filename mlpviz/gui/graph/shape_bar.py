"""+ and − for each hidden layer, and a layer added or removed, above the graph (TensorFlow
Playground's controls): each press is a change by hand, a new branch of the run."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget


class ShapeBar(QWidget):
    add_neuron = Signal(int)  # hidden layer l
    remove_neuron = Signal(int)
    add_layer = Signal()
    remove_layer = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(8, 2, 8, 2)
        self.buttons = {}  # ("+", l), ("−", l), "+layer", "−layer" → QToolButton
        self.sizes = None

    def set_sizes(self, sizes):
        """One − n + group per hidden layer of `sizes`, then + layer and − layer."""
        sizes = tuple(sizes)
        if sizes == self.sizes:
            return
        self.sizes = sizes
        while self.row.count():
            item = self.row.takeAt(0)
            if item.widget() is not None:  # gone now, not only at the next event loop turn
                item.widget().hide()
                item.widget().setParent(None)
        self.buttons = {}
        self.row.addWidget(QLabel("Hidden layers:"))
        for l in range(1, len(sizes) - 1):
            self.row.addWidget(QLabel(f" {l}:"))
            self._button(("−", l), "−", f"Remove the last neuron of hidden layer {l}",
                         lambda _=False, l=l: self.remove_neuron.emit(l), sizes[l] > 1)
            count = QLabel(str(sizes[l]))
            count.setAlignment(Qt.AlignCenter)
            self.row.addWidget(count)
            self._button(("+", l), "+", f"Add a neuron to hidden layer {l}",
                         lambda _=False, l=l: self.add_neuron.emit(l))
        self.row.addSpacing(16)
        self._button("+layer", "+ layer", "Add a hidden layer before the output, as wide as the "
                     "layer before it", lambda _=False: self.add_layer.emit())
        self._button("−layer", "− layer", "Remove the last hidden layer",
                     lambda _=False: self.remove_layer.emit(), len(sizes) > 2)
        self.row.addStretch(1)

    def _button(self, key, text, tip, slot, enabled=True):
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip + " (a new branch of the run; Back undoes it)")
        button.setEnabled(enabled)
        button.clicked.connect(slot)
        self.row.addWidget(button)
        self.buttons[key] = button
