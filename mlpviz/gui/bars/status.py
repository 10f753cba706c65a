"""The status bar's permanent line: the step, epoch, last loss, η and the sample shown."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QLabel


class StatusLine(QLabel):
    def __init__(self, model, status_bar):
        super().__init__()
        self.model = model
        # No stretch: the bar's messages ("Saved …", "Finished …") show in the room to its left.
        # With a stretch the line took the whole bar and they were never seen (issue 11, #7).
        status_bar.addPermanentWidget(self, 0)
        model.message.connect(status_bar.showMessage)
        model.stepped.connect(self.redraw)
        model.phase_changed.connect(self.redraw)

    @Slot()
    def redraw(self, *_):
        snapshot, shown = self.model.snapshot, self.model.shown
        if snapshot is None or shown is None:
            return
        loss = "—" if snapshot.last_loss is None else f"{snapshot.last_loss:.6g}"
        self.setText(f"step {snapshot.step}   epoch {snapshot.epoch}   "
                     f"loss of the last step {loss}   η {snapshot.learning_rate:g}   "
                     f"shown: sample {shown.row + 1} of {self.model.trainer.samples}")
