"""Presentation mode: one toggle for a projector — large fonts, thick lines, high contrast,
full screen — and the key map every demo action is on (F1 shows it)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QToolBar
from PySide6.QtGui import QAction, QKeySequence

from .screen_fit import WIDE, available

# (key, what it does), in the order a demo uses them. The window binds the same keys.
KEYS = [
    ("→", "one phase: forward or backward through one layer, or the update"),
    ("←", "back one phase"),
    ("A", "autoplay: the phases one after another at a pace, the math panel following"),
    ("Space", "one whole update"),
    ("Backspace", "back one update"),
    ("E", "to the end of the epoch"),
    ("Return", "run / pause"),
    ("+  −", "faster / slower"),
    ("Home  End", "to step 0 / to the end of the run (the timeline keeps it)"),
    ("Ctrl+R", "reset: the initial weights, a new run"),
    ("Ctrl+Z", "undo the last change by hand (a typed weight, a neuron, points) or Reset"),
    ("G", "edges show gradients instead of weights"),
    ("Ctrl+=  Ctrl+−  Ctrl+0", "text larger / smaller / as it was, for the back row (remembered)"),
    ("F5", "presentation mode: large, high contrast, full screen"),
    ("F1", "this list"),
    ("Ctrl+O  Ctrl+S", "open / save a config"),
    ("Ctrl+W", "save weights"),
    ("Ctrl+L", "load a training CSV"),
    ("Ctrl+T  Ctrl+P", "test / predict on a CSV"),
    ("Ctrl+Q", "quit"),
]

# Black on white, bold and large: what stays legible on a washed-out projector. Sizes are for a
# 1080-pixel-high screen and scale with the screen's height (style_for): 17 pt on a 1024×768
# projector pushed η and the speed into the tool bar's overflow (defect 3).
STYLE = """
QWidget {{ font-size: {base}pt; color: black; }}
QMainWindow, QDockWidget, QTabWidget, QScrollArea, QToolBar {{ background: white; }}
QToolBar {{ border-bottom: 2px solid black; spacing: 6px; }}
QToolButton {{ font-weight: bold; padding: 3px 8px; }}
QTabBar::tab {{ padding: 5px 12px; }}
QTabBar::tab:selected {{ font-weight: bold; border-bottom: 4px solid black; }}
QStatusBar QLabel {{ font-size: {status}pt; }}
"""


def _scale(screen_height):
    return min(1.2, max(0.7, screen_height / 1080))


def text_pt_for(screen_height):
    """The size of presentation mode's text on a screen `screen_height` pixels high."""
    return round(17 * _scale(screen_height))


def style_for(screen_height):
    """The presentation style sheet for a screen `screen_height` pixels high."""
    return STYLE.format(base=text_pt_for(screen_height),
                        status=round(15 * _scale(screen_height)))


def key_map_html():
    rows = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{what}</td></tr>" for k, what in KEYS)
    return f"<table cellspacing='4'>{rows}</table>"


class Presentation(QObject):
    """Turns presentation mode on and off for `window` (its graph, loss plot and panels)."""

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.on = False
        self._was_maximized = False
        self.action = QAction("Presentation mode", window)
        self.action.setCheckable(True)
        self.action.setShortcuts([QKeySequence("F5"), QKeySequence("F11")])
        self.action.setShortcutContext(Qt.WindowShortcut)
        self.action.setToolTip("Large fonts, thick lines, high contrast, full screen (F5)")
        self.action.toggled.connect(self.set)
        window.addAction(self.action)
        # Escape leaves (never enters) presentation mode, as in a slide show.
        self.leave_action = QAction("Leave presentation mode", window)
        self.leave_action.setShortcut(QKeySequence(Qt.Key_Escape))
        self.leave_action.setShortcutContext(Qt.WindowShortcut)
        self.leave_action.triggered.connect(lambda: self.set(False))
        window.addAction(self.leave_action)
        self._saved_state = None  # the docks and bars as they were before presentation mode

    def layout_before(self):
        """The docks' layout to remember: the one before presentation mode while it is on."""
        return self._saved_state if self.on else None

    def set(self, on):
        on = bool(on)
        if on == self.on:
            return
        self.on = on
        w = self.window
        if self.action.isChecked() != on:
            self.action.setChecked(on)
        height = available(w).height()
        w.setStyleSheet(style_for(height) if on else "")
        shape_bar = getattr(w, "shape_bar", None)  # editing the network: not for the projector
        if shape_bar is not None:
            shape_bar.setVisible(not on)
        w.graph.set_presentation(on)
        w.loss_plot.set_presentation(on)
        w.details.set_presentation(on)
        # (the views themselves may not be built yet: the dock gives it them when they are)
        w.descent_dock.set_presentation(on, text_pt_for(height))
        if on:
            self._was_maximized = w.isMaximized()
            self._saved_state = w.saveState()
            w.side_tabs.setCurrentWidget(w.side_tabs.widget(w.SELECTION_TAB))
            w.showFullScreen()
        elif self._was_maximized:
            w.showMaximized()
        else:
            w.showNormal()
        QTimer.singleShot(0, self._arrange)

    def _arrange(self):
        """The math panel gets room for its formulas; the loss plot and the gradient-descent
        views share the bottom strip as tabs (on a small screen, tabs beside the math panel)."""
        w = self.window
        side, loss, descent = (w.findChild(QDockWidget, name)
                               for name in ("Experiment", "Loss", "Gradient descent"))
        if self.on:
            # Large text needs the bottom strip whole: the loss plot and the gradient-descent
            # views become tabs of one dock there.
            area = available(w)
            narrow = area.width() < WIDE or area.height() < 800
            speed_bar = w.findChild(QToolBar, "Speed")
            if narrow and speed_bar is not None:  # η and the speed on a row of their own
                w.insertToolBarBreak(speed_bar)
            # A message is written on two lines there (the bar keeps them while the mode
            # lasts: a bar that grew with a message would move the graph).
            w.status.set_message_lines(2 if narrow else 1)
            if narrow:
                # A projector's 768 or 720 rows cannot hold the graph with its numbers and a
                # loss plot beneath (it was 30 px high): the loss plot and the gradient-descent
                # views become tabs beside the math panel, the graph takes the full height.
                w.tabifyDockWidget(side, loss)
                w.tabifyDockWidget(side, descent)
                side.raise_()
                w.resizeDocks([side], [int(w.width() * 0.35)], Qt.Horizontal)
            else:
                w.tabifyDockWidget(loss, descent)
                loss.raise_()
                w.resizeDocks([side], [int(w.width() * 0.42)], Qt.Horizontal)
                # (of the screen: the window may not be full screen yet)
                w.resizeDocks([loss], [int(area.height() * 0.3)], Qt.Vertical)
            return
        w.status.set_message_lines(1)
        if self._saved_state is not None and w.restoreState(self._saved_state):
            self._saved_state = None  # the layout as it was before, tabs and sizes
        else:
            w.splitDockWidget(loss, descent, Qt.Horizontal)
            w.resizeDocks([side], [380], Qt.Horizontal)
            w.resizeDocks([loss], [260], Qt.Vertical)
