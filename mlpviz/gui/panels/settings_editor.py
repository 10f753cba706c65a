"""The experiment editor: the settings of SPEC section 3's config, as a form.

`edited_config()` returns a new Config with the form's values; the window decides what a change
means (the learning rate applies at once; anything else restarts training).
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QHBoxLayout,
                               QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from mlpviz.core.activations import ACTIVATIONS, HIDDEN_ACTIVATIONS
from mlpviz.core.errors import InputError
from mlpviz.core.losses import LOSSES
from mlpviz.core.normalize import METHODS

from .optimizer_fields import OptimizerFields

# Settings that change which network is trained or from where it starts: they need a reset.
SHAPE_KEYS = ("hiddenNodesPerLayer", "activationFunction", "outputActivationFunction",
              "initWeightsBiasesMethod", "seed", "randomInit")


class ExperimentEditor(QWidget):
    applied = Signal()
    continued = Signal()  # apply from the current step, as a new branch
    learning_rate_changed = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.config = None
        form = QFormLayout()
        self.hidden = QLineEdit()
        self.hidden.setToolTip("Widths of the hidden layers, e.g. \"3\" or \"4, 3\"; empty: none")
        self.hidden_activation = self._combo(HIDDEN_ACTIVATIONS)
        self.output_activation = self._combo(ACTIVATIONS)
        self.loss = self._combo(LOSSES)
        self.learning_rate = QDoubleSpinBox(decimals=4, minimum=0.0, maximum=1000.0,
                                            singleStep=0.01)
        self.learning_rate.valueChanged.connect(self.learning_rate_changed)
        self.epochs = QSpinBox(minimum=1, maximum=10**8)
        self.batch = QSpinBox(minimum=0, maximum=10**6, specialValueText="full batch")
        self.shuffle = QCheckBox("shuffle each epoch")
        self.seed = QSpinBox(minimum=0, maximum=2**31 - 1)
        self.init = self._combo(("file", "random"))
        self.scale = QDoubleSpinBox(decimals=3, minimum=0.0, maximum=100.0, singleStep=0.1)
        self.train_biases = QCheckBox("train biases")
        self.optimizer = OptimizerFields()
        self.normalize_inputs = QCheckBox("inputs")
        self.normalize_outputs = QCheckBox("outputs")
        self.normalize_method = self._combo(METHODS)
        normalize = QHBoxLayout()
        normalize.addWidget(self.normalize_inputs)
        normalize.addWidget(self.normalize_outputs)
        normalize.addWidget(self.normalize_method)
        for label, widget in (("Hidden layers", self.hidden),
                              ("Hidden activation", self.hidden_activation),
                              ("Output activation", self.output_activation),
                              ("Loss", self.loss), ("Learning rate η", self.learning_rate),
                              ("Epochs per run", self.epochs), ("Batch size", self.batch),
                              ("", self.shuffle), ("Seed", self.seed),
                              ("Initial weights", self.init), ("Random range ±", self.scale),
                              ("", self.train_biases), ("Min-max normalize", normalize),
                              ("Optimizer", self.optimizer.name)) + self.optimizer.rows():
            if isinstance(widget, QHBoxLayout):
                form.addRow(label, widget)
            else:
                form.addRow(label, widget)
        self.apply_button = QPushButton("Apply and restart")
        self.apply_button.setToolTip("Restart training from the initial weights with these settings")
        self.apply_button.clicked.connect(self.applied)
        self.continue_button = QPushButton("Apply from this step")
        self.continue_button.setToolTip(
            "Train on from the current weights and step with these settings: a new branch of "
            "the run (for changes that keep the network: loss, batch size, shuffling, biases, "
            "normalization, epochs, optimizer and penalties; v, m and s go on if the optimizer "
            "stays the same)")
        self.continue_button.clicked.connect(self.continued)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.apply_button)
        layout.addWidget(self.continue_button)
        layout.addStretch(1)

    @staticmethod
    def _combo(options):
        combo = QComboBox()
        combo.addItems(list(options))
        return combo

    def show_config(self, config):
        self.config = config
        self.hidden.setText(", ".join(str(n) for n in config.hiddenNodesPerLayer))
        self.hidden_activation.setCurrentText(config.activationFunction)
        self.output_activation.setCurrentText(config.outputActivationFunction)
        self.loss.setCurrentText(config.lossFunction)
        self.learning_rate.blockSignals(True)
        self.learning_rate.setValue(config.learningRate)
        self.learning_rate.blockSignals(False)
        self.epochs.setValue(max(1, config.epochs))
        self.batch.setValue(config.batchSize)
        self.shuffle.setChecked(config.shuffle)
        self.seed.setValue(min(config.seed, 2**31 - 1))
        self.init.setCurrentText(config.initWeightsBiasesMethod)
        self.scale.setValue(config.randomInit.scale)
        self.train_biases.setChecked(config.trainBiases)
        self.normalize_inputs.setChecked(config.normalizeInputData)
        self.normalize_outputs.setChecked(config.normalizeOutputData)
        self.normalize_method.setCurrentText(config.normalizeMethod)
        self.optimizer.show_config(config)

    def edited_config(self):
        """A copy of the shown config with the form's values; InputError on a bad layer list."""
        config = copy.deepcopy(self.config)
        text = self.hidden.text().replace(";", ",").strip()
        try:
            hidden = [int(part) for part in text.split(",") if part.strip()]
        except ValueError:
            raise InputError("Hidden layers", None,
                             f"expected widths separated by commas, like \"4, 3\"; got \"{text}\"")
        if any(n < 1 or n > 100_000 for n in hidden):
            raise InputError("Hidden layers", None, "expected widths from 1 to 100000")
        config.hiddenNodesPerLayer = hidden
        config.activationFunction = self.hidden_activation.currentText()
        config.outputActivationFunction = self.output_activation.currentText()
        config.lossFunction = self.loss.currentText()
        config.learningRate = self.learning_rate.value()
        config.epochs = self.epochs.value()
        config.batchSize = self.batch.value()
        config.shuffle = self.shuffle.isChecked()
        config.seed = self.seed.value()
        config.initWeightsBiasesMethod = self.init.currentText()
        config.randomInit.scale = self.scale.value()
        config.trainBiases = self.train_biases.isChecked()
        config.normalizeInputData = self.normalize_inputs.isChecked()
        config.normalizeOutputData = self.normalize_outputs.isChecked()
        config.normalizeMethod = self.normalize_method.currentText()
        self.optimizer.edit_config(config)
        check_classification(config)
        return config


def check_classification(config):
    """What the config file's checks would refuse about softmax and classes, said the same way."""
    if config.outputActivationFunction == "softmax" and config.outputNodes < 2:
        raise InputError("Settings", "output activation", "expected at least two output nodes "
                         "for softmax (its outputs sum to 1); for one output use sigmoid")
    if config.outputClasses is not None and config.normalizeOutputData:
        raise InputError("Settings", "normalize outputs", "output normalization does not apply "
                         "to classes (outputClasses); leave it off")


def invalidates_weights(old, new):
    """Whether going from config `old` to `new` makes the current weights meaningless."""
    return any(getattr(old, key) != getattr(new, key) for key in SHAPE_KEYS)
