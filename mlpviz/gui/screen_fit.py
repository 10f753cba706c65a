"""The window on the screen it is shown on: its first size, a layout for small screens, the side
panel that folds away, and the layout remembered between sessions.

A 1024×768 projector was the case that broke (defect 1): the first size was 1280×820 whatever
the screen, and the loss plot beside the gradient-descent views needed 1 264 px. Now the window
takes the screen's available size when its usual size does not fit (maximized), and on a screen
narrower than WIDE the loss plot and the gradient-descent views share the bottom strip as tabs.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QDockWidget

USUAL = (1280, 820)
WIDE = 1400  # px: narrower screens get the bottom docks as tabs
FRAME = (16, 48)  # a window manager's frame and title bar, roughly, around the window


def available(window):
    """The available geometry (without panels) of the screen the window is, or will be, on."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def docks(window):
    return {name: window.findChild(QDockWidget, name)
            for name in ("Experiment", "Loss", "Gradient descent")}


def arrange_for_screen(window, area=None):
    """Bottom docks as tabs on a narrow screen; the side panel under a third of the width, the
    loss plot a quarter of the height (at 1024×768 the graph keeps room for all its numbers)."""
    area = area or available(window)
    d = docks(window)
    if area.width() < WIDE and d["Loss"] and d["Gradient descent"]:
        window.tabifyDockWidget(d["Loss"], d["Gradient descent"])
        d["Loss"].raise_()
    elif d["Loss"] and d["Gradient descent"]:  # side by side, the views a fair share
        width = min(area.width(), USUAL[0])
        window.resizeDocks([d["Loss"], d["Gradient descent"]], [width * 4 // 10, width * 6 // 10],
                           Qt.Horizontal)
    if d["Experiment"]:
        window.resizeDocks([d["Experiment"]], [min(380, int(area.width() * 0.29))], Qt.Horizontal)
    if d["Loss"]:
        window.resizeDocks([d["Loss"]], [min(260, area.height() // 4)], Qt.Vertical)


def first_size(window, settings):
    """Restore the remembered geometry and layout, or size the window for this screen; either
    way it ends inside the available screen (maximized where the usual size does not fit)."""
    geometry, state = settings.value("geometry"), settings.value("windowState")
    restored = isinstance(geometry, QByteArray) and window.restoreGeometry(geometry)
    if isinstance(state, QByteArray):
        window.restoreState(state)
    else:
        arrange_for_screen(window)
    area = available(window)
    if not restored:
        window.resize(min(USUAL[0], area.width() - FRAME[0]),
                      min(USUAL[1], area.height() - FRAME[1]))
    if window.width() + FRAME[0] > area.width() or window.height() + FRAME[1] > area.height():
        window.resize(min(window.width(), area.width() - FRAME[0]),
                      min(window.height(), area.height() - FRAME[1]))
        window.setWindowState(window.windowState() | Qt.WindowMaximized)


def remember(window, settings, state=None):
    """Keep the geometry and the docks' layout (`state`: the layout to keep, when the window
    shows another just now, as in presentation mode)."""
    settings.setValue("geometry", window.saveGeometry())
    settings.setValue("windowState", state if state is not None else window.saveState())


def panel_actions(window, menu):
    """View ▸ one check item per dock (the side panel folds away with Ctrl+B)."""
    for name, dock in docks(window).items():
        if dock is None:
            continue
        dock.setFeatures(dock.features() | QDockWidget.DockWidgetClosable)
        action = dock.toggleViewAction()
        action.setText("Side panel" if name == "Experiment" else f"{name} panel")
        if name == "Experiment":
            action.setShortcut(QKeySequence("Ctrl+B"))
            action.setShortcutContext(Qt.WindowShortcut)
            action.setToolTip("Show or hide the side panel: examples, the math panel, settings "
                              "(Ctrl+B)")
        menu.addAction(action)
