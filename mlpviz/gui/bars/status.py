"""The status bar: the message line on the left, the permanent line (step, epoch, last loss, η
and the sample shown) on the right.

Messages ("Saved …", "Return runs …", "Preparing the training loop …") go through the bar's own
showMessage (so `currentMessage()` says what is shown) but are drawn by MessageLine: QStatusBar
draws a message on one line and cuts it at the permanent fields, which in presentation mode on a
1024×768 projector left "Preparing the training loop (compiled once, the f" (issue 11). Now:
- while a message would not fit beside the permanent line, that line is written short
  ("step 3 · epoch 0 · loss 0.291 · η 0.5 · sample 1/1"), giving the message the room;
- in presentation mode on a narrow screen the message line is two lines high (for as long as
  the mode lasts: the graph's size never changes with a message, which would also change the
  size of the pictures of a recording);
- a message longer than its lines still ends in "…", the whole of it in the tooltip."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt, Slot
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

GAP = 24  # px the bar keeps between the message and the permanent line, and for its margins


class MessageLine(QLabel):
    def __init__(self, status_bar):
        super().__init__(objectName="message")
        self.full = ""
        self.lines = 1
        self._height = self.fontMetrics().lineSpacing() + 2
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        # Its width never sets the window's: it takes what the permanent fields leave.
        self.setSizePolicy(QSizePolicy.Ignored, QSizePolicy.Preferred)
        self.setMinimumWidth(40)
        # Permanent (a normal widget is hidden while a message shows), first, with the stretch:
        # the bar's own drawing of the message then has no room left and draws nothing.
        status_bar.insertPermanentWidget(0, self, 1)

    def set_lines(self, lines):
        """How many lines high it is (1; 2 in presentation mode on a narrow screen)."""
        self.lines = max(1, int(lines))
        self._fit()

    def show_message(self, text):
        self.full = text or ""
        self.setToolTip(self.full)
        self._fit()

    def lines_needed(self, text, width):
        fm = self.fontMetrics()
        rect = fm.boundingRect(QRect(0, 0, max(int(width), 1), 100_000), Qt.TextWordWrap, text)
        return max(1, round(rect.height() / fm.lineSpacing()))

    def fits(self, text, width):
        return self.lines_needed(text, width) <= self.lines

    def _fit(self):
        width = self.contentsRect().width()
        text = self.full
        if not self.fits(text, width):  # the most words that fit, then "…"
            words = text.split(" ")
            low, high = 0, len(words)
            while high - low > 1:
                middle = (low + high) // 2
                fits = self.fits(" ".join(words[:middle]) + " …", width)
                low, high = (middle, high) if fits else (low, middle)
            text = " ".join(words[:low]) + " …"
        if text != self.text():
            self.setText(text)
        height = self.lines * self.fontMetrics().lineSpacing() + 2
        if height != self._height:
            self._height = height
            self.updateGeometry()

    # Its height is its lines, whatever the message: a word-wrapped QLabel asks for the height
    # of its text at its least width (the bar took half the window).
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
            self._height = -1
            self._fit()


class StatusLine(QLabel):
    def __init__(self, model, status_bar):
        super().__init__()
        self.model = model
        self.bar = status_bar
        self.texts = ("", "")  # (full, short)
        self.message = MessageLine(status_bar)
        # No stretch: the messages show in the room to its left (with a stretch the line took
        # the whole bar and they were never seen: issue 11, #7).
        status_bar.addPermanentWidget(self, 0)
        status_bar.installEventFilter(self)  # its width: room for the message, or not
        model.message.connect(status_bar.showMessage)
        status_bar.messageChanged.connect(self.show_message)
        model.stepped.connect(self.redraw)
        model.phase_changed.connect(self.redraw)

    @Slot(str)
    def show_message(self, text):
        self.message.show_message(text)
        self._choose()

    def set_message_lines(self, lines):
        self.message.set_lines(lines)
        self._choose()

    @Slot()
    def redraw(self, *_):
        snapshot, shown = self.model.snapshot, self.model.shown
        if snapshot is None or shown is None:
            return
        loss = "—" if snapshot.last_loss is None else f"{snapshot.last_loss:.6g}"
        sample, samples = shown.row + 1, self.model.trainer.samples
        eta = f"{snapshot.learning_rate:g}"
        self.texts = (f"step {snapshot.step}   epoch {snapshot.epoch}   "
                      f"loss of the last step {loss}   η {eta}   "
                      f"shown: sample {sample} of {samples}",
                      f"step {snapshot.step} · epoch {snapshot.epoch} · loss {loss} · "
                      f"η {eta} · sample {sample}/{samples}")
        self._choose()

    def _choose(self):
        """The full line, or the short one while the message would not fit beside the full
        one (decided from the bar's width, never from the message line's own)."""
        full, short = self.texts
        message = self.message.full
        others = sum(w.width() for w in self.bar.findChildren(QWidget)
                     if w.parentWidget() is self.bar and w.isVisible()
                     and w not in (self, self.message))  # the busy indicator, the size grip
        room = self.bar.width() - self.fontMetrics().horizontalAdvance(full) - others - GAP
        text = short if message and not self.message.fits(message, room) else full
        if text != self.text():
            self.setText(text)

    def eventFilter(self, watched, event):
        if watched is self.bar and event.type() == QEvent.Type.Resize:
            self._choose()
        return False
