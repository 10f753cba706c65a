"""Reset no longer loses changes by hand (issue 15's leftover): the run a Reset (or Apply from this
step) ends is kept, and Back at the very start of the new run brings it back, at the step and in
the branch it was, with its loss curve; Back then undoes its changes in turn."""

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from mlpviz.core.edits import set_weight
from mlpviz.core.network import layer_views
from mlpviz.gui.run.ended_runs import KEPT, EndedRun, keep
from conftest import open_window


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from mlpviz.gui.run import warm_up
    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    w = open_window(qtbot, tmp_path)
    warm_up.prepare()  # its "ready" note must not take the status line from what is checked
    qtbot.waitUntil(lambda: warm_up.ready() and not w.running.preparing.timer.isActive(),
                    timeout=60000)
    return w


def settle(qtbot, window, step):
    qtbot.waitUntil(lambda: window.model.snapshot is not None
                    and window.model.snapshot.step == step
                    and window.session.worker.trainer.step == step
                    and not window.session.worker.running, timeout=15000)


def w5(window):
    W, _ = layer_views(window.model.snapshot.params, window.model.config.sizes)
    return W[2][0, 0]


def type_w5(qtbot, window, value):
    window.model.apply(lambda e, p: set_weight(e, p, 2, 0, 0, value))
    qtbot.waitUntil(lambda: w5(window) == value, timeout=15000)


def steps(qtbot, window, n):
    for _ in range(n):
        step = window.model.snapshot.step
        window.running.step()
        settle(qtbot, window, step + 1)


def message(window):
    return window.statusBar().currentMessage()


def back(qtbot, window, step):
    window.running.back()
    settle(qtbot, window, step)


def test_back_after_reset_brings_the_typed_weight_and_the_run_back(qtbot, window):
    initial = window.model.experiment.initial_params.copy()
    type_w5(qtbot, window, 0.5)  # at step 0: w5 0.4 -> 0.5
    steps(qtbot, window, 3)
    before = window.model.snapshot.params.copy()
    curve = window.loss_plot.history()[1].copy()
    assert len(curve) == 3
    window.running.reset()
    settle(qtbot, window, 0)
    assert np.array_equal(window.model.snapshot.params, initial)
    assert window.loss_plot.step_count() == 0
    assert "Back (Backspace) or Ctrl+Z brings the run before back (step 3, 1 change by hand)" in \
        message(window)
    back(qtbot, window, 3)  # Back at step 0 of the new run: the Reset undone
    qtbot.waitUntil(lambda: window.loss_plot.step_count() == 3, timeout=15000)
    assert np.array_equal(window.model.snapshot.params, before)
    assert np.array_equal(window.loss_plot.history()[1], curve)
    # then the update into step 3 (for the math panel), as a go-to leaves it
    qtbot.waitUntil(lambda: window.model.snapshot.before is not None, timeout=15000)
    assert np.array_equal(window.model.snapshot.params, before)
    assert "Undone: Reset. The run before it is back at step 3, 1 change by hand" in \
        message(window)
    assert window.session.ended == []
    for step in (2, 1, 0):
        back(qtbot, window, step)
    assert w5(window) == 0.5  # step 0 after the change
    window.running.back()  # the change itself
    qtbot.waitUntil(lambda: w5(window) == 0.4, timeout=15000)
    assert np.array_equal(window.model.snapshot.params, initial)
    assert "Undone: w5" in message(window)
    window.running.back()  # nothing left: nothing happens
    qtbot.wait(100)
    assert window.model.snapshot.step == 0 and w5(window) == 0.4


def test_steps_after_reset_are_gone_back_over_first(qtbot, window):
    type_w5(qtbot, window, 0.5)
    steps(qtbot, window, 2)
    window.running.reset()
    settle(qtbot, window, 0)
    steps(qtbot, window, 2)  # the new run from the initial weights
    back(qtbot, window, 1)
    back(qtbot, window, 0)
    assert w5(window) == 0.4
    back(qtbot, window, 2)  # then the Reset
    W, _ = layer_views(window.model.snapshot.params, (2, 2, 2))
    assert W[2][0, 0] != pytest.approx(0.4, abs=1e-3)  # 0.5 after two updates


def test_a_second_reset_of_an_untouched_run_keeps_the_run_with_the_change(qtbot, window):
    type_w5(qtbot, window, 0.5)
    window.running.reset()
    settle(qtbot, window, 0)
    window.running.reset()  # pressed twice: the empty run in between is not kept
    settle(qtbot, window, 0)
    assert len(window.session.ended) == 1
    window.running.back()
    qtbot.waitUntil(lambda: w5(window) == 0.5, timeout=15000)
    assert window.model.snapshot.step == 0


def test_reset_of_a_run_with_nothing_in_it_keeps_nothing_and_back_stays(qtbot, window):
    window.running.reset()
    settle(qtbot, window, 0)
    assert window.session.ended == []
    assert "brings the run before back" not in message(window)
    window.running.back()
    qtbot.wait(100)
    assert window.model.snapshot.step == 0


def test_opening_another_experiment_forgets_the_ended_runs(qtbot, window):
    from mlpviz.core.examples import config_path
    type_w5(qtbot, window, 0.5)
    window.running.reset()
    settle(qtbot, window, 0)
    assert len(window.session.ended) == 1
    assert window.open_config(config_path("worked-example"))
    assert window.session.ended == []


def test_reset_keeps_the_eta_message_and_says_back_brings_the_run_back(qtbot, window):
    type_w5(qtbot, window, 0.5)
    window.rate_box.setValue(1.5)
    qtbot.waitUntil(lambda: window.session.worker.trainer.learning_rate == 1.5, timeout=15000)
    window.running.reset()
    settle(qtbot, window, 0)
    text = message(window)
    assert "Reset with η 1.5 kept (the config says 0.5)." in text
    assert "brings the run before back (step 0, 1 change by hand)" in text


def test_back_at_the_step_of_apply_from_this_step_brings_the_run_before_back(qtbot, window):
    type_w5(qtbot, window, 0.5)
    steps(qtbot, window, 2)
    before = window.model.snapshot.params.copy()
    window.editor.optimizer.name.setCurrentText("momentum")
    window.editor.continue_button.click()
    qtbot.waitUntil(lambda: window.model.trainer.optimizer.settings.name == "momentum",
                    timeout=15000)
    settle(qtbot, window, 2)
    assert "Back there brings the run before back" in message(window)
    steps(qtbot, window, 1)
    back(qtbot, window, 2)
    window.running.back()  # at the step it was applied from: the run before, sgd
    qtbot.waitUntil(lambda: window.model.trainer.optimizer.settings.name == "sgd",
                    timeout=15000)
    settle(qtbot, window, 2)
    assert np.array_equal(window.model.snapshot.params, before)
    assert window.loss_plot.step_count() == 2
    for step in (1, 0):
        back(qtbot, window, step)
    window.running.back()
    qtbot.waitUntil(lambda: w5(window) == 0.4, timeout=15000)


class Run:  # a stand-in for core Branches: what EndedRun reads
    def __init__(self, step, changes):
        self.step, self._changes = step, changes

    def changes(self):
        return [(0, "w")] * self._changes


def test_ended_runs_describe_themselves_and_only_the_latest_are_kept():
    assert EndedRun(Run(12, 2), None, None, None).description() == "step 12, 2 changes by hand"
    assert EndedRun(Run(1_500, 1), None, None, None).description() == \
        "step 1,500, 1 change by hand"
    assert EndedRun(Run(3, 0), None, None, None).description() == "step 3"
    runs = []
    for k in range(KEPT + 2):
        runs = keep(runs, k)
    assert runs == list(range(2, KEPT + 2))
    assert keep(runs, None) == runs


def test_ctrl_z_goes_back_to_before_the_last_change_in_one_key(qtbot, window):
    from PySide6.QtCore import Qt
    initial = window.model.experiment.initial_params.copy()
    steps(qtbot, window, 1)
    after_one = window.model.snapshot.params.copy()
    type_w5(qtbot, window, 0.5)  # at step 1
    steps(qtbot, window, 3)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key_Z, Qt.ControlModifier)  # from step 4: before the change
    qtbot.waitUntil(lambda: "Undone: w5" in message(window), timeout=15000)
    settle(qtbot, window, 1)
    assert np.array_equal(window.model.snapshot.params, after_one)
    window.act.undo.trigger()  # no change left before here, no Reset: nothing happens
    qtbot.waitUntil(lambda: "Nothing to undo" in message(window), timeout=5000)
    assert window.model.snapshot.step == 1
    window.running.go_to(4)  # the change is still ahead on the timeline (redo)
    settle(qtbot, window, 4)
    assert w5(window) != pytest.approx(0.4 - 0.5 * 0.082167041, abs=1e-6)
    window.running.reset()
    settle(qtbot, window, 0)
    steps(qtbot, window, 2)
    window.act.undo.trigger()  # nothing by hand in the new run: the Reset itself
    settle(qtbot, window, 4)
    assert "Undone: Reset" in message(window)
    assert not np.array_equal(window.model.snapshot.params, initial)


def test_ctrl_z_in_the_eta_box_is_the_boxs_own(qtbot, window):
    from PySide6.QtCore import Qt
    type_w5(qtbot, window, 0.5)
    box = window.rate_box
    box.lineEdit().setFocus()
    qtbot.keyClick(box.lineEdit(), Qt.Key_Z, Qt.ControlModifier)
    qtbot.wait(200)
    assert w5(window) == 0.5  # the change by hand is not undone by a key typed in a field


def test_the_test_losses_come_back_with_the_run(qtbot, window):
    from mlpviz.core.playground import open_dataset
    # 15 training points in mini-batches of 10: 2 steps an epoch
    experiment = open_dataset("circle", points=20, test_fraction=0.25, seed=1)
    window.open_generated(experiment)
    qtbot.waitUntil(lambda: window.model.experiment is experiment, timeout=15000)
    for epoch in (1, 2, 3):
        window.running.step_epoch()
        settle(qtbot, window, 2 * epoch)
    qtbot.waitUntil(lambda: len(window.loss_plot.test_history()[0]) == 4, timeout=15000)
    steps_before, tests_before = window.loss_plot.test_history()
    assert steps_before.tolist() == [0, 2, 4, 6]
    window.running.reset()
    settle(qtbot, window, 0)
    assert window.loss_plot.test_history()[0].tolist() == [0]
    window.running.back()
    settle(qtbot, window, 6)
    qtbot.waitUntil(lambda: window.loss_plot.step_count() == 6, timeout=15000)
    steps_after, tests_after = window.loss_plot.test_history()
    assert steps_after.tolist() == [0, 2, 4, 6]
    assert np.array_equal(tests_after, tests_before)
