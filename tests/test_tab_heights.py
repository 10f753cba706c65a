"""On a narrow screen the loss plot and the gradient-descent views are tabs of one bottom strip
sized for the loss plot; at 1280×800 the descent maps were a 40 px sliver (seen on a real screen:
a teacher had to find the splitter). Choosing the descent tab now gives the strip half the
window, choosing the loss tab gives it its own height back, and a dragged height is kept."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QTabBar

from mlpviz.gui import screen_fit
from conftest import open_window

FRAME = screen_fit.FRAME


@pytest.fixture
def window(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path)
    w.setWindowState(Qt.WindowNoState)
    w.resize(1280 - FRAME[0], 800 - FRAME[1])  # laid out for its (narrow, offscreen) screen
    qtbot.waitUntil(lambda: w.height() == 800 - FRAME[1])
    return w


def docks(window):
    return window.findChild(QDockWidget, "Loss"), window.findChild(QDockWidget, "Gradient descent")


def choose(qtbot, dock):
    """Click the dock's tab under the strip (what a user does; raise_() alone is no tab switch)."""
    window = dock.parent()
    bars = [bar for bar in window.findChildren(QTabBar) if bar.parent() is window]
    for bar in bars:
        for i in range(bar.count()):
            if bar.tabText(i) == dock.windowTitle():
                if bar.currentIndex() != i:
                    qtbot.mouseClick(bar, Qt.LeftButton, pos=bar.tabRect(i).center())
                qtbot.waitUntil(lambda: bar.currentIndex() == i)
    qtbot.waitUntil(dock.isVisible)
    qtbot.wait(50)  # the strip is resized on the next turn of the event loop


def test_the_descent_tab_gets_half_the_window_and_the_loss_tab_its_height_back(qtbot, window):
    loss, descent = docks(window)
    assert descent in window.tabifiedDockWidgets(loss)
    choose(qtbot, loss)
    loss_height = loss.height()
    assert loss_height < window.height() * 0.4  # sized for the loss plot
    choose(qtbot, descent)
    qtbot.waitUntil(lambda: descent.height() >= window.height() * 0.45)
    choose(qtbot, loss)
    qtbot.waitUntil(lambda: abs(loss.height() - loss_height) <= 3)


def test_a_height_the_user_gives_a_tab_is_kept_for_it(qtbot, window):
    loss, descent = docks(window)
    choose(qtbot, descent)
    qtbot.waitUntil(lambda: descent.height() >= window.height() * 0.45)
    window.resizeDocks([descent], [int(window.height() * 0.36)], Qt.Vertical)  # as a drag does
    qtbot.waitUntil(lambda: descent.height() <= window.height() * 0.4)
    dragged = descent.height()
    choose(qtbot, loss)
    qtbot.waitUntil(lambda: loss.height() < dragged - 20)  # the loss plot's own height
    choose(qtbot, descent)
    qtbot.waitUntil(lambda: abs(descent.height() - dragged) <= 3)
