"""Issue 11, left over: in presentation mode on a 1024×768 projector a long status message was
cut by the permanent fields ("Preparing the training loop (compiled once, the f"): QStatusBar
draws a message on one line in the room they leave. Now the permanent line is written short
while a message needs the room, and in presentation mode on a narrow screen the message line
has two lines; a longer message ends in "…", the whole in the tooltip. A message never changes
the bar's height (first tried: the bar grew with a long message, the graph shrank, and a
recording's pictures changed size: test_recording caught it)."""

import pytest
from PySide6.QtCore import QRect, Qt

from conftest import open_window
from mlpviz.gui.controllers.preparing import PREPARING
from mlpviz.gui.presentation import style_for

RUN_HINT = "Return runs 10,000 updates at 2 updates/s (about 1 h 23 min); + and − change the speed."


def projector_window(qtbot, tmp_path, presentation):
    w = open_window(qtbot, tmp_path)
    if presentation:  # its fonts on a 1024×768 projector, and its two message lines there
        w.setStyleSheet(style_for(768))
        w.status.set_message_lines(2)
    w.resize(1024, 768)
    qtbot.waitUntil(lambda: w.width() == 1024)
    qtbot.wait(50)
    return w


def text_height(label, text):
    fm = label.fontMetrics()
    return fm.boundingRect(QRect(0, 0, label.contentsRect().width(), 100_000),
                           Qt.TextWordWrap, text).height()


@pytest.mark.parametrize("presentation", [True, False])
@pytest.mark.parametrize("text", [PREPARING, RUN_HINT])
def test_a_long_message_is_shown_whole_beside_the_status_line(qtbot, tmp_path, text,
                                                              presentation):
    window = projector_window(qtbot, tmp_path, presentation)
    bar, line, status = window.statusBar(), window.status.message, window.status
    graph_height, bar_height = window.graph.height(), bar.height()
    full = status.texts[0]  # (a message may show already: the run hint)
    window.model.say(text, 0)
    qtbot.waitUntil(lambda: bar.currentMessage() == text and line.toolTip() == text)
    if presentation or text == PREPARING:  # what the room holds (one line at normal size)
        qtbot.waitUntil(lambda: line.text() == text)  # whole
        qtbot.waitUntil(lambda: line.contentsRect().height() >= text_height(line, text))
    assert line.isVisible() and line.geometry().right() < status.geometry().left()
    beside_full = bar.width() - status.fontMetrics().horizontalAdvance(full)
    if not line.fits(text, beside_full):  # no room beside the full line: it is short
        assert status.text().startswith("step 0 · epoch 0 · loss —")
    qtbot.wait(50)
    assert window.graph.height() == graph_height and bar.height() == bar_height
    window.model.say("Speed: 5 updates/s", 0)  # a short one: the full line again
    qtbot.waitUntil(lambda: line.text() == "Speed: 5 updates/s" and status.text() == full)
    assert window.graph.height() == graph_height and bar.height() == bar_height


def test_a_message_longer_than_its_lines_ends_in_an_ellipsis_with_the_whole_in_the_tooltip(
        qtbot, tmp_path):
    window = projector_window(qtbot, tmp_path, True)
    graph_height = window.graph.height()
    text = " ".join(["a very long message"] * 30)
    window.model.say(text, 0)
    line = window.status.message
    qtbot.waitUntil(lambda: line.toolTip() == text and line.text().endswith(" …"))
    qtbot.waitUntil(lambda: line.contentsRect().height() >= text_height(line, line.text()))
    assert round(text_height(line, line.text()) / line.fontMetrics().lineSpacing()) <= 2
    assert window.graph.height() == graph_height


def test_the_status_line_is_written_short_while_a_message_needs_its_room(qtbot, tmp_path):
    window = projector_window(qtbot, tmp_path, False)
    window.resize(900, 700)
    qtbot.waitUntil(lambda: window.width() == 900)
    status, line = window.status, window.status.message
    full = status.texts[0]  # (a message may show already: the run hint)
    assert line.fontMetrics().horizontalAdvance(RUN_HINT) > 900 - status.width()  # no room
    window.model.say(RUN_HINT, 0)
    qtbot.waitUntil(lambda: status.text() == "step 0 · epoch 0 · loss — · η 0.5 · sample 1/1")
    qtbot.waitUntil(lambda: line.text() == RUN_HINT)  # whole, in the room the short line left
    window.statusBar().clearMessage()
    qtbot.waitUntil(lambda: status.text() == full)
