"""The bottom strip's height follows the tab shown in it (real use at 1280×800 and 1024×768).

On a narrow screen the loss plot and the gradient-descent views share the bottom strip as tabs
(screen_fit.py). The strip is sized for the loss plot (a quarter of the screen), and the
descent views' maps were then a sliver a class could not see: a teacher had to find the splitter
and drag it. Now the strip takes half the window when the descent views' tab is chosen, and the
loss plot's height back when its tab is; a height the user drags to is kept for that tab.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QTabBar

DESCENT_SHARE = 0.5  # of the window's height, the first time the descent views' tab is chosen


class TabHeights(QObject):
    """Remembers the bottom strip's height per tab, and gives it back when the tab is chosen."""

    def __init__(self, window, loss, descent):
        super().__init__(window)
        self.window, self.loss, self.descent = window, loss, descent
        self.heights = {}  # dock -> the strip's height when that dock's tab was last left
        self.current = None  # the tab shown, as far as tab switches told
        window.tabifiedDockWidgetActivated.connect(self._on_chosen)

    def _on_chosen(self, dock):
        if dock not in (self.loss, self.descent):
            return
        if not self.window.isVisible():  # the window being laid out (screen_fit), not a choice
            self.current = dock
            return
        left = self.current or (self.loss if dock is self.descent else self.descent)
        if left is not dock and left.height() > 0:
            self.heights[left] = left.height()  # the strip as it was for the tab left
        self.current = dock
        QTimer.singleShot(0, self, lambda: self._restore(dock))  # after the switch settles

    def _restore(self, dock):
        tabbed = self.descent in self.window.tabifiedDockWidgets(self.loss)
        if not tabbed or dock.isFloating() or not dock.isVisible():
            return
        height = self.heights.get(dock)
        if height is None and dock is self.descent:
            height = max(dock.height(), int(self.window.height() * DESCENT_SHARE))
        if height is not None and abs(height - dock.height()) > 2:
            # resizeDocks sizes the strip, which holds the dock and the tab bar under it
            self.window.resizeDocks([dock], [height + self._tab_bar_height()], Qt.Vertical)

    def _tab_bar_height(self):
        """The height of the tab bar that switches the two docks (0 when there is none)."""
        for bar in self.window.findChildren(QTabBar):
            if bar.parent() is self.window and bar.isVisible() and any(
                    bar.tabText(i) == self.loss.windowTitle() for i in range(bar.count())):
                return bar.height()
        return 0
