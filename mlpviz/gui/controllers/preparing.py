"""A sign of life while the compiled training loop is prepared (issue 11, #17): on a cold cache
it takes up to ~20 s (run/warm_up.py, in the background). While an update waits for it, or once
it has taken long enough to be noticed, the status bar says so beside a busy indicator; the
window answers all the while."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QProgressBar

from ..run import warm_up

PREPARING = "Preparing the training loop (compiled once, the first time)…"
READY = "The training loop is ready."
SHOW_AFTER = 2.0  # seconds of preparing before it is shown without a step waiting for it
LOOK_EVERY_MS = 200


class PreparingNote(QObject):
    def __init__(self, model, status_bar):
        super().__init__(status_bar)
        self.model = model
        self.busy = QProgressBar(minimum=0, maximum=0, textVisible=False, maximumWidth=90,
                                 maximumHeight=14, objectName="preparing")
        self.busy.setToolTip(PREPARING)
        self.busy.hide()
        status_bar.insertPermanentWidget(0, self.busy)
        self.shown = False  # the note and the indicator are showing
        self.timer = QTimer(self, interval=LOOK_EVERY_MS)
        self.timer.timeout.connect(self.look)
        self.timer.start()

    def asked(self):
        """Training was asked for: if it must wait for the compiled loop, say so at once."""
        if self.model.worker is not None and self.model.trainer.compiled and not warm_up.ready():
            warm_up.prepare()
            self._show()

    def look(self):
        if warm_up.ready():
            self.timer.stop()
            if self.shown:
                self.shown = False
                self.busy.hide()
                self.model.say(READY, 2000)
            return
        taken = warm_up.preparing_for()
        if not self.shown and taken is not None and taken > SHOW_AFTER:
            self._show()

    def _show(self):
        if not self.shown:
            self.shown = True
            self.busy.show()
            self.timer.start()
        self.model.say(PREPARING, 0)
