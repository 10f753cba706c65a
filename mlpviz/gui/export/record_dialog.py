"""File ▸ Export ▸ Record an animation…: what to record, how fast, how long, GIF or MP4.

A run: a picture every N updates, at a frame rate, for a number of seconds (the xor decision
regions forming: the output view, 10 frames a second, 20 seconds, 25 updates a frame). A phase
walk: every phase of the next updates, each held for a while. GIF needs nothing more; MP4 needs
ffmpeg (on PATH, or from the imageio-ffmpeg package), and the dialog says so when it is not there.
"""

from __future__ import annotations

from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox,
                               QDoubleSpinBox, QFormLayout, QLabel, QRadioButton, QSpinBox,
                               QVBoxLayout)

from mlpviz.core.animation import GIF_RATES, NO_ENCODER, ffmpeg

MP4_RATES = (5, 10, 15, 20, 24, 25, 30, 50, 60)


class FormatRows:
    """The rows every recording asks: GIF or MP4 (MP4 offered only where ffmpeg is, and a note
    saying so), the frame rates that format holds, and whether each picture says its step.
    `changed()` is called on a change."""

    def __init__(self, changed):
        self.format_box = QComboBox()
        self.format_box.addItem("Animated GIF", "gif")
        self.format_box.addItem("MP4 video (H.264)", "mp4")
        self.mp4_note = QLabel(wordWrap=True)
        if ffmpeg() is None:
            self.format_box.model().item(1).setEnabled(False)
            self.mp4_note.setText(NO_ENCODER)
        self.rate_box = QComboBox()
        self.caption_box = QCheckBox("the step number above each picture", checked=True)
        self.changed = changed
        self.format_box.currentIndexChanged.connect(self.fill_rates)
        self.rate_box.currentIndexChanged.connect(lambda *_: changed())

    def add_to(self, form):
        form.addRow("Format", self.format_box)
        form.addRow("", self.mp4_note)
        form.addRow("Frames a second", self.rate_box)
        form.addRow("Caption", self.caption_box)

    def fill_rates(self, *_):
        rates = GIF_RATES if self.format_box.currentData() == "gif" else MP4_RATES
        self.rate_box.blockSignals(True)
        self.rate_box.clear()
        for rate in rates:
            self.rate_box.addItem(f"{rate}", rate)
        self.rate_box.setCurrentIndex(rates.index(10))
        self.rate_box.blockSignals(False)
        self.changed()


def dialog_buttons(dialog, layout):
    buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
    buttons.button(QDialogButtonBox.Ok).setText("Record…")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)


class RecordDialog(QDialog):
    """Asks for a recording's settings; `settings()` gives them once accepted."""

    def __init__(self, views, phases_per_update, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Record an animation")
        self.phases_per_update = phases_per_update
        self.view_box = QComboBox()
        for name in views:
            self.view_box.addItem(name)
        self.run_button = QRadioButton("a run: a picture every")
        self.walk_button = QRadioButton("a phase walk: every phase of the next")
        group = QButtonGroup(self)
        for button in (self.run_button, self.walk_button):
            group.addButton(button)
        self.run_button.setChecked(True)
        self.steps_box = QSpinBox(minimum=1, maximum=1_000_000, value=10, suffix=" updates")
        self.updates_box = QSpinBox(minimum=1, maximum=100, value=1, suffix=" updates")
        self.hold_box = QDoubleSpinBox(minimum=0.2, maximum=10, value=1.0, singleStep=0.2,
                                       suffix=" s each")
        self.formats = FormatRows(self._show_total)
        self.format_box, self.mp4_note = self.formats.format_box, self.formats.mp4_note
        self.rate_box = self.formats.rate_box
        self.seconds_box = QDoubleSpinBox(minimum=0.5, maximum=600, value=10, suffix=" s")
        self.total = QLabel()
        self._build()
        for box in (self.steps_box, self.updates_box, self.hold_box, self.seconds_box):
            box.valueChanged.connect(self._show_total)
        group.buttonToggled.connect(self._show_total)
        self.formats.fill_rates()

    def _build(self):
        form = QFormLayout()
        form.addRow("Record", self.view_box)
        form.addRow(self.run_button, self.steps_box)
        form.addRow(self.walk_button, self.updates_box)
        form.addRow("holding each phase", self.hold_box)
        self.formats.add_to(form)
        form.addRow("Length (a run)", self.seconds_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.total)
        dialog_buttons(self, layout)

    def settings(self):
        """{view, format, fps, mode, frames, steps, hold} as chosen."""
        fps = self.rate_box.currentData()
        if self.run_button.isChecked():
            frames = max(2, round(self.seconds_box.value() * fps))
            return dict(view=self.view_box.currentText(), format=self.format_box.currentData(),
                        fps=fps, mode="run", frames=frames, steps=self.steps_box.value(), hold=1,
                        caption=self.formats.caption_box.isChecked())
        frames = self.updates_box.value() * self.phases_per_update + 1
        return dict(view=self.view_box.currentText(), format=self.format_box.currentData(),
                    fps=fps, mode="phases", frames=frames, steps=1,
                    hold=max(1, round(self.hold_box.value() * fps)),
                    caption=self.formats.caption_box.isChecked())

    def _show_total(self, *_):
        if self.rate_box.currentData() is None:
            return  # (while the rates are being filled)
        s = self.settings()
        seconds = s["frames"] * s["hold"] / s["fps"]
        what = (f"{s['frames']} pictures, {s['steps'] * (s['frames'] - 1):,} updates"
                if s["mode"] == "run" else f"{s['frames']} pictures, one a phase")
        self.total.setText(f"{what}: {seconds:.1f} s of animation")
