"""The examples, one click away: each bundled example with its description and an Open button."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget


class StartPage(QWidget):
    chosen = Signal(str)  # the name of the example to open

    def __init__(self, described, parent=None):
        """`described`: (name, title, description) of each example, as examples.describe()."""
        super().__init__(parent)
        layout = QVBoxLayout(self)
        intro = QLabel("Open an example: each one loads at step 0, ready to step through.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.buttons = {}
        for name, title, description in described:
            card = QFrame()
            card.setFrameShape(QFrame.StyledPanel)
            inner = QVBoxLayout(card)
            text = QLabel(f"<b>{html.escape(title)}</b><br>{html.escape(description)}")
            text.setWordWrap(True)
            text.setTextFormat(Qt.RichText)
            button = QPushButton("Open")
            button.setToolTip(f"mlpviz open {name}")
            button.clicked.connect(lambda _=False, n=name: self.chosen.emit(n))
            inner.addWidget(text)
            inner.addWidget(button, 0, Qt.AlignLeft)
            layout.addWidget(card)
            self.buttons[name] = button
        layout.addStretch(1)
