"""The training tool bar: the stepping and running buttons, the learning rate η and the speed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QToolBar

from ..controllers.running import SPEEDS


def training_bar(actions, running, gradients_action):
    """The bar with `actions` (in order), η and the speed, wired to the running controller.
    Returns (bar, rate box, speed box)."""
    bar = QToolBar("Training")
    bar.setObjectName("Training")
    bar.setToolButtonStyle(Qt.ToolButtonTextOnly)
    bar.setMovable(False)
    for action in actions:
        bar.addAction(action)
    bar.addSeparator()
    bar.addWidget(QLabel(" η "))
    rate_box = QDoubleSpinBox(decimals=4, minimum=0.0, maximum=1000.0, singleStep=0.05)
    rate_box.setToolTip("Learning rate η; changes apply while it runs")
    rate_box.valueChanged.connect(running.set_learning_rate)
    bar.addWidget(rate_box)
    bar.addWidget(QLabel("  speed "))
    speed_box = QComboBox()
    for text, value in SPEEDS:
        speed_box.addItem(text, value)
    speed_box.currentIndexChanged.connect(running.apply_speed)
    bar.addWidget(speed_box)
    bar.addSeparator()
    bar.addAction(gradients_action)
    font = bar.font()
    font.setPointSize(font.pointSize() + 2)
    bar.setFont(font)
    return bar, rate_box, speed_box
