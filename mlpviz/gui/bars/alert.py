"""The alert bar: a message that stays in view above the graph (a diverged run) until the run
moves back before it or starts again."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolBar


class AlertBar(QToolBar):
    def __init__(self, model, parent=None):
        super().__init__("Alert", parent)
        self.setObjectName("Alert")
        self.setMovable(False)
        self.label = QLabel(wordWrap=True)
        self.label.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.label.setStyleSheet("QLabel { background: #fde0dc; color: #8b0000; "
                                 "font-weight: bold; padding: 6px; }")
        self.label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.addWidget(self.label)
        model.alert.connect(self.show_alert)
        model.stepped.connect(self._on_stepped)
        model.phase_changed.connect(lambda: self._on_stepped(model.snapshot))

    @Slot(str)
    def show_alert(self, text):
        self.label.setText(text)
        # A tool bar ignores height-for-width: give the label the height of its wrapped text.
        width = max(200, self.parentWidget().width() - 40) if self.parentWidget() else 600
        self.label.setFixedHeight(max(1, self.label.heightForWidth(width)))
        self.setVisible(bool(text))

    @Slot(object)
    def _on_stepped(self, snapshot):
        if snapshot is not None and snapshot.diverged_at is None and self.isVisible():
            self.show_alert("")  # gone back, or started again
