"""Defect 10: the worked example started at full speed (10 000 updates in under 1.5 s) and the
second Return ran on without end. Each example has a start speed a class can follow, the
status bar says what a run will do, and after a run finishes Return runs as many epochs again."""

import pytest

from mlpviz.core import examples
from mlpviz.core.config import load_config
from conftest import open_window


def test_every_bundled_example_has_a_start_speed_a_class_can_follow():
    for name in examples.names():
        speed = load_config(examples.config_path(name)).startSpeed
        assert 0 < speed <= 30, name


def test_the_window_starts_at_the_examples_speed_and_says_what_return_does(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path)
    assert w.speed_box.currentData() == 2 and w.model.worker.steps_per_second == 2
    message = w.statusBar().currentMessage()
    assert message.startswith("Return runs 10,000 updates at 2 updates/s (about 1 h 23 min)")
    w.running.change_speed(+1)  # 5 a second: 2 000 s
    assert "Return runs 10,000 updates at 5 updates/s (about 33 min)" in \
        w.statusBar().currentMessage()


def test_reset_keeps_the_speed_chosen_a_new_example_takes_its_own(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path)
    w.running.change_speed(+1)
    w.running.reset()
    assert w.speed_box.currentData() == 5
    assert w.open_config(examples.config_path("xor"))
    assert w.speed_box.currentData() == 30


def test_after_a_finished_run_return_runs_as_many_epochs_again(qtbot, tmp_path):
    w = open_window(qtbot, tmp_path, "cheat-sheet")  # 1 000 epochs of 1 row
    w.speed_box.setCurrentIndex(w.speed_box.findData(0))
    w.running.toggle_run()
    qtbot.waitUntil(lambda: not w.model.worker.running and w.model.snapshot is not None
                    and w.model.snapshot.step == 1000, timeout=20_000)
    qtbot.waitUntil(lambda: "Finished" in w.statusBar().currentMessage(), timeout=5000)
    assert w.model.worker.stop_at == 2000
    assert "Return runs 1,000 updates" in w.statusBar().currentMessage()
    w.running.toggle_run()
    qtbot.waitUntil(lambda: not w.model.worker.running and w.model.snapshot.step == 2000,
                    timeout=20_000)
