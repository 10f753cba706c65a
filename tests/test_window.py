"""The main window, offscreen: opening, stepping, running, files, errors and shutdown."""

import json
import shutil

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from mlpviz.cli import main as cli
from mlpviz.core import Experiment
from mlpviz.core.examples import config_path
from mlpviz.core.files import read_minmax, read_weights
from mlpviz.gui.main_window import MainWindow
from conftest import open_window


@pytest.fixture
def errors(monkeypatch):
    """Messages the window would show in a dialog."""
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    return shown


@pytest.fixture
def window(qtbot, tmp_path):
    return open_window(qtbot, tmp_path)


def wait_for_step(qtbot, window, step):
    qtbot.waitUntil(lambda: window.model.snapshot is not None and window.model.snapshot.step == step,
                    timeout=5000)


def test_opens_with_the_worked_example(window):
    assert "Worked example" in window.windowTitle() and "config.json" in window.windowTitle()
    assert window.session.config.sizes == (2, 2, 2)
    assert "0.298371109" in window.about.text() or "worked example" in window.about.text()
    assert window.model.snapshot.step == 0


def test_space_steps_once_and_graph_and_loss_show_the_engines_numbers(qtbot, window):
    before = window.graph.grab().toImage()
    qtbot.keyClick(window, Qt.Key_Space)
    wait_for_step(qtbot, window, 1)
    window.model.refresh()
    W, b = window.session.network(window.model.snapshot.params).W, None
    assert W[2].ravel() == pytest.approx([0.35891648, 0.408666186, 0.511301270, 0.561370121],
                                         abs=5e-9)
    x, y = window.loss_plot.step_curve.getData()
    assert list(x) == [0] and y[0] == pytest.approx(0.298371109, abs=5e-10)
    assert window.graph.grab().toImage() != before


def test_run_then_pause_equals_the_command_line_bit_for_bit(qtbot, window, tmp_path,
                                                            monkeypatch):
    assert window.open_config(config_path("xor"))
    window.speed_box.setCurrentIndex(window.speed_box.findData(1000))  # slow enough to catch
    window.running.toggle_run()
    qtbot.waitUntil(lambda: window.model.snapshot is not None and window.model.snapshot.step > 50,
                    timeout=5000)
    window.running.toggle_run()  # pause
    qtbot.waitUntil(lambda: not window.session.worker.running, timeout=5000)
    window.running.step_epoch()  # finish the epoch it paused in, so the command line can match it
    trainer = window.session.trainer
    qtbot.waitUntil(lambda: window.model.snapshot.step % trainer.steps_per_epoch == 0
                    and window.model.snapshot.step > 50 and not window.model.snapshot.running, timeout=5000)
    qtbot.wait(50)
    window.model.refresh()
    epochs = window.model.snapshot.step // trainer.steps_per_epoch
    monkeypatch.chdir(tmp_path)
    assert cli(["train", "xor", "--epochs", str(epochs), "--quiet",
                "--weights-out", "w.json"]) == 0
    from_cli = read_weights(tmp_path / "w.json", (2, 4, 1))
    assert np.array_equal(from_cli, window.model.snapshot.params)


def test_learning_rate_changes_while_running(qtbot, window):
    window.speed_box.setCurrentIndex(window.speed_box.findData(100))
    window.running.toggle_run()
    window.running.set_learning_rate(0.25)
    qtbot.waitUntil(lambda: window.model.snapshot.learning_rate == 0.25, timeout=5000)
    assert window.rate_box.value() == 0.25 and window.session.worker.running
    window.running.toggle_run()


def test_closing_during_a_run_stops_the_thread(qtbot, tmp_path):
    w = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    w.open_config(config_path("sine"))
    w.show()
    w.running.toggle_run()
    qtbot.waitUntil(lambda: w.model.snapshot is not None and w.model.snapshot.step > 10, timeout=5000)
    worker = w.session.worker
    w.close()
    assert worker.isFinished()


def test_a_run_stops_by_itself_after_the_configured_epochs(qtbot, window):
    window.open_config(config_path("cheat-sheet"))
    window.speed_box.setCurrentIndex(window.speed_box.findData(0))  # full speed
    window.running.toggle_run()
    qtbot.waitUntil(lambda: window.model.snapshot.step == 1000 and not window.model.snapshot.running,
                    timeout=10000)
    assert window.run_action.text() == "Run"


def test_a_broken_config_shows_the_message_and_changes_nothing(window, errors, tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text('{"inputNodes": 2, "outputNodes": ')
    experiment, title = window.session.experiment, window.windowTitle()
    assert not window.open_config(broken)
    assert len(errors) == 1 and "broken.json" in errors[0] and "line 1" in errors[0]
    assert window.session.experiment is experiment and window.windowTitle() == title


def test_a_broken_training_csv_changes_nothing(window, errors, tmp_path):
    bad = tmp_path / "data.csv"
    bad.write_text("a,b,c,d\n1,2,3,4\n1,x,3,4\n")
    experiment = window.session.experiment
    assert not window.files.load_training_csv(bad)
    assert "data.csv" in errors[0] and "line 3" in errors[0]
    assert window.session.experiment is experiment


def test_own_data_train_save_reopen_and_predict_in_the_datas_units(qtbot, window, tmp_path,
                                                                     errors):
    folder = tmp_path / "mine"
    shutil.copytree(config_path("cheat-sheet-4-rows").parent, folder)
    assert window.open_config(folder / "config.json")
    window.session.worker.request_steps(4000)
    qtbot.waitUntil(lambda: window.model.snapshot.step == 4000, timeout=10000)
    assert window.files.save_weights(tmp_path / "w.json") and window.files.save_minmax(tmp_path / "m.json")
    assert read_minmax(tmp_path / "m.json")["maxOutput"].tolist() == [91.0]
    assert window.open_config(folder / "config.json")  # tomorrow
    assert window.files.open_weights(tmp_path / "w.json")
    window.model.refresh()
    dialog = window.files.predict_csv(folder / "training.csv", show=False)
    assert dialog.labels == ["i0", "i1", "z0 (target)", "z0 (predicted)"]  # the file's targets too
    assert dialog.rows[:, 2].tolist() == [91, 82, 80, 68]
    predicted = dialog.rows[:, 3]
    assert predicted == pytest.approx([91, 82, 80, 68], abs=8) and predicted.min() > 60
    assert not errors


def test_editing_the_architecture_resets_with_a_new_shape(window):
    window.editor.hidden.setText("4, 3")
    window.editor.hidden_activation.setCurrentText("tanh")
    window.configuring.apply_settings()
    assert window.session.config.sizes == (2, 4, 3, 2)
    assert window.session.config.initWeightsBiasesMethod == "random"
    assert window.model.snapshot.step == 0


def test_a_bad_layer_list_is_refused(window, errors):
    window.editor.hidden.setText("three")
    window.configuring.apply_settings()
    assert errors and "three" in errors[0] and window.session.config.sizes == (2, 2, 2)


def test_save_config_as_keeps_the_files_it_names(window, tmp_path):
    target = tmp_path / "sub" / "copy.json"
    target.parent.mkdir()
    assert window.files.save_config_as(target)
    assert Experiment.load(target).train.values.tolist() == [[0.05, 0.1, 0.01, 0.99]]
    assert json.loads(target.read_text())["learningRate"] == 0.5
    assert str(target.resolve()) in window.files.recent.files()


def test_recent_files_and_geometry_are_remembered(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    w = MainWindow(settings)
    w.open_config(config_path("xor"))
    w.resize(640, 480)
    w.close()
    again = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(again, before_close_func=lambda w: w.model.shutdown())
    assert str(config_path("xor").resolve()) in again.files.recent.files()
    assert (again.size().width(), again.size().height()) == (640, 480)


def test_the_math_panel_shows_the_worked_examples_numbers_and_follows_a_step(qtbot, window):
    from mlpviz.gui.graph.style import Selection

    window.model.refresh()
    window.graph.selected.emit(Selection("neuron", 1, 0))
    text = window.details.text_lines()
    assert "0.15·0.05 + 0.2·0.1 + 0.35·1 = 0.3775" in text
    assert "σ(0.3775) = 0.593269992" in text and "= 0.298371109" in text
    window.graph.selected.emit(Selection("weight", 2, 0, 0))
    assert "w5⁺ = w5 − η · ∂E/∂w5 = 0.4 − 0.5 · 0.082167041 = 0.35891648" in \
        window.details.text_lines()
    window.running.step()
    wait_for_step(qtbot, window, 1)
    assert "w5 = 0.35891648" in window.details.text_lines()
