"""Record the optimizer race…: how many steps of the race a picture, how fast, how long, GIF or
MP4, and whether the race starts again first (the race view's Record… button, its right-click
menu, File ▸ Export)."""

from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QDialog, QDoubleSpinBox, QFormLayout, QLabel, QSpinBox,
                               QVBoxLayout)

from .record_dialog import FormatRows, dialog_buttons
from .recording import RACE_SIZE


class RaceRecordDialog(QDialog):
    """Asks for a race recording's settings; `settings()` gives them once accepted."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Record the optimizer race")
        self.steps_box = QSpinBox(minimum=1, maximum=1000, value=1, suffix=" steps")
        self.seconds_box = QDoubleSpinBox(minimum=0.5, maximum=600, value=10, suffix=" s")
        self.from_start = QCheckBox("start the race again first", checked=True)
        self.total = QLabel()
        self.formats = FormatRows(self._show_total)
        self.format_box, self.rate_box = self.formats.format_box, self.formats.rate_box
        form = QFormLayout()
        form.addRow("A picture every", self.steps_box)
        self.formats.add_to(form)
        form.addRow("Length", self.seconds_box)
        form.addRow("", self.from_start)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.total)
        dialog_buttons(self, layout)
        for box in (self.steps_box, self.seconds_box):
            box.valueChanged.connect(self._show_total)
        self.formats.fill_rates()

    def settings(self):
        """{view, format, fps, mode, frames, steps, hold, from_start} as chosen."""
        fps = self.rate_box.currentData()
        return dict(view="optimizer race", format=self.format_box.currentData(), fps=fps,
                    mode="race", frames=max(2, round(self.seconds_box.value() * fps)),
                    steps=self.steps_box.value(), hold=1,
                    from_start=self.from_start.isChecked(),
                    caption=self.formats.caption_box.isChecked())

    def _show_total(self, *_):
        if self.rate_box.currentData() is None:
            return
        s = self.settings()
        self.total.setText(f"{s['frames']} pictures, {s['steps'] * (s['frames'] - 1):,} steps "
                           f"of the race: {s['frames'] / s['fps']:.1f} s of animation, "
                           f"the plot at {RACE_SIZE.width()} × {RACE_SIZE.height()} px")
