"""The status bar: the message line on the left, the permanent line (step, epoch, last loss, η
and the sample shown) on the right.

Messages ("Saved …", "Return runs …", "Preparing the training loop …") go through the bar's own
showMessage (so `currentMessage()` says what is shown) but are drawn by MessageLine: QStatusBar
draws a message on one line and cuts it at the permanent fields, which in presentation mode on a
1024×768 projector left "Preparing the training loop (compiled once, the f" (issue 11). The
message line wraps onto up to MAX_LINES lines, the bar growing while such a message shows; a
longer message ends in "…" and the whole of it is the line's tooltip."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Slot
from PySide6.QtWidgets import QLabel, QSizePolicy

MAX_LINES = 3


class MessageLine(QLabel):
    def __init__(self, status_bar):
        super().__init__(objectName="message")
        self.full = ""
        self._height = self.fontMetrics().lineSpacing() + 2
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        # Its width never sets the window's: it takes what the permanent fields leave.
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.setMinimumWidth(40)
        # Permanent (a normal widget is hidden while a message shows), first, with the stretch:
        # the bar's own drawing of the message then has no room left and draws nothing.
        status_bar.insertPermanentWidget(0, self, 1)
        status_bar.messageChanged.connect(self.show_message)

    @Slot(str)
    def show_message(self, text):
        self.full = text or ""
        self.setToolTip(self.full)
        self._fit()

    def lines_needed(self, text, width):
        fm = self.fontMetrics()
        rect = fm.boundingRect(QRect(0, 0, max(width, 1), 100_000), Qt.TextWordWrap, text)
        return max(1, round(rect.height() / fm.lineSpacing()))

    def _fit(self):
        width = self.contentsRect().width()
        text = self.full
        if self.lines_needed(text, width) > MAX_LINES:  # the most words that fit, then "…"
            words = text.split(" ")
            low, high = 0, len(words)
            while high - low > 1:
                middle = (low + high) // 2
                fits = self.lines_needed(" ".join(words[:middle]) + " …", width) <= MAX_LINES
                low, high = (middle, high) if fits else (low, middle)
            text = " ".join(words[:low]) + " …"
        lines = self.lines_needed(text, width) if text else 1
        if text != self.text():
            self.setText(text)
        height = lines * self.fontMetrics().lineSpacing() + 2
        if height != self._height:
            self._height = height
            self.updateGeometry()

    # Its height is the lines its message takes at its width, no more: a word-wrapped QLabel
    # would ask for the height of its text at its least width, and the bar took half the window.
    def hasHeightForWidth(self):
        return False

    def sizeHint(self):
        return QSize(200, self._height)

    def minimumSizeHint(self):
        return QSize(40, self._height)

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event):  # a style sheet (presentation mode) changed the font
        super().changeEvent(event)
        if event.type() == event.Type.FontChange:
            self._fit()


class StatusLine(QLabel):
    def __init__(self, model, status_bar):
        super().__init__()
        self.model = model
        self.message = MessageLine(status_bar)
        # No stretch: the messages show in the room to its left (with a stretch the line took
        # the whole bar and they were never seen: issue 11, #7).
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
