"""Font zoom for the back row (issue 11, SPEC section 12): Ctrl+= (or Ctrl++) makes the text
larger, Ctrl+− smaller, Ctrl+0 as it was: the graph's numbers and neurons, the math panel, the
loss plot and the gradient-descent views, in presentation mode too (the tool bars keep their size, so the window still
fits the screen). The zoom is remembered across restarts (QSettings, key "view/fontZoom")."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

KEY = "view/fontZoom"
STEP = 1.15  # each Ctrl+= makes text 15 % larger
LOWEST, HIGHEST = -3, 6  # 0.66× to 2.3×


def factor_of(level):
    return STEP ** level


class FontZoom(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.level = 0
        self.zoom_in = self._action("Larger text", +1,
                                    ["Ctrl+=", "Ctrl++", QKeySequence.StandardKey.ZoomIn])
        self.zoom_out = self._action("Smaller text", -1,
                                     ["Ctrl+-", QKeySequence.StandardKey.ZoomOut])
        self.zoom_reset = self._action("Text as it was", None, ["Ctrl+0"])
        self.set_level(_stored_level(window.settings), save=False)

    def _action(self, text, step, keys):
        action = QAction(text, self.window)
        sequences = []
        for key in keys:
            for sequence in (QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey)
                             else [QKeySequence(key)]):
                if sequence not in sequences:
                    sequences.append(sequence)
        action.setShortcuts(sequences)
        action.setShortcutContext(Qt.WindowShortcut)
        action.setToolTip(f"{text} for the back row ({sequences[0].toString()}); remembered")
        action.triggered.connect(lambda: self.set_level(0 if step is None else self.level + step))
        self.window.addAction(action)
        return action

    @property
    def factor(self):
        return factor_of(self.level)

    def set_level(self, level, save=True):
        """Zoom to `level` steps (0 = as it was), within LOWEST..HIGHEST."""
        self.level = max(LOWEST, min(HIGHEST, int(level)))
        w, factor = self.window, self.factor
        # What the back row reads: the graph, the math panel, the plots. Not the tool bars
        # and menus: larger, they made the window wider than a 1024×768 projector.
        # The gradient-descent views through their dock: they may not be built yet.
        for view in (w.graph, w.loss_plot, w.details, w.descent_dock):
            view.set_zoom(factor)
        if save:
            w.settings.setValue(KEY, self.level)
        self.zoom_in.setEnabled(self.level < HIGHEST)
        self.zoom_out.setEnabled(self.level > LOWEST)
        if save:
            w.model.say(f"Text at {round(100 * factor)} % (Ctrl+0: as it was)", 3000)


def _stored_level(settings):
    try:
        return int(settings.value(KEY, 0))
    except (TypeError, ValueError):  # a hand-edited settings file: start as it was
        return 0
