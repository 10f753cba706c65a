"""What every stepping gradient-descent view shares: a heat plot with a caption under it, rows of
controls above it, and Step / Run / Restart on a timer of its own.

A subclass builds its widgets, calls `assemble(rows, body)` and defines `step()` and `restart()`;
Run calls `step()` every RUN_INTERVAL_MS until `_stop(why)` (Pause, or the subclass: diverged,
too many steps). The textbook surfaces (surface_view, race_view) and the network's landscape
(slice_view, plane_view, whose Step/Run race optimizers on the network's loss) are built on it.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

RUN_INTERVAL_MS = 200


def set_quietly(box, value):
    """Set a spin box (or any widget with setValue) without its valueChanged firing."""
    box.blockSignals(True)
    box.setValue(value)
    box.blockSignals(False)


def control_row(widgets):
    """The widgets left to right, the rest of the row empty (a widget or a string: a label)."""
    row = QHBoxLayout()
    for widget in widgets:
        if isinstance(widget, str):
            widget = QLabel(widget)
        if isinstance(widget, int):
            row.addSpacing(widget)
        else:
            row.addWidget(widget)
    row.addStretch(1)
    return row


class DescentView(QWidget):
    """A plot, its caption, control rows and the Step / Run / Restart buttons."""

    def __init__(self, parent=None, interval=RUN_INTERVAL_MS):
        super().__init__(parent)
        self.timer = QTimer(self, interval=interval)
        self.timer.timeout.connect(self.step)
        self.buttons = {}
        for label, slot in (("Step", self.step), ("Run", self.toggle_run),
                            ("Restart", self.restart)):
            self.buttons[label] = QPushButton(label)
            self.buttons[label].clicked.connect(slot)
        self.step_button, self.run_button = self.buttons["Step"], self.buttons["Run"]
        self.restart_button = self.buttons["Restart"]
        self.caption = QLabel(wordWrap=True)

    def assemble(self, rows, body):
        """Lay out: each row of `rows` (a list of widgets, see control_row), `body`, the caption."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for row in rows:
            layout.addLayout(control_row(row))
        layout.addWidget(body, 1)
        layout.addWidget(self.caption)

    # -- stepping ----------------------------------------------------------------------------

    def step(self):
        raise NotImplementedError

    def restart(self):
        raise NotImplementedError

    @property
    def running(self):
        return self.timer.isActive()

    def toggle_run(self):
        """Run (a step every timer interval) or pause."""
        if self.timer.isActive():
            self._stop()
        else:
            self.timer.start()
            self.run_button.setText("Pause")

    def _stop(self, why=None):
        """Pause; `why` (a sentence) is appended to the caption."""
        self.timer.stop()
        self.run_button.setText("Run")
        if why:
            self.caption.setText(self.caption.text() + f"  — {why}.")
