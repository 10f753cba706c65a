"""The Settings tab's optimizer rows (SPEC section 9): which optimizer, its constants and the L2
and L1 penalties; only the constants the chosen optimizer uses are enabled."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox

from mlpviz.core.optimizers import OPTIMIZERS

# (config key, label, decimals, maximum, step, tooltip, the optimizers that use it)
FIELDS = (
    ("momentum", "Momentum μ", 4, 1.0, 0.05, "v ← μ·v + g", ("momentum", "nesterov")),
    ("rmspropDecay", "RMSProp decay α", 4, 1.0, 0.01, "s ← α·s + (1 − α)·g²", ("rmsprop",)),
    ("adamBeta1", "Adam β₁", 4, 0.9999, 0.01, "m ← β₁·m + (1 − β₁)·g", ("adam",)),
    ("adamBeta2", "Adam β₂", 5, 0.99999, 0.001, "s ← β₂·s + (1 − β₂)·g²", ("adam",)),
    ("epsilon", "ε", 10, 1.0, 1e-8, "θ ← θ − η·… / (√s + ε)", ("rmsprop", "adam")),
    ("l2", "L2 penalty λ₂", 6, 100.0, 0.001, "the weights' gradient gains λ₂·w (biases: none)",
     OPTIMIZERS),
    ("l1", "L1 penalty λ₁", 6, 100.0, 0.001,
     "the weights' gradient gains λ₁·sign(w), sign(0) = 0 (biases: none)", OPTIMIZERS),
)


class OptimizerFields:
    """The optimizer combo and one spin box per constant, read from and written to a Config."""

    def __init__(self):
        self.name = QComboBox()
        self.name.addItems(list(OPTIMIZERS))
        self.name.setToolTip("How the gradient becomes the update (PyTorch's torch.optim "
                             "formulas); the math panel shows each step with its numbers")
        self.boxes = {}
        for key, _, decimals, maximum, step, tip, _users in FIELDS:
            box = QDoubleSpinBox(decimals=decimals, minimum=0.0, maximum=maximum,
                                 singleStep=step)
            if key == "epsilon":
                box.setMinimum(10.0 ** -decimals)
            box.setToolTip(tip)
            self.boxes[key] = box
        self.name.currentTextChanged.connect(self._enable)

    def rows(self):
        """(label, widget) for the form."""
        return tuple((label, self.boxes[key]) for key, label, *_ in FIELDS)

    def _enable(self, name):
        for key, *_, users in FIELDS:
            self.boxes[key].setEnabled(name in users)

    def show_config(self, config):
        self.name.setCurrentText(config.optimizer)
        for key, box in self.boxes.items():
            box.setValue(getattr(config, key))
        self._enable(config.optimizer)

    def edit_config(self, config):
        config.optimizer = self.name.currentText()
        for key, box in self.boxes.items():
            setattr(config, key, box.value())
