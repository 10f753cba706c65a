"""Typing a weight's value from the math panel (issue 15's leftover): a "Set value…" link beside
the title of a selected weight or bias (and the same in its right-click menu) asks for the value
as a double-click on the graph does, through the same change by hand that Back undoes."""

import numpy as np
import pytest
from PySide6.QtWidgets import QInputDialog

from mlpviz.core.network import layer_views
from mlpviz.gui.graph.style import Selection
from mlpviz.gui.panels.math_panel import SET_VALUE
from conftest import open_window


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window(qtbot, tmp_path)


@pytest.fixture
def answers(monkeypatch):
    """What the value dialog is answered with; the labels it was asked with."""
    asked, given = [], []

    def answer(parent, title, label, text=""):
        asked.append(label)
        return given.pop(0), True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    return asked, given


def weights(window):
    return layer_views(window.model.snapshot.params, window.model.config.sizes)


def test_the_link_shows_for_a_weight_or_bias_and_not_for_a_neuron(window):
    panel = window.details
    window.model.select(Selection("weight", 2, 0, 0))
    assert panel.settable and f"href='{SET_VALUE}'" in panel.text()
    assert "Set value…" in panel.text()
    window.model.select(Selection("bias", 1, 0))
    assert panel.settable and "Set value…" in panel.text()
    window.model.select(Selection("neuron", 1, 0))
    assert not panel.settable and "Set value…" not in panel.text()
    window.model.select(None)
    assert not panel.settable and "Set value…" not in panel.text()


def test_the_link_sets_w5_and_back_undoes_it(qtbot, window, answers):
    asked, given = answers
    window.model.select(Selection("weight", 2, 0, 0))
    given.append("0,45")  # a decimal comma, as the graph's dialog takes it
    window.details.linkActivated.emit(SET_VALUE)  # what a click on the link sends
    qtbot.waitUntil(lambda: weights(window)[0][2][0, 0] == 0.45, timeout=15000)
    assert asked[0].startswith("w5 (now 0.4)")
    assert "w5 (h1 → o1) set to 0.45, was 0.4" in window.statusBar().currentMessage()
    # the panel follows: its numbers are the new weight's
    qtbot.waitUntil(lambda: "w5 = 0.45" in window.details.text_lines(), timeout=15000)
    window.running.back()
    qtbot.waitUntil(lambda: weights(window)[0][2][0, 0] == 0.4, timeout=15000)


def test_the_right_click_menu_sets_a_bias(qtbot, window, answers):
    asked, given = answers
    window.model.select(Selection("bias", 2, 1))
    menu = window.details.context_menu()
    entry = [a for a in menu.actions() if a.text().startswith("Set the value of")]
    assert len(entry) == 1
    given.append("-1.25")
    entry[0].trigger()
    qtbot.waitUntil(lambda: weights(window)[1][2][1] == -1.25, timeout=15000)
    window.model.select(Selection("neuron", 2, 1))
    assert not [a for a in window.details.context_menu().actions()
                if a.text().startswith("Set the value of")]


def test_a_click_on_the_link_in_the_real_panel(qtbot, window, answers):
    """The link is where the title is, and a left click on it asks (not only emit)."""
    from PySide6.QtCore import QPoint, Qt
    asked, given = answers
    window.side_tabs.setCurrentIndex(window.SELECTION_TAB)
    window.model.select(Selection("weight", 2, 0, 0))
    panel = window.details
    qtbot.waitExposed(panel)
    given.append("0.3")
    # The link follows the bold title on the first line: click along that line until it asks.
    y = panel.margin() + panel.fontMetrics().height() // 2 + 2
    for x in range(panel.margin(), panel.width() - panel.margin(), 6):
        qtbot.mouseClick(panel, Qt.LeftButton, pos=QPoint(x, y))
        if asked:
            break
    assert asked, "no click on the title line reached the link"
    qtbot.waitUntil(lambda: weights(window)[0][2][0, 0] == 0.3, timeout=15000)
    assert np.isfinite(window.model.snapshot.params).all()
