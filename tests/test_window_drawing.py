"""What the window draws (issue 11, graphfix): the hover tooltips against the math panel, the loss
plot after Reset, the δ colour bar before a backward pass, Help ▸ About. Each test would have
caught its defect; the real screens are looked at with tools/rehearse.py."""

import pytest
from PySide6.QtCore import Qt

from mlpviz.gui.graph.style import Selection
from conftest import open_window


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window(qtbot, tmp_path)


def settled(qtbot, window, step, phase=None):
    qtbot.waitUntil(lambda: (window.model.refresh(), window.model.snapshot is not None
                             and window.model.snapshot.step == step
                             and (phase is None or window.model.phase == phase))[1],
                    timeout=10000)


def test_the_tooltip_says_what_the_math_panel_says(qtbot, window):
    """Defect 14: after → (forward through layer 1) the panel showed net_h1 = 0.3775 and the
    tooltip "net = –"; it named a weight w[1][0][0] where the panel said w1."""
    window.running.step_phase()
    settled(qtbot, window, 0, phase=1)
    window.model.select(Selection("neuron", 1, 0))
    panel = window.details.text_lines()
    assert "= 0.3775" in panel  # 0.15·0.05 + 0.2·0.1 + 0.35·1
    lines = window.graph.tooltip_lines(Selection("neuron", 1, 0))
    assert lines[:3] == ["neuron h1 (hidden layer 1)", "net_h1 = 0.3775", "out_h1 = 0.593269992"]
    assert "out_h1 = σ(net_h1) = σ(0.3775) = 0.593269992" in panel
    window.model.select(Selection("weight", 1, 0, 0))
    assert window.details.title == "weight w1"
    assert window.graph.tooltip_lines(Selection("weight", 1, 0, 0))[:2] == [
        "w1 connects i1 → h1", "w1 = 0.15"]


def test_after_reset_the_loss_plot_shows_the_new_run(qtbot, window):
    """Defect 8: after a long run, Ctrl+R and one step left the step axis at ±5000 around the
    new run's only point: the plot looked empty."""
    vb = window.loss_plot.plot_widget.getPlotItem().getViewBox()
    window.loss_plot.append_steps([0.3] * 5000)  # as a long run leaves it
    window.loss_plot.refresh()
    window.loss_plot.grab()
    assert vb.viewRange()[0][1] > 4000
    qtbot.keyClick(window, Qt.Key_R, Qt.ControlModifier)
    settled(qtbot, window, 0)
    qtbot.keyClick(window, Qt.Key_Space)
    settled(qtbot, window, 1)
    window.loss_plot.refresh()
    window.loss_plot.grab()
    (x0, x1), (y0, y1) = vb.viewRange()
    assert window.loss_plot.step_count() == 1
    assert x0 <= 0 <= x1 and x1 - x0 <= 2, (x0, x1)
    assert y0 <= 0.298371109 <= y1 and y1 - y0 <= 1  # E of the worked example's first pass


def test_the_gradient_button_names_its_key(window):
    """Defect 21: its tooltip did not mention G."""
    from PySide6.QtWidgets import QToolBar, QToolButton

    tip = window.act.gradients.toolTip()
    assert "(G)" in tip and "gradient" in tip
    buttons = [b for bar in window.findChildren(QToolBar) for b in bar.findChildren(QToolButton)
               if b.defaultAction() is window.act.gradients]
    assert buttons and all("(G)" in b.toolTip() for b in buttons)


def test_about_credits_the_two_tutorials_and_names_the_version(qtbot, window, monkeypatch):
    """Defect 21: Help ▸ About was one sentence."""
    from PySide6.QtWidgets import QMessageBox

    from mlpviz import __version__

    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window.act.about.trigger()
    text = shown[0]
    assert f"mlpviz {__version__}" in text
    assert "Back Propagation for MLP" in text  # the worked example, as it titles itself
    assert "The Math Behind Training MLP Neural Networks" in text  # the cheat sheet


def test_frozen_biases_get_no_gradient_in_the_window(qtbot, window):
    """Defect 21: the worked example never trains its biases; in gradient mode their edges
    showed a gradient as if it were used."""
    assert not window.model.trainer.train_biases
    qtbot.keyClick(window, Qt.Key_Space)
    settled(qtbot, window, 1)
    window.act.gradients.trigger()
    graph = window.graph
    biases = [t.toPlainText() for k, t in graph._edge_texts.items() if graph._edge_source[k] < 0]
    weights = [t.toPlainText() for k, t in graph._edge_texts.items() if graph._edge_source[k] >= 0]
    assert biases == ["", "", "", ""] and all(weights)


def test_font_zoom_for_the_back_row_is_remembered(qtbot, tmp_path):
    """Issue 11: Ctrl+= / Ctrl++ larger, Ctrl+− smaller, Ctrl+0 as it was; the graph's
    numbers, the math panel and the loss plot follow; the next start keeps it; in presentation
    mode too."""
    from mlpviz.gui.zoom import KEY

    window = open_window(qtbot, tmp_path)
    qtbot.waitUntil(window.isActiveWindow)  # keys go to the active window
    graph_pt, panel_pt = window.graph._style.font_pt, window.details.font_pt()
    tick_pt = window.loss_plot.font().pointSizeF()
    qtbot.keyClick(window, Qt.Key_Equal, Qt.ControlModifier)
    qtbot.keyClick(window, Qt.Key_Plus, Qt.ControlModifier)
    assert window.zoom.level == 2
    assert window.graph._style.font_pt == pytest.approx(graph_pt * 1.15 ** 2)
    assert window.details.font_pt() > panel_pt
    assert window.loss_plot.font().pointSizeF() == pytest.approx(tick_pt * 1.15 ** 2)
    assert window.settings.value(KEY) in (2, "2")
    window.settings.sync()
    window.close()
    again = open_window(qtbot, tmp_path)  # the same settings file: a restart
    qtbot.waitUntil(again.isActiveWindow)
    assert again.zoom.level == 2
    assert again.graph._style.font_pt == pytest.approx(graph_pt * 1.15 ** 2)
    qtbot.keyClick(again, Qt.Key_Minus, Qt.ControlModifier)
    assert again.zoom.level == 1
    again.presentation.set(True)
    presented = again.graph._style.font_pt
    qtbot.keyClick(again, Qt.Key_Equal, Qt.ControlModifier)
    big = again.graph._style.font_pt
    assert big == pytest.approx(presented * 1.15)  # zoom applies in presentation mode too
    width = again.minimumSizeHint().width()
    for _ in range(6):
        qtbot.keyClick(again, Qt.Key_Equal, Qt.ControlModifier)
    assert again.minimumSizeHint().width() <= max(width, 1024)  # the window still fits
    assert again.zoom.level == 6  # at most 2.3×
    qtbot.keyClick(again, Qt.Key_0, Qt.ControlModifier)
    assert again.zoom.level == 0 and again.graph._style.font_pt < big
    again.presentation.set(False)
    assert again.graph._style.font_pt == pytest.approx(graph_pt)
    assert again.step_label is not None and again.model.snapshot is not None  # no demo key fired


def test_the_demo_keys_are_not_taken_by_the_zoom(qtbot, window):
    """Plain + and − stay the speed keys."""
    qtbot.waitUntil(window.isActiveWindow)
    speed = window.speed_box.currentIndex()
    qtbot.keyClick(window, Qt.Key_Plus)
    assert window.speed_box.currentIndex() != speed
    qtbot.keyClick(window, Qt.Key_Minus)
    assert window.zoom.level == 0 and window.speed_box.currentIndex() == speed
