"""The timeline bar: a slider over steps 0..end to scrub, where the run is, and the phase."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QLabel, QSlider, QToolBar

from ..run.shown import phase_text


class TimelineBar(QToolBar):
    def __init__(self, model, running, start_action, end_action, parent=None):
        super().__init__("Timeline", parent)
        self.model = model
        self.setObjectName("Timeline")
        self.setMovable(False)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setToolTip("The run so far: drag to go back to any step, exactly")
        self.slider.setFocusPolicy(Qt.NoFocus)  # ← and → step phases, not the slider
        self.slider.valueChanged.connect(running.scrub)
        self.phase_label = QLabel()
        self.step_label = QLabel()
        self.addAction(start_action)
        self.addWidget(self.slider)
        self.addAction(end_action)
        self.addWidget(self.step_label)
        self.addSeparator()
        self.addWidget(self.phase_label)
        model.stepped.connect(self._on_stepped)
        model.phase_changed.connect(self._show_phase)

    @Slot(object)
    def _on_stepped(self, snapshot):
        self._show_phase()
        slider = self.slider
        slider.blockSignals(True)
        slider.setRange(snapshot.start, snapshot.end)
        slider.setValue(snapshot.step)
        slider.setPageStep(max(1, self.model.trainer.steps_per_epoch))
        slider.blockSignals(False)
        self.step_label.setText(f" step {snapshot.step:,} of {snapshot.end:,} ")

    @Slot()
    def _show_phase(self):
        m = self.model
        self.phase_label.setText(phase_text(m.phase, m.snapshot, m.config.sizes))
