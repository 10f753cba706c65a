"""η, Reset and Backspace agree with what the window shows (issue 11, #20): the η box, the status
line and the math panel always name the η the next update uses; Reset keeps the η box's value
and says so; Backspace in the middle of an update's phases goes to that update's start first."""

import numpy as np
import pytest
from PySide6.QtCore import Qt

from mlpviz.core.network import layer_views
from mlpviz.gui.graph.style import Selection
from conftest import open_window


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window(qtbot, tmp_path)


def status_line(window):
    return window.status.text()


def at_step(qtbot, window, step):
    qtbot.waitUntil(lambda: window.model.snapshot.step == step
                    and not window.session.worker.running, timeout=10000)


def steps(qtbot, window, n):
    for _ in range(n):
        step = window.model.snapshot.step
        window.running.step()
        at_step(qtbot, window, step + 1)


def test_a_new_eta_while_paused_shows_at_once_in_the_status_line_and_the_math_panel(
        qtbot, window):
    window.model.select(Selection("weight", 2, 0, 0))
    window.rate_box.setValue(2.0)  # paused at step 0: nothing stepped
    qtbot.waitUntil(lambda: "η 2 " in status_line(window), timeout=15000)
    assert window.model.snapshot.step == 0 and window.session.worker.trainer.learning_rate == 2
    assert "w5⁺ = w5 − η · ∂E/∂w5 = 0.4 − 2 · 0.082167041" in window.details.text_lines()
    steps(qtbot, window, 1)
    W, _ = layer_views(window.model.snapshot.params, window.model.config.sizes)
    assert W[2][0, 0] == pytest.approx(0.4 - 2 * 0.082167041)  # = 0.235665918, with η 2
    assert "η 2 " in status_line(window)


def test_reset_keeps_the_eta_shown_and_says_so(qtbot, window):
    steps(qtbot, window, 2)
    window.rate_box.setValue(1.5)
    steps(qtbot, window, 1)
    window.running.reset()
    at_step(qtbot, window, 0)
    window.model.refresh()
    assert window.rate_box.value() == 1.5 and window.editor.learning_rate.value() == 1.5
    assert window.session.worker.trainer.learning_rate == 1.5
    assert "η 1.5 " in status_line(window)
    assert "Reset with η 1.5 kept (the config says 0.5)" in window.statusBar().currentMessage()
    steps(qtbot, window, 1)
    assert window.model.snapshot.learning_rate == 1.5 and "η 1.5 " in status_line(window)


def test_going_back_before_an_eta_change_shows_the_eta_of_that_step(qtbot, window):
    steps(qtbot, window, 2)
    window.rate_box.setValue(3.0)
    steps(qtbot, window, 2)
    window.running.go_to(1)  # before the change: the run had η 0.5 there
    qtbot.waitUntil(lambda: window.model.snapshot.step == 1 and window.rate_box.value() == 0.5,
                    timeout=15000)
    assert "η 0.5 " in status_line(window) and window.session.worker.trainer.learning_rate == 0.5
    window.running.reset()  # Reset keeps what the box shows
    at_step(qtbot, window, 0)
    assert window.session.worker.trainer.learning_rate == 0.5 and window.rate_box.value() == 0.5


def test_the_same_eta_again_is_no_change_and_keeps_the_run_ahead(qtbot, window):
    steps(qtbot, window, 3)
    window.running.go_to(1)
    at_step(qtbot, window, 1)
    window.running.set_learning_rate(0.5)  # what it is: no branch, the run ahead stays
    qtbot.wait(200)
    window.model.refresh()
    assert window.model.snapshot.end == 3
    window.running.set_learning_rate(0.25)  # a new η here: a new branch from step 1
    qtbot.waitUntil(lambda: window.model.snapshot.end == 1, timeout=15000)
    assert "η 0.25 " in status_line(window)


def test_backspace_in_the_middle_of_an_update_goes_to_its_start_first(qtbot, window):
    steps(qtbot, window, 1)
    at_one = window.model.snapshot.params.copy()
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key_Right)  # three phases into the second update
    assert window.model.phase == 3
    qtbot.keyClick(window, Qt.Key_Backspace)  # to this update's start: step 1, whole updates
    qtbot.wait(300)
    window.model.refresh()
    assert window.model.phase is None and window.model.snapshot.step == 1
    assert np.array_equal(window.model.snapshot.params, at_one)
    assert "whole updates" in window.phase_label.text()
    qtbot.keyClick(window, Qt.Key_Backspace)  # now a whole update back
    at_step(qtbot, window, 0)


def test_backspace_after_a_whole_phase_walk_takes_back_that_update(qtbot, window):
    for _ in range(5):
        qtbot.keyClick(window, Qt.Key_Right)  # the five phases: one update done, shown
    at_step(qtbot, window, 1)
    qtbot.keyClick(window, Qt.Key_Backspace)
    at_step(qtbot, window, 0)
    assert window.model.phase is None
