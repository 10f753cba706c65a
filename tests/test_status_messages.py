"""Issue 11, left over: in presentation mode on a 1024×768 projector a long status message was
cut by the permanent fields ("Preparing the training loop (compiled once, the f"): QStatusBar
draws a message on one line in the room they leave. The message line (bars/status.py) wraps it
onto up to three lines beside them; a longer one ends in "…", the whole of it in the tooltip."""

import pytest
from PySide6.QtCore import QRect, Qt

from conftest import open_window
from mlpviz.gui.bars import status
from mlpviz.gui.controllers.preparing import PREPARING
from mlpviz.gui.presentation import style_for

RUN_HINT = "Return runs 10,000 updates at 2 updates/s (about 1 h 23 min); + and − change the speed."


@pytest.fixture
def window(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path)
    w.setStyleSheet(style_for(768))  # presentation mode's fonts on a 1024×768 projector
    w.resize(1024, 768)
    qtbot.waitUntil(lambda: w.width() == 1024)
    return w


def text_height(label, text):
    fm = label.fontMetrics()
    return fm.boundingRect(QRect(0, 0, label.contentsRect().width(), 100_000),
                           Qt.TextWordWrap, text).height()


@pytest.mark.parametrize("text", [PREPARING, RUN_HINT])
def test_a_long_message_is_shown_whole_beside_the_status_line(qtbot, window, text):
    bar, line = window.statusBar(), window.status.message
    window.model.say(text, 0)
    qtbot.waitUntil(lambda: bar.currentMessage() == text and line.text() == text)
    if text == RUN_HINT:  # wider than the room the permanent fields leave: one line is cut
        assert line.fontMetrics().horizontalAdvance(text) > window.status.geometry().left()
    qtbot.waitUntil(lambda: line.contentsRect().height() >= text_height(line, text))
    assert line.isVisible() and line.geometry().right() < window.status.geometry().left()
    assert line.toolTip() == text
    window.model.say("Speed: 5 updates/s", 0)  # a short one: the bar is one line again
    qtbot.waitUntil(lambda: line.height() < 2 * line.fontMetrics().lineSpacing())
    assert line.text() == "Speed: 5 updates/s"


def test_a_message_longer_than_its_lines_ends_in_an_ellipsis_with_the_whole_in_the_tooltip(
        qtbot, window):
    text = " ".join(["a very long message"] * 30)
    window.model.say(text, 0)
    line = window.status.message
    qtbot.waitUntil(lambda: line.toolTip() == text and line.text().endswith(" …"))
    qtbot.waitUntil(lambda: line.contentsRect().height() >= text_height(line, line.text()))
    lines = text_height(line, line.text()) / line.fontMetrics().lineSpacing()
    assert round(lines) <= status.MAX_LINES
    assert line.geometry().bottom() <= window.height()
