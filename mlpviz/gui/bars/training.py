"""The training tool bar: the stepping and running buttons, the learning rate η and the speed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QToolBar

from ..controllers.running import SPEEDS


def training_bar(actions, running, gradients_action):
    """The bars with `actions` (in order), and η and the speed, wired to the running
    controller. Returns ([buttons bar, speed bar], rate box, speed box)."""
    bar = QToolBar("Training")
    bar.setObjectName("Training")
    bar.setToolButtonStyle(Qt.ToolButtonTextOnly)
    bar.setMovable(False)
    for action in actions:
        bar.addAction(action)
    # η, the speed and the edge mode in a bar of their own: beside the buttons, or on a row of
    # their own when the screen is narrow (presentation mode at 1024×768), never in an overflow.
    bar, steps_bar = QToolBar("Speed"), bar
    bar.setObjectName("Speed")
    bar.setToolButtonStyle(Qt.ToolButtonTextOnly)
    bar.setMovable(False)
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
    for b in (steps_bar, bar):
        font = b.font()
        font.setPointSize(font.pointSize() + 2)
        b.setFont(font)
    return [steps_bar, bar], rate_box, speed_box
